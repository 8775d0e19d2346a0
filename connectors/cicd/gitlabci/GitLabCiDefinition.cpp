// SPDX-License-Identifier: Apache-2.0
#include "GitLabCiDefinition.h"

#include "connectors/base/ProviderBuilder.h"

namespace stella {

ProviderDefinition gitLabCiDefinition()
{
    using K = ConfigField::Kind;
    using C = CredentialSlot::Kind;
    return ProviderBuilder(QStringLiteral("GitLabCi"), QStringLiteral("GitLab CI"),
                           IntegrationType::CiCd)
        .endpoint(QStringLiteral("the GitLab URL, e.g. https://gitlab.example.com"))
        .field(QStringLiteral("projectPath"), QStringLiteral("Project path"), K::String,
               QStringLiteral("Limit discovery to one project, e.g. platform/api"))
        .credential(QStringLiteral("token"), QStringLiteral("access token"), C::Token, false,
                    QStringLiteral("A token with read_api"))
        .httpConnectionFields()
        .build();
}

} // namespace stella
