// SPDX-License-Identifier: Apache-2.0
#include "NexusConnector.h"
#include "connectors/base/ProviderBuilder.h"

#include <QCoreApplication>

namespace stella {

namespace {
struct NexusDefinitionText
{
    Q_DECLARE_TR_FUNCTIONS(stella::NexusDefinition)
};
} // namespace

ProviderDefinition NexusConnector::definition()
{
    using K = ConfigField::Kind;
    using C = CredentialSlot::Kind;
    return ProviderBuilder(QStringLiteral("Nexus"), QStringLiteral("Sonatype Nexus Repository 3"),
                           IntegrationType::Registry)
        .endpoint(NexusDefinitionText::tr("the Nexus URL, e.g. https://nexus.example.com"))
        .field(QStringLiteral("repository"), NexusDefinitionText::tr("Repository"), K::String,
               NexusDefinitionText::tr("Limit discovery to one docker-format repository"))
        .credential(QStringLiteral("basic"), QStringLiteral("username:password"), C::Basic, false,
                    NexusDefinitionText::tr("A user with nx-repository-view privileges"))
        .httpConnectionFields()
        .connector<NexusConnector>()
        .build();
}

} // namespace stella
