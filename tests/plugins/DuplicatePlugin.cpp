// SPDX-License-Identifier: Apache-2.0
// Offers a new provider and Harbor, a built-in one: refused whole, the new one not added either.
#include "TestPluginBase.h"

namespace stella::testplugins {

class DuplicatePlugin : public QObject, public ConnectorPlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID StellaConnectorPlugin_iid FILE "duplicate.json")
    Q_INTERFACES(stella::ConnectorPlugin)

public:
    int apiVersion() const override { return kConnectorPluginApiVersion; }
    QList<ProviderDefinition> providers() const override
    {
        return {providerNamed(QStringLiteral("DuplicateNew")),
                providerNamed(QStringLiteral("Harbor"))};
    }
};

} // namespace stella::testplugins

#include "DuplicatePlugin.moc"
