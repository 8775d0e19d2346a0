// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/catalog/IntegrationValidator.h"
#include "core/common/Result.h"
#include "core/health/HealthHistory.h"
#include "core/health/HealthMetrics.h"
#include "core/model/Integration.h"

#include <QObject>
#include <functional>
#include <optional>

namespace stella {

class CatalogStore;
class Clock;
class ProviderRegistry;

// The catalog's rules on top of its storage: validation against the provider schema, tenant
// scoping, soft delete, an audit entry per change, optimistic concurrency on `version`, and
// change signals. Synchronous; lives on the thread that owns its database connection.
class IntegrationCatalog : public QObject
{
    Q_OBJECT

public:
    IntegrationCatalog(CatalogStore &store, const ProviderRegistry &registry, const Clock &clock,
                       QObject *parent = nullptr);

    const ProviderRegistry &registry() const { return m_registry; }
    // The storage under the rules, for the stores that keep their own tables in the catalog
    // (the SCM annotation outbox, core/scm).
    CatalogStore &store() { return m_store; }

    Result<Integration> add(const RequestContext &ctx, const IntegrationDraft &draft);
    // All or nothing: every draft is validated (schema, duplicates, names in use) before the
    // first row is written, and the rows are written in one transaction.
    Result<QList<Integration>> addAll(const RequestContext &ctx,
                                      const QList<IntegrationDraft> &drafts, const QString &source);
    // expectedVersion: fail with a conflict unless the stored row is at that version.
    Result<Integration> update(const RequestContext &ctx, const QUuid &id,
                               const IntegrationPatch &patch,
                               std::optional<int> expectedVersion = std::nullopt);
    Result<void> remove(const RequestContext &ctx, const QUuid &id,
                        std::optional<int> expectedVersion = std::nullopt);

    // Bulk organisation (docs/contracts.md §25): the same change to every id, all or nothing in
    // one transaction; each changed integration gets a new version and an audit entry.
    struct BulkChange
    {
        std::optional<QString> folder;
        QStringList addTags;
        QStringList removeTags;
        std::optional<EnvironmentTier> tier;
    };
    // The integrations that changed (those already as asked are left alone).
    Result<QList<Integration>> changeMany(const RequestContext &ctx, const QList<QUuid> &ids,
                                          const BulkChange &change);
    // Moves every integration in `from` and its subfolders under `to` ("" = the top level),
    // keeping the subfolders: from/x becomes to/x.
    Result<QList<Integration>> renameFolder(const RequestContext &ctx, const QString &from,
                                            const QString &to);
    // All or nothing; returns how many were removed.
    Result<int> removeMany(const RequestContext &ctx, const QList<QUuid> &ids);

    Result<Integration> get(const RequestContext &ctx, const QUuid &id);
    Result<QList<Integration>> list(const RequestContext &ctx,
                                    const IntegrationFilter &filter = {});
    Result<QStringList> tenants();
    Result<QList<AuditEntry>> audit(const RequestContext &ctx, const QUuid &integrationId = {},
                                    int limit = 100);

    // Stores one health check and the integration's new status; returns the status it had
    // before, and signals healthChanged when the two differ.
    Result<HealthStatus> recordHealthCheck(const RequestContext &ctx,
                                           const HealthCheckRecord &record);
    Result<QList<HealthCheckRecord>> healthHistory(const RequestContext &ctx, const QUuid &id,
                                                   int limit);
    // [from, to) downsampled to at most about maxPoints buckets (healthhistory::bucketSecondsFor).
    Result<HealthHistory> healthHistory(const RequestContext &ctx, const QUuid &id,
                                        const QDateTime &from, const QDateTime &to,
                                        int maxPoints = healthhistory::kDefaultMaxPoints);
    // Deletes one batch of the tenant's checks older than `before`; returns how many.
    Result<int> pruneHealthHistory(const RequestContext &ctx, const QDateTime &before,
                                   int batchSize);
    // The monitor's per-integration lease (CatalogStore::claimHealthLease), from now for `forMs`.
    Result<bool> claimHealthCheck(const QUuid &id, const QString &holder, qint64 forMs);
    // Many leases in one transaction (a sweep claims ahead of its checks); returns the ids
    // this holder got.
    struct LeaseRequest
    {
        QUuid id;
        qint64 forMs = 0;
    };
    Result<QList<QUuid>> claimHealthChecks(const QList<LeaseRequest> &requests,
                                           const QString &holder);
    // Many checks of one tenant in one transaction; for each, the previous status, or nullopt
    // when its integration is gone (removed while it was being checked).
    Result<QList<std::optional<HealthStatus>>>
    recordHealthChecks(const RequestContext &ctx, const QList<HealthCheckRecord> &records);

    Result<void> recordTestConnection(const RequestContext &ctx, const QString &provider,
                                      qint64 durationMs);
    Result<MetricsSnapshot> metrics(const RequestContext &ctx);

    // Parses an id the way every entry point does: "not found" for garbage too, since an
    // operator who mistyped an id wants the same answer as for a missing one.
    static Result<QUuid> parseId(const QString &text);

Q_SIGNALS:
    void integrationChanged(stella::ChangeKind kind, const QString &tenantId, const QUuid &id);
    // Many integrations changed at once (import): reload rather than patch.
    void catalogReset(const QString &tenantId);
    void healthRecorded(const QString &tenantId, const QUuid &id, stella::HealthStatus status);
    // A recorded check changed the integration's status: once per transition.
    void healthChanged(const QString &tenantId, const QUuid &id, stella::HealthStatus previous,
                       stella::HealthStatus current);

private:
    Result<Integration> materialize(const RequestContext &ctx, const IntegrationDraft &draft) const;
    Error notFound(const QUuid &id) const;
    // The optimistic-concurrency refusal: `stored` is not at the version the caller read.
    static Error versionConflict(const Integration &stored, int expectedVersion,
                                 const QString &hint);
    // `change` touches the organisation fields only (folder, tags, tier): they are what the
    // set-based write stores.
    Result<QList<Integration>> applyToEach(const RequestContext &ctx, const QList<QUuid> &ids,
                                           const std::function<void(Integration &)> &change);
    Result<void> writeAudit(const RequestContext &ctx, const QString &action, const QUuid &id,
                            const QJsonObject &details);

    CatalogStore &m_store;
    const ProviderRegistry &m_registry;
    const Clock &m_clock;
    IntegrationValidator m_validator;
};

} // namespace stella
