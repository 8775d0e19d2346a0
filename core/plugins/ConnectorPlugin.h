// SPDX-License-Identifier: Apache-2.0
#pragma once

// The interface a connector plugin implements (docs/contracts.md §20). A plugin is a Qt plugin
// (a shared library) built against libstella-core and libstella-connectors:
//
//     class MyPlugin : public QObject, public stella::ConnectorPlugin
//     {
//         Q_OBJECT
//         Q_PLUGIN_METADATA(IID StellaConnectorPlugin_iid FILE "myplugin.json")
//         Q_INTERFACES(stella::ConnectorPlugin)
//     public:
//         int apiVersion() const override { return stella::kConnectorPluginApiVersion; }
//         QList<stella::ProviderDefinition> providers() const override;
//     };
//
// myplugin.json holds {"id", "version", "apiVersion", "capabilities"}; the loader reads it
// without loading the library, so a plugin of another API version is refused before any of its
// code runs.

#include "core/providers/ProviderDefinition.h"

#include <QList>
#include <QtPlugin>

namespace stella {

// Raised whenever ProviderDefinition, Connector, ConnectorOperation or the JSON file's meaning
// change incompatibly; a plugin built for another value is refused, older or newer.
inline constexpr int kConnectorPluginApiVersion = 1;

class ConnectorPlugin
{
public:
    virtual ~ConnectorPlugin() = default;
    // kConnectorPluginApiVersion as the plugin saw it when it was compiled.
    virtual int apiVersion() const = 0;
    // The plugin's providers, each with its connector factory. Ids must be new: a plugin never
    // replaces a built-in provider or another plugin's.
    virtual QList<ProviderDefinition> providers() const = 0;
};

} // namespace stella

// Stable across API versions: the version is the JSON's apiVersion, so that a mismatch is
// named ("built for API version 2") rather than reported as "not a plugin".
#define StellaConnectorPlugin_iid "org.stella-ops.ConnectorPlugin"
Q_DECLARE_INTERFACE(stella::ConnectorPlugin, StellaConnectorPlugin_iid)
