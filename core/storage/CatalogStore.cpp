// SPDX-License-Identifier: Apache-2.0
#include "CatalogStore.h"

#include "core/common/Clock.h"
#include "core/storage/Database.h"
#include "core/storage/SqlValues.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>
#include <algorithm>

namespace stella {

namespace {
// The "doing" phrases of database errors ("… while saving integration 'x'"), which the
// console shows.
struct CatalogStoreText
{
    Q_DECLARE_TR_FUNCTIONS(stella::CatalogStore)
};
} // namespace

namespace {
const QString kColumns = QStringLiteral(
    "id, tenant_id, type, provider, name, endpoint, config_json, auth_ref_uri, status, version,"
    " created_at, updated_at, deleted_at, last_checked_at, certificate_expires_at, folder, tags,"
    " tier");

QString idText(const QUuid &id)
{
    return id.toString(QUuid::WithoutBraces);
}

QVariant nullableText(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
}

// QtSql binds a null QString as SQL NULL; NOT NULL text columns need an empty string instead.
QString notNull(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

// ",a,b," for {a, b}; "" for none (docs/contracts.md §25: a tag never holds a comma).
QString framedTags(const QStringList &tags)
{
    if (tags.isEmpty())
        return QStringLiteral("");
    return QLatin1Char(',') + tags.join(QLatin1Char(',')) + QLatin1Char(',');
}

QStringList tagsFromFramed(const QString &text)
{
    return text.split(QLatin1Char(','), Qt::SkipEmptyParts);
}

using sql::compactJson;

// Well under SQLite's and PostgreSQL's limits on bound parameters per statement.
constexpr qsizetype kIdsPerStatement = 500;

QString placeholders(qsizetype n)
{
    QString text = QStringLiteral("?");
    text.reserve(n * 3);
    for (qsizetype k = 1; k < n; ++k)
        text += QStringLiteral(", ?");
    return text;
}

// Runs `run(first, count)` over [0, size) in chunks of kIdsPerStatement.
template <typename F> Result<void> inChunks(qsizetype size, F &&run)
{
    for (qsizetype start = 0; start < size; start += kIdsPerStatement)
        if (auto r = run(start, std::min(kIdsPerStatement, size - start)); !r)
            return r;
    return {};
}
} // namespace

QString CatalogStore::tenantTerm() const
{
    // SQLite's planner took the tenant's index (tenant_id, deleted_at, name) for these
    // statements (the bulk change's read, update and audit insert), walking every row of the
    // tenant once per 500 ids: a set-based move of 10,000 in 100,000 took 10 s. The unary + keeps
    // the condition but not that index, so the ids are looked up by primary key. PostgreSQL has no
    // + on text, and plans it well anyway.
    return m_db.dialect() == Database::Dialect::Postgres ? QStringLiteral("tenant_id = ?")
                                                         : QStringLiteral("+tenant_id = ?");
}

QVariant CatalogStore::timeValue(const QDateTime &t) const
{
    return sql::timeValue(m_db.dialect(), t);
}

QDateTime CatalogStore::timeFrom(const QVariant &v) const
{
    return sql::timeFrom(v);
}

Result<Integration> CatalogStore::readIntegration(const QSqlQuery &q) const
{
    Integration i;
    i.id = QUuid::fromString(q.value(0).toString());
    i.tenantId = q.value(1).toString();
    const QString typeText = q.value(2).toString();
    const auto type = integrationTypeFromString(typeText);
    if (!type)
        return Error::backend(
            QStringLiteral("Integration %1 has an unknown type '%2' in the catalog")
                .arg(idText(i.id), typeText),
            QStringLiteral("Fix the row in the database; valid types are %1")
                .arg(allIntegrationTypeNames().join(QStringLiteral(", "))));
    i.type = *type;
    i.provider = q.value(3).toString();
    i.name = q.value(4).toString();
    i.endpoint = q.value(5).toString();
    const QString configText = q.value(6).toString();
    if (configText != QLatin1String("{}")) { // most integrations: nothing to parse
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(configText.toUtf8(), &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject())
            return Error::backend(
                QStringLiteral("Integration %1 has malformed config_json in the catalog")
                    .arg(idText(i.id)),
                QStringLiteral("Fix or reset the row's config_json to a JSON object"));
        i.config = doc.object();
    }
    i.authRefUri = q.value(7).toString();
    i.status = healthStatusFromString(q.value(8).toString()).value_or(HealthStatus::Unknown);
    i.version = q.value(9).toInt();
    i.createdAt = timeFrom(q.value(10));
    i.updatedAt = timeFrom(q.value(11));
    i.deletedAt = timeFrom(q.value(12));
    i.lastCheckedAt = timeFrom(q.value(13));
    i.certificateExpiresAt = timeFrom(q.value(14));
    i.folder = q.value(15).toString();
    i.tags = tagsFromFramed(q.value(16).toString());
    const QString tierText = q.value(17).toString();
    const auto tier = environmentTierFromString(tierText);
    if (!tier)
        return Error::backend(
            QStringLiteral("Integration %1 has an unknown tier '%2' in the catalog")
                .arg(idText(i.id), tierText),
            QStringLiteral("Fix the row in the database; valid tiers are %1, or empty")
                .arg(allEnvironmentTierNames().join(QStringLiteral(", "))));
    i.tier = *tier;
    return i;
}

Result<void> CatalogStore::insertIntegration(const Integration &i)
{
    return m_db.execCached(
        QStringLiteral("INSERT INTO integrations (") + kColumns +
            QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {idText(i.id), i.tenantId, toString(i.type), i.provider, i.name, notNull(i.endpoint),
         compactJson(i.config), nullableText(i.authRefUri), toString(i.status), i.version,
         timeValue(i.createdAt), timeValue(i.updatedAt), timeValue(i.deletedAt),
         timeValue(i.lastCheckedAt), timeValue(i.certificateExpiresAt), notNull(i.folder),
         framedTags(i.tags), notNull(toString(i.tier))},
        CatalogStoreText::tr("saving integration '%1'").arg(i.name));
}

Result<bool> CatalogStore::updateIntegration(const Integration &i, int expectedVersion)
{
    // Prepared once per connection: a bulk change runs it once per integration.
    auto changed = m_db.execCachedCounting(
        QStringLiteral(
            "UPDATE integrations SET name = ?, endpoint = ?, config_json = ?, auth_ref_uri = ?,"
            " version = ?, updated_at = ?, folder = ?, tags = ?, tier = ?"
            " WHERE id = ? AND tenant_id = ? AND deleted_at IS NULL AND version = ?"),
        {i.name, notNull(i.endpoint), compactJson(i.config), nullableText(i.authRefUri), i.version,
         timeValue(i.updatedAt), notNull(i.folder), framedTags(i.tags), notNull(toString(i.tier)),
         idText(i.id), i.tenantId, expectedVersion},
        CatalogStoreText::tr("updating integration '%1'").arg(i.name));
    if (!changed)
        return changed.error();
    return *changed == 1;
}

Result<bool> CatalogStore::softDelete(const QString &tenantId, const QUuid &id, int expectedVersion,
                                      const QDateTime &at)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral(
        "UPDATE integrations SET deleted_at = ?, updated_at = ?, version = version + 1"
        " WHERE id = ? AND tenant_id = ? AND deleted_at IS NULL AND version = ?"));
    q.addBindValue(timeValue(at));
    q.addBindValue(timeValue(at));
    q.addBindValue(idText(id));
    q.addBindValue(tenantId);
    q.addBindValue(expectedVersion);
    if (auto r = m_db.exec(q, CatalogStoreText::tr("removing integration %1").arg(idText(id))); !r)
        return r.error();
    return q.numRowsAffected() == 1;
}

