// SPDX-License-Identifier: Apache-2.0
#include "OsvMirrorDefinition.h"

#include "OsvMirrorConnector.h"
#include "connectors/base/ProviderBuilder.h"

#include <QCoreApplication>

namespace stella {

namespace {
struct OsvMirrorDefinitionText
{
    Q_DECLARE_TR_FUNCTIONS(stella::OsvMirrorDefinition)
};
} // namespace

ProviderDefinition osvMirrorDefinition()
{
    using K = ConfigField::Kind;
    using C = CredentialSlot::Kind;
    return ProviderBuilder(QStringLiteral("OsvMirror"), QStringLiteral("OSV mirror"),
                           IntegrationType::FeedMirror)
        .endpoint(OsvMirrorDefinitionText::tr(
            "the OSV API base URL (https://api.osv.dev) or a mirror of it"))
        .field(QStringLiteral("ecosystem"),
               OsvMirrorDefinitionText::tr("Known package's ecosystem"), K::String,
               OsvMirrorDefinitionText::tr(
                   "OSV ecosystem of a package with published vulnerabilities"),
               QStringLiteral("PyPI"))
        .field(QStringLiteral("package"), OsvMirrorDefinitionText::tr("Known package"), K::String,
               OsvMirrorDefinitionText::tr(
                   "A package with published vulnerabilities, queried on each check"),
               QStringLiteral("jinja2"))
        .credential(
            QStringLiteral("token"), OsvMirrorDefinitionText::tr("gateway token"), C::Token, false,
            OsvMirrorDefinitionText::tr("Bearer token, if the mirror sits behind an authenticating "
                                        "gateway (api.osv.dev needs none)"))
        .httpConnectionFields()
        .connector<OsvMirrorConnector>()
        .build();
}

} // namespace stella
