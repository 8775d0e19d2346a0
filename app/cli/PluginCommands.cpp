// SPDX-License-Identifier: Apache-2.0
// `plugins list` and `plugins discover` (docs/contracts.md §20.5).
#include "Cli.h"
#include "core/catalog/CatalogSession.h"
#include "core/plugins/PluginMetadataStore.h"

#include <QJsonArray>

namespace stella::cli {

void Cli::loadPlugins()
{
    m_plugins =
        PluginLoader(m_registry, PluginTrust::fromSettings()).load(pluginFolders(m_pluginDirs));
}

namespace {

QList<QStringList> pluginRows(const PluginScan &scan)
{
    QList<QStringList> rows;
    for (const LoadedPlugin &p : scan.loaded)
        rows.append({p.id, p.version, QStringLiteral("loaded"),
                     p.providerIds.join(QLatin1Char(',')), p.path});
    for (const PluginRefusal &r : scan.refused)
        rows.append({QStringLiteral("-"), QStringLiteral("-"), QStringLiteral("refused"),
                     QStringLiteral("-"), QStringLiteral("%1: %2").arg(r.path, r.reason)});
    return rows;
}

} // namespace

Result<void> Cli::plugins(const Args &args)
{
    const QString action = args.positionals().at(0);
    if (action != QLatin1String("list") && action != QLatin1String("discover"))
        return Error::invalidInput(QStringLiteral("unknown plugins action '%1'").arg(action),
                                   QStringLiteral("Use: plugins list|discover"));
    int removed = 0;
    if (action == QLatin1String("discover")) {
        // A fresh scan of the folders: this process loaded them at start, and a library once
        // loaded stays, so the scan that start-up did is the one to record.
        if (auto r = openCatalog(); !r)
            return r;
        auto replaced = PluginMetadataStore(m_session->database()).replaceWith(m_plugins.loaded);
        if (!replaced)
            return replaced.error();
        removed = *replaced;
    }
    if (m_out->json()) {
        QJsonObject doc = m_plugins.toJson();
        if (action == QLatin1String("discover")) {
            doc.insert(QStringLiteral("recorded"), int(m_plugins.loaded.size()));
            doc.insert(QStringLiteral("removed"), removed);
        }
        m_out->document(doc);
        return {};
    }
    if (m_plugins.loaded.isEmpty() && m_plugins.refused.isEmpty())
        m_out->line(QStringLiteral("No plugins found (folders: %1)")
                        .arg(QStringList([this] {
                                 QStringList paths;
                                 for (const PluginFolder &f : pluginFolders(m_pluginDirs))
                                     paths.append(f.path);
                                 return paths;
                             }())
                                 .join(QStringLiteral(", "))));
    else
        m_out->table({QStringLiteral("PLUGIN"), QStringLiteral("VERSION"), QStringLiteral("STATE"),
                      QStringLiteral("PROVIDERS"), QStringLiteral("FILE / REASON")},
                     pluginRows(m_plugins));
    if (action == QLatin1String("discover"))
        m_out->line(QStringLiteral("plugin_metadata: %1 recorded, %2 removed%3")
                        .arg(m_plugins.loaded.size())
                        .arg(removed)
                        .arg(sandboxNote()));
    return {};
}

} // namespace stella::cli
