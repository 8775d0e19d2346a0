// SPDX-License-Identifier: Apache-2.0
#include "HealthMonitor.h"

#include "core/catalog/CatalogThread.h"
#include "core/catalog/IntegrationCatalog.h"
#include "core/common/Clock.h"
#include "core/common/FutureCallback.h"
#include "core/health/HealthCheckResult.h"

#include <QCoreApplication>
#include <QHostInfo>
#include <QSet>
#include <algorithm>
#include <vector>

namespace stella {

namespace {
// How often a running monitor re-reads the catalog for integrations other programs added,
// edited or removed (its own process's changes arrive as signals at once). Reading 100,000
// integrations takes the catalog thread about half a second: not every minute.
constexpr qint64 kReloadEveryMs = 5 * 60'000;
// The longest the due timer sleeps, so a clock that jumps (suspend, NTP) is noticed soon.
constexpr int kMaxSleepMs = 30'000;
constexpr qint64 kPruneEveryMs = 3'600'000;

RequestContext monitorContext(const QString &tenantId)
{
    return RequestContext{tenantId, QStringLiteral("health-monitor")};
}
} // namespace

HealthMonitor::HealthMonitor(CatalogThread &catalog, ConnectorLauncher launcher, const Clock &clock,
                             MonitorSettings settings, QObject *parent)
    : QObject(parent), m_catalog(catalog), m_launcher(std::move(launcher)), m_clock(clock),
      m_settings(settings)
{
    qRegisterMetaType<stella::SweepSummary>("stella::SweepSummary");
    m_holder = QStringLiteral("%1/%2/%3")
                   .arg(QHostInfo::localHostName())
                   .arg(QCoreApplication::applicationPid())
                   .arg(QUuid::createUuid().toString(QUuid::WithoutBraces).left(8));
    m_dueTimer.setSingleShot(true);
    connect(&m_dueTimer, &QTimer::timeout, this, [this] {
        if (m_sweeping)
            return; // the sweep re-arms the timer when it ends
        m_sweeping = true;
        m_summary = {};
        if (!m_lastReload.isValid() || m_lastReload.hasExpired(kReloadEveryMs))
            reload([this] { sweepDue(); });
        else
            sweepDue();
    });
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] { pumpWrites(true); });
    m_pruneTimer.setInterval(int(kPruneEveryMs));
    connect(&m_pruneTimer, &QTimer::timeout, this, &HealthMonitor::pruneNow);
    // Edits made in this process are seen at once; the next sweep reloads.
    auto invalidate = [this] {
        m_lastReload.invalidate();
        if (m_running && !m_sweeping)
            m_dueTimer.start(200);
    };
    connect(&m_catalog, &CatalogThread::integrationChanged, this, invalidate);
    connect(&m_catalog, &CatalogThread::catalogReset, this, invalidate);
}

HealthMonitor::~HealthMonitor()
{
    stop();
}

void HealthMonitor::setTenants(const QStringList &tenants)
{
    m_tenants = tenants;
    m_entries.clear();
    m_lastReload.invalidate();
}

void HealthMonitor::start()
{
    if (m_running)
        return;
    m_running = true;
    m_pruneTimer.start();
    m_dueTimer.start(0);
    QTimer::singleShot(0, this, &HealthMonitor::pruneNow);
}

void HealthMonitor::stop()
{
    m_running = false;
    ++m_generation;
    m_dueTimer.stop();
    m_pruneTimer.stop();
    for (QObject *run : std::as_const(m_runs))
        delete run; // a ConnectorRun cancels its operation silently
    m_runs.clear();
    m_queue.clear();
    m_claimed.clear();
    m_claiming = 0;
    for (Entry &e : m_entries)
        e.busy = false;
    m_sweeping = false;
    m_loading = false;
    // Results already measured stay in m_writes: a write in flight completes, and a refused
    // one is retried (the CLI waits for them before exiting).
}

void HealthMonitor::sweepNow()
{
    if (m_sweeping)
        return; // the sweep under way ends with sweepFinished
    m_sweeping = true;
    m_summary = {};
    reload([this] { sweepDue(); });
}

QDateTime HealthMonitor::nextDue(const QUuid &id) const
{
    auto it = m_entries.constFind(id);
    return it == m_entries.constEnd() ? QDateTime() : it->due;
}

