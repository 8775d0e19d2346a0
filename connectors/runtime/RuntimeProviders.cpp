// SPDX-License-Identifier: Apache-2.0
// Runtime hosts.
#include "connectors/BuiltinProviders.h"
#include "connectors/common/ProviderBuilder.h"
#include "core/providers/ProviderRegistry.h"

namespace stella {

void registerRuntimeProviders(ProviderRegistry &registry)
{
    using K = ConfigField::Kind;
    using C = CredentialSlot::Kind;
    registry.add(ProviderBuilder(QStringLiteral("Consul"), QStringLiteral("HashiCorp Consul"), IntegrationType::RuntimeHost)
                     .endpoint(QStringLiteral("the Consul HTTP API address, e.g. https://consul.example.com:8501"))
                     .field(QStringLiteral("datacenter"), QStringLiteral("Datacenter"), K::String,
                            QStringLiteral("The datacenter to query; the agent's own when empty"))
                     .credential(QStringLiteral("token"), QStringLiteral("ACL token"), C::Token, false,
                                 QStringLiteral("Sent as X-Consul-Token"))
                     .httpConnectionFields()
                     .build());
    registry.add(ProviderBuilder(QStringLiteral("EbpfAgent"), QStringLiteral("Stella Ops eBPF agent"), IntegrationType::RuntimeHost)
                     .endpoint(QStringLiteral("the agent's status URL, e.g. https://node-1.example.com:9443"))
                     .field(QStringLiteral("nodeName"), QStringLiteral("Node name"), K::String,
                            QStringLiteral("The host the agent runs on, as reported in findings"))
                     .credential(QStringLiteral("token"), QStringLiteral("agent token"), C::Token, false,
                                 QStringLiteral("Bearer token for the agent's API"))
                     .httpConnectionFields()
                     .build());
}

} // namespace stella