Result<std::optional<Integration>> CatalogStore::findIntegration(const QString &tenantId,
                                                                 const QUuid &id)
{
    QSqlQuery q = m_db.query();
    q.prepare(
        QStringLiteral("SELECT ") + kColumns +
        QStringLiteral(" FROM integrations WHERE id = ? AND tenant_id = ? AND deleted_at IS NULL"));
    q.addBindValue(idText(id));
    q.addBindValue(tenantId);
    if (auto r = m_db.exec(q, CatalogStoreText::tr("reading integration %1").arg(idText(id))); !r)
        return r.error();
    if (!q.next())
        return std::optional<Integration>();
    auto integration = readIntegration(q);
    if (!integration)
        return integration.error();
    return std::optional<Integration>(std::move(integration).value());
}

Result<QHash<QUuid, Integration>> CatalogStore::findIntegrations(const QString &tenantId,
                                                                 const QList<QUuid> &ids)
{
    QHash<QUuid, Integration> found;
    found.reserve(ids.size());
    auto read = inChunks(ids.size(), [&](qsizetype start, qsizetype n) -> Result<void> {
        QSqlQuery q = m_db.query();
        q.prepare(QStringLiteral("SELECT ") + kColumns +
                  QStringLiteral(" FROM integrations WHERE ") + tenantTerm() +
                  QStringLiteral(" AND deleted_at IS NULL AND id IN (") + placeholders(n) +
                  QLatin1Char(')'));
        q.addBindValue(tenantId);
        for (qsizetype k = start; k < start + n; ++k)
            q.addBindValue(idText(ids[k]));
        if (auto r = m_db.exec(q, CatalogStoreText::tr("reading %1 integrations").arg(n)); !r)
            return r.error();
        while (q.next()) {
            auto integration = readIntegration(q);
            if (!integration)
                return integration.error();
            const QUuid id = integration->id;
            found.insert(id, std::move(integration).value());
        }
        return {};
    });
    if (!read)
        return read.error();
    return found;
}

