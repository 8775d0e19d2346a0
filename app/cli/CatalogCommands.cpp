// SPDX-License-Identifier: Apache-2.0
// The commands that read and change the catalog itself.
#include "Cli.h"
#include "IntegrationLookup.h"
#include "core/catalog/CatalogTransfer.h"
#include "core/catalog/IntegrationCatalog.h"
#include "core/health/CertificateExpiry.h"
#include "core/health/HealthPolicy.h"
#include "core/model/CompactJson.h"
#include "core/model/JsonText.h"
#include "core/model/ResourceTypes.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace stella::cli {

namespace {
QJsonObject providerJson(const ProviderDefinition &p)
{
    QJsonArray fields;
    for (const ConfigField &f : p.configSchema.fields) {
        QJsonObject o{{QStringLiteral("key"), f.key},
                      {QStringLiteral("label"), f.label},
                      {QStringLiteral("kind"), toString(f.kind)},
                      {QStringLiteral("required"), f.required},
                      {QStringLiteral("help"), f.help}};
        if (!f.defaultValue.isUndefined())
            o.insert(QStringLiteral("default"), f.defaultValue);
        if (!f.enumValues.isEmpty())
            o.insert(QStringLiteral("values"), QJsonArray::fromStringList(f.enumValues));
        fields.append(o);
    }
    QJsonArray slots;
    for (const CredentialSlot &s : p.credentialSlots)
        slots.append(QJsonObject{{QStringLiteral("id"), s.id},
                                 {QStringLiteral("label"), s.label},
                                 {QStringLiteral("required"), s.required},
                                 {QStringLiteral("help"), s.help}});
    QJsonArray types;
    for (IntegrationType t :
         p.allowedTypes.isEmpty() ? QList<IntegrationType>{p.type} : p.allowedTypes)
        types.append(toString(t));
    return {{QStringLiteral("provider"), p.id},
            {QStringLiteral("displayName"), p.displayName},
            {QStringLiteral("type"), toString(p.type)},
            {QStringLiteral("types"), types},
            {QStringLiteral("isTestOnly"), p.isTestOnly},
            {QStringLiteral("supportsDiscovery"), p.supportsDiscovery()},
            {QStringLiteral("supportedResourceTypes"),
             QJsonArray::fromStringList(p.supportedResourceTypes)},
            {QStringLiteral("hasConnector"), p.hasConnector()},
            {QStringLiteral("endpointRequired"), p.endpointRequired},
            {QStringLiteral("endpointHelp"), p.endpointHelp},
            {QStringLiteral("configSchema"), fields},
            {QStringLiteral("credentialSlots"), slots}};
}

Result<std::optional<int>> expectedVersion(const Args &args)
{
    if (!args.has(QStringLiteral("expect-version")))
        return std::optional<int>();
    auto v = args.intValue(QStringLiteral("expect-version"), 0, 1);
    if (!v)
        return v.error();
    return std::optional<int>(*v);
}

// Operator input is matched ignoring case and stored in the canonical spelling.
Result<std::optional<IntegrationType>> typeOption(const Args &args)
{
    if (!args.has(QStringLiteral("type")))
        return std::optional<IntegrationType>();
    const QString text = args.value(QStringLiteral("type"));
    if (auto type = integrationTypeFromString(text, Qt::CaseInsensitive))
        return type;
    return unknownValue(QStringLiteral("type"), text, QStringLiteral("an integration type"),
                        allIntegrationTypeNames());
}

Result<std::optional<EnvironmentTier>> tierOption(const Args &args)
{
    if (!args.has(QStringLiteral("tier")))
        return std::optional<EnvironmentTier>();
    const QString text = args.value(QStringLiteral("tier"));
    if (auto tier = environmentTierFromString(text))
        return tier;
    return unknownValue(QStringLiteral("tier"), text, QStringLiteral("an environment tier"),
                        allEnvironmentTierNames() + QStringList{QStringLiteral("none")});
}

// Checked here as well as by the catalog, so the message names the option.
Result<QString> folderOption(const Args &args, const QString &option = QStringLiteral("folder"))
{
    const QString folder = args.value(option);
    if (const QString p = IntegrationValidator::folderProblem(folder); !p.isEmpty())
        return Error::invalidInput(QStringLiteral("--%1: %2").arg(option, p),
                                   QStringLiteral("Folders look like 'Team A/Registries'"));
    return folder;
}

Result<QStringList> tagOptions(const Args &args)
{
    const QStringList tags = args.values(QStringLiteral("tag"));
    if (const QString p = IntegrationValidator::tagsProblem(tags); !p.isEmpty())
        return Error::invalidInput(QStringLiteral("--tag: %1").arg(p),
                                   QStringLiteral("Give each tag with its own --tag"));
    return tags;
}

Result<QString> providerOption(const Args &args, const ProviderRegistry &registry)
{
    const QString text = args.value(QStringLiteral("provider"));
    const QStringList ids = registry.ids(true);
    if (auto id = canonicalSpelling(text, ids))
        return *id;
    return unknownValue(QStringLiteral("provider"), text, QStringLiteral("a provider"), ids);
}
} // namespace

