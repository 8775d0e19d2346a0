// SPDX-License-Identifier: Apache-2.0
// Container registries: their definitions and connectors.
#include "connectors/BuiltinProviders.h"
#include "connectors/common/ProviderBuilder.h"
#include "core/providers/ProviderRegistry.h"
#include "connectors/registry/DockerRegistryConnector.h"
#include "connectors/registry/GitLabRegistryConnector.h"
#include "connectors/registry/HarborConnector.h"
#include "connectors/registry/NexusConnector.h"

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
                     .intField(QStringLiteral("pageSize"), QStringLiteral("Page size"),
                               QStringLiteral("Entries per page (page_size, at most 100)"), 1, 100)
                     .credential(QStringLiteral("basic"),
                                 QStringLiteral("robot account (name:secret)"), C::Basic, false,
                                 QStringLiteral("Robot account or user, as username:password"))
                     .httpConnectionFields()
                     .connector<HarborConnector>()
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
                   QStringLiteral("The project or group whose registry repositories discovery "
                                  "lists, e.g. platform/images"))
            .intField(QStringLiteral("pageSize"), QStringLiteral("Page size"),
                      QStringLiteral("Entries per page (per_page, at most 100)"), 1, 100)
            .credential(QStringLiteral("token"), QStringLiteral("access token"), C::Token, false,
                        QStringLiteral("A personal, project or group access token with read_api"))
            .httpConnectionFields()
            .connector<GitLabRegistryConnector>()
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
            .connector<NexusConnector>()
            .build());
}

} // namespace stella