void HealthMonitor::updatePolicy(Entry &entry) const
{
    const qint64 interval =
        healthpolicy::intervalMs(entry.integration, m_settings.defaultIntervalMs);
    if (interval == entry.intervalMs)
        return;
    entry.intervalMs = interval;
    entry.jitterMs = healthpolicy::jitterMs(entry.integration.id, interval);
}

QDateTime HealthMonitor::dueAfter(const Entry &entry, const QDateTime &from) const
{
    const qint64 wait =
        qint64(double(entry.intervalMs) * healthpolicy::backoffFactor(entry.consecutiveFailures));
    return from.addMSecs(wait - entry.jitterMs);
}

void HealthMonitor::reload(std::function<void()> then)
{
    m_loading = true;
    const quint64 generation = m_generation;
    // One tenant after another; the last calls `then` whether or not the catalog answered
    // (unreachable: the schedule already known goes on, and the retry timer keeps trying).
    auto step = std::make_shared<std::function<void(int)>>();
    *step = [this, generation, then = std::move(then), step](int index) {
        if (generation != m_generation)
            return;
        if (index >= m_tenants.size()) {
            m_loading = false;
            m_lastReload.start();
            then();
            return;
        }
        const QString tenant = m_tenants.at(index);
        onFinished(this, m_catalog.run([ctx = monitorContext(tenant)](IntegrationCatalog &c) {
            return c.list(ctx);
        }),
                   [this, generation, tenant, index, step](const Result<QList<Integration>> &r) {
                       if (generation != m_generation)
                           return;
                       if (r) {
                           scheduleLoaded(tenant, *r, [step, index] { (*step)(index + 1); });
                           return;
                       }
                       markCatalogDown(r.error());
                       (*step)(index + 1);
                   });
    };
    (*step)(0);
}

void HealthMonitor::scheduleLoaded(const QString &tenantId, const QList<Integration> &integrations,
                                   std::function<void()> done)
{
    // Taken in slices, one event-loop turn each: the console's monitor runs on the GUI
    // thread, and 100,000 integrations at once held it for a quarter of a second.
    constexpr qsizetype kSlice = 5000;
    struct Job
    {
        QString tenantId;
        QList<Integration> integrations;
        QSet<QUuid> seen;
        std::function<void()> done;
        quint64 generation = 0;
    };
    auto job =
        std::make_shared<Job>(Job{tenantId, integrations, {}, std::move(done), m_generation});
    auto runSlice = std::make_shared<std::function<void(qsizetype)>>();
    // The function refers to itself weakly; the pending timer's lambda holds the strong ref.
    *runSlice = [this, job, weak = std::weak_ptr(runSlice)](qsizetype from) {
        if (job->generation != m_generation)
            return;
        const QDateTime now = m_clock.now();
        const qsizetype to = std::min(job->integrations.size(), from + kSlice);
        for (qsizetype i = from; i < to; ++i)
            scheduleOne(job->integrations.at(i), now, job->seen);
        if (to < job->integrations.size()) {
            QTimer::singleShot(0, this, [next = weak.lock(), to] {
                if (next)
                    (*next)(to);
            });
            return;
        }
        for (auto it = m_entries.begin(); it != m_entries.end();) {
            if (it->integration.tenantId == job->tenantId && !job->seen.contains(it.key()) &&
                !it->busy)
                it = m_entries.erase(it);
            else
                ++it;
        }
        job->integrations = {}; // the list is not kept between reloads
        job->seen = {};
        job->done();
    };
    m_pendingSlices = runSlice; // keeps the slicing alive between turns
    (*runSlice)(0);
}

void HealthMonitor::scheduleOne(const Integration &integration, const QDateTime &now,
                                QSet<QUuid> &seen)
{
    if (!healthpolicy::isMonitored(integration))
        return;
    seen.insert(integration.id);
    auto it = m_entries.find(integration.id);
    if (it == m_entries.end()) {
        Entry entry;
        entry.integration = integration;
        updatePolicy(entry);
        // Never checked: due now. Checked before (by us in an earlier run, or by another
        // monitor): one interval after that check.
        entry.due =
            integration.lastCheckedAt.isValid() ? dueAfter(entry, integration.lastCheckedAt) : now;
        m_entries.insert(integration.id, entry);
        return;
    }
    // Known: take the edits; a check another monitor recorded meanwhile moves the due time.
    const QDateTime previousCheck = it->integration.lastCheckedAt;
    it->integration = integration;
    updatePolicy(*it);
    if (integration.lastCheckedAt.isValid() &&
        (!previousCheck.isValid() || integration.lastCheckedAt > previousCheck))
        it->due = std::max(it->due, dueAfter(*it, integration.lastCheckedAt));
}

