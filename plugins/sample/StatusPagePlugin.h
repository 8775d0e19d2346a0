// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/plugins/ConnectorPlugin.h"

#include <QObject>

namespace stella::plugins {

// The sample plugin: one provider, StatusPage, for any service that publishes an Atlassian
// Statuspage (status.example.com/api/v2/status.json).
class StatusPagePlugin : public QObject, public ConnectorPlugin
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID StellaConnectorPlugin_iid FILE "statuspage.json")
    Q_INTERFACES(stella::ConnectorPlugin)

public:
    int apiVersion() const override { return kConnectorPluginApiVersion; }
    QList<ProviderDefinition> providers() const override;
};

} // namespace stella::plugins
