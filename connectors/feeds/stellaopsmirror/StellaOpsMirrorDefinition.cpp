// SPDX-License-Identifier: Apache-2.0
#include "StellaOpsMirrorDefinition.h"

#include "StellaOpsMirrorConnector.h"
#include "connectors/base/ProviderBuilder.h"

#include <QCoreApplication>

namespace stella {

namespace {
struct StellaOpsMirrorDefinitionText
{
    Q_DECLARE_TR_FUNCTIONS(stella::StellaOpsMirrorDefinition)
};
} // namespace

ProviderDefinition stellaOpsMirrorDefinition()
{
    using K = ConfigField::Kind;
    using C = CredentialSlot::Kind;
    return ProviderBuilder(QStringLiteral("StellaOpsMirror"), QStringLiteral("Stella Ops mirror"),
                           IntegrationType::FeedMirror)
        .endpoint(
            StellaOpsMirrorDefinitionText::tr("the mirror URL, e.g. https://mirror.example.com"))
        .field(QStringLiteral("domain"), StellaOpsMirrorDefinitionText::tr("Domain"), K::String,
               StellaOpsMirrorDefinitionText::tr(
                   "Mirror domain to follow, as listed in /concelier/exports/index.json"),
               QStringLiteral("primary"))
        .field(QStringLiteral("maxAge"), StellaOpsMirrorDefinitionText::tr("Maximum age"),
               K::Duration,
               StellaOpsMirrorDefinitionText::tr(
                   "Degraded when the domain's bundle is older than this"),
               QStringLiteral("48h"))
        .credential(QStringLiteral("token"), StellaOpsMirrorDefinitionText::tr("mirror token"),
                    C::Token, false,
                    StellaOpsMirrorDefinitionText::tr(
                        "Bearer token (Authority, concelier.mirror.read), or the "
                        "gateway's user:password"))
        .httpConnectionFields()
        .connector<StellaOpsMirrorConnector>()
        .build();
}

} // namespace stella
