// SPDX-License-Identifier: Apache-2.0
#include "GitLabRegistryConnector.h"
#include "connectors/base/ProviderBuilder.h"

#include <QCoreApplication>

namespace stella {

namespace {
struct GitLabContainerRegistryDefinitionText
{
    Q_DECLARE_TR_FUNCTIONS(stella::GitLabContainerRegistryDefinition)
};
} // namespace

ProviderDefinition GitLabRegistryConnector::definition()
{
    using K = ConfigField::Kind;
    using C = CredentialSlot::Kind;
    return ProviderBuilder(QStringLiteral("GitLabContainerRegistry"),
                           QStringLiteral("GitLab Container Registry"), IntegrationType::Registry)
        .endpoint(GitLabContainerRegistryDefinitionText::tr(
            "the GitLab URL, e.g. https://gitlab.example.com"))
        .field(QStringLiteral("registryUrl"),
               GitLabContainerRegistryDefinitionText::tr("Registry URL"), K::Url,
               GitLabContainerRegistryDefinitionText::tr(
                   "The registry host, e.g. https://registry.gitlab.example.com"))
        .field(QStringLiteral("projectPath"),
               GitLabContainerRegistryDefinitionText::tr("Project or group path"), K::String,
               GitLabContainerRegistryDefinitionText::tr(
                   "The project or group whose registry repositories discovery "
                   "lists, e.g. platform/images"))
        .intField(
            QStringLiteral("pageSize"), GitLabContainerRegistryDefinitionText::tr("Page size"),
            GitLabContainerRegistryDefinitionText::tr("Entries per page (per_page, at most 100)"),
            1, 100)
        .credential(QStringLiteral("token"),
                    GitLabContainerRegistryDefinitionText::tr("access token"), C::Token, false,
                    GitLabContainerRegistryDefinitionText::tr(
                        "A personal, project or group access token with read_api"))
        .httpConnectionFields()
        .connector<GitLabRegistryConnector>()
        .build();
}

} // namespace stella