Result<int> CatalogStore::updateOrganisation(const QString &tenantId, const QList<QUuid> &ids,
                                             int expectedVersion, const Organisation &values,
                                             const QDateTime &updatedAt)
{
    int changed = 0;
    auto updated = inChunks(ids.size(), [&](qsizetype start, qsizetype n) -> Result<void> {
        QSqlQuery q = m_db.query();
        q.prepare(QStringLiteral("UPDATE integrations SET folder = ?, tags = ?, tier = ?,"
                                 " version = version + 1, updated_at = ? WHERE ") +
                  tenantTerm() +
                  QStringLiteral(" AND deleted_at IS NULL AND version = ? AND id IN (") +
                  placeholders(n) + QLatin1Char(')'));
        q.addBindValue(notNull(values.folder));
        q.addBindValue(framedTags(values.tags));
        q.addBindValue(notNull(toString(values.tier)));
        q.addBindValue(timeValue(updatedAt));
        q.addBindValue(tenantId);
        q.addBindValue(expectedVersion);
        for (qsizetype k = start; k < start + n; ++k)
            q.addBindValue(idText(ids[k]));
        if (auto r = m_db.exec(q, CatalogStoreText::tr("updating %1 integrations").arg(n)); !r)
            return r;
        changed += q.numRowsAffected();
        return {};
    });
    if (!updated)
        return updated.error();
    return changed;
}

