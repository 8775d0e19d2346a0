// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/connectors/ConnectorLauncher.h"
#include "core/health/HealthPolicy.h"
#include "core/health/HealthPruner.h"
#include "core/health/HealthResultWriter.h"
#include "core/health/HealthScheduler.h"
#include "core/model/Integration.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>
#include <optional>

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

// Runs every monitored integration's health check on its schedule (docs/architecture.md,
// "Health monitor"), composed of three parts with one job each:
//   - HealthScheduler: who is due when (interval, jitter, backoff), the queue, the lease
//     batches and the `concurrency` limit;
//   - HealthResultWriter: results written in batches through CatalogThread, kept and retried
//     while the catalog refuses them, transitions, outages and recovery;
//   - HealthPruner: history older than the retention, in batches.
// The monitor itself reloads the integrations, takes the leases the scheduler asks for, runs
// the checks (each bounded by the check timeout), and tells a sweep's start and end.
//
// Before checking, the monitor takes the integration's lease in the catalog for one interval,
// so several monitors on one PostgreSQL catalog never check an integration twice in an
// interval. Everything happens on the thread that owns the monitor, without waiting:
// connectors are asynchronous, and the catalog answers through futures. The clock is
// injected: tests drive the schedule with a ManualClock and sweepNow().
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
    // they measured a server the monitor was told to stop looking at). Results already
    // measured are still written (the CLI waits for them before exiting), unannounced.
    void stop();
    bool isRunning() const { return m_running; }

    // Reloads the integrations and checks every one due now; sweepFinished follows when the
    // last of them is recorded. With start(), the same happens whenever something falls due.
    void sweepNow();
    // Prunes history older than the retention, batch by batch; pruneFinished follows.
    void pruneNow();

    // Due integrations taken by this sweep: being claimed, claimed, or being checked.
    int inFlight() const { return m_scheduler.inFlight(); }
    int queued() const { return m_scheduler.queued(); }
    // Results not yet in the catalog (kept and retried while it is unavailable).
    int pendingWrites() const { return m_writer.pending(); }
    // When the integration is next due, or invalid if it is not scheduled.
    QDateTime nextDue(const QUuid &id) const { return m_scheduler.nextDue(id); }

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
    // Where the sweep is; checks, claims and writes are counted by the scheduler and writer.
    enum class Phase
    {
        Idle,
        Loading,
        Checking
    };

    // The reload under way: one tenant's list, taken in slices.
    struct Load
    {
        int tenantIndex = 0;
        QList<Integration> integrations;
        qsizetype next = 0;
        QSet<QUuid> listed;
    };

    void beginSweep(bool reload);
    void loadTenant(int index);
    void loadSlice();
    void startChecking();
    void pump();
    void claim();
    void claimed(const Result<QList<QUuid>> &result);
    void runCheck(const QUuid &id);
    void checkDone(const QUuid &id, const HealthCheckRecord &record, bool timedOut);
    void relayRecorded(const HealthCheckRecord &record);
    void relayStatusChanged(const HealthCheckRecord &record, HealthStatus previous);
    void finishSweepIfIdle();
    void armTimer();

    CatalogThread &m_catalog;
    ConnectorLauncher m_launcher;
    const Clock &m_clock;
    MonitorSettings m_settings;
    QString m_holder;
    QStringList m_tenants{QStringLiteral("default")};

    HealthScheduler m_scheduler;
    HealthResultWriter m_writer;
    HealthPruner m_pruner;
    QHash<QUuid, QObject *> m_runs; // ConnectorRun per check in flight (nullptr: no connector)
    std::optional<Load> m_load;
    Phase m_phase = Phase::Idle;
    bool m_running = false;
    SweepSummary m_summary;

    QTimer m_dueTimer;
    QTimer m_pruneTimer;
    QElapsedTimer m_lastReload; // real time since the last reload; invalid: reload next sweep
    quint64 m_generation = 0;   // bumped by stop(): late answers from before are ignored
};

} // namespace stella

Q_DECLARE_METATYPE(stella::SweepSummary)
