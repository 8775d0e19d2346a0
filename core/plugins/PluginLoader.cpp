// SPDX-License-Identifier: Apache-2.0
#include "PluginLoader.h"

#include "core/common/Logging.h"
#include "core/plugins/ConnectorPlugin.h"
#include "core/providers/ConfigSchema.h"
#include "core/providers/ProviderRegistry.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QLibrary>
#include <QPluginLoader>
#include <QSet>
#include <QSettings>

namespace stella {

namespace {

struct PluginLoaderText
{
    Q_DECLARE_TR_FUNCTIONS(stella::PluginLoader)
};

bool writableByOthers(const QFileInfo &info)
{
    return info.permissions() & (QFileDevice::WriteGroup | QFileDevice::WriteOther);
}

QStringList stringList(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &v : value.toArray())
        list.append(v.toString());
    return list;
}

} // namespace

QJsonObject LoadedPlugin::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("version"), version},
            {QStringLiteral("apiVersion"), apiVersion},
            {QStringLiteral("capabilities"), QJsonArray::fromStringList(capabilities)},
            {QStringLiteral("path"), path},
            {QStringLiteral("folder"), toString(origin)},
            {QStringLiteral("providers"), QJsonArray::fromStringList(providerIds)},
            {QStringLiteral("isolated"), isolated}};
}

PluginTrust PluginTrust::fromSettings()
{
    QSettings settings(QSettings::IniFormat, QSettings::UserScope, QStringLiteral("stella-ops"),
                       QStringLiteral("plugins"));
    PluginTrust trust;
    for (const QString &id : settings.value(QStringLiteral("trusted")).toStringList())
        if (!id.trimmed().isEmpty())
            trust.trusted.append(id.trimmed());
    if (const auto ms = parseDurationMs(settings.value(QStringLiteral("hostDeadline")).toString()))
        trust.host.deadlineMs = *ms;
    const int mb = settings.value(QStringLiteral("hostAddressSpaceMb")).toInt();
    if (mb > 0)
        trust.host.addressSpaceMb = mb;
    trust.host.program = PluginHost::defaultProgram();
    return trust;
}

QJsonObject PluginRefusal::toJson() const
{
    return {{QStringLiteral("path"), path}, {QStringLiteral("reason"), reason}};
}

const LoadedPlugin *PluginScan::pluginOfProvider(const QString &providerId) const
{
    for (const LoadedPlugin &p : loaded)
        if (p.providerIds.contains(providerId))
            return &p;
    return nullptr;
}

QJsonObject PluginScan::toJson() const
{
    QJsonArray loadedJson, refusedJson;
    for (const LoadedPlugin &p : loaded)
        loadedJson.append(p.toJson());
    for (const PluginRefusal &r : refused)
        refusedJson.append(r.toJson());
    return {{QStringLiteral("loaded"), loadedJson}, {QStringLiteral("refused"), refusedJson}};
}

PluginScan PluginLoader::load(const QList<PluginFolder> &folders)
{
    PluginScan scan;
    for (const PluginFolder &folder : folders)
        loadFolder(folder, scan);
    return scan;
}

void PluginLoader::loadFolder(const PluginFolder &folder, PluginScan &scan)
{
    const QFileInfo info(folder.path);
    auto refuse = [&](const QString &reason) {
        STELLA_LOG_WARNING(lcConnectors).noquote()
            << "plugin folder" << folder.path << "refused:" << reason;
        scan.refused.append({folder.path, reason});
    };
    if (!info.exists()) {
        if (folder.mustExist())
            refuse(PluginLoaderText::tr(
                       "the plugin folder (%1) does not exist; create it or fix the path")
                       .arg(toString(folder.origin)));
        return;
    }
    if (!info.isDir()) {
        refuse(PluginLoaderText::tr("not a folder (%1); give the folder that holds the plugins")
                   .arg(toString(folder.origin)));
        return;
    }
    // The mode bits too: root reads a folder of mode 000, but its owner said "nobody".
    const bool anyRead = info.permissions() &
                         (QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther);
    if (!info.isReadable() || !info.isExecutable() || !anyRead) {
        refuse(PluginLoaderText::tr(
            "the plugin folder cannot be read; give its owner read and search permission "
            "(chmod u+rx)"));
        return;
    }
    if (writableByOthers(info)) {
        refuse(PluginLoaderText::tr(
            "the plugin folder is writable by group or others, so anyone could plant code "
            "in it; none of it is loaded (chmod go-w)"));
        return;
    }
    QDir dir(folder.path);
    const QFileInfoList entries =
        dir.entryInfoList(QDir::Files | QDir::NoDotAndDotDot, QDir::Name | QDir::IgnoreCase);
    for (const QFileInfo &entry : entries)
        loadFile(entry.absoluteFilePath(), folder, scan);
}