Result<QList<Integration>> CatalogStore::listIntegrations(const QString &tenantId,
                                                          const IntegrationFilter &filter)
{
    QString sql = QStringLiteral("SELECT ") + kColumns +
                  QStringLiteral(" FROM integrations WHERE tenant_id = ? AND deleted_at IS NULL");
    QVariantList binds{tenantId};
    if (filter.type) {
        sql += QStringLiteral(" AND type = ?");
        binds.append(toString(*filter.type));
    }
    if (!filter.provider.isEmpty()) {
        sql += QStringLiteral(" AND provider = ?");
        binds.append(filter.provider);
    }
    if (filter.status) {
        sql += QStringLiteral(" AND status = ?");
        binds.append(toString(*filter.status));
    }
    const bool pg = m_db.dialect() == Database::Dialect::Postgres;
    if (!filter.folder.isEmpty()) {
        // The folder itself and its subfolders: a prefix ending in '/', compared with substr
        // rather than LIKE, so '%' and '_' in a folder name mean themselves.
        const QString prefix = filter.folder + QLatin1Char('/');
        sql += QStringLiteral(" AND (folder = ? OR substr(folder, 1, ?) = ?)");
        binds.append(filter.folder);
        binds.append(int(prefix.size()));
        binds.append(prefix);
    }
    for (const QString &tag : filter.tags) {
        sql += pg ? QStringLiteral(" AND strpos(tags, ?) > 0")
                  : QStringLiteral(" AND instr(tags, ?) > 0");
        binds.append(QLatin1Char(',') + tag + QLatin1Char(','));
    }
    if (filter.tier) {
        sql += QStringLiteral(" AND tier = ?");
        binds.append(notNull(toString(*filter.tier)));
    }
    // Byte order on both dialects, so the same catalog lists the same way everywhere.
    sql += m_db.dialect() == Database::Dialect::Postgres
               ? QStringLiteral(" ORDER BY name COLLATE \"C\", id")
               : QStringLiteral(" ORDER BY name, id");
    QSqlQuery q = m_db.query();
    q.prepare(sql);
    for (const QVariant &b : binds)
        q.addBindValue(b);
    if (auto r = m_db.exec(q, CatalogStoreText::tr("listing integrations")); !r)
        return r.error();
    QList<Integration> result;
    while (q.next()) {
        auto integration = readIntegration(q);
        if (!integration)
            return integration.error();
        result.append(std::move(integration).value());
    }
    return result;
}

Result<bool> CatalogStore::nameInUse(const QString &tenantId, const QString &name,
                                     const QUuid &except)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral(
        "SELECT id FROM integrations WHERE tenant_id = ? AND name = ? AND deleted_at IS NULL"));
    q.addBindValue(tenantId);
    q.addBindValue(name);
    if (auto r = m_db.exec(q, CatalogStoreText::tr("checking the name '%1'").arg(name)); !r)
        return r.error();
    while (q.next())
        if (QUuid::fromString(q.value(0).toString()) != except)
            return true;
    return false;
}

Result<QSet<QString>> CatalogStore::activeNames(const QString &tenantId)
{
    QSqlQuery q = m_db.query();
    q.prepare(
        QStringLiteral("SELECT name FROM integrations WHERE tenant_id = ? AND deleted_at IS NULL"));
    q.addBindValue(tenantId);
    if (auto r = m_db.exec(q, CatalogStoreText::tr("reading the names in use")); !r)
        return r.error();
    QSet<QString> names;
    while (q.next())
        names.insert(q.value(0).toString());
    return names;
}

Result<bool> CatalogStore::idInUse(const QUuid &id)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("SELECT 1 FROM integrations WHERE id = ?"));
    q.addBindValue(idText(id));
    if (auto r = m_db.exec(q, CatalogStoreText::tr("checking the id %1").arg(idText(id))); !r)
        return r.error();
    return q.next();
}

Result<QStringList> CatalogStore::tenants()
{
    QSqlQuery q = m_db.query();
    if (!q.exec(
            QStringLiteral("SELECT DISTINCT tenant_id FROM integrations WHERE deleted_at IS NULL")))
        return m_db.translate(q.lastError(), CatalogStoreText::tr("listing tenants"));
    QStringList result;
    while (q.next())
        result.append(q.value(0).toString());
    result.sort();
    return result;
}

Result<void> CatalogStore::insertAudit(const QString &tenantId, const AuditEntry &e)
{
    return m_db.execCached(
        QStringLiteral(
            "INSERT INTO audit_logs (tenant_id, actor, action, integration_id, timestamp, details)"
            " VALUES (?, ?, ?, ?, ?, ?)"),
        {tenantId, e.actor, e.action,
         e.integrationId.isNull() ? QVariant(QMetaType(QMetaType::QString))
                                  : QVariant(idText(e.integrationId)),
         timeValue(e.timestamp), compactJson(e.details)},
        CatalogStoreText::tr("writing the audit log"));
}

