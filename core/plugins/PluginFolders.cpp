// SPDX-License-Identifier: Apache-2.0
#include "PluginFolders.h"

#include <QDir>
#include <QStandardPaths>

namespace stella {

QString toString(PluginFolder::Origin origin)
{
    switch (origin) {
    case PluginFolder::Origin::System:
        return QStringLiteral("system");
    case PluginFolder::Origin::User:
        return QStringLiteral("user");
    case PluginFolder::Origin::CommandLine:
        return QStringLiteral("--plugin-dir");
    case PluginFolder::Origin::Environment:
        return QStringLiteral("STELLA_PLUGIN_PATH");
    }
    return {};
}

QString systemPluginFolder()
{
    return QStringLiteral(STELLA_SYSTEM_PLUGIN_DIR);
}

QString userPluginFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/stella-ops/plugins");
}

QList<PluginFolder> pluginFolders(const QStringList &commandLineDirs)
{
    QList<PluginFolder> folders;
    QStringList seen;
    auto append = [&](const QString &path, PluginFolder::Origin origin) {
        if (path.isEmpty())
            return;
        const QString clean = QDir::cleanPath(QDir(path).absolutePath());
        if (seen.contains(clean))
            return;
        seen.append(clean);
        folders.append({clean, origin});
    };
    append(systemPluginFolder(), PluginFolder::Origin::System);
    append(userPluginFolder(), PluginFolder::Origin::User);
    for (const QString &dir : commandLineDirs)
        append(dir, PluginFolder::Origin::CommandLine);
    const QStringList fromEnvironment =
        qEnvironmentVariable("STELLA_PLUGIN_PATH").split(QLatin1Char(':'), Qt::SkipEmptyParts);
    for (const QString &dir : fromEnvironment)
        append(dir, PluginFolder::Origin::Environment);
    return folders;
}

} // namespace stella