void PluginLoader::loadFile(const QString &path, const PluginFolder &folder, PluginScan &scan)
{
    auto refuse = [&](const QString &reason) {
        STELLA_LOG_WARNING(lcConnectors).noquote() << "plugin" << path << "refused:" << reason;
        scan.refused.append({path, reason});
    };
    const QFileInfo info(path);
    if (!QLibrary::isLibrary(path)) {
        refuse(PluginLoaderText::tr(
            "not a shared library (a plugin's file name ends in .so); remove it from the "
            "plugin folder"));
        return;
    }
    if (writableByOthers(info)) {
        refuse(PluginLoaderText::tr(
            "the file is writable by group or others, so anyone could change its code; "
            "not loaded (chmod go-w)"));
        return;
    }
    QPluginLoader loader(path);
    // Every symbol now: a missing one is a refusal at start-up, not a crash mid-operation.
    loader.setLoadHints(QLibrary::ResolveAllSymbolsHint);
    const QJsonObject metaData = loader.metaData();
    if (metaData.isEmpty()) {
        refuse(PluginLoaderText::tr("not a Qt plugin library (no plugin metadata): %1")
                   .arg(loader.errorString()));
        return;
    }
    const QString iid = metaData.value(QStringLiteral("IID")).toString();
    if (iid != QLatin1String(StellaConnectorPlugin_iid)) {
        refuse(PluginLoaderText::tr(
                   "not a Stella Ops connector plugin (interface \"%1\", expected \"%2\")")
                   .arg(iid, QLatin1String(StellaConnectorPlugin_iid)));
        return;
    }
    const QJsonObject json = metaData.value(QStringLiteral("MetaData")).toObject();
    const QString id = json.value(QStringLiteral("id")).toString();
    const QString version = json.value(QStringLiteral("version")).toString();
    const int apiVersion = json.value(QStringLiteral("apiVersion")).toInt(-1);
    if (id.trimmed().isEmpty() || version.trimmed().isEmpty()) {
        refuse(PluginLoaderText::tr("the plugin's JSON metadata lacks \"id\" or \"version\""));
        return;
    }
    if (apiVersion != kConnectorPluginApiVersion) {
        refuse(PluginLoaderText::tr(
                   "plugin \"%1\" is built for plugin API version %2; this build speaks version %3 "
                   "(rebuild the plugin against this build's headers)")
                   .arg(id)
                   .arg(apiVersion)
                   .arg(kConnectorPluginApiVersion));
        return;
    }
    for (const LoadedPlugin &earlier : scan.loaded)
        if (earlier.id == id) {
            refuse(PluginLoaderText::tr(
                       "plugin \"%1\" is already loaded from %2 (the first folder wins); remove "
                       "one of the two")
                       .arg(id, earlier.path));
            return;
        }
    QList<ProviderDefinition> definitions;
    const bool isolated = !m_trust.isTrusted(id);
    if (isolated) {
        // Not trusted: its code runs only in a host process, which describes its providers.
        auto host = std::make_shared<PluginHost>(id, info.absoluteFilePath(), m_trust.host);
        auto described = host->describe();
        if (!described) {
            refuse(described.error().message);
            return;
        }
        definitions = *described;
        const QStringList withConnector = host->providersWithConnector();
        for (ProviderDefinition &d : definitions)
            if (withConnector.contains(d.id))
                d.connectorFactory = [host](const Integration &integration,
                                            const ConnectorContext &) {
                    return std::unique_ptr<Connector>(new IsolatedConnector(host, integration));
                };
    } else {
        QObject *instance = loader.instance();
        if (!instance) {
            refuse(PluginLoaderText::tr("cannot be loaded: %1").arg(loader.errorString()));
            return;
        }
        auto *plugin = qobject_cast<ConnectorPlugin *>(instance);
        if (!plugin) {
            refuse(PluginLoaderText::tr(
                       "plugin \"%1\" does not implement the connector plugin interface")
                       .arg(id));
            return;
        }
        if (plugin->apiVersion() != kConnectorPluginApiVersion) {
            refuse(PluginLoaderText::tr(
                       "plugin \"%1\" was compiled against plugin API version %2 although its "
                       "metadata says %3; rebuild it")
                       .arg(id)
                       .arg(plugin->apiVersion())
                       .arg(kConnectorPluginApiVersion));
            return;
        }
        definitions = plugin->providers();
    }
    if (definitions.isEmpty()) {
        refuse(PluginLoaderText::tr("plugin \"%1\" offers no provider").arg(id));
        return;
    }
    QStringList problems;
    QSet<QString> ids;
    for (const ProviderDefinition &d : definitions) {
        problems.append(m_registry.problems(d));
        if (ids.contains(d.id))
            problems.append(PluginLoaderText::tr("provider id \"%1\" is given twice").arg(d.id));
        ids.insert(d.id);
        if (!d.hasConnector())
            problems.append(
                PluginLoaderText::tr("provider \"%1\" has no connector factory").arg(d.id));
    }
    if (!problems.isEmpty()) {
        refuse(PluginLoaderText::tr("plugin \"%1\" is refused, none of its providers added: %2")
                   .arg(id, problems.join(QStringLiteral("; "))));
        return;
    }
    LoadedPlugin loaded;
    loaded.id = id;
    loaded.version = version;
    loaded.apiVersion = apiVersion;
    loaded.capabilities = stringList(json.value(QStringLiteral("capabilities")));
    loaded.path = info.absoluteFilePath();
    loaded.origin = folder.origin;
    loaded.isolated = isolated;
    for (const ProviderDefinition &d : definitions) {
        m_registry.add(d);
        loaded.providerIds.append(d.id);
    }
    STELLA_LOG_INFO(lcConnectors) << "plugin" << id << version << "loaded from" << loaded.path
                                  << "providers" << loaded.providerIds;
    scan.loaded.append(loaded);
}

} // namespace stella