Result<void> CatalogStore::insertBulkUpdateAudit(const QString &tenantId, const QList<QUuid> &ids,
                                                 const QString &actor, const QDateTime &at,
                                                 const QStringList &changedFields)
{
    // The same details insertAudit would write for each row, built by the database from the
    // row's name and version: its JSON functions quote the name.
    const bool postgres = m_db.dialect() == Database::Dialect::Postgres;
    const QString details =
        postgres ? QStringLiteral("jsonb_build_object('bulk', true, 'changed', CAST(? AS JSONB),"
                                  " 'name', name, 'version', version)")
                 : QStringLiteral("json_object('bulk', json('true'), 'changed', json(?),"
                                  " 'name', name, 'version', version)");
    const QString timestamp =
        postgres ? QStringLiteral("CAST(? AS TIMESTAMPTZ)") : QStringLiteral("?");
    const QString changed = QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(changedFields)).toJson(QJsonDocument::Compact));
    return inChunks(ids.size(), [&](qsizetype start, qsizetype n) -> Result<void> {
        QSqlQuery q = m_db.query();
        q.prepare(QStringLiteral("INSERT INTO audit_logs (tenant_id, actor, action, integration_id,"
                                 " timestamp, details) SELECT tenant_id, CAST(? AS TEXT),"
                                 " 'update', id, ") +
                  timestamp + QStringLiteral(", ") + details +
                  QStringLiteral(" FROM integrations WHERE ") + tenantTerm() +
                  QStringLiteral(" AND deleted_at IS NULL AND id IN (") + placeholders(n) +
                  QLatin1Char(')'));
        q.addBindValue(actor);
        q.addBindValue(timeValue(at));
        q.addBindValue(changed);
        q.addBindValue(tenantId);
        for (qsizetype k = start; k < start + n; ++k)
            q.addBindValue(idText(ids[k]));
        return m_db.exec(q,
                         CatalogStoreText::tr("writing the audit log for %1 integrations").arg(n));
    });
}

Result<QList<AuditEntry>> CatalogStore::listAudit(const QString &tenantId,
                                                  const QUuid &integrationId, int limit)
{
    QString sql =
        QStringLiteral("SELECT actor, action, integration_id, timestamp, details FROM audit_logs"
                       " WHERE tenant_id = ?");
    if (!integrationId.isNull())
        sql += QStringLiteral(" AND integration_id = ?");
    sql += QStringLiteral(" ORDER BY id DESC LIMIT ?");
    QSqlQuery q = m_db.query();
    q.prepare(sql);
    q.addBindValue(tenantId);
    if (!integrationId.isNull())
        q.addBindValue(idText(integrationId));
    q.addBindValue(limit);
    if (auto r = m_db.exec(q, CatalogStoreText::tr("reading the audit log")); !r)
        return r.error();
    QList<AuditEntry> result;
    while (q.next()) {
        AuditEntry e;
        e.actor = q.value(0).toString();
        e.action = q.value(1).toString();
        e.integrationId = QUuid::fromString(q.value(2).toString());
        e.timestamp = timeFrom(q.value(3));
        e.details = QJsonDocument::fromJson(q.value(4).toString().toUtf8()).object();
        result.append(e);
    }
    return result;
}

