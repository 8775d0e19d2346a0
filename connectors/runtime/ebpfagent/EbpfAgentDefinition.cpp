// SPDX-License-Identifier: Apache-2.0
#include "EbpfAgentDefinition.h"

#include "EbpfAgentConnector.h"
#include "connectors/base/ProviderBuilder.h"

#include <QCoreApplication>

namespace stella {

namespace {
struct EbpfAgentDefinitionText
{
    Q_DECLARE_TR_FUNCTIONS(stella::EbpfAgentDefinition)
};
} // namespace

ProviderDefinition ebpfAgentDefinition()
{
    using K = ConfigField::Kind;
    using C = CredentialSlot::Kind;
    return ProviderBuilder(QStringLiteral("EbpfAgent"), QStringLiteral("Stella Ops eBPF agent"),
                           IntegrationType::RuntimeHost)
        .endpoint(EbpfAgentDefinitionText::tr(
            "the agent's status URL, e.g. https://node-1.example.com:9443"))
        .field(QStringLiteral("nodeName"), EbpfAgentDefinitionText::tr("Node name"), K::String,
               EbpfAgentDefinitionText::tr("The host the agent runs on, as reported in findings"))
        .credential(QStringLiteral("token"), EbpfAgentDefinitionText::tr("agent token"), C::Token,
                    false, EbpfAgentDefinitionText::tr("Bearer token for the agent's API"))
        .httpConnectionFields()
        .connector<EbpfAgentConnector>()
        .build();
}

} // namespace stella
