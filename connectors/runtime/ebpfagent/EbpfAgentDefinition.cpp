// SPDX-License-Identifier: Apache-2.0
#include "EbpfAgentDefinition.h"

#include "EbpfAgentConnector.h"
#include "connectors/base/ProviderBuilder.h"

namespace stella {

ProviderDefinition ebpfAgentDefinition()
{
    using K = ConfigField::Kind;
    using C = CredentialSlot::Kind;
    return ProviderBuilder(QStringLiteral("EbpfAgent"), QStringLiteral("Stella Ops eBPF agent"),
                           IntegrationType::RuntimeHost)
        .endpoint(QStringLiteral("the agent's status URL, e.g. https://node-1.example.com:9443"))
        .field(QStringLiteral("nodeName"), QStringLiteral("Node name"), K::String,
               QStringLiteral("The host the agent runs on, as reported in findings"))
        .credential(QStringLiteral("token"), QStringLiteral("agent token"), C::Token, false,
                    QStringLiteral("Bearer token for the agent's API"))
        .httpConnectionFields()
        .connector<EbpfAgentConnector>()
        .build();
}

} // namespace stella