Result<void> CatalogStore::insertHealthCheck(const QString &tenantId, const QString &provider,
                                             const HealthCheckRecord &r)
{
    const QString doing = CatalogStoreText::tr("recording a health check");
    if (auto ok = m_db.execCached(
            QStringLiteral("INSERT INTO health_checks (integration_id, tenant_id, "
                           "checked_at, status, latency_ms, error_message,"
                           " certificate_expires_at)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?)"),
            {idText(r.integrationId), tenantId, timeValue(r.checkedAt), toString(r.status),
             r.latencyMs, nullableText(r.errorMessage), timeValue(r.certificateExpiresAt)},
            doing);
        !ok)
        return ok;
    if (auto ok = m_db.execCached(
            QStringLiteral("INSERT INTO health_check_totals (tenant_id, provider, status, total)"
                           " VALUES (?, ?, ?, 1) ON CONFLICT (tenant_id, provider, status)"
                           " DO UPDATE SET total = health_check_totals.total + 1"),
            {tenantId, provider, toString(r.status)}, doing);
        !ok)
        return ok;
    // integration_health_latency_ms counts here, so pruning history never lowers it.
    return m_db.execCached(
        QStringLiteral("INSERT INTO health_check_latencies (tenant_id, bucket, count, sum_ms)"
                       " VALUES (?, ?, 1, ?) ON CONFLICT (tenant_id, bucket) DO UPDATE SET"
                       " count = health_check_latencies.count + 1,"
                       " sum_ms = health_check_latencies.sum_ms + excluded.sum_ms"),
        {tenantId, metrics::latencyBucketIndex(r.latencyMs), r.latencyMs}, doing);
}

Result<void> CatalogStore::updateStatus(const QString &tenantId, const QUuid &id,
                                        HealthStatus status, const QDateTime &checkedAt,
                                        const QDateTime &certificateExpiresAt)
{
    // Health is an observation, not an edit: it changes neither version nor updated_at, so it
    // never causes a version conflict for an operator editing the integration.
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("UPDATE integrations SET status = ?, last_checked_at = ?,"
                             " certificate_expires_at = ?"
                             " WHERE id = ? AND tenant_id = ? AND deleted_at IS NULL"));
    q.addBindValue(toString(status));
    q.addBindValue(timeValue(checkedAt));
    q.addBindValue(timeValue(certificateExpiresAt));
    q.addBindValue(idText(id));
    q.addBindValue(tenantId);
    return m_db.exec(q, CatalogStoreText::tr("updating the health status"));
}

Result<QList<HealthCheckRecord>> CatalogStore::listHealthChecks(const QString &tenantId,
                                                                const QUuid &id, int limit)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral(
        "SELECT checked_at, status, latency_ms, error_message, certificate_expires_at"
        " FROM health_checks"
        " WHERE tenant_id = ? AND integration_id = ? ORDER BY checked_at DESC, id DESC LIMIT ?"));
    q.addBindValue(tenantId);
    q.addBindValue(idText(id));
    q.addBindValue(limit);
    if (auto r = m_db.exec(q, CatalogStoreText::tr("reading health history")); !r)
        return r.error();
    QList<HealthCheckRecord> result;
    while (q.next()) {
        HealthCheckRecord r;
        r.integrationId = id;
        r.checkedAt = timeFrom(q.value(0));
        r.status = healthStatusFromString(q.value(1).toString()).value_or(HealthStatus::Unknown);
        r.latencyMs = q.value(2).toLongLong();
        r.errorMessage = q.value(3).toString();
        r.certificateExpiresAt = timeFrom(q.value(4));
        result.append(r);
    }
    return result;
}

