// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/plugins/PluginFolders.h"
#include "core/plugins/PluginHost.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace stella {

class ProviderRegistry;

// A plugin whose providers are registered (docs/contracts.md §20.3).
struct LoadedPlugin
{
    QString id;
    QString version;
    int apiVersion = 0;
    QStringList capabilities;
    QString path; // the library file, absolute
    PluginFolder::Origin origin = PluginFolder::Origin::System;
    QStringList providerIds;
    bool isolated = false; // its connectors run in stella-plugin-host (not trusted)

    QJsonObject toJson() const;
};

// Which plugins run inside this process (trusted) and which in a stella-plugin-host of their
// own (docs/contracts.md §20.6), and the host's limits.
struct PluginTrust
{
    bool trustAll = false;
    QStringList trusted; // plugin ids
    PluginHost::Settings host;

    bool isTrusted(const QString &pluginId) const { return trustAll || trusted.contains(pluginId); }
    // $XDG_CONFIG_HOME/stella-ops/plugins.ini: trusted (ids, comma-separated), hostDeadline (a
    // duration, default 2m), hostAddressSpaceMb (default 2048); the host program from
    // PluginHost::defaultProgram().
    static PluginTrust fromSettings();
};

// A file or folder that added nothing, and why, in the operator's words: what is wrong and what
// to do.
struct PluginRefusal
{
    QString path;
    QString reason;

    QJsonObject toJson() const;
};

struct PluginScan
{
    QList<LoadedPlugin> loaded;
    QList<PluginRefusal> refused;

    // The plugin a provider came from; nullptr for a built-in one.
    const LoadedPlugin *pluginOfProvider(const QString &providerId) const;
    QJsonObject toJson() const;
};

// Loads connector plugins from folders into a registry that already holds the built-in
// providers. A refusal never stops the scan: everything else still loads. Refused: a folder that
// is missing (when the operator named it) or unreadable, or writable by group or others (as ssh
// refuses a world-writable key); a file that is not a library, that fails to load (a missing
// symbol, another architecture: the dynamic loader's words), that is not a Stella connector
// plugin, of another API version, already loaded from an earlier folder (the first wins),
// whose definitions are invalid or take a provider id already registered. A plugin is taken
// whole or not at all.
//
// Loaded libraries stay loaded for the life of the process: their factories are in the
// registry.
class PluginLoader
{
public:
    PluginLoader(ProviderRegistry &registry, PluginTrust trust)
        : m_registry(registry), m_trust(std::move(trust))
    {}

    PluginScan load(const QList<PluginFolder> &folders);

private:
    void loadFolder(const PluginFolder &folder, PluginScan &scan);
    void loadFile(const QString &path, const PluginFolder &folder, PluginScan &scan);

    ProviderRegistry &m_registry;
    PluginTrust m_trust;
};

} // namespace stella