void HealthMonitor::sweepDue()
{
    const qint64 now = m_clock.now().toMSecsSinceEpoch();
    // Plain numbers to sort: QDateTime comparisons made sorting 100,000 due integrations
    // hold the GUI thread for ~0.1 s.
    struct Due
    {
        qint64 dueMs;
        QUuid id;
    };
    std::vector<Due> due;
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it) {
        const qint64 dueMs = it->due.toMSecsSinceEpoch();
        if (!it->busy && dueMs <= now)
            due.push_back({dueMs, it.key()});
    }
    // Oldest due first; ties in id order, so the same catalog sweeps in the same order.
    std::sort(due.begin(), due.end(), [](const Due &a, const Due &b) {
        return a.dueMs != b.dueMs ? a.dueMs < b.dueMs : a.id < b.id;
    });
    m_queue.reserve(m_queue.size() + qsizetype(due.size()));
    for (const Due &d : due) {
        m_entries[d.id].busy = true;
        m_queue.append(d.id);
    }
    pumpClaims();
    finishSweepIfIdle();
}

// Leases are taken in batches ahead of the checks, one catalog transaction per batch, so a
// check never waits for its own lease and the catalog thread is not asked twice per check.
void HealthMonitor::pumpClaims()
{
    constexpr int kBatch = 64;
    if (m_claiming > 0 || m_queue.isEmpty() ||
        m_claimed.size() >= qsizetype(2) * m_settings.concurrency)
        return;
    QList<IntegrationCatalog::LeaseRequest> requests;
    QList<QUuid> batch;
    const QDateTime now = m_clock.now();
    while (!m_queue.isEmpty() && batch.size() < kBatch) {
        const QUuid id = m_queue.takeFirst();
        auto it = m_entries.find(id);
        if (it == m_entries.end())
            continue;
        // The lease lasts until this monitor's next check would be due.
        requests.append({id, std::max<qint64>(1000, now.msecsTo(dueAfter(*it, now)))});
        batch.append(id);
    }
    if (batch.isEmpty())
        return;
    m_claiming = int(batch.size());
    const quint64 generation = m_generation;
    onFinished(this, m_catalog.run([requests, holder = m_holder](IntegrationCatalog &c) {
        return c.claimHealthChecks(requests, holder);
    }),
               [this, generation, batch](const Result<QList<QUuid>> &result) {
                   if (generation == m_generation)
                       claimed(batch, result);
               });
}

void HealthMonitor::claimed(const QList<QUuid> &batch, const Result<QList<QUuid>> &result)
{
    m_claiming = 0;
    const QDateTime now = m_clock.now();
    if (!result) {
        // No catalog, no check: it could not be recorded nor coordinated. Try again soon.
        for (const QUuid &id : batch) {
            auto it = m_entries.find(id);
            if (it == m_entries.end())
                continue;
            it->busy = false;
            it->due = now.addMSecs(m_settings.writeRetryMs);
        }
        for (const QUuid &id : std::as_const(m_queue)) // the rest of the sweep waits too
            if (auto it = m_entries.find(id); it != m_entries.end()) {
                it->busy = false;
                it->due = now.addMSecs(m_settings.writeRetryMs);
            }
        m_queue.clear();
        markCatalogDown(result.error());
        finishSweepIfIdle();
        return;
    }
    markCatalogUp();
    const QSet<QUuid> ours(result->cbegin(), result->cend());
    for (const QUuid &id : batch) {
        auto it = m_entries.find(id);
        if (it == m_entries.end())
            continue;
        if (ours.contains(id)) {
            m_claimed.append(id);
            continue;
        }
        // Another monitor holds it this interval; look again when ours would be due.
        ++m_summary.leasedElsewhere;
        it->busy = false;
        it->due = dueAfter(*it, now);
    }
    pumpChecks();
    pumpClaims();
    finishSweepIfIdle();
}

