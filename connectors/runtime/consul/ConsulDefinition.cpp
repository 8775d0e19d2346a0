// SPDX-License-Identifier: Apache-2.0
#include "ConsulDefinition.h"

#include "ConsulConnector.h"
#include "connectors/base/ProviderBuilder.h"

#include <QCoreApplication>

namespace stella {

namespace {
struct ConsulDefinitionText
{
    Q_DECLARE_TR_FUNCTIONS(stella::ConsulDefinition)
};
} // namespace

ProviderDefinition consulDefinition()
{
    using K = ConfigField::Kind;
    using C = CredentialSlot::Kind;
    return ProviderBuilder(QStringLiteral("Consul"), QStringLiteral("HashiCorp Consul"),
                           IntegrationType::RuntimeHost)
        .endpoint(ConsulDefinitionText::tr(
            "the Consul HTTP API address, e.g. https://consul.example.com:8501"))
        .field(QStringLiteral("datacenter"), ConsulDefinitionText::tr("Datacenter"), K::String,
               ConsulDefinitionText::tr("The datacenter to query; the agent's own when empty"))
        .credential(QStringLiteral("token"), ConsulDefinitionText::tr("ACL token"), C::Token, false,
                    ConsulDefinitionText::tr("Sent as X-Consul-Token"))
        .httpConnectionFields()
        .connector<ConsulConnector>()
        .build();
}

} // namespace stella
