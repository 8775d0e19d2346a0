// SPDX-License-Identifier: Apache-2.0
#include "HealthMonitor.h"

#include "catalog/CatalogThread.h"
#include "common/Clock.h"
#include "common/FutureCallback.h"
#include "health/HealthCheckResult.h"

#include <QCoreApplication>
#include <QHostInfo>
#include <QSet>
#include <algorithm>

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
    connect(&m_retryTimer, &QTimer::timeout, this, &HealthMonitor::flushPending);
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
    for (Entry &e : m_entries) {
        e.queued = false;
        e.checking = false;
    }
    m_inFlight = 0;
    m_sweeping = false;
    m_loading = false;
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
    const qint64 interval = healthpolicy::intervalMs(entry.integration, m_settings.defaultIntervalMs);
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
                           scheduleLoaded(tenant, *r);
                       } else if (!m_catalogDown) {
                           m_catalogDown = true;
                           Q_EMIT catalogUnavailable(r.error());
                       }
                       (*step)(index + 1);
                   });
    };
    (*step)(0);
}

void HealthMonitor::scheduleLoaded(const QString &tenantId, const QList<Integration> &integrations)
{
    const QDateTime now = m_clock.now();
    QSet<QUuid> seen;
    for (const Integration &integration : integrations) {
        if (!healthpolicy::isMonitored(integration))
            continue;
        seen.insert(integration.id);
        auto it = m_entries.find(integration.id);
        if (it == m_entries.end()) {
            Entry entry;
            entry.integration = integration;
            updatePolicy(entry);
            // Never checked: due now. Checked before (by us in an earlier run, or by another
            // monitor): one interval after that check.
            entry.due = integration.lastCheckedAt.isValid()
                            ? dueAfter(entry, integration.lastCheckedAt)
                            : now;
            m_entries.insert(integration.id, entry);
            continue;
        }
        // Known: take the edits; a check another monitor recorded meanwhile moves the due time.
        const QDateTime previousCheck = it->integration.lastCheckedAt;
        it->integration = integration;
        updatePolicy(*it);
        if (integration.lastCheckedAt.isValid() &&
            (!previousCheck.isValid() || integration.lastCheckedAt > previousCheck))
            it->due = std::max(it->due, dueAfter(*it, integration.lastCheckedAt));
    }
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        if (it->integration.tenantId == tenantId && !seen.contains(it.key()) && !it->checking &&
            !it->queued)
            it = m_entries.erase(it);
        else
            ++it;
    }
}

void HealthMonitor::sweepDue()
{
    const QDateTime now = m_clock.now();
    QList<const Entry *> due;
    for (const Entry &e : std::as_const(m_entries))
        if (!e.queued && !e.checking && e.due <= now)
            due.append(&e);
    // Oldest due first; ties in id order, so the same catalog sweeps in the same order.
    std::sort(due.begin(), due.end(), [](const Entry *a, const Entry *b) {
        if (a->due != b->due)
            return a->due < b->due;
        return a->integration.id < b->integration.id;
    });
    for (const Entry *e : std::as_const(due)) {
        m_entries[e->integration.id].queued = true;
        m_queue.append(e->integration.id);
    }
    pump();
}

void HealthMonitor::pump()
{
    while (m_inFlight < m_settings.concurrency && !m_queue.isEmpty()) {
        const QUuid id = m_queue.takeFirst();
        auto it = m_entries.find(id);
        if (it == m_entries.end())
            continue;
        it->queued = false;
        it->checking = true;
        ++m_inFlight;
        claimThenCheck(id);
    }
    if (m_sweeping && !m_loading && m_inFlight == 0 && m_queue.isEmpty()) {
        m_sweeping = false;
        Q_EMIT sweepFinished(m_summary);
        armTimer();
    }
}

void HealthMonitor::finishOne()
{
    --m_inFlight;
    pump();
}

void HealthMonitor::claimThenCheck(const QUuid &id)
{
    const Entry &entry = m_entries[id];
    const QDateTime now = m_clock.now();
    const qint64 leaseMs = std::max<qint64>(1000, now.msecsTo(dueAfter(entry, now)));
    const quint64 generation = m_generation;
    onFinished(this, m_catalog.run([id, holder = m_holder, leaseMs](IntegrationCatalog &c) {
        return c.claimHealthCheck(id, holder, leaseMs);
    }),
               [this, id, generation](const Result<bool> &claimed) {
                   if (generation != m_generation)
                       return;
                   auto it = m_entries.find(id);
                   if (it == m_entries.end()) {
                       finishOne();
                       return;
                   }
                   if (!claimed) {
                       // No catalog, no check: it could not be recorded nor coordinated.
                       it->checking = false;
                       it->due = m_clock.now().addMSecs(m_settings.writeRetryMs);
                       if (!m_catalogDown) {
                           m_catalogDown = true;
                           Q_EMIT catalogUnavailable(claimed.error());
                       }
                       m_retryTimer.start(int(m_settings.writeRetryMs));
                       finishOne();
                       return;
                   }
                   if (!m_pending.isEmpty())
                       flushPending(); // the catalog answers again: write what was kept
                   else if (m_catalogDown) {
                       m_catalogDown = false;
                       Q_EMIT catalogRestored();
                   }
                   if (!*claimed) {
                       ++m_summary.leasedElsewhere;
                       it->checking = false;
                       it->due = dueAfter(*it, m_clock.now());
                       finishOne();
                       return;
                   }
                   runCheck(id);
               });
}