void HealthMonitor::pumpChecks()
{
    while (m_runs.size() < m_settings.concurrency && !m_claimed.isEmpty())
        runCheck(m_claimed.takeFirst());
    pumpClaims(); // keep the next batch of leases ready
}

void HealthMonitor::runCheck(const QUuid &id)
{
    auto entry = m_entries.find(id);
    if (entry == m_entries.end())
        return;
    auto connector = m_launcher.connectorFor(entry->integration);
    if (!connector) {
        HealthCheckRecord record;
        record.integrationId = id;
        record.checkedAt = m_clock.now();
        record.status = HealthStatus::Unhealthy;
        record.errorMessage = connector.error().message;
        // Answered on the next turn, like every other outcome, so pumpChecks' loop stays simple.
        QMetaObject::invokeMethod(
            this,
            [this, id, record, generation = m_generation] {
                if (generation == m_generation)
                    checkDone(id, record, false);
            },
            Qt::QueuedConnection);
        m_runs.insert(id, nullptr);
        return;
    }
    auto *run = new ConnectorRun(
        std::move(connector).value(),
        [](Connector &c, QObject *parent) { return c.checkHealth(parent); }, this);
    m_runs.insert(id, run);
    ConnectorOperation *op = run->operation();
    // A check that never answers is bounded here, whatever the connector's own timeouts; the
    // timer is the run's child, so it dies with the run.
    auto *timeout = new QTimer(run);
    timeout->setSingleShot(true);
    connect(timeout, &QTimer::timeout, this, [this, id] {
        checkDone(id, timedOutHealthCheck(id, m_clock.now(), m_settings.checkTimeoutMs), true);
    });
    timeout->start(int(m_settings.checkTimeoutMs));
    auto finished = [this, id, op] {
        checkDone(id, healthCheckRecordFor(id, m_clock.now(), *op), false);
    };
    connect(op, &ConnectorOperation::finished, this, finished);
    if (op->isFinished()) // refused at once (a bad endpoint), before we listened
        QMetaObject::invokeMethod(this, finished, Qt::QueuedConnection);
}

void HealthMonitor::checkDone(const QUuid &id, const HealthCheckRecord &record, bool timedOut)
{
    auto runIt = m_runs.find(id);
    if (runIt == m_runs.end())
        return; // already answered (the timeout and the answer racing)
    if (auto *run = static_cast<ConnectorRun *>(runIt.value())) {
        // Whichever came first (the answer or the timeout), the other must not follow.
        const auto timers = run->findChildren<QTimer *>(Qt::FindDirectChildrenOnly);
        for (QTimer *t : timers)
            t->stop();
        run->operation()->disconnect(this);
        // We may be inside the operation's finished signal: delete it on the next turn.
        run->deleteLater();
    }
    m_runs.erase(runIt);
    auto it = m_entries.find(id);
    if (it != m_entries.end()) {
        it->busy = false;
        it->consecutiveFailures =
            record.status == HealthStatus::Unhealthy ? it->consecutiveFailures + 1 : 0;
        it->due = dueAfter(*it, record.checkedAt);
        ++m_summary.checked;
        if (timedOut)
            ++m_summary.timedOut;
        if (record.status == HealthStatus::Unhealthy)
            ++m_summary.unhealthy;
        m_writes.append({it->integration.tenantId, record});
        pumpWrites();
    }
    pumpChecks();
    finishSweepIfIdle();
}

// Results are written in order, in batches of one tenant, one transaction per batch: the
// catalog thread is asked once for many checks, and an older status never lands after a
// newer one. While the catalog is away only the retry timer writes.
void HealthMonitor::pumpWrites(bool retrying)
{
    constexpr int kBatch = 100;
    if (m_writing > 0 || m_writes.isEmpty() || (m_catalogDown && !retrying))
        return;
    const QString tenant = m_writes.first().tenantId;
    QList<HealthCheckRecord> batch;
    for (const Write &w : std::as_const(m_writes)) {
        if (w.tenantId != tenant || batch.size() >= kBatch)
            break;
        batch.append(w.record);
    }
    m_writing = int(batch.size());
    const quint64 generation = m_generation;
    onFinished(this, m_catalog.run([ctx = monitorContext(tenant), batch](IntegrationCatalog &c) {
        return c.recordHealthChecks(ctx, batch);
    }),
               [this, generation, count = int(batch.size())](
                   const Result<QList<std::optional<HealthStatus>>> &previous) {
                   // Even after stop(): the queue must learn what was written.
                   written(count, previous, generation == m_generation);
               });
}

