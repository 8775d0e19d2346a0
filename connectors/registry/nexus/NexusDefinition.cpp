// SPDX-License-Identifier: Apache-2.0
#include "NexusConnector.h"
#include "connectors/base/ProviderBuilder.h"

namespace stella {

ProviderDefinition NexusConnector::definition()
{
    using K = ConfigField::Kind;
    using C = CredentialSlot::Kind;
    return ProviderBuilder(QStringLiteral("Nexus"), QStringLiteral("Sonatype Nexus Repository 3"),
                           IntegrationType::Registry)
        .endpoint(QStringLiteral("the Nexus URL, e.g. https://nexus.example.com"))
        .field(QStringLiteral("repository"), QStringLiteral("Repository"), K::String,
               QStringLiteral("Limit discovery to one docker-format repository"))
        .credential(QStringLiteral("basic"), QStringLiteral("username:password"), C::Basic, false,
                    QStringLiteral("A user with nx-repository-view privileges"))
        .httpConnectionFields()
        .connector<NexusConnector>()
        .build();
}

} // namespace stella
