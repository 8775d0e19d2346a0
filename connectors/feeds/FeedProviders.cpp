// SPDX-License-Identifier: Apache-2.0
// Vulnerability feed mirrors.
#include "connectors/BuiltinProviders.h"
#include "connectors/common/ProviderBuilder.h"
#include "core/providers/ProviderRegistry.h"

namespace stella {

void registerFeedProviders(ProviderRegistry &registry)
{
    using K = ConfigField::Kind;
    using C = CredentialSlot::Kind;
    registry.add(ProviderBuilder(QStringLiteral("StellaOpsMirror"), QStringLiteral("Stella Ops mirror"), IntegrationType::FeedMirror)
                     .endpoint(QStringLiteral("the mirror URL, e.g. https://mirror.example.com"))
                     .field(QStringLiteral("channel"), QStringLiteral("Channel"), K::String,
                            QStringLiteral("Feed channel to follow"), QStringLiteral("stable"))
                     .credential(QStringLiteral("token"), QStringLiteral("mirror token"), C::Token, false,
                                 QStringLiteral("Bearer token, if the mirror requires one"))
                     .httpConnectionFields()
                     .build());
    registry.add(ProviderBuilder(QStringLiteral("NvdMirror"), QStringLiteral("NVD mirror"), IntegrationType::FeedMirror)
                     .endpoint(QStringLiteral("the NVD CVE API 2.0 base URL or a mirror of it"))
                     .credential(QStringLiteral("token"), QStringLiteral("NVD API key"), C::Token, false,
                                 QStringLiteral("Sent as the apiKey header; raises the rate limit"))
                     .httpConnectionFields()
                     .build());
    registry.add(ProviderBuilder(QStringLiteral("OsvMirror"), QStringLiteral("OSV mirror"), IntegrationType::FeedMirror)
                     .endpoint(QStringLiteral("the OSV API base URL or a mirror of it"))
                     .field(QStringLiteral("ecosystems"), QStringLiteral("Ecosystems"), K::String,
                            QStringLiteral("Comma-separated OSV ecosystems to mirror, e.g. npm,PyPI,Go"))
                     .httpConnectionFields()
                     .build());
}

} // namespace stella