Result<void> Cli::providers(const Args &args)
{
    const auto list = m_registry.providers(args.flag(QStringLiteral("include-test-only")));
    // The plugin a provider came from (docs/contracts.md §20.5); built-in ones have none.
    auto pluginOf = [this](const ProviderDefinition &p) {
        const LoadedPlugin *plugin = m_plugins.pluginOfProvider(p.id);
        return plugin ? plugin->id : QString();
    };
    if (m_out->json()) {
        QJsonArray all;
        for (const ProviderDefinition *p : list) {
            QJsonObject o = providerJson(*p);
            const QString plugin = pluginOf(*p);
            o.insert(QStringLiteral("plugin"), plugin.isEmpty() ? QJsonValue() : plugin);
            all.append(o);
        }
        m_out->document(all);
        return {};
    }
    QList<QStringList> rows;
    for (const ProviderDefinition *p : list)
        rows.append({p->id, toString(p->type), p->displayName,
                     orDash(p->supportedResourceTypes.join(QLatin1Char(','))),
                     p->hasConnector() ? QStringLiteral("yes") : QStringLiteral("not yet"),
                     orDash(pluginOf(*p))});
    m_out->table({QStringLiteral("PROVIDER"), QStringLiteral("TYPE"), QStringLiteral("NAME"),
                  QStringLiteral("RESOURCES"), QStringLiteral("CONNECTOR"),
                  QStringLiteral("PLUGIN")},
                 rows);
    return {};
}

Result<IntegrationFilter> Cli::organisationFilter(const Args &args)
{
    IntegrationFilter filter;
    if (args.has(QStringLiteral("folder"))) {
        auto folder = folderOption(args);
        if (!folder)
            return folder.error();
        filter.folder = *folder;
    }
    auto tags = tagOptions(args);
    if (!tags)
        return tags.error();
    filter.tags = *tags;
    auto tier = tierOption(args);
    if (!tier)
        return tier.error();
    filter.tier = *tier;
    return filter;
}

Result<void> Cli::list(const Args &args)
{
    IntegrationFilter filter;
    auto type = typeOption(args);
    if (!type)
        return type.error();
    filter.type = *type;
    if (args.has(QStringLiteral("status"))) {
        const QString text = args.value(QStringLiteral("status"));
        filter.status = healthStatusFromString(text, Qt::CaseInsensitive);
        if (!filter.status)
            return unknownValue(QStringLiteral("status"), text, QStringLiteral("a health status"),
                                allHealthStatusNames());
    }
    if (args.has(QStringLiteral("provider"))) {
        auto provider = providerOption(args, m_registry);
        if (!provider)
            return provider.error();
        filter.provider = *provider;
    }
    auto organisation = organisationFilter(args);
    if (!organisation)
        return organisation.error();
    filter.folder = organisation->folder;
    filter.tags = organisation->tags;
    filter.tier = organisation->tier;
    auto integrations = catalog().list(m_ctx, filter);
    if (!integrations)
        return integrations.error();
    if (m_out->json()) {
        // Streamed object by object: a 100,000-row catalog never becomes one JSON tree.
        m_out->write("[");
        bool first = true;
        QByteArray row;
        for (const Integration &i : *integrations) {
            m_out->write(first ? "\n  " : ",\n  ");
            row.resize(0); // keeps the capacity: one allocation for the whole listing
            CompactJson::appendIntegration(row, i);
            m_out->write(row);
            first = false;
        }
        m_out->write(first ? "]\n" : "\n]\n");
        return {};
    }
    QList<QStringList> rows;
    for (const Integration &i : *integrations)
        rows.append({i.idString(), i.name, toString(i.type), i.provider, toString(i.status),
                     timeText(i.lastCheckedAt), orDash(i.folder), orDash(toString(i.tier))});
    m_out->table({QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("TYPE"),
                  QStringLiteral("PROVIDER"), QStringLiteral("STATUS"),
                  QStringLiteral("LAST CHECKED"), QStringLiteral("FOLDER"), QStringLiteral("TIER")},
                 rows);
    return {};
}

