// SPDX-License-Identifier: Apache-2.0
#include "ConsulDefinition.h"

#include "ConsulConnector.h"
#include "connectors/base/ProviderBuilder.h"

namespace stella {

ProviderDefinition consulDefinition()
{
    using K = ConfigField::Kind;
    using C = CredentialSlot::Kind;
    return ProviderBuilder(QStringLiteral("Consul"), QStringLiteral("HashiCorp Consul"),
                           IntegrationType::RuntimeHost)
        .endpoint(
            QStringLiteral("the Consul HTTP API address, e.g. https://consul.example.com:8501"))
        .field(QStringLiteral("datacenter"), QStringLiteral("Datacenter"), K::String,
               QStringLiteral("The datacenter to query; the agent's own when empty"))
        .credential(QStringLiteral("token"), QStringLiteral("ACL token"), C::Token, false,
                    QStringLiteral("Sent as X-Consul-Token"))
        .httpConnectionFields()
        .connector<ConsulConnector>()
        .build();
}

} // namespace stella
