// SPDX-License-Identifier: Apache-2.0
#include "StellaOpsMirrorDefinition.h"

#include "StellaOpsMirrorConnector.h"
#include "connectors/base/ProviderBuilder.h"

namespace stella {

ProviderDefinition stellaOpsMirrorDefinition()
{
    using K = ConfigField::Kind;
    using C = CredentialSlot::Kind;
    return ProviderBuilder(QStringLiteral("StellaOpsMirror"), QStringLiteral("Stella Ops mirror"),
                           IntegrationType::FeedMirror)
        .endpoint(QStringLiteral("the mirror URL, e.g. https://mirror.example.com"))
        .field(
            QStringLiteral("domain"), QStringLiteral("Domain"), K::String,
            QStringLiteral("Mirror domain to follow, as listed in /concelier/exports/index.json"),
            QStringLiteral("primary"))
        .field(QStringLiteral("maxAge"), QStringLiteral("Maximum age"), K::Duration,
               QStringLiteral("Degraded when the domain's bundle is older than this"),
               QStringLiteral("48h"))
        .credential(QStringLiteral("token"), QStringLiteral("mirror token"), C::Token, false,
                    QStringLiteral("Bearer token (Authority, concelier.mirror.read), or the "
                                   "gateway's user:password"))
        .httpConnectionFields()
        .connector<StellaOpsMirrorConnector>()
        .build();
}

} // namespace stella
