// SPDX-License-Identifier: Apache-2.0
#include "PluginMetadataStore.h"

#include "core/storage/Database.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>

namespace stella {

namespace {
// The "doing" phrases of database errors ("… while saving integration 'x'"), which the
// console shows.
struct PluginMetadataStoreText
{
    Q_DECLARE_TR_FUNCTIONS(stella::PluginMetadataStore)
};
} // namespace

namespace {

const QString kConnectorType = QStringLiteral("connector");

QString capabilitiesJson(const QStringList &capabilities)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(capabilities)).toJson(QJsonDocument::Compact));
}

} // namespace

Result<void> PluginMetadataStore::record(const QList<LoadedPlugin> &plugins)
{
    if (plugins.isEmpty())
        return {};
    const QString doing =
        PluginMetadataStoreText::tr("recording the loaded plugins in plugin_metadata");
    // The same upsert on both: SQLite (3.24+) and PostgreSQL share ON CONFLICT ... DO UPDATE.
    const QString sql =
        m_db.dialect() == Database::Dialect::Postgres
            ? QStringLiteral("INSERT INTO plugin_metadata(plugin_id, type, version, capabilities, "
                             "path) VALUES (?, ?, ?, CAST(? AS JSONB), ?) ON CONFLICT (plugin_id) "
                             "DO UPDATE SET type = EXCLUDED.type, version = EXCLUDED.version, "
                             "capabilities = EXCLUDED.capabilities, path = EXCLUDED.path")
            : QStringLiteral("INSERT INTO plugin_metadata(plugin_id, type, version, capabilities, "
                             "path) VALUES (?, ?, ?, ?, ?) ON CONFLICT (plugin_id) "
                             "DO UPDATE SET type = excluded.type, version = excluded.version, "
                             "capabilities = excluded.capabilities, path = excluded.path");
    Transaction transaction(m_db);
    if (auto r = transaction.begin(doing); !r)
        return r;
    for (const LoadedPlugin &p : plugins)
        if (auto r = m_db.execCached(
                sql, {p.id, kConnectorType, p.version, capabilitiesJson(p.capabilities), p.path},
                doing);
            !r)
            return r;
    return transaction.commit(doing);
}

Result<int> PluginMetadataStore::replaceWith(const QList<LoadedPlugin> &plugins)
{
    if (auto r = record(plugins); !r)
        return r.error();
    auto existing = rows();
    if (!existing)
        return existing.error();
    int deleted = 0;
    const QString doing =
        PluginMetadataStoreText::tr("removing plugins no longer found from plugin_metadata");
    for (const Row &row : *existing) {
        const bool found = std::any_of(plugins.begin(), plugins.end(),
                                       [&](const LoadedPlugin &p) { return p.id == row.pluginId; });
        if (found)
            continue;
        auto count = m_db.execCachedCounting(
            QStringLiteral("DELETE FROM plugin_metadata WHERE plugin_id = ?"), {row.pluginId},
            doing);
        if (!count)
            return count.error();
        deleted += *count;
    }
    return deleted;
}

Result<QList<PluginMetadataStore::Row>> PluginMetadataStore::rows() const
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("SELECT plugin_id, type, version, capabilities, path FROM "
                             "plugin_metadata ORDER BY plugin_id"));
    if (auto r = m_db.exec(q, PluginMetadataStoreText::tr("reading plugin_metadata")); !r)
        return r.error();
    QList<Row> result;
    while (q.next()) {
        Row row;
        row.pluginId = q.value(0).toString();
        row.type = q.value(1).toString();
        row.version = q.value(2).toString();
        for (const QJsonValue &v : QJsonDocument::fromJson(q.value(3).toString().toUtf8()).array())
            row.capabilities.append(v.toString());
        row.path = q.value(4).toString();
        result.append(row);
    }
    return result;
}

} // namespace stella
