// SPDX-License-Identifier: Apache-2.0
#include "StellaOpsMirrorDefinition.h"

#include "connectors/base/ProviderBuilder.h"

namespace stella {

ProviderDefinition stellaOpsMirrorDefinition()
{
    using K = ConfigField::Kind;
    using C = CredentialSlot::Kind;
    return ProviderBuilder(QStringLiteral("StellaOpsMirror"), QStringLiteral("Stella Ops mirror"),
                           IntegrationType::FeedMirror)
        .endpoint(QStringLiteral("the mirror URL, e.g. https://mirror.example.com"))
        .field(QStringLiteral("channel"), QStringLiteral("Channel"), K::String,
               QStringLiteral("Feed channel to follow"), QStringLiteral("stable"))
        .credential(QStringLiteral("token"), QStringLiteral("mirror token"), C::Token, false,
                    QStringLiteral("Bearer token, if the mirror requires one"))
        .httpConnectionFields()
        .build();
}

} // namespace stella