void HealthMonitor::written(int count, const Result<QList<std::optional<HealthStatus>>> &previous,
                            bool report)
{
    m_writing = 0;
    if (!previous) {
        markCatalogDown(previous.error());
        if (!m_retryTimer.isActive())
            m_retryTimer.start(int(m_settings.writeRetryMs));
        finishSweepIfIdle();
        return;
    }
    const QList<Write> done = m_writes.mid(0, count);
    m_writes.remove(0, count);
    for (int i = 0; i < done.size(); ++i) {
        const HealthCheckRecord &record = done[i].record;
        auto it = m_entries.find(record.integrationId);
        if (!previous->at(i)) { // removed while it was being checked
            m_entries.remove(record.integrationId);
            continue;
        }
        if (it == m_entries.end())
            continue;
        it->integration.status = record.status;
        it->integration.lastCheckedAt = record.checkedAt;
        if (!report)
            continue;
        Q_EMIT checkRecorded(it->integration, record);
        if (*previous->at(i) != record.status)
            Q_EMIT statusChanged(it->integration, *previous->at(i), record.status);
    }
    markCatalogUp();
    pumpWrites();
    finishSweepIfIdle();
}

void HealthMonitor::markCatalogDown(const Error &error)
{
    if (m_catalogDown)
        return;
    m_catalogDown = true;
    Q_EMIT catalogUnavailable(error);
}

void HealthMonitor::markCatalogUp()
{
    if (m_catalogDown) {
        m_catalogDown = false;
        m_announceRestore = true;
        pumpWrites(); // results kept during the outage go first
    }
    // "Restored" once everything kept is in.
    if (m_announceRestore && m_writes.isEmpty()) {
        m_announceRestore = false;
        Q_EMIT catalogRestored();
    }
}

void HealthMonitor::finishSweepIfIdle()
{
    const bool writesSettled = m_writing == 0 && (m_writes.isEmpty() || m_catalogDown);
    if (!m_sweeping || m_loading || !m_queue.isEmpty() || inFlight() > 0 || !writesSettled)
        return;
    m_sweeping = false;
    m_summary.notRecorded = int(m_writes.size());
    Q_EMIT sweepFinished(m_summary);
    armTimer();
}

void HealthMonitor::armTimer()
{
    if (!m_running)
        return;
    const QDateTime now = m_clock.now();
    qint64 wait = kMaxSleepMs;
    for (const Entry &e : std::as_const(m_entries))
        if (!e.busy)
            wait = std::min(wait, now.msecsTo(e.due));
    m_dueTimer.start(int(std::clamp<qint64>(wait, 0, kMaxSleepMs)));
}

void HealthMonitor::pruneNow()
{
    pruneTenant(0, 0);
}

void HealthMonitor::pruneTenant(int tenantIndex, int deletedSoFar)
{
    if (tenantIndex >= m_tenants.size()) {
        Q_EMIT pruneFinished(deletedSoFar);
        return;
    }
    const QDateTime before = m_clock.now().addDays(-m_settings.retentionDays);
    const int batch = m_settings.pruneBatchSize;
    onFinished(this,
               m_catalog.run([ctx = monitorContext(m_tenants.at(tenantIndex)), before,
                              batch](IntegrationCatalog &c) {
                   return c.pruneHealthHistory(ctx, before, batch);
               }),
               [this, tenantIndex, deletedSoFar, batch](const Result<int> &deleted) {
                   if (!deleted) {
                       // Tried again at the next prune; checks matter more than pruning.
                       Q_EMIT pruneFinished(deletedSoFar);
                       return;
                   }
                   // A full batch: there may be more. The next batch is a separate catalog
                   // call, so checks recorded meanwhile are not held up behind the pruning.
                   if (*deleted == batch)
                       pruneTenant(tenantIndex, deletedSoFar + *deleted);
                   else
                       pruneTenant(tenantIndex + 1, deletedSoFar + *deleted);
               });
}

} // namespace stella
