// SPDX-License-Identifier: Apache-2.0
// Definitions the registry refuses: an id that is no identifier, a resource type its type
// cannot have, a config key twice, a provider without a connector factory.
#include "TestPluginBase.h"

namespace stella::testplugins {

class InvalidPlugin : public QObject, public ConnectorPlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID StellaConnectorPlugin_iid FILE "invalid.json")
    Q_INTERFACES(stella::ConnectorPlugin)

public:
    int apiVersion() const override { return kConnectorPluginApiVersion; }
    QList<ProviderDefinition> providers() const override
    {
        ProviderDefinition badId = providerNamed(QStringLiteral("bad id!"));
        ProviderDefinition badResources = providerNamed(QStringLiteral("InvalidResources"));
        badResources.type = IntegrationType::RuntimeHost;
        badResources.allowedTypes.clear();
        badResources.supportedResourceTypes = {QStringLiteral("tags")};
        ProviderDefinition twice = providerNamed(QStringLiteral("InvalidKeys"));
        twice.configSchema.fields.append(twice.configSchema.fields.first());
        ProviderDefinition noFactory = providerNamed(QStringLiteral("InvalidNoConnector"));
        noFactory.connectorFactory = {};
        return {badId, badResources, twice, noFactory};
    }
};

} // namespace stella::testplugins

#include "InvalidPlugin.moc"
