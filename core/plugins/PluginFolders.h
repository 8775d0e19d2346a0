// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace stella {

// One folder connector plugins are loaded from, and why it is searched (docs/contracts.md §20.2).
struct PluginFolder
{
    enum class Origin
    {
        System,      // the folder the package installs
        User,        // the user's data folder
        CommandLine, // --plugin-dir
        Environment  // STELLA_PLUGIN_PATH
    };

    QString path;
    Origin origin = Origin::System;

    // The system and user folders need not exist; a folder the operator named must.
    bool mustExist() const
    {
        return origin == Origin::CommandLine || origin == Origin::Environment;
    }
};

QString toString(PluginFolder::Origin origin);

// The folders in loading order: system, user, each --plugin-dir, each STELLA_PLUGIN_PATH entry
// (colon-separated; empty entries skipped). A folder named twice is searched once, at its first
// place.
QList<PluginFolder> pluginFolders(const QStringList &commandLineDirs);
QString systemPluginFolder();
// <GenericDataLocation>/stella-ops/plugins: one folder for the console and the CLI alike.
QString userPluginFolder();

} // namespace stella
