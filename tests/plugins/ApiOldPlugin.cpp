// SPDX-License-Identifier: Apache-2.0
// Its JSON names another plugin API version: refused before its code runs.
#include "TestPluginBase.h"

namespace stella::testplugins {

class ApiOldPlugin : public QObject, public ConnectorPlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID StellaConnectorPlugin_iid FILE "apiold.json")
    Q_INTERFACES(stella::ConnectorPlugin)

public:
    int apiVersion() const override { return kConnectorPluginApiVersion; }
    QList<ProviderDefinition> providers() const override
    {
        return {providerNamed(QStringLiteral("ApiOldProvider"))};
    }
};

} // namespace stella::testplugins

#include "ApiOldPlugin.moc"
