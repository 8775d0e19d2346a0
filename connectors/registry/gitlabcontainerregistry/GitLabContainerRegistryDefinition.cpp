// SPDX-License-Identifier: Apache-2.0
#include "GitLabRegistryConnector.h"
#include "connectors/base/ProviderBuilder.h"

namespace stella {

ProviderDefinition GitLabRegistryConnector::definition()
{
    using K = ConfigField::Kind;
    using C = CredentialSlot::Kind;
    return ProviderBuilder(QStringLiteral("GitLabContainerRegistry"),
                           QStringLiteral("GitLab Container Registry"), IntegrationType::Registry)
        .endpoint(QStringLiteral("the GitLab URL, e.g. https://gitlab.example.com"))
        .field(QStringLiteral("registryUrl"), QStringLiteral("Registry URL"), K::Url,
               QStringLiteral("The registry host, e.g. https://registry.gitlab.example.com"))
        .field(QStringLiteral("projectPath"), QStringLiteral("Project or group path"), K::String,
               QStringLiteral("The project or group whose registry repositories discovery "
                              "lists, e.g. platform/images"))
        .intField(QStringLiteral("pageSize"), QStringLiteral("Page size"),
                  QStringLiteral("Entries per page (per_page, at most 100)"), 1, 100)
        .credential(QStringLiteral("token"), QStringLiteral("access token"), C::Token, false,
                    QStringLiteral("A personal, project or group access token with read_api"))
        .httpConnectionFields()
        .connector<GitLabRegistryConnector>()
        .build();
}

} // namespace stella
