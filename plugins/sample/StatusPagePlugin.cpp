// SPDX-License-Identifier: Apache-2.0
#include "StatusPagePlugin.h"

#include "StatusPageConnector.h"
#include "connectors/base/ProviderBuilder.h"

namespace stella::plugins {

QList<ProviderDefinition> StatusPagePlugin::providers() const
{
    return {
        ProviderBuilder(QStringLiteral("StatusPage"), QStringLiteral("Statuspage status page"),
                        IntegrationType::RuntimeHost)
            .endpoint(QStringLiteral("the status page's URL, e.g. https://www.githubstatus.com"))
            .httpConnectionFields()
            .connector<StatusPageConnector>()
            .build()};
}

} // namespace stella::plugins