void HealthMonitor::runCheck(const QUuid &id)
{
    const Integration integration = m_entries[id].integration;
    auto connector = m_launcher.connectorFor(integration);
    if (!connector) {
        HealthCheckRecord record;
        record.integrationId = id;
        record.checkedAt = m_clock.now();
        record.status = HealthStatus::Unhealthy;
        record.errorMessage = connector.error().message;
        checkDone(id, record, false);
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
    if (runIt != m_runs.end()) {
        auto *run = static_cast<ConnectorRun *>(runIt.value());
        m_runs.erase(runIt);
        // Whichever came first (the answer or the timeout), the other must not follow.
        const auto timers = run->findChildren<QTimer *>(Qt::FindDirectChildrenOnly);
        for (QTimer *t : timers)
            t->stop();
        run->operation()->disconnect(this);
        // We may be inside the operation's finished signal: delete it on the next turn.
        run->deleteLater();
    }
    auto it = m_entries.find(id);
    if (it == m_entries.end() || !it->checking) {
        if (it == m_entries.end())
            finishOne(); // the tenants changed under the check: nothing to record it against
        return;
    }
    Entry &entry = *it;
    entry.checking = false;
    entry.consecutiveFailures =
        record.status == HealthStatus::Unhealthy ? entry.consecutiveFailures + 1 : 0;
    entry.due = dueAfter(entry, record.checkedAt);
    ++m_summary.checked;
    if (timedOut)
        ++m_summary.timedOut;
    if (record.status == HealthStatus::Unhealthy)
        ++m_summary.unhealthy;
    write(entry.integration.tenantId, record);
}

void HealthMonitor::write(const QString &tenantId, const HealthCheckRecord &record)
{
    // Results kept during an outage are written first, in order: a newer status must never be
    // overwritten by an older one arriving late.
    if (!m_pending.isEmpty()) {
        m_pending.append({tenantId, record});
        ++m_summary.notRecorded;
        flushPending();
        finishOne();
        return;
    }
    const quint64 generation = m_generation;
    onFinished(this, m_catalog.run([ctx = monitorContext(tenantId), record](IntegrationCatalog &c) {
        return c.recordHealthCheck(ctx, record);
    }),
               [this, generation, tenantId, record](const Result<HealthStatus> &previous) {
                   if (generation != m_generation) {
                       // Stopped meanwhile: not reported, but a result the catalog refused is
                       // still kept for the retry (the CLI drains it before exiting).
                       if (!previous && previous.error().kind != ErrorKind::NotFound)
                           writeFailed(tenantId, record, previous.error());
                       return;
                   }
                   auto it = m_entries.find(record.integrationId);
                   if (previous) {
                       if (it != m_entries.end()) {
                           it->integration.status = record.status;
                           it->integration.lastCheckedAt = record.checkedAt;
                           Q_EMIT checkRecorded(it->integration, record);
                           if (*previous != record.status)
                               Q_EMIT statusChanged(it->integration, *previous, record.status);
                       }
                   } else if (previous.error().kind == ErrorKind::NotFound) {
                       m_entries.remove(record.integrationId); // removed while being checked
                   } else {
                       writeFailed(tenantId, record, previous.error());
                   }
                   finishOne();
               });
}

void HealthMonitor::writeFailed(const QString &tenantId, const HealthCheckRecord &record,
                                const Error &error)
{
    m_pending.append({tenantId, record});
    ++m_summary.notRecorded;
    if (!m_catalogDown) {
        m_catalogDown = true;
        Q_EMIT catalogUnavailable(error);
    }
    if (!m_retryTimer.isActive())
        m_retryTimer.start(int(m_settings.writeRetryMs));
}

void HealthMonitor::flushPending()
{
    if (m_flushing || m_pending.isEmpty())
        return;
    m_flushing = true;
    const PendingWrite next = m_pending.first();
    onFinished(
        this,
        m_catalog.run([ctx = monitorContext(next.tenantId), record = next.record](
                          IntegrationCatalog &c) { return c.recordHealthCheck(ctx, record); }),
        [this, next](const Result<HealthStatus> &previous) {
            m_flushing = false;
            if (!previous && previous.error().kind != ErrorKind::NotFound) {
                m_retryTimer.start(int(m_settings.writeRetryMs));
                return;
            }
            m_pending.removeFirst();
            auto it = m_entries.find(next.record.integrationId);
            if (previous && it != m_entries.end()) {
                it->integration.status = next.record.status;
                it->integration.lastCheckedAt = next.record.checkedAt;
                Q_EMIT checkRecorded(it->integration, next.record);
                if (*previous != next.record.status)
                    Q_EMIT statusChanged(it->integration, *previous, next.record.status);
            }
            if (!m_pending.isEmpty()) {
                flushPending();
            } else if (m_catalogDown) {
                m_catalogDown = false;
                Q_EMIT catalogRestored();
            }
        });
}

void HealthMonitor::armTimer()
{
    if (!m_running)
        return;
    const QDateTime now = m_clock.now();
    qint64 wait = kMaxSleepMs;
    for (const Entry &e : std::as_const(m_entries))
        if (!e.checking && !e.queued)
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
