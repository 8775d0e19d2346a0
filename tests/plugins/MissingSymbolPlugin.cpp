// SPDX-License-Identifier: Apache-2.0
// Calls a function no library defines: the dynamic loader refuses it ("undefined symbol").
#include "TestPluginBase.h"

extern "C" int stella_test_symbol_nobody_defines();

namespace stella::testplugins {

class MissingSymbolPlugin : public QObject, public ConnectorPlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID StellaConnectorPlugin_iid FILE "missingsymbol.json")
    Q_INTERFACES(stella::ConnectorPlugin)

public:
    int apiVersion() const override { return kConnectorPluginApiVersion; }
    QList<ProviderDefinition> providers() const override
    {
        return {
            providerNamed(QStringLiteral("Missing%1").arg(stella_test_symbol_nobody_defines()))};
    }
};

} // namespace stella::testplugins

#include "MissingSymbolPlugin.moc"
