// SPDX-License-Identifier: Apache-2.0
#include "NvdMirrorDefinition.h"

#include "NvdMirrorConnector.h"
#include "connectors/base/ProviderBuilder.h"

namespace stella {

ProviderDefinition nvdMirrorDefinition()
{
    using K = ConfigField::Kind;
    using C = CredentialSlot::Kind;
    return ProviderBuilder(QStringLiteral("NvdMirror"), QStringLiteral("NVD mirror"),
                           IntegrationType::FeedMirror)
        .endpoint(QStringLiteral("the NVD CVE API 2.0 base URL (https://services.nvd.nist.gov) "
                                 "or a mirror of it"))
        .field(QStringLiteral("maxAge"), QStringLiteral("Maximum age"), K::Duration,
               QStringLiteral("Degraded when no CVE record was modified for this long"),
               QStringLiteral("48h"))
        .credential(QStringLiteral("token"), QStringLiteral("NVD API key"), C::Token, false,
                    QStringLiteral("Sent as the apiKey header; raises the rate limit"))
        .httpConnectionFields()
        .connector<NvdMirrorConnector>()
        .build();
}

} // namespace stella
