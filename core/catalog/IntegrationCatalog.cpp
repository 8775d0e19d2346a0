// SPDX-License-Identifier: Apache-2.0
#include "IntegrationCatalog.h"

#include "core/common/Clock.h"
#include "core/providers/ProviderRegistry.h"
#include "core/storage/CatalogStore.h"
#include "core/storage/Database.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QSet>
#include <algorithm>

namespace stella {

namespace {
struct IntegrationCatalogText
{
    Q_DECLARE_TR_FUNCTIONS(stella::IntegrationCatalog)
};
} // namespace

namespace {
QString idText(const QUuid &id)
{
    return id.toString(QUuid::WithoutBraces);
}

// Audit details name what changed; config values are never copied (they are not secrets by
// contract, but an operator may still have pasted one by mistake).
QJsonArray changedFields(const Integration &before, const Integration &after)
{
    QJsonArray fields;
    if (before.name != after.name)
        fields.append(QStringLiteral("name"));
    if (before.endpoint != after.endpoint)
        fields.append(QStringLiteral("endpoint"));
    if (before.authRefUri != after.authRefUri)
        fields.append(QStringLiteral("authRefUri"));
    if (before.folder != after.folder)
        fields.append(QStringLiteral("folder"));
    if (before.tags != after.tags)
        fields.append(QStringLiteral("tags"));
    if (before.tier != after.tier)
        fields.append(QStringLiteral("tier"));
    QStringList keys = before.config.keys() + after.config.keys();
    keys.removeDuplicates();
    keys.sort();
    for (const QString &key : keys)
        if (before.config.value(key) != after.config.value(key))
            fields.append(QStringLiteral("config.") + key);
    return fields;
}

QStringList fieldNames(const QJsonArray &fields)
{
    QStringList names;
    names.reserve(fields.size());
    for (const QJsonValue &field : fields)
        names.append(field.toString());
    return names;
}
} // namespace

IntegrationCatalog::IntegrationCatalog(CatalogStore &store, const ProviderRegistry &registry,
                                       const Clock &clock, QObject *parent)
    : QObject(parent), m_store(store), m_registry(registry), m_clock(clock), m_validator(registry)
{}

Result<QUuid> IntegrationCatalog::parseId(const QString &text)
{
    const QUuid id = QUuid::fromString(text.trimmed());
    if (id.isNull())
        return Error::notFound(
            IntegrationCatalogText::tr("No integration has the id '%1'").arg(text),
            IntegrationCatalogText::tr("Ids are UUIDs; `stella-integrations list` shows them"));
    return id;
}

Error IntegrationCatalog::notFound(const QUuid &id) const
{
    return Error::notFound(
        IntegrationCatalogText::tr("No integration has the id %1 in this tenant").arg(idText(id)),
        IntegrationCatalogText::tr(
            "Check the id and --tenant; `stella-integrations list` shows the ids"));
}

Error IntegrationCatalog::versionConflict(const Integration &stored, int expectedVersion,
                                          const QString &hint)
{
    return Error::conflict(
        IntegrationCatalogText::tr("Integration '%1' was changed by someone else: it is "
                                   "at version %2, you expected %3")
            .arg(stored.name)
            .arg(stored.version)
            .arg(expectedVersion),
        hint);
}

Result<void> IntegrationCatalog::writeAudit(const RequestContext &ctx, const QString &action,
                                            const QUuid &id, const QJsonObject &details)
{
    AuditEntry entry;
    entry.actor = ctx.actor;
    entry.action = action;
    entry.integrationId = id;
    entry.timestamp = m_clock.now();
    entry.details = details;
    return m_store.insertAudit(ctx.tenantId, entry);
}

Result<Integration> IntegrationCatalog::materialize(const RequestContext &ctx,
                                                    const IntegrationDraft &draft) const
{
    const ProviderDefinition *provider = m_registry.find(draft.provider);
    if (!provider)
        return Error::invalidInput(
            IntegrationCatalogText::tr("Unknown provider '%1'").arg(draft.provider),
            IntegrationCatalogText::tr("Use one of: %1")
                .arg(m_registry.ids(true).join(QStringLiteral(", "))));
    Integration i;
    i.id = draft.id.isNull() ? QUuid::createUuid() : draft.id;
    i.tenantId = ctx.tenantId;
    i.type = draft.type.value_or(provider->type);
    i.provider = draft.provider;
    i.name = draft.name;
    i.endpoint = draft.endpoint;
    i.config = draft.config;
    i.authRefUri = draft.authRefUri;
    i.folder = draft.folder;
    i.tags = IntegrationValidator::normalizedTags(draft.tags);
    i.tier = draft.tier;
    i.status = HealthStatus::Unknown;
    i.version = 1;
    i.createdAt = m_clock.now();
    i.updatedAt = i.createdAt;
    if (auto r = m_validator.validate(i); !r)
        return r.error();
    return i;
}

Result<Integration> IntegrationCatalog::add(const RequestContext &ctx,
                                            const IntegrationDraft &draft)
{
    auto all = addAll(ctx, {draft}, QString());
    if (!all)
        return all.error();
    return all->first();
}

Result<QList<Integration>> IntegrationCatalog::addAll(const RequestContext &ctx,
                                                      const QList<IntegrationDraft> &drafts,
                                                      const QString &source)
{
    const bool single = drafts.size() == 1 && source.isEmpty();
    QList<Integration> integrations;
    integrations.reserve(drafts.size());
    QStringList problems;
    QSet<QString> names;
    QSet<QUuid> ids;
    QSet<QUuid> explicitIds; // ids the caller chose (import) must be free catalog-wide
    for (qsizetype n = 0; n < drafts.size(); ++n) {
        const QString where =
            single ? QString()
                   : QStringLiteral("integrations[%1] ('%2'): ").arg(n).arg(drafts[n].name);
        auto i = materialize(ctx, drafts[n]);
        if (!i) {
            if (single)
                return i.error();
            problems.append(where + (i.error().details.isEmpty()
                                         ? i.error().message
                                         : i.error().details.join(QStringLiteral("; "))));
            continue;
        }
        if (names.contains(i->name))
            problems.append(
                where +
                IntegrationCatalogText::tr("the name '%1' appears more than once").arg(i->name));
        if (ids.contains(i->id))
            problems.append(
                where +
                IntegrationCatalogText::tr("the id %1 appears more than once").arg(idText(i->id)));
        names.insert(i->name);
        ids.insert(i->id);
        if (!drafts[n].id.isNull())
            explicitIds.insert(i->id);
        integrations.append(std::move(i).value());
    }

    Transaction tx(m_store.database());
    if (auto r = tx.begin(IntegrationCatalogText::tr("adding integrations")); !r)
        return r.error();
    // One query for the names in use rather than one per draft: imports run to 100,000 rows.
    auto takenNames = m_store.activeNames(ctx.tenantId);
    if (!takenNames)
        return takenNames.error();
    for (const Integration &i : std::as_const(integrations)) {
        if (takenNames->contains(i.name)) {
            if (single)
                return Error::conflict(
                    IntegrationCatalogText::tr(
                        "An integration named '%1' already exists in this tenant")
                        .arg(i.name),
                    IntegrationCatalogText::tr("Choose another name, or update the existing one"));
            problems.append(
                IntegrationCatalogText::tr("'%1': an integration with this name already exists")
                    .arg(i.name));
        }
        if (explicitIds.contains(i.id)) {
            auto idTaken = m_store.idInUse(i.id);
            if (!idTaken)
                return idTaken.error();
            if (*idTaken)
                problems.append(
                    IntegrationCatalogText::tr("'%1': the id %2 is already in use; remove \"id\" "
                                               "to import it as a new integration")
                        .arg(i.name, idText(i.id)));
        }
    }
    if (!problems.isEmpty()) {
        Error e = Error::invalidInput(
            IntegrationCatalogText::tr("Nothing was imported: %1 of %2 entries have problems")
                .arg(problems.size())
                .arg(drafts.size()),
            IntegrationCatalogText::tr("Fix the entries listed below and import the file again"));
        e.details = problems;
        return e;
    }
    for (const Integration &i : std::as_const(integrations)) {
        if (auto r = m_store.insertIntegration(i); !r)
            return r.error();
        QJsonObject details{{QStringLiteral("name"), i.name},
                            {QStringLiteral("provider"), i.provider},
                            {QStringLiteral("type"), toString(i.type)},
                            {QStringLiteral("endpoint"), i.endpoint}};
        if (!i.authRefUri.isEmpty())
            details.insert(QStringLiteral("authRefUri"), i.authRefUri);
        if (!source.isEmpty())
            details.insert(QStringLiteral("source"), source);
        if (auto r = writeAudit(ctx, QStringLiteral("create"), i.id, details); !r)
            return r.error();
    }
    if (auto r = tx.commit(IntegrationCatalogText::tr("adding integrations")); !r)
        return r.error();

    if (integrations.size() == 1)
        Q_EMIT integrationChanged(ChangeKind::Added, ctx.tenantId, integrations.first().id);
    else if (!integrations.isEmpty())
        Q_EMIT catalogReset(ctx.tenantId);
    return integrations;
}

Result<Integration> IntegrationCatalog::update(const RequestContext &ctx, const QUuid &id,
                                               const IntegrationPatch &patch,
                                               std::optional<int> expectedVersion)
{
    Transaction tx(m_store.database());
    if (auto r = tx.begin(IntegrationCatalogText::tr("updating an integration")); !r)
        return r.error();
    auto found = m_store.findIntegration(ctx.tenantId, id);
    if (!found)
        return found.error();
    if (!found->has_value())
        return notFound(id);
    const Integration before = **found;
    if (expectedVersion && *expectedVersion != before.version)
        return versionConflict(
            before, *expectedVersion,
            IntegrationCatalogText::tr("Reload it, re-apply your change, and save again"));

    Integration after = before;
    if (patch.name)
        after.name = *patch.name;
    if (patch.endpoint)
        after.endpoint = *patch.endpoint;
    if (patch.config)
        after.config = *patch.config;
    if (patch.authRefUri)
        after.authRefUri = *patch.authRefUri;
    if (patch.folder)
        after.folder = *patch.folder;
    if (patch.tags)
        after.tags = IntegrationValidator::normalizedTags(*patch.tags);
    if (patch.tier)
        after.tier = *patch.tier;
    if (auto r = m_validator.validate(after); !r)
        return r.error();
    const QJsonArray changed = changedFields(before, after);
    if (changed.isEmpty())
        return before; // nothing to do: no new version, no audit noise
    if (after.name != before.name) {
        auto taken = m_store.nameInUse(ctx.tenantId, after.name, id);
        if (!taken)
            return taken.error();
        if (*taken)
            return Error::conflict(IntegrationCatalogText::tr(
                                       "An integration named '%1' already exists in this tenant")
                                       .arg(after.name),
                                   IntegrationCatalogText::tr("Choose another name"));
    }
    after.version = before.version + 1;
    after.updatedAt = m_clock.now();
    auto updated = m_store.updateIntegration(after, before.version);
    if (!updated)
        return updated.error();
    if (!*updated)
        return Error::conflict(
            IntegrationCatalogText::tr("Integration '%1' was changed by someone else while saving")
                .arg(before.name),
            IntegrationCatalogText::tr("Reload it, re-apply your change, and save again"));
    if (auto r = writeAudit(ctx, QStringLiteral("update"), id,
                            {{QStringLiteral("changed"), changed},
                             {QStringLiteral("name"), after.name},
                             {QStringLiteral("version"), after.version}});
        !r)
        return r.error();
    if (auto r = tx.commit(IntegrationCatalogText::tr("updating an integration")); !r)
        return r.error();
    Q_EMIT integrationChanged(ChangeKind::Updated, ctx.tenantId, id);
    return after;
}

Result<void> IntegrationCatalog::remove(const RequestContext &ctx, const QUuid &id,
                                        std::optional<int> expectedVersion)
{
    Transaction tx(m_store.database());
    if (auto r = tx.begin(IntegrationCatalogText::tr("removing an integration")); !r)
        return r;
    auto found = m_store.findIntegration(ctx.tenantId, id);
    if (!found)
        return found.error();
    if (!found->has_value())
        return notFound(id);
    const Integration &existing = **found;
    if (expectedVersion && *expectedVersion != existing.version)
        return versionConflict(existing, *expectedVersion,
                               IntegrationCatalogText::tr("Reload it and decide again"));
    auto removed = m_store.softDelete(ctx.tenantId, id, existing.version, m_clock.now());
    if (!removed)
        return removed.error();
    if (!*removed)
        return Error::conflict(IntegrationCatalogText::tr(
                                   "Integration '%1' was changed by someone else while removing")
                                   .arg(existing.name),
                               IntegrationCatalogText::tr("Reload it and decide again"));
    if (auto r = writeAudit(ctx, QStringLiteral("delete"), id,
                            {{QStringLiteral("name"), existing.name}});
        !r)
        return r;
    if (auto r = tx.commit(IntegrationCatalogText::tr("removing an integration")); !r)
        return r;
    Q_EMIT integrationChanged(ChangeKind::Removed, ctx.tenantId, id);
    return {};
}

Result<QList<Integration>> IntegrationCatalog::changeMany(const RequestContext &ctx,
                                                          const QList<QUuid> &ids,
                                                          const BulkChange &change)
{
    if (change.folder) {
        if (const QString p = IntegrationValidator::folderProblem(*change.folder); !p.isEmpty())
            return Error::invalidInput(
                IntegrationCatalogText::tr("Nothing was changed: %1").arg(p),
                IntegrationCatalogText::tr("Correct the folder and try again"));
    }
    if (const QString p = IntegrationValidator::tagsProblem(change.addTags); !p.isEmpty())
        return Error::invalidInput(IntegrationCatalogText::tr("Nothing was changed: %1").arg(p),
                                   IntegrationCatalogText::tr("Correct the tag and try again"));
    return applyToEach(ctx, ids, [&change](Integration &i) {
        if (change.folder)
            i.folder = *change.folder;
        QStringList tags = i.tags + change.addTags;
        for (const QString &tag : change.removeTags)
            tags.removeAll(tag);
        i.tags = IntegrationValidator::normalizedTags(tags);
        if (change.tier)
            i.tier = *change.tier;
    });
}

Result<QList<Integration>> IntegrationCatalog::renameFolder(const RequestContext &ctx,
                                                            const QString &from, const QString &to)
{
    if (from.isEmpty())
        return Error::invalidInput(
            IntegrationCatalogText::tr(
                "Give the folder to move from; the top level cannot be moved"),
            IntegrationCatalogText::tr("Move integrations from the top level by id instead"));
    for (const QString &folder : {from, to})
        if (const QString p = IntegrationValidator::folderProblem(folder); !p.isEmpty())
            return Error::invalidInput(
                IntegrationCatalogText::tr("Nothing was moved: %1").arg(p),
                IntegrationCatalogText::tr("Correct the folder and try again"));
    IntegrationFilter filter;
    filter.folder = from;
    auto inFolder = m_store.listIntegrations(ctx.tenantId, filter);
    if (!inFolder)
        return inFolder.error();
    QList<QUuid> ids;
    ids.reserve(inFolder->size());
    for (const Integration &i : std::as_const(*inFolder))
        ids.append(i.id);
    // Subfolders move along: from/x becomes to/x.
    return applyToEach(ctx, ids, [&from, &to](Integration &i) {
        const QString rest = i.folder.mid(from.size());
        i.folder = to.isEmpty() ? rest.mid(1) : to + rest;
    });
}

Result<QList<Integration>>
IntegrationCatalog::applyToEach(const RequestContext &ctx, const QList<QUuid> &ids,
                                const std::function<void(Integration &)> &change)
{
    const QString doing = IntegrationCatalogText::tr("changing %1 integrations").arg(ids.size());
    Transaction tx(m_store.database());
    if (auto r = tx.begin(doing); !r)
        return r.error();
    QList<Integration> changed;
    QStringList problems;
    const QDateTime now = m_clock.now();
    // Read in chunks inside the transaction: the versions checked below are the ones read.
    auto existing = m_store.findIntegrations(ctx.tenantId, ids);
    if (!existing)
        return existing.error();
    // Integrations that end up alike (read at one version, given the same folder, tags and
    // tier, the same fields changed) are written together: a move of 10,000 is a few
    // set-based statements instead of 20,000 single-row ones.
    struct Batch
    {
        int expectedVersion = 0;
        CatalogStore::Organisation values;
        QStringList fields;
        QList<QUuid> ids;
    };
    QList<Batch> batches;
    QHash<QString, qsizetype> batchByKey;
    QSet<QUuid> seen;
    for (const QUuid &id : ids) {
        if (seen.contains(id))
            continue;
        seen.insert(id);
        const auto found = existing->constFind(id);
        if (found == existing->constEnd())
            return notFound(id);
        const Integration &before = *found;
        Integration after = before;
        change(after);
        if (const QString p = IntegrationValidator::folderProblem(after.folder); !p.isEmpty())
            problems.append(QStringLiteral("'%1': %2").arg(before.name, p));
        if (const QString p = IntegrationValidator::tagsProblem(after.tags); !p.isEmpty())
            problems.append(QStringLiteral("'%1': %2").arg(before.name, p));
        if (!problems.isEmpty())
            continue;
        const QStringList fields = fieldNames(changedFields(before, after));
        if (fields.isEmpty())
            continue;
        const QString key = QString::number(before.version) + QLatin1Char('\n') + after.folder +
                            QLatin1Char('\n') + after.tags.join(QLatin1Char(',')) +
                            QLatin1Char('\n') + toString(after.tier) + QLatin1Char('\n') +
                            fields.join(QLatin1Char(','));
        auto batch = batchByKey.constFind(key);
        if (batch == batchByKey.constEnd()) {
            batch = batchByKey.insert(key, batches.size());
            batches.append({before.version, {after.folder, after.tags, after.tier}, fields, {}});
        }
        batches[*batch].ids.append(id);
        after.version = before.version + 1;
        after.updatedAt = now;
        changed.append(after);
    }
    if (!problems.isEmpty()) {
        Error e = Error::invalidInput(
            IntegrationCatalogText::tr("Nothing was changed: %1 integrations would be invalid")
                .arg(problems.size()),
            IntegrationCatalogText::tr("Correct the values and try again"));
        e.details = problems;
        return e;
    }
    for (const Batch &batch : std::as_const(batches)) {
        auto updated = m_store.updateOrganisation(ctx.tenantId, batch.ids, batch.expectedVersion,
                                                  batch.values, now);
        if (!updated)
            return updated.error();
        if (*updated != batch.ids.size()) // the transaction rolls back what was written
            return Error::conflict(
                IntegrationCatalogText::tr(
                    "%1 of the integrations were changed by someone else while saving")
                    .arg(batch.ids.size() - *updated),
                IntegrationCatalogText::tr("Nothing was changed; reload and try again"));
        if (auto r = m_store.insertBulkUpdateAudit(ctx.tenantId, batch.ids, ctx.actor, now,
                                                   batch.fields);
            !r)
            return r.error();
    }
    if (auto r = tx.commit(doing); !r)
        return r.error();
    if (changed.size() == 1)
        Q_EMIT integrationChanged(ChangeKind::Updated, ctx.tenantId, changed.first().id);
    else if (!changed.isEmpty())
        Q_EMIT catalogReset(ctx.tenantId);
    return changed;
}

Result<int> IntegrationCatalog::removeMany(const RequestContext &ctx, const QList<QUuid> &ids)
{
    const QString doing = IntegrationCatalogText::tr("removing %1 integrations").arg(ids.size());
    Transaction tx(m_store.database());
    if (auto r = tx.begin(doing); !r)
        return r.error();
    const QDateTime now = m_clock.now();
    QList<QUuid> removed;
    QSet<QUuid> seen;
    for (const QUuid &id : ids) {
        if (seen.contains(id))
            continue;
        seen.insert(id);
        auto found = m_store.findIntegration(ctx.tenantId, id);
        if (!found)
            return found.error();
        if (!found->has_value())
            return notFound(id);
        auto gone = m_store.softDelete(ctx.tenantId, id, (*found)->version, now);
        if (!gone)
            return gone.error();
        if (!*gone)
            return Error::conflict(
                IntegrationCatalogText::tr(
                    "Integration '%1' was changed by someone else while removing")
                    .arg((*found)->name),
                IntegrationCatalogText::tr("Nothing was removed; reload and decide again"));
        if (auto r = writeAudit(
                ctx, QStringLiteral("delete"), id,
                {{QStringLiteral("name"), (*found)->name}, {QStringLiteral("bulk"), true}});
            !r)
            return r.error();
        removed.append(id);
    }
    if (auto r = tx.commit(doing); !r)
        return r.error();
    if (removed.size() == 1)
        Q_EMIT integrationChanged(ChangeKind::Removed, ctx.tenantId, removed.first());
    else if (!removed.isEmpty())
        Q_EMIT catalogReset(ctx.tenantId);
    return int(removed.size());
}

Result<Integration> IntegrationCatalog::get(const RequestContext &ctx, const QUuid &id)
{
    auto found = m_store.findIntegration(ctx.tenantId, id);
    if (!found)
        return found.error();
    if (!found->has_value())
        return notFound(id);
    return **found;
}

Result<QList<Integration>> IntegrationCatalog::list(const RequestContext &ctx,
                                                    const IntegrationFilter &filter)
{
    return m_store.listIntegrations(ctx.tenantId, filter);
}

Result<QStringList> IntegrationCatalog::tenants()
{
    return m_store.tenants();
}

Result<QList<AuditEntry>> IntegrationCatalog::audit(const RequestContext &ctx,
                                                    const QUuid &integrationId, int limit)
{
    return m_store.listAudit(ctx.tenantId, integrationId, limit);
}

Result<HealthStatus> IntegrationCatalog::recordHealthCheck(const RequestContext &ctx,
                                                           const HealthCheckRecord &record)
{
    auto previous = recordHealthChecks(ctx, {record});
    if (!previous)
        return previous.error();
    if (!previous->first())
        return notFound(record.integrationId);
    return *previous->first();
}

Result<QList<std::optional<HealthStatus>>>
IntegrationCatalog::recordHealthChecks(const RequestContext &ctx,
                                       const QList<HealthCheckRecord> &records)
{
    const QString doing = IntegrationCatalogText::tr("recording health checks");
    // A connection the server dropped is opened again here: a monitor resumes by itself.
    if (auto r = m_store.database().reconnectIfLost(doing); !r)
        return r.error();
    Transaction tx(m_store.database());
    if (auto r = tx.begin(doing); !r)
        return r.error();
    QList<std::optional<HealthStatus>> previous;
    previous.reserve(records.size());
    for (const HealthCheckRecord &record : records) {
        auto found = m_store.findIntegration(ctx.tenantId, record.integrationId);
        if (!found)
            return found.error();
        if (!found->has_value()) {
            previous.append(std::nullopt);
            continue;
        }
        previous.append((*found)->status);
        if (auto r = m_store.insertHealthCheck(ctx.tenantId, (*found)->provider, record); !r)
            return r.error();
        if (auto r = m_store.updateStatus(ctx.tenantId, record.integrationId, record.status,
                                          record.checkedAt, record.certificateExpiresAt);
            !r)
            return r.error();
    }
    if (auto r = tx.commit(doing); !r)
        return r.error();
    for (int i = 0; i < records.size(); ++i) {
        if (!previous[i])
            continue;
        const HealthCheckRecord &record = records[i];
        Q_EMIT healthRecorded(ctx.tenantId, record.integrationId, record.status);
        if (*previous[i] != record.status)
            Q_EMIT healthChanged(ctx.tenantId, record.integrationId, *previous[i], record.status);
    }
    return previous;
}

Result<HealthHistory> IntegrationCatalog::healthHistory(const RequestContext &ctx, const QUuid &id,
                                                        const QDateTime &from, const QDateTime &to,
                                                        int maxPoints)
{
    if (!from.isValid() || !to.isValid() || from >= to)
        return Error::invalidInput(
            IntegrationCatalogText::tr("The history range must start before it ends"),
            IntegrationCatalogText::tr("Give a range such as 24h, 7d or 30d"));
    auto found = get(ctx, id);
    if (!found)
        return found.error();
    return m_store.healthHistory(ctx.tenantId, id, from, to,
                                 healthhistory::bucketSecondsFor(from, to, maxPoints));
}

Result<int> IntegrationCatalog::pruneHealthHistory(const RequestContext &ctx,
                                                   const QDateTime &before, int batchSize)
{
    if (auto r = m_store.database().reconnectIfLost(
            IntegrationCatalogText::tr("pruning old health checks"));
        !r)
        return r.error();
    return m_store.pruneHealthChecks(ctx.tenantId, before, batchSize);
}

Result<bool> IntegrationCatalog::claimHealthCheck(const QUuid &id, const QString &holder,
                                                  qint64 forMs)
{
    auto claimed = claimHealthChecks({{id, forMs}}, holder);
    if (!claimed)
        return claimed.error();
    return !claimed->isEmpty();
}

Result<QList<QUuid>> IntegrationCatalog::claimHealthChecks(const QList<LeaseRequest> &requests,
                                                           const QString &holder)
{
    const QString doing = IntegrationCatalogText::tr("taking health-check leases");
    if (auto r = m_store.database().reconnectIfLost(doing); !r)
        return r.error();
    Transaction tx(m_store.database());
    if (auto r = tx.begin(doing); !r)
        return r.error();
    const QDateTime now = m_clock.now();
    // Row locks are taken in id order, whoever asks: two monitors claiming overlapping batches
    // on PostgreSQL wait for each other instead of deadlocking.
    QList<LeaseRequest> ordered = requests;
    std::sort(ordered.begin(), ordered.end(),
              [](const LeaseRequest &a, const LeaseRequest &b) { return a.id < b.id; });
    QList<QUuid> claimed;
    for (const LeaseRequest &request : std::as_const(ordered)) {
        auto got = m_store.claimHealthLease(request.id, holder, now, now.addMSecs(request.forMs));
        if (!got)
            return got.error();
        if (*got)
            claimed.append(request.id);
    }
    if (auto r = tx.commit(doing); !r)
        return r.error();
    return claimed;
}

Result<void> IntegrationCatalog::recordTestConnection(const RequestContext &ctx,
                                                      const QString &provider, qint64 durationMs)
{
    return m_store.recordTestConnection(ctx.tenantId, provider, durationMs);
}

Result<MetricsSnapshot> IntegrationCatalog::metrics(const RequestContext &ctx)
{
    return m_store.metrics(ctx.tenantId);
}

Result<QList<HealthCheckRecord>> IntegrationCatalog::healthHistory(const RequestContext &ctx,
                                                                   const QUuid &id, int limit)
{
    auto found = get(ctx, id);
    if (!found)
        return found.error();
    return m_store.listHealthChecks(ctx.tenantId, id, limit);
}

} // namespace stella