Result<void> Cli::show(const Args &args)
{
    auto i = findIntegration(args.positionals().first());
    if (!i)
        return i.error();
    if (m_out->json()) {
        m_out->document(i->toJson());
        return {};
    }
    const ProviderDefinition *provider = m_registry.find(i->provider);
    m_out->line(QStringLiteral("id:           %1").arg(i->idString()));
    m_out->line(QStringLiteral("name:         %1").arg(i->name));
    m_out->line(QStringLiteral("type:         %1").arg(toString(i->type)));
    m_out->line(QStringLiteral("provider:     %1").arg(i->provider));
    m_out->line(QStringLiteral("endpoint:     %1").arg(orDash(i->endpoint)));
    m_out->line(QStringLiteral("authRef:      %1").arg(orDash(i->authRefUri)));
    m_out->line(QStringLiteral("folder:       %1").arg(orDash(i->folder)));
    m_out->line(QStringLiteral("tags:         %1").arg(orDash(i->tags.join(QStringLiteral(", ")))));
    m_out->line(QStringLiteral("tier:         %1").arg(orDash(toString(i->tier))));
    const bool stale =
        healthpolicy::isStale(*i, MonitorSettings::kDefaultIntervalMs, m_clock.now());
    m_out->line(QStringLiteral("status:       %1%2 (last checked %3)")
                    .arg(toString(i->status), stale ? QStringLiteral(", stale") : QString(),
                         timeText(i->lastCheckedAt)));
    if (i->certificateExpiresAt.isValid())
        m_out->line(QStringLiteral("certificate:  %1 (until %2)")
                        .arg(CertificateExpiry::describe(i->certificateExpiresAt, m_clock.now()),
                             formatUtc(i->certificateExpiresAt)));
    m_out->line(QStringLiteral("monitored:    %1")
                    .arg(healthpolicy::isMonitored(*i)
                             ? QStringLiteral("every %1")
                                   .arg(formatDurationMs(healthpolicy::intervalMs(
                                       *i, MonitorSettings::kDefaultIntervalMs)))
                             : QStringLiteral("no (healthCheckEnabled is false)")));
    m_out->line(QStringLiteral("version:      %1").arg(i->version));
    m_out->line(QStringLiteral("created:      %1").arg(timeText(i->createdAt)));
    m_out->line(QStringLiteral("updated:      %1").arg(timeText(i->updatedAt)));
    m_out->line(QStringLiteral("resources:    %1")
                    .arg(orDash(resourceTypesFor(i->type).join(QStringLiteral(", ")))));
    m_out->line(QStringLiteral("config:"));
    const QJsonObject effective =
        provider ? provider->configSchema.withDefaults(i->config) : i->config;
    for (auto it = effective.begin(); it != effective.end(); ++it) {
        const QString value = jsonValueText(it.value());
        m_out->line(
            QStringLiteral("  %1: %2%3")
                .arg(it.key(), value,
                     i->config.contains(it.key()) ? QString() : QStringLiteral(" (default)")));
    }
    return {};
}

Result<void> Cli::add(const Args &args)
{
    IntegrationDraft draft;
    auto provider = providerOption(args, m_registry);
    if (!provider)
        return provider.error();
    draft.provider = *provider;
    draft.name = args.value(QStringLiteral("name"));
    draft.endpoint = args.value(QStringLiteral("endpoint"));
    draft.authRefUri = args.value(QStringLiteral("authref"));
    auto type = typeOption(args);
    if (!type)
        return type.error();
    draft.type = *type;
    if (args.has(QStringLiteral("config"))) {
        auto config = readConfigArgument(args.value(QStringLiteral("config")));
        if (!config)
            return config.error();
        draft.config = *config;
    }
    auto folder = folderOption(args);
    if (!folder)
        return folder.error();
    draft.folder = *folder;
    auto tags = tagOptions(args);
    if (!tags)
        return tags.error();
    draft.tags = *tags;
    auto tier = tierOption(args);
    if (!tier)
        return tier.error();
    draft.tier = tier->value_or(EnvironmentTier::None);
    auto added = catalog().add(m_ctx, draft);
    if (!added)
        return added.error();
    if (m_out->json())
        m_out->document(added->toJson());
    else
        m_out->line(QStringLiteral("Added %1 '%2' (%3)%4")
                        .arg(added->provider, added->name, added->idString(), sandboxNote()));
    return {};
}

