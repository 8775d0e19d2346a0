// SPDX-License-Identifier: Apache-2.0
#include "DockerRegistryConnector.h"
#include "connectors/base/ProviderBuilder.h"

namespace stella {

ProviderDefinition DockerRegistryConnector::definition()
{
    using C = CredentialSlot::Kind;
    return ProviderBuilder(QStringLiteral("DockerRegistry"),
                           QStringLiteral("Docker Registry (OCI distribution)"),
                           IntegrationType::Registry)
        .endpoint(QStringLiteral("the registry URL, e.g. https://registry.example.com"))
        .intField(QStringLiteral("pageSize"), QStringLiteral("Page size"),
                  QStringLiteral("Entries per _catalog and tags/list page (n)"), 1, 10000)
        .credential(QStringLiteral("basic"), QStringLiteral("username:password"), C::Basic, false,
                    QStringLiteral("Basic credentials, also used for the Bearer token exchange"))
        .httpConnectionFields()
        .connector<DockerRegistryConnector>()
        .build();
}

} // namespace stella
