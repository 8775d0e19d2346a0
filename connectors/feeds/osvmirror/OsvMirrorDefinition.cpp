// SPDX-License-Identifier: Apache-2.0
#include "OsvMirrorDefinition.h"

#include "OsvMirrorConnector.h"
#include "connectors/base/ProviderBuilder.h"

namespace stella {

ProviderDefinition osvMirrorDefinition()
{
    using K = ConfigField::Kind;
    using C = CredentialSlot::Kind;
    return ProviderBuilder(QStringLiteral("OsvMirror"), QStringLiteral("OSV mirror"),
                           IntegrationType::FeedMirror)
        .endpoint(QStringLiteral("the OSV API base URL (https://api.osv.dev) or a mirror of it"))
        .field(QStringLiteral("ecosystem"), QStringLiteral("Known package's ecosystem"), K::String,
               QStringLiteral("OSV ecosystem of a package with published vulnerabilities"),
               QStringLiteral("PyPI"))
        .field(QStringLiteral("package"), QStringLiteral("Known package"), K::String,
               QStringLiteral("A package with published vulnerabilities, queried on each check"),
               QStringLiteral("jinja2"))
        .credential(QStringLiteral("token"), QStringLiteral("gateway token"), C::Token, false,
                    QStringLiteral("Bearer token, if the mirror sits behind an authenticating "
                                   "gateway (api.osv.dev needs none)"))
        .httpConnectionFields()
        .connector<OsvMirrorConnector>()
        .build();
}

} // namespace stella
