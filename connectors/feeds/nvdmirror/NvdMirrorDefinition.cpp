// SPDX-License-Identifier: Apache-2.0
#include "NvdMirrorDefinition.h"

#include "NvdMirrorConnector.h"
#include "connectors/base/ProviderBuilder.h"

#include <QCoreApplication>

namespace stella {

namespace {
struct NvdMirrorDefinitionText
{
    Q_DECLARE_TR_FUNCTIONS(stella::NvdMirrorDefinition)
};
} // namespace

ProviderDefinition nvdMirrorDefinition()
{
    using K = ConfigField::Kind;
    using C = CredentialSlot::Kind;
    return ProviderBuilder(QStringLiteral("NvdMirror"), QStringLiteral("NVD mirror"),
                           IntegrationType::FeedMirror)
        .endpoint(NvdMirrorDefinitionText::tr(
            "the NVD CVE API 2.0 base URL (https://services.nvd.nist.gov) "
            "or a mirror of it"))
        .field(
            QStringLiteral("maxAge"), NvdMirrorDefinitionText::tr("Maximum age"), K::Duration,
            NvdMirrorDefinitionText::tr("Degraded when no CVE record was modified for this long"),
            QStringLiteral("48h"))
        .credential(QStringLiteral("token"), NvdMirrorDefinitionText::tr("NVD API key"), C::Token,
                    false,
                    NvdMirrorDefinitionText::tr("Sent as the apiKey header; raises the rate limit"))
        .httpConnectionFields()
        .connector<NvdMirrorConnector>()
        .build();
}

} // namespace stella
