// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/connectors/ConnectorLauncher.h"
#include "core/health/HealthPolicy.h"
#include "core/model/Integration.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>
#include <functional>
#include <memory>

namespace stella {

class CatalogThread;
class Clock;

// What one sweep did: the integrations that were due, how each was handled.
struct SweepSummary
{
    int checked = 0;         // checks that ran and were recorded
    int leasedElsewhere = 0; // another monitor holds the lease this interval
    int timedOut = 0;
    int unhealthy = 0;
    int notRecorded = 0; // results waiting for the catalog to come back
};

// Runs every monitored integration's health check on its schedule (DESIGN §4).
//
// Each integration is due one interval (its own healthCheckInterval or the default, less a
// stable jitter, times the backoff after repeated failures) after its last check. Due checks
// queue and run at most `concurrency` at a time; each is bounded by the check timeout. Before
// checking, the monitor takes the integration's lease in the catalog for one interval, so
// several monitors on one PostgreSQL catalog never check an integration twice in an interval.
// Results are written through CatalogThread (status, last-checked, history, counters). When
// the catalog refuses a write (the server went away) the result is kept and written again
// every writeRetryMs until it is accepted: nothing the monitor measured is lost. Old history
// is pruned in batches, one catalog call per batch, so other work interleaves.
//
// Everything happens on the thread that owns the monitor, without waiting: connectors are
// asynchronous, and the catalog answers through futures. The clock is injected: tests drive
// the schedule with a ManualClock and sweepNow().
class HealthMonitor : public QObject
{
    Q_OBJECT

public:
    HealthMonitor(CatalogThread &catalog, ConnectorLauncher launcher, const Clock &clock,
                  MonitorSettings settings = {}, QObject *parent = nullptr);
    ~HealthMonitor() override;

    const MonitorSettings &settings() const { return m_settings; }
    // Identifies this monitor's leases: host, process and a random part.
    QString holderId() const { return m_holder; }

    // The tenants whose integrations are watched (default: "default"). Before start().
    void setTenants(const QStringList &tenants);
    QStringList tenants() const { return m_tenants; }

    // Loads the integrations and keeps checking them as they fall due, until stop().
    void start();
    // Stops scheduling and abandons the checks in flight (their results are not recorded:
    // they measured a server the monitor was told to stop looking at).
    void stop();
    bool isRunning() const { return m_running; }

    // Reloads the integrations and checks every one due now; sweepFinished follows when the
    // last of them is recorded. With start(), the same happens whenever something falls due.
    void sweepNow();
    // Prunes history older than the retention, batch by batch; pruneFinished follows.
    void pruneNow();

    // Due integrations taken by this sweep: being claimed, claimed, or being checked.
    int inFlight() const { return m_claiming + int(m_claimed.size()) + int(m_runs.size()); }
    int queued() const { return int(m_queue.size()); }
    // Results not yet in the catalog (kept and retried while it is unavailable).
    int pendingWrites() const { return int(m_writes.size()); }
    // When the integration is next due, or invalid if it is not scheduled.
    QDateTime nextDue(const QUuid &id) const;

Q_SIGNALS:
    void checkRecorded(const stella::Integration &integration,
                       const stella::HealthCheckRecord &record);
    // Emitted once per change of status this monitor recorded.
    void statusChanged(const stella::Integration &integration, stella::HealthStatus previous,
                       stella::HealthStatus current);
    void sweepFinished(const stella::SweepSummary &summary);
    // The catalog stopped taking results (once per outage), and took them again.
    void catalogUnavailable(const stella::Error &error);
    void catalogRestored();
    void pruneFinished(int deletedRows);

private:
    struct Entry
    {
        Integration integration;
        QDateTime due;
        qint64 intervalMs = 0; // cached: a reload of 100,000 integrations must stay cheap
        qint64 jitterMs = 0;
        int consecutiveFailures = 0;
        bool busy = false; // queued, claimed or being checked in this sweep
    };

    struct Write
    {
        QString tenantId;
        HealthCheckRecord record;
    };

    void reload(std::function<void()> then);
    void scheduleLoaded(const QString &tenantId, const QList<Integration> &integrations,
                        std::function<void()> done);
    void scheduleOne(const Integration &integration, const QDateTime &now, QSet<QUuid> &seen);
    void sweepDue();
    void pumpClaims();
    void pumpChecks();
    void pumpWrites(bool retrying = false);
    void claimed(const QList<QUuid> &batch, const Result<QList<QUuid>> &result);
    void runCheck(const QUuid &id);
    void checkDone(const QUuid &id, const HealthCheckRecord &record, bool timedOut);
    void written(int count, const Result<QList<std::optional<HealthStatus>>> &previous,
                 bool report);
    void markCatalogDown(const Error &error);
    void markCatalogUp();
    void finishSweepIfIdle();
    void armTimer();
    void pruneTenant(int tenantIndex, int deletedSoFar);
    void updatePolicy(Entry &entry) const; // intervalMs and jitterMs from the integration
    QDateTime dueAfter(const Entry &entry, const QDateTime &from) const;

    CatalogThread &m_catalog;
    ConnectorLauncher m_launcher;
    const Clock &m_clock;
    MonitorSettings m_settings;
    QString m_holder;
    QStringList m_tenants{QStringLiteral("default")};

    QHash<QUuid, Entry> m_entries;
    // A due integration moves through: m_queue (due) -> a claim batch (m_claiming) ->
    // m_claimed (ours this interval) -> m_runs (its check) -> m_writes (its result).
    QList<QUuid> m_queue;
    int m_claiming = 0; // ids in the claim batch in flight (one batch at a time)
    QList<QUuid> m_claimed;
    QHash<QUuid, QObject *> m_runs; // ConnectorRun per check in flight
    QList<Write> m_writes;          // in order; the first m_writing are being written
    int m_writing = 0;
    bool m_running = false;
    bool m_sweeping = false;
    bool m_loading = false;
    bool m_catalogDown = false;
    bool m_announceRestore = false;
    std::shared_ptr<std::function<void(qsizetype)>> m_pendingSlices; // scheduleLoaded's
    SweepSummary m_summary;

    QTimer m_dueTimer;
    QTimer m_retryTimer;
    QTimer m_pruneTimer;
    QElapsedTimer m_lastReload; // real time since the last reload; invalid: reload next sweep
    quint64 m_generation = 0;   // bumped by stop(): late answers from before are ignored
};

} // namespace stella

Q_DECLARE_METATYPE(stella::SweepSummary)
