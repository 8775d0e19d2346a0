// SPDX-License-Identifier: Apache-2.0
#include "OsvMirrorDefinition.h"

#include "connectors/base/ProviderBuilder.h"

namespace stella {

ProviderDefinition osvMirrorDefinition()
{
    using K = ConfigField::Kind;
    return ProviderBuilder(QStringLiteral("OsvMirror"), QStringLiteral("OSV mirror"),
                           IntegrationType::FeedMirror)
        .endpoint(QStringLiteral("the OSV API base URL or a mirror of it"))
        .field(QStringLiteral("ecosystems"), QStringLiteral("Ecosystems"), K::String,
               QStringLiteral("Comma-separated OSV ecosystems to mirror, e.g. npm,PyPI,Go"))
        .httpConnectionFields()
        .build();
}

} // namespace stella