Result<void> Cli::update(const Args &args)
{
    auto id = IntegrationLookup(catalog(), m_ctx).findId(args.positionals().first());
    if (!id)
        return id.error();
    IntegrationPatch patch;
    if (args.has(QStringLiteral("name")))
        patch.name = args.value(QStringLiteral("name"));
    if (args.has(QStringLiteral("endpoint")))
        patch.endpoint = args.value(QStringLiteral("endpoint"));
    if (args.has(QStringLiteral("authref")))
        patch.authRefUri = args.value(QStringLiteral("authref"));
    if (args.has(QStringLiteral("config"))) {
        auto config = readConfigArgument(args.value(QStringLiteral("config")));
        if (!config)
            return config.error();
        patch.config = *config;
    }
    if (args.has(QStringLiteral("folder"))) {
        auto folder = folderOption(args);
        if (!folder)
            return folder.error();
        patch.folder = *folder;
    }
    if (args.has(QStringLiteral("tag")) && args.flag(QStringLiteral("no-tags")))
        return Error::invalidInput(QStringLiteral("--tag and --no-tags contradict each other"),
                                   QStringLiteral("Give the new tags, or --no-tags, not both"));
    if (args.has(QStringLiteral("tag"))) {
        auto tags = tagOptions(args);
        if (!tags)
            return tags.error();
        patch.tags = *tags;
    }
    if (args.flag(QStringLiteral("no-tags")))
        patch.tags = QStringList();
    auto tier = tierOption(args);
    if (!tier)
        return tier.error();
    patch.tier = *tier;
    if (patch.isEmpty())
        return Error::invalidInput(
            QStringLiteral("update needs at least one of --name, --endpoint, --config, --authref, "
                           "--folder, --tag, --no-tags, --tier"));
    auto expected = expectedVersion(args);
    if (!expected)
        return expected.error();
    auto updated = catalog().update(m_ctx, *id, patch, *expected);
    if (!updated)
        return updated.error();
    if (m_out->json())
        m_out->document(updated->toJson());
    else
        m_out->line(QStringLiteral("Updated '%1' (now version %2)%3")
                        .arg(updated->name)
                        .arg(updated->version)
                        .arg(sandboxNote()));
    return {};
}

Result<void> Cli::remove(const Args &args)
{
    auto id = IntegrationLookup(catalog(), m_ctx).findId(args.positionals().first());
    if (!id)
        return id.error();
    auto expected = expectedVersion(args);
    if (!expected)
        return expected.error();
    if (auto r = catalog().remove(m_ctx, *id, *expected); !r)
        return r;
    if (m_out->json())
        m_out->document(QJsonObject{{QStringLiteral("id"), id->toString(QUuid::WithoutBraces)},
                                    {QStringLiteral("removed"), true}});
    else
        m_out->line(
            QStringLiteral("Removed %1%2").arg(id->toString(QUuid::WithoutBraces), sandboxNote()));
    return {};
}

