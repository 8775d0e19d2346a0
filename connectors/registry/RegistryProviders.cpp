// SPDX-License-Identifier: Apache-2.0
// Container registries. Connectors arrive with the provider runtime; until then these
// definitions let operators register and validate the integrations.
#include "BuiltinProviders.h"
#include "common/ProviderBuilder.h"
#include "providers/ProviderRegistry.h"
#include "registry/DockerRegistryConnector.h"

namespace stella {

void registerRegistryProviders(ProviderRegistry &registry)
{
    using K = ConfigField::Kind;
    using C = CredentialSlot::Kind;
    registry.add(ProviderBuilder(QStringLiteral("Harbor"), QStringLiteral("Harbor"),
                                 IntegrationType::Registry)
                     .endpoint(QStringLiteral("the Harbor URL, e.g. https://harbor.example.com"))
                     .field(QStringLiteral("project"), QStringLiteral("Project"), K::String,
                            QStringLiteral("Limit discovery to one project"))
                     .credential(QStringLiteral("basic"),
                                 QStringLiteral("robot account (name:secret)"), C::Basic, false,
                                 QStringLiteral("Robot account or user, as username:password"))
                     .httpConnectionFields()
                     .build());
    registry.add(
        ProviderBuilder(QStringLiteral("DockerRegistry"),
                        QStringLiteral("Docker Registry (OCI distribution)"),
                        IntegrationType::Registry)
            .endpoint(QStringLiteral("the registry URL, e.g. https://registry.example.com"))
            .intField(QStringLiteral("pageSize"), QStringLiteral("Page size"),
                      QStringLiteral("Entries per _catalog and tags/list page (n)"), 1, 10000)
            .credential(
                QStringLiteral("basic"), QStringLiteral("username:password"), C::Basic, false,
                QStringLiteral("Basic credentials, also used for the Bearer token exchange"))
            .httpConnectionFields()
            .connector<DockerRegistryConnector>()
            .build());
    registry.add(
        ProviderBuilder(QStringLiteral("GitLabContainerRegistry"),
                        QStringLiteral("GitLab Container Registry"), IntegrationType::Registry)
            .endpoint(QStringLiteral("the GitLab URL, e.g. https://gitlab.example.com"))
            .field(QStringLiteral("registryUrl"), QStringLiteral("Registry URL"), K::Url,
                   QStringLiteral("The registry host, e.g. https://registry.gitlab.example.com"))
            .field(QStringLiteral("projectPath"), QStringLiteral("Project or group path"),
                   K::String,
                   QStringLiteral("Limit discovery to one project or group, e.g. platform/images"))
            .credential(QStringLiteral("token"), QStringLiteral("access token"), C::Token, false,
                        QStringLiteral("A personal, project or deploy token with read_registry"))
            .httpConnectionFields()
            .build());
    registry.add(
        ProviderBuilder(QStringLiteral("Nexus"), QStringLiteral("Sonatype Nexus Repository 3"),
                        IntegrationType::Registry)
            .endpoint(QStringLiteral("the Nexus URL, e.g. https://nexus.example.com"))
            .field(QStringLiteral("repository"), QStringLiteral("Repository"), K::String,
                   QStringLiteral("Limit discovery to one docker-format repository"))
            .credential(QStringLiteral("basic"), QStringLiteral("username:password"), C::Basic,
                        false, QStringLiteral("A user with nx-repository-view privileges"))
            .httpConnectionFields()
            .build());
}

} // namespace stella