Result<HealthHistory> CatalogStore::healthHistory(const QString &tenantId, const QUuid &id,
                                                  const QDateTime &from, const QDateTime &to,
                                                  qint64 bucketSeconds)
{
    const bool pg = m_db.dialect() == Database::Dialect::Postgres;
    // The bucket is computed from the stored time by the database, so only the buckets cross
    // the connection: at most ~1,000 rows whatever the range holds. date_part, not EXTRACT:
    // since PostgreSQL 14 EXTRACT answers numeric, and numeric arithmetic on every row was a
    // third of the query (bench/health-history); the double is exact to the microsecond here.
    const QString bucket =
        pg ? QStringLiteral("(FLOOR(date_part('epoch', checked_at) / ?) * ?)::BIGINT")
           : QStringLiteral("(CAST(strftime('%s', checked_at) AS INTEGER) / ?) * ?");
    QSqlQuery q = m_db.query();
    q.prepare(
        QStringLiteral(
            "SELECT %1 AS bucket, COUNT(*),"
            " SUM(CASE WHEN status IN ('Healthy', 'Degraded') THEN 1 ELSE 0 END),"
            " SUM(CASE WHEN status <> 'Unknown' THEN 1 ELSE 0 END),"
            " MIN(latency_ms), AVG(latency_ms), MAX(latency_ms),"
            " MAX(CASE status WHEN 'Unhealthy' THEN 3 WHEN 'Degraded' THEN 2"
            " WHEN 'Healthy' THEN 1 ELSE 0 END)"
            " FROM health_checks"
            " WHERE integration_id = ? AND checked_at >= ? AND checked_at < ? AND tenant_id = ?"
            " GROUP BY bucket ORDER BY bucket")
            .arg(bucket));
    q.addBindValue(bucketSeconds);
    q.addBindValue(bucketSeconds);
    q.addBindValue(idText(id));
    q.addBindValue(timeValue(from));
    q.addBindValue(timeValue(to));
    q.addBindValue(tenantId);
    if (auto r = m_db.exec(q, CatalogStoreText::tr("reading health history")); !r)
        return r.error();
    static const HealthStatus bySeverity[] = {HealthStatus::Unknown, HealthStatus::Healthy,
                                              HealthStatus::Degraded, HealthStatus::Unhealthy};
    HealthHistory history;
    history.from = from;
    history.to = to;
    history.bucketSeconds = bucketSeconds;
    while (q.next()) {
        HealthBucket b;
        b.start = utcFromSecsSinceEpoch(q.value(0).toLongLong());
        b.checks = q.value(1).toInt();
        b.upChecks = q.value(2).toInt();
        b.knownChecks = q.value(3).toInt();
        b.minLatencyMs = q.value(4).toLongLong();
        b.avgLatencyMs = q.value(5).toDouble();
        b.maxLatencyMs = q.value(6).toLongLong();
        b.worst = bySeverity[std::clamp(q.value(7).toInt(), 0, 3)];
        history.buckets.append(b);
    }
    return history;
}

Result<int> CatalogStore::pruneHealthChecks(const QString &tenantId, const QDateTime &before,
                                            int batchSize)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("DELETE FROM health_checks WHERE id IN (SELECT id FROM health_checks"
                             " WHERE checked_at < ? AND tenant_id = ? LIMIT ?)"));
    q.addBindValue(timeValue(before));
    q.addBindValue(tenantId);
    q.addBindValue(batchSize);
    if (auto r = m_db.exec(q, CatalogStoreText::tr("pruning old health checks")); !r)
        return r.error();
    return std::max(0, q.numRowsAffected());
}

Result<bool> CatalogStore::claimHealthLease(const QUuid &id, const QString &holder,
                                            const QDateTime &now, const QDateTime &until)
{
    // The conflicting row is locked by the upsert: a second monitor asking at the same moment
    // waits, then sees the new lease and updates nothing.
    auto changed = m_db.execCachedCounting(
        QStringLiteral("INSERT INTO health_check_leases (integration_id, holder, leased_until)"
                       " VALUES (?, ?, ?) ON CONFLICT (integration_id) DO UPDATE"
                       " SET holder = excluded.holder, leased_until = excluded.leased_until"
                       " WHERE health_check_leases.leased_until <= ?"
                       " OR health_check_leases.holder = excluded.holder"),
        {idText(id), holder, timeValue(until), timeValue(now)},
        CatalogStoreText::tr("taking a health-check lease"));
    if (!changed)
        return changed.error();
    return *changed == 1;
}

Result<void> CatalogStore::recordTestConnection(const QString &tenantId, const QString &provider,
                                                qint64 durationMs)
{
    return m_db.execCached(
        QStringLiteral(
            "INSERT INTO test_connection_durations (tenant_id, provider, bucket, count, sum_ms)"
            " VALUES (?, ?, ?, 1, ?) ON CONFLICT (tenant_id, provider, bucket)"
            " DO UPDATE SET count = test_connection_durations.count + 1,"
            " sum_ms = test_connection_durations.sum_ms + excluded.sum_ms"),
        {tenantId, provider, metrics::durationBucketIndex(durationMs), durationMs},
        CatalogStoreText::tr("recording a test-connection duration"));
}

