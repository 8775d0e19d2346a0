// SPDX-License-Identifier: Apache-2.0
#include "DockerRegistryConnector.h"
#include "connectors/base/ProviderBuilder.h"

#include <QCoreApplication>

namespace stella {

namespace {
struct DockerRegistryDefinitionText
{
    Q_DECLARE_TR_FUNCTIONS(stella::DockerRegistryDefinition)
};
} // namespace

ProviderDefinition DockerRegistryConnector::definition()
{
    using C = CredentialSlot::Kind;
    return ProviderBuilder(QStringLiteral("DockerRegistry"),
                           QStringLiteral("Docker Registry (OCI distribution)"),
                           IntegrationType::Registry)
        .endpoint(
            DockerRegistryDefinitionText::tr("the registry URL, e.g. https://registry.example.com"))
        .intField(QStringLiteral("pageSize"), DockerRegistryDefinitionText::tr("Page size"),
                  DockerRegistryDefinitionText::tr("Entries per _catalog and tags/list page (n)"),
                  1, 10000)
        .credential(QStringLiteral("basic"), QStringLiteral("username:password"), C::Basic, false,
                    DockerRegistryDefinitionText::tr(
                        "Basic credentials, also used for the Bearer token exchange"))
        .httpConnectionFields()
        .connector<DockerRegistryConnector>()
        .build();
}

} // namespace stella
