// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"
#include "core/plugins/PluginLoader.h"

namespace stella {

class Database;

// The catalog's plugin_metadata table (docs/contracts.md §8.1, §20.4): one row per loaded
// plugin, type "connector".
class PluginMetadataStore
{
public:
    explicit PluginMetadataStore(Database &db) : m_db(db) {}

    // Inserts or updates a row for each loaded plugin (start-up).
    Result<void> record(const QList<LoadedPlugin> &plugins);
    // What `plugins discover` does: record the plugins found and delete the rows of plugins no
    // longer found, so that the table says what this installation loads. Answers how many rows
    // were deleted.
    Result<int> replaceWith(const QList<LoadedPlugin> &plugins);

    struct Row
    {
        QString pluginId;
        QString type;
        QString version;
        QStringList capabilities;
        QString path;
    };
    Result<QList<Row>> rows() const;

private:
    Database &m_db;
};

} // namespace stella