Result<MetricsSnapshot> CatalogStore::metrics(const QString &tenantId)
{
    const QString doing = CatalogStoreText::tr("reading metrics");
    MetricsSnapshot snapshot;
    {
        QSqlQuery q = m_db.query();
        q.prepare(QStringLiteral(
            "SELECT provider, status, total FROM health_check_totals WHERE tenant_id = ?"));
        q.addBindValue(tenantId);
        if (auto r = m_db.exec(q, doing); !r)
            return r.error();
        while (q.next())
            snapshot.healthChecks.append(
                {q.value(0).toString(),
                 healthStatusFromString(q.value(1).toString()).value_or(HealthStatus::Unknown),
                 q.value(2).toLongLong()});
    }
    {
        QSqlQuery q = m_db.query();
        q.prepare(
            QStringLiteral("SELECT provider, bucket, count, sum_ms FROM test_connection_durations"
                           " WHERE tenant_id = ? ORDER BY provider, bucket"));
        q.addBindValue(tenantId);
        if (auto r = m_db.exec(q, doing); !r)
            return r.error();
        const int buckets = int(metrics::durationBucketBounds().size()) + 1;
        while (q.next()) {
            const QString provider = q.value(0).toString();
            if (snapshot.testConnectionDurations.isEmpty() ||
                snapshot.testConnectionDurations.last().provider != provider)
                snapshot.testConnectionDurations.append(
                    {provider, QList<qint64>(buckets, 0), 0, 0});
            auto &h = snapshot.testConnectionDurations.last();
            const int bucket = std::clamp(q.value(1).toInt(), 0, buckets - 1);
            h.bucketCounts[bucket] += q.value(2).toLongLong();
            h.count += q.value(2).toLongLong();
            h.sumMs += q.value(3).toLongLong();
        }
    }
    {
        QSqlQuery q = m_db.query();
        q.prepare(QStringLiteral("SELECT type, provider, status, COUNT(*) FROM integrations"
                                 " WHERE tenant_id = ? AND deleted_at IS NULL"
                                 " GROUP BY type, provider, status"));
        q.addBindValue(tenantId);
        if (auto r = m_db.exec(q, doing); !r)
            return r.error();
        while (q.next())
            snapshot.integrations.append(
                {integrationTypeFromString(q.value(0).toString())
                     .value_or(IntegrationType::Registry),
                 q.value(1).toString(),
                 healthStatusFromString(q.value(2).toString()).value_or(HealthStatus::Unknown),
                 q.value(3).toLongLong()});
    }
    snapshot.tenant = tenantId;
    {
        QSqlQuery q = m_db.query();
        q.prepare(QStringLiteral("SELECT bucket, count, sum_ms FROM health_check_latencies"
                                 " WHERE tenant_id = ?"));
        q.addBindValue(tenantId);
        if (auto r = m_db.exec(q, doing); !r)
            return r.error();
        const int buckets = int(metrics::latencyBucketBoundsMs().size()) + 1;
        auto &h = snapshot.healthLatency;
        h.bucketCounts = QList<qint64>(buckets, 0);
        while (q.next()) {
            h.bucketCounts[std::clamp(q.value(0).toInt(), 0, buckets - 1)] +=
                q.value(1).toLongLong();
            h.count += q.value(1).toLongLong();
            h.sumMs += q.value(2).toLongLong();
        }
    }
    {
        // The audit log is never pruned: counting it is a counter that never goes back.
        QSqlQuery q = m_db.query();
        q.prepare(QStringLiteral("SELECT action, COUNT(*) FROM audit_logs WHERE tenant_id = ?"
                                 " GROUP BY action"));
        q.addBindValue(tenantId);
        if (auto r = m_db.exec(q, doing); !r)
            return r.error();
        while (q.next())
            snapshot.crud.append({q.value(0).toString(), q.value(1).toLongLong()});
    }
    return snapshot;
}

} // namespace stella