Result<void> Cli::move(const Args &args)
{
    // Not a required option of the table: those refuse an empty value, and '' is the top level.
    if (!args.has(QStringLiteral("to")))
        return Error::invalidInput(QStringLiteral("move needs --to F, the folder to move to"),
                                   QStringLiteral("--to '' moves to the top level"));
    auto to = folderOption(args, QStringLiteral("to"));
    if (!to)
        return to.error();
    const bool byFolder = args.has(QStringLiteral("from-folder"));
    if (byFolder != args.positionals().isEmpty()) {
        return Error::invalidInput(
            byFolder ? QStringLiteral("move takes INTEGRATIONs or --from-folder, not both")
                     : QStringLiteral("move needs the INTEGRATIONs to move, or --from-folder F"),
            QStringLiteral("e.g. `stella-integrations move edge-harbor ci-gitlab --to 'Team A'`"));
    }
    Result<QList<Integration>> moved = QList<Integration>();
    if (byFolder) {
        auto from = folderOption(args, QStringLiteral("from-folder"));
        if (!from)
            return from.error();
        moved = catalog().renameFolder(m_ctx, *from, *to);
    } else {
        // Every name is resolved before anything moves: a typo moves nothing.
        IntegrationLookup lookup(catalog(), m_ctx);
        QList<QUuid> ids;
        for (const QString &idOrName : args.positionals()) {
            auto id = lookup.findId(idOrName);
            if (!id)
                return id.error();
            ids.append(*id);
        }
        IntegrationCatalog::BulkChange change;
        change.folder = *to;
        moved = catalog().changeMany(m_ctx, ids, change);
    }
    if (!moved)
        return moved.error();
    if (m_out->json()) {
        QJsonArray ids;
        for (const Integration &i : *moved)
            ids.append(i.idString());
        m_out->document(
            QJsonObject{{QStringLiteral("moved"), moved->size()}, {QStringLiteral("ids"), ids}});
    } else {
        m_out->line(QStringLiteral("Moved %1 integrations to %2%3")
                        .arg(moved->size())
                        .arg(to->isEmpty() ? QStringLiteral("the top level")
                                           : QStringLiteral("'%1'").arg(*to),
                             sandboxNote()));
    }
    return {};
}

Result<void> Cli::audit(const Args &args)
{
    QUuid id;
    if (args.has(QStringLiteral("integration"))) {
        auto parsed =
            IntegrationLookup(catalog(), m_ctx).findId(args.value(QStringLiteral("integration")));
        if (!parsed)
            return parsed.error();
        id = *parsed;
    }
    auto limit = args.intValue(QStringLiteral("limit"), 50);
    if (!limit)
        return limit.error();
    auto entries = catalog().audit(m_ctx, id, *limit);
    if (!entries)
        return entries.error();
    if (m_out->json()) {
        QJsonArray all;
        for (const AuditEntry &e : *entries)
            all.append(e.toJson());
        m_out->document(all);
        return {};
    }
    QList<QStringList> rows;
    for (const AuditEntry &e : *entries)
        rows.append({formatUtc(e.timestamp), e.actor, e.action,
                     e.integrationId.toString(QUuid::WithoutBraces),
                     QString::fromUtf8(QJsonDocument(e.details).toJson(QJsonDocument::Compact))});
    m_out->table({QStringLiteral("TIME"), QStringLiteral("ACTOR"), QStringLiteral("ACTION"),
                  QStringLiteral("INTEGRATION"), QStringLiteral("DETAILS")},
                 rows);
    return {};
}

Result<void> Cli::exportCatalog(const Args &args)
{
    auto integrations = catalog().list(m_ctx);
    if (!integrations)
        return integrations.error();
    const QByteArray document = CatalogTransfer::exportDocument(*integrations);
    if (!args.has(QStringLiteral("file"))) {
        m_out->write(document);
        return {};
    }
    // QSaveFile: the previous export stays intact unless the new one is complete.
    QSaveFile file(args.value(QStringLiteral("file")));
    if (!file.open(QIODevice::WriteOnly) || file.write(document) != document.size() ||
        !file.commit())
        return Error::failed(QStringLiteral("Cannot write the export to %1: %2")
                                 .arg(file.fileName(), file.errorString()),
                             QStringLiteral("Check the directory exists and is writable"));
    Output::progress(QStringLiteral("Exported %1 integrations to %2")
                         .arg(integrations->size())
                         .arg(file.fileName()));
    if (m_out->json())
        m_out->document(QJsonObject{{QStringLiteral("exported"), integrations->size()},
                                    {QStringLiteral("file"), file.fileName()}});
    return {};
}

Result<void> Cli::importCatalog(const Args &args)
{
    const QString path = args.value(QStringLiteral("file"));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::invalidInput(
            QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()),
            QStringLiteral("Check the path"));
    auto drafts = CatalogTransfer::parseImport(file.readAll());
    if (!drafts)
        return drafts.error();
    auto added = catalog().addAll(m_ctx, *drafts, QStringLiteral("import"));
    if (!added)
        return added.error();
    if (m_out->json())
        m_out->document(QJsonObject{{QStringLiteral("imported"), added->size()}});
    else
        m_out->line(
            QStringLiteral("Imported %1 integrations%2").arg(added->size()).arg(sandboxNote()));
    return {};
}

} // namespace stella::cli
