// SPDX-License-Identifier: Apache-2.0
#include "HealthMonitor.h"

#include "core/catalog/CatalogThread.h"
#include "core/catalog/IntegrationCatalog.h"
#include "core/common/Clock.h"
#include "core/common/FutureCallback.h"
#include "core/common/Logging.h"
#include "core/health/HealthCheckResult.h"

#include <QCoreApplication>
#include <QHostInfo>
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
// Integrations scheduled per event-loop turn while loading: the console's monitor runs on the
// GUI thread, and 100,000 integrations at once held it for a quarter of a second.
constexpr qsizetype kLoadSlice = 5000;

QString idText(const QUuid &id)
{
    return id.toString(QUuid::WithoutBraces);
}
} // namespace

HealthMonitor::HealthMonitor(CatalogThread &catalog, ConnectorLauncher launcher, const Clock &clock,
                             MonitorSettings settings, QObject *parent)
    : QObject(parent), m_catalog(catalog), m_launcher(std::move(launcher)), m_clock(clock),
      m_settings(settings), m_scheduler(settings), m_writer(catalog, settings.writeRetryMs),
      m_pruner(catalog, clock, settings.retentionDays, settings.pruneBatchSize)
{
    qRegisterMetaType<stella::SweepSummary>("stella::SweepSummary");
    m_holder = QStringLiteral("%1/%2/%3")
                   .arg(QHostInfo::localHostName())
                   .arg(QCoreApplication::applicationPid())
                   .arg(QUuid::createUuid().toString(QUuid::WithoutBraces).left(8));
    m_dueTimer.setSingleShot(true);
    connect(&m_dueTimer, &QTimer::timeout, this, [this] {
        // A sweep under way re-arms the timer when it ends.
        if (m_phase == Phase::Idle)
            beginSweep(!m_lastReload.isValid() || m_lastReload.hasExpired(kReloadEveryMs));
    });
    m_pruneTimer.setInterval(int(kPruneEveryMs));
    connect(&m_pruneTimer, &QTimer::timeout, this, &HealthMonitor::pruneNow);
    connect(&m_pruner, &HealthPruner::finished, this, &HealthMonitor::pruneFinished);

    connect(&m_writer, &HealthResultWriter::recorded, this,
            [this](const QString &, const HealthCheckRecord &record) { relayRecorded(record); });
    connect(&m_writer, &HealthResultWriter::statusChanged, this,
            [this](const QString &, const HealthCheckRecord &record, HealthStatus previous) {
                relayStatusChanged(record, previous);
            });
    connect(&m_writer, &HealthResultWriter::integrationGone, this,
            [this](const QUuid &id) { m_scheduler.remove(id); });
    connect(&m_writer, &HealthResultWriter::batchAnswered, this, &HealthMonitor::finishSweepIfIdle);
    connect(&m_writer, &HealthResultWriter::catalogUnavailable, this,
            &HealthMonitor::catalogUnavailable);
    connect(&m_writer, &HealthResultWriter::catalogRestored, this, &HealthMonitor::catalogRestored);

    // Edits made in this process are seen at once; the next sweep reloads.
    auto invalidate = [this] {
        m_lastReload.invalidate();
        if (m_running && m_phase == Phase::Idle)
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
    m_scheduler.clear();
    m_lastReload.invalidate();
}

void HealthMonitor::start()
{
    if (m_running)
        return;
    m_running = true;
    STELLA_LOG_INFO(lcHealth).noquote()
        << "monitor" << m_holder << "started for" << m_tenants.join(QLatin1String(", "))
        << "- interval" << m_settings.defaultIntervalMs << "ms, concurrency"
        << m_settings.concurrency << ", check timeout" << m_settings.checkTimeoutMs << "ms";
    m_pruneTimer.start();
    m_dueTimer.start(0);
    QTimer::singleShot(0, this, &HealthMonitor::pruneNow);
}

void HealthMonitor::stop()
{
    if (m_running)
        STELLA_LOG_INFO(lcHealth).noquote()
            << "monitor" << m_holder << "stopped;" << m_runs.size() << "checks abandoned,"
            << m_writer.pending() << "results still to write";
    m_running = false;
    ++m_generation;
    m_dueTimer.stop();
    m_pruneTimer.stop();
    for (QObject *run : std::as_const(m_runs))
        delete run; // a ConnectorRun cancels its operation silently
    m_runs.clear();
    m_scheduler.abandonAll();
    m_load.reset();
    m_phase = Phase::Idle;
    m_writer.silenceKept();
}

void HealthMonitor::sweepNow()
{
    if (m_phase == Phase::Idle) // else the sweep under way ends with sweepFinished
        beginSweep(true);
}

void HealthMonitor::pruneNow()
{
    m_pruner.prune(m_tenants);
}

void HealthMonitor::beginSweep(bool reload)
{
    m_summary = {};
    if (!reload)
        return startChecking();
    m_phase = Phase::Loading;
    loadTenant(0);
}

// One tenant after another; after the last the sweep goes on whether or not the catalog
// answered (unreachable: the schedule already known goes on, and the writer keeps trying).
void HealthMonitor::loadTenant(int index)
{
    if (index >= m_tenants.size()) {
        m_load.reset();
        m_lastReload.start();
        return startChecking();
    }
    const RequestContext ctx{m_tenants.at(index), QStringLiteral("health-monitor")};
    onFinished(this, m_catalog.run([ctx](IntegrationCatalog &c) { return c.list(ctx); }),
               [this, index, generation = m_generation](const Result<QList<Integration>> &r) {
                   if (generation != m_generation)
                       return;
                   if (!r) {
                       m_writer.noteCatalogUnavailable(r.error());
                       return loadTenant(index + 1);
                   }
                   m_load = Load{index, *r, 0, {}};
                   loadSlice();
               });
}

void HealthMonitor::loadSlice()
{
    Load &load = *m_load;
    const QDateTime now = m_clock.now();
    const qsizetype to = std::min(load.integrations.size(), load.next + kLoadSlice);
    for (qsizetype i = load.next; i < to; ++i) {
        const Integration &integration = load.integrations.at(i);
        // A provider without a connector in this build (a plugin removed, or one not written
        // yet) is not checked at all: "Unhealthy" would blame the server for what this build
        // lacks, and notify about it (docs/contracts.md §16.2).
        if (!m_launcher.canConnect(integration))
            continue;
        if (m_scheduler.schedule(integration, now))
            load.listed.insert(integration.id);
    }
    load.next = to;
    if (to < load.integrations.size()) {
        QTimer::singleShot(0, this, [this, generation = m_generation] {
            if (generation == m_generation && m_load)
                loadSlice();
        });
        return;
    }
    const QString tenant = m_tenants.at(load.tenantIndex);
    STELLA_LOG_DEBUG(lcHealth).noquote()
        << "loaded" << load.integrations.size() << "integrations of" << tenant + u','
        << load.listed.size() << "monitored";
    m_scheduler.dropUnlisted(tenant, load.listed);
    loadTenant(load.tenantIndex + 1);
}

void HealthMonitor::startChecking()
{
    m_phase = Phase::Checking;
    const int due = m_scheduler.enqueueDue(m_clock.now());
    if (due > 0)
        STELLA_LOG_DEBUG(lcHealth)
            << "sweep:" << due << "of" << m_scheduler.scheduledCount() << "integrations due";
    pump();
    finishSweepIfIdle();
}

// Checks start while slots are free; leases are taken in batches ahead of them, one catalog
// transaction per batch, so a check never waits for its own lease and the catalog thread is
// not asked twice per check.
void HealthMonitor::pump()
{
    while (const std::optional<QUuid> id = m_scheduler.startNextCheck())
        runCheck(*id);
    claim();
}

void HealthMonitor::claim()
{
    const QList<IntegrationCatalog::LeaseRequest> requests =
        m_scheduler.takeClaimBatch(m_clock.now());
    if (requests.isEmpty())
        return;
    onFinished(this, m_catalog.run([requests, holder = m_holder](IntegrationCatalog &c) {
        return c.claimHealthChecks(requests, holder);
    }),
               [this, generation = m_generation](const Result<QList<QUuid>> &result) {
                   if (generation == m_generation)
                       claimed(result);
               });
}

void HealthMonitor::claimed(const Result<QList<QUuid>> &result)
{
    const QDateTime now = m_clock.now();
    if (!result) {
        // No catalog, no check: it could not be recorded nor coordinated. Try again soon.
        m_scheduler.claimsFailed(now.addMSecs(m_settings.writeRetryMs));
        m_writer.noteCatalogUnavailable(result.error());
        return finishSweepIfIdle();
    }
    m_writer.noteCatalogAvailable();
    const int elsewhere = m_scheduler.claimsAnswered(*result, now);
    if (elsewhere > 0)
        STELLA_LOG_DEBUG(lcHealth) << elsewhere << "integrations are leased by another monitor"
                                   << "this interval";
    m_summary.leasedElsewhere += elsewhere;
    pump();
    finishSweepIfIdle();
}

void HealthMonitor::runCheck(const QUuid &id)
{
    const Integration *integration = m_scheduler.integration(id);
    auto connector = m_launcher.connectorFor(*integration);
    if (!connector) {
        HealthCheckRecord record;
        record.integrationId = id;
        record.checkedAt = m_clock.now();
        record.status = HealthStatus::Unhealthy;
        record.errorMessage = connector.error().message;
        // Answered on the next turn, like every other outcome, so pump()'s loop stays simple.
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
    if (m_scheduler.checkFinished(record)) {
        const Integration *integration = m_scheduler.integration(id);
        STELLA_LOG_DEBUG(lcHealth).noquote()
            << QStringLiteral("checked %1 (%2): %3 in %4 ms%5")
                   .arg(integration->name, idText(id), toString(record.status))
                   .arg(record.latencyMs)
                   .arg(record.errorMessage.isEmpty() ? QString()
                                                      : QStringLiteral(", ") + record.errorMessage);
        ++m_summary.checked;
        if (timedOut)
            ++m_summary.timedOut;
        if (record.status == HealthStatus::Unhealthy)
            ++m_summary.unhealthy;
        m_writer.append(integration->tenantId, record);
    }
    pump();
    finishSweepIfIdle();
}

void HealthMonitor::relayRecorded(const HealthCheckRecord &record)
{
    if (const Integration *integration = m_scheduler.recorded(record))
        Q_EMIT checkRecorded(*integration, record);
}

void HealthMonitor::relayStatusChanged(const HealthCheckRecord &record, HealthStatus previous)
{
    const Integration *integration = m_scheduler.integration(record.integrationId);
    if (!integration)
        return;
    STELLA_LOG_INFO(lcHealth).noquote() << QStringLiteral("%1 (%2) is now %3 (was %4)")
                                               .arg(integration->name, idText(record.integrationId),
                                                    toString(record.status), toString(previous));
    Q_EMIT statusChanged(*integration, previous, record.status);
}

void HealthMonitor::finishSweepIfIdle()
{
    if (m_phase != Phase::Checking || m_scheduler.queued() > 0 || m_scheduler.inFlight() > 0 ||
        !m_writer.isSettled())
        return;
    m_phase = Phase::Idle;
    m_summary.notRecorded = m_writer.pending();
    if (m_summary.checked + m_summary.leasedElsewhere + m_summary.notRecorded > 0)
        STELLA_LOG_INFO(lcHealth) << "sweep finished:" << m_summary.checked << "checked,"
                                  << m_summary.unhealthy << "unhealthy," << m_summary.timedOut
                                  << "timed out," << m_summary.leasedElsewhere
                                  << "leased elsewhere," << m_summary.notRecorded
                                  << "not recorded yet";
    Q_EMIT sweepFinished(m_summary);
    armTimer();
}

void HealthMonitor::armTimer()
{
    if (!m_running)
        return;
    const qint64 wait = m_scheduler.msUntilNextDue(m_clock.now(), kMaxSleepMs);
    m_dueTimer.start(int(std::clamp<qint64>(wait, 0, kMaxSleepMs)));
}

} // namespace stella
