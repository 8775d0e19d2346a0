// SPDX-License-Identifier: Apache-2.0
#include "GitLabCiDefinition.h"

#include "GitLabCiConnector.h"
#include "connectors/base/ProviderBuilder.h"

namespace stella {

ProviderDefinition gitLabCiDefinition()
{
    using K = ConfigField::Kind;
    using C = CredentialSlot::Kind;
    return ProviderBuilder(QStringLiteral("GitLabCi"), QStringLiteral("GitLab CI"),
                           IntegrationType::CiCd)
        .endpoint(QStringLiteral("the GitLab URL, e.g. https://gitlab.example.com"))
        .field(QStringLiteral("projectPath"), QStringLiteral("Project or group path"), K::String,
               QStringLiteral("The project (e.g. platform/api) or group (e.g. platform) whose "
                              "pipelines and jobs discovery lists"))
        .intField(QStringLiteral("pageSize"), QStringLiteral("Page size"),
                  QStringLiteral("Entries per page (per_page, at most 100)"), 1, 100)
        .credential(QStringLiteral("token"), QStringLiteral("access token"), C::Token, false,
                    QStringLiteral("A personal, group or project access token with read_api"))
        .httpConnectionFields()
        .connector<GitLabCiConnector>()
        .build();
}

} // namespace stella
