// SPDX-License-Identifier: Apache-2.0
#include "GitLabCiDefinition.h"

#include "GitLabCiConnector.h"
#include "connectors/base/ProviderBuilder.h"

#include <QCoreApplication>

namespace stella {

namespace {
struct GitLabCiDefinitionText
{
    Q_DECLARE_TR_FUNCTIONS(stella::GitLabCiDefinition)
};
} // namespace

ProviderDefinition gitLabCiDefinition()
{
    using K = ConfigField::Kind;
    using C = CredentialSlot::Kind;
    return ProviderBuilder(QStringLiteral("GitLabCi"), QStringLiteral("GitLab CI"),
                           IntegrationType::CiCd)
        .endpoint(GitLabCiDefinitionText::tr("the GitLab URL, e.g. https://gitlab.example.com"))
        .field(QStringLiteral("projectPath"), GitLabCiDefinitionText::tr("Project or group path"),
               K::String,
               GitLabCiDefinitionText::tr(
                   "The project (e.g. platform/api) or group (e.g. platform) whose "
                   "pipelines and jobs discovery lists"))
        .intField(QStringLiteral("pageSize"), GitLabCiDefinitionText::tr("Page size"),
                  GitLabCiDefinitionText::tr("Entries per page (per_page, at most 100)"), 1, 100)
        .credential(
            QStringLiteral("token"), GitLabCiDefinitionText::tr("access token"), C::Token, false,
            GitLabCiDefinitionText::tr("A personal, group or project access token with read_api"))
        .httpConnectionFields()
        .connector<GitLabCiConnector>()
        .build();
}

} // namespace stella
