// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"
#include "core/health/HealthHistory.h"
#include "core/health/HealthMetrics.h"
#include "core/model/Integration.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QSqlQuery>
#include <QStringList>

namespace stella {

class Database;

// The catalog's SQL, nothing else: no validation, no audit policy, no signals. Every method
// that touches tenant data takes the tenant and filters by it, so an id from another tenant
// is simply not found.
class CatalogStore
{
public:
    explicit CatalogStore(Database &db) : m_db(db) {}

    Database &database() { return m_db; }

    Result<void> insertIntegration(const Integration &integration);
    // Updates the row if it is live and still at expectedVersion; returns false if not.
    Result<bool> updateIntegration(const Integration &integration, int expectedVersion);
    // A bulk change's organisation fields on many integrations at once (docs/contracts.md §25),
    // set-based, a few hundred ids per statement: each live row among `ids` still at
    // expectedVersion gets the folder, tags and tier, version + 1 and updatedAt. Returns how
    // many rows changed; fewer than ids.size() means another writer got there first.
    struct Organisation
    {
        QString folder;
        QStringList tags; // normalized
        EnvironmentTier tier = EnvironmentTier::None;
    };
    Result<int> updateOrganisation(const QString &tenantId, const QList<QUuid> &ids,
                                   int expectedVersion, const Organisation &values,
                                   const QDateTime &updatedAt);
    Result<bool> softDelete(const QString &tenantId, const QUuid &id, int expectedVersion,
                            const QDateTime &at);
    Result<std::optional<Integration>> findIntegration(const QString &tenantId, const QUuid &id);
    // The live integrations among `ids`, by id (absent: none such), read a few hundred per
    // query: a bulk change of 10,000 reads them in tens of statements, not 10,000.
    Result<QHash<QUuid, Integration>> findIntegrations(const QString &tenantId,
                                                       const QList<QUuid> &ids);
    Result<QList<Integration>> listIntegrations(const QString &tenantId,
                                                const IntegrationFilter &filter = {});
    Result<QSet<QString>> activeNames(const QString &tenantId);
    Result<bool> nameInUse(const QString &tenantId, const QString &name, const QUuid &except = {});
    // Across all tenants: ids are primary keys of the whole table.
    Result<bool> idInUse(const QUuid &id);
    Result<QStringList> tenants();

    Result<void> insertAudit(const QString &tenantId, const AuditEntry &entry);
    // One "update" audit row per integration among `ids`, written from the rows themselves
    // (INSERT … SELECT), a few hundred per statement: details {bulk: true, changed, name,
    // version} with the name and version as stored now, i.e. after the change.
    Result<void> insertBulkUpdateAudit(const QString &tenantId, const QList<QUuid> &ids,
                                       const QString &actor, const QDateTime &at,
                                       const QStringList &changedFields);
    Result<QList<AuditEntry>> listAudit(const QString &tenantId, const QUuid &integrationId,
                                        int limit);

    // Stores the check and counts it in health_check_totals under its provider.
    Result<void> insertHealthCheck(const QString &tenantId, const QString &provider,
                                   const HealthCheckRecord &record);
    // The latest check's verdict, time and TLS certificate expiry (invalid: none seen).
    Result<void> updateStatus(const QString &tenantId, const QUuid &id, HealthStatus status,
                              const QDateTime &checkedAt,
                              const QDateTime &certificateExpiresAt = {});
    // Newest first.
    Result<QList<HealthCheckRecord>> listHealthChecks(const QString &tenantId, const QUuid &id,
                                                      int limit);

    // Downsampled history, aggregated by the database (see healthhistory::downsample, which
    // computes the same in memory): [from, to), epoch-aligned buckets of bucketSeconds.
    Result<HealthHistory> healthHistory(const QString &tenantId, const QUuid &id,
                                        const QDateTime &from, const QDateTime &to,
                                        qint64 bucketSeconds);
    // Deletes at most batchSize checks older than `before`; returns how many it deleted.
    Result<int> pruneHealthChecks(const QString &tenantId, const QDateTime &before, int batchSize);

    // Takes the integration's health-check lease for `holder` until `until`, if it is free
    // (never taken, expired at `now`, or already this holder's). One statement, atomic on
    // SQLite and PostgreSQL alike: of two monitors asking at once, exactly one gets it.
    Result<bool> claimHealthLease(const QUuid &id, const QString &holder, const QDateTime &now,
                                  const QDateTime &until);

    Result<void> recordTestConnection(const QString &tenantId, const QString &provider,
                                      qint64 durationMs);
    Result<MetricsSnapshot> metrics(const QString &tenantId);

private:
    // "tenant_id = ?" for a statement that looks integrations up by id (see the .cpp).
    QString tenantTerm() const;
    QVariant timeValue(const QDateTime &t) const;
    QDateTime timeFrom(const QVariant &v) const;
    Result<Integration> readIntegration(const QSqlQuery &q) const;

    Database &m_db;
};

} // namespace stella
