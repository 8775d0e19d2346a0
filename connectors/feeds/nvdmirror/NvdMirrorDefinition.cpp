// SPDX-License-Identifier: Apache-2.0
#include "NvdMirrorDefinition.h"

#include "connectors/base/ProviderBuilder.h"

namespace stella {

ProviderDefinition nvdMirrorDefinition()
{
    using C = CredentialSlot::Kind;
    return ProviderBuilder(QStringLiteral("NvdMirror"), QStringLiteral("NVD mirror"),
                           IntegrationType::FeedMirror)
        .endpoint(QStringLiteral("the NVD CVE API 2.0 base URL or a mirror of it"))
        .credential(QStringLiteral("token"), QStringLiteral("NVD API key"), C::Token, false,
                    QStringLiteral("Sent as the apiKey header; raises the rate limit"))
        .httpConnectionFields()
        .build();
}

} // namespace stella
