// SPDX-License-Identifier: Apache-2.0
// The health commands: history (`health`), the headless monitor (`monitor`) and the
// Prometheus metrics (`metrics`).
#include "Cli.h"
#include "StopSignal.h"
#include "core/catalog/CatalogThread.h"
#include "core/catalog/IntegrationCatalog.h"
#include "core/common/FutureCallback.h"
#include "core/health/CertificateExpiry.h"
#include "core/health/HealthMonitor.h"
#include "core/providers/ConfigSchema.h"
#include "core/sandbox/SandboxSeeder.h"
#include "core/scm/AnnotationMetrics.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>
#include <QTimer>
#include <cmath>

namespace stella::cli {

namespace {

Result<qint64> durationOption(const Args &args, const QString &name, qint64 fallbackMs)
{
    if (!args.has(name))
        return fallbackMs;
    const auto ms = parseDurationMs(args.value(name));
    if (!ms)
        return Error::invalidInput(
            QStringLiteral("--%1 '%2' is not a duration").arg(name, args.value(name)),
            QStringLiteral("Write it as 250ms, 30s, 5m, 2h or 1d"));
    return *ms;
}

// The range of `health`: --from/--to (ISO 8601, UTC) or --range back from now (default 24h).
Result<std::pair<QDateTime, QDateTime>> historyRange(const Args &args, const QDateTime &now)
{
    auto parseTime = [&](const QString &name) -> Result<QDateTime> {
        const QDateTime t = parseUtc(args.value(name));
        if (!t.isValid())
            return Error::invalidInput(
                QStringLiteral("--%1 '%2' is not a time").arg(name, args.value(name)),
                QStringLiteral("Write it in UTC as 2026-11-24T00:00:00Z"));
        return t;
    };
    if (args.has(QStringLiteral("from"))) {
        if (args.has(QStringLiteral("range")))
            return Error::invalidInput(
                QStringLiteral("--range and --from exclude each other"),
                QStringLiteral("Give --range DURATION, or --from T [--to T]"));
        auto from = parseTime(QStringLiteral("from"));
        if (!from)
            return from.error();
        QDateTime to = now;
        if (args.has(QStringLiteral("to"))) {
            auto parsed = parseTime(QStringLiteral("to"));
            if (!parsed)
                return parsed.error();
            to = *parsed;
        }
        if (*from >= to)
            return Error::invalidInput(QStringLiteral("--from must be before --to"));
        return std::pair{*from, to};
    }
    auto range = durationOption(args, QStringLiteral("range"), 86'400'000);
    if (!range)
        return range.error();
    if (*range < 60'000)
        return Error::invalidInput(QStringLiteral("--range must be at least 1m"));
    return std::pair{now.addMSecs(-*range), now};
}

QString uptimeText(const HealthHistory &h)
{
    const double uptime = h.uptimePercent();
    return uptime < 0 ? QStringLiteral("no checks")
                      : QStringLiteral("%1% of %2 checks").arg(uptime, 0, 'f', 2).arg(h.checks());
}

// Waits for a future without a window to keep alive: the CLI may block, the console never does.
template <typename T> T waitFor(QFuture<T> future)
{
    QEventLoop loop;
    onFinished(&loop, future, [&loop](const T &) { loop.quit(); });
    if (!future.isFinished())
        loop.exec();
    return future.result();
}

} // namespace

Result<void> Cli::health(const Args &args)
{
    auto integration = findIntegration(args.positionals().first());
    if (!integration)
        return integration.error();
    auto last = args.intValue(QStringLiteral("last"), 10);
    if (!last)
        return last.error();
    auto points = args.intValue(QStringLiteral("points"), 24);
    if (!points)
        return points.error();
    const QDateTime now = m_clock.now();
    auto range = historyRange(args, now);
    if (!range)
        return range.error();
    auto history =
        catalog().healthHistory(m_ctx, integration->id, range->first, range->second, *points);
    if (!history)
        return history.error();
    auto checks = catalog().healthHistory(m_ctx, integration->id, *last);
    if (!checks)
        return checks.error();
    const bool stale =
        healthpolicy::isStale(*integration, MonitorSettings::kDefaultIntervalMs, now);

    if (m_out->json()) {
        QJsonArray all;
        for (const HealthCheckRecord &r : *checks)
            all.append(r.toJson());
        m_out->document(QJsonObject{{QStringLiteral("integration"), integration->toJson()},
                                    {QStringLiteral("stale"), stale},
                                    {QStringLiteral("history"), history->toJson()},
                                    {QStringLiteral("checks"), all}});
        return {};
    }
    m_out->line(QStringLiteral("%1: %2%3 (last checked %4)")
                    .arg(integration->name, toString(integration->status),
                         stale ? QStringLiteral(", stale") : QString(),
                         timeText(integration->lastCheckedAt)));
    if (integration->certificateExpiresAt.isValid())
        m_out->line(QStringLiteral("TLS certificate %1 (until %2)")
                        .arg(CertificateExpiry::describe(integration->certificateExpiresAt, now),
                             formatUtc(integration->certificateExpiresAt)));
    m_out->line(QStringLiteral("Uptime %1 – %2: %3")
                    .arg(formatUtc(history->from), formatUtc(history->to), uptimeText(*history)));
    QList<QStringList> buckets;
    for (const HealthBucket &b : history->buckets)
        buckets.append({formatUtc(b.start), QString::number(b.checks), toString(b.worst),
                        QString::number(b.minLatencyMs), QString::number(b.avgLatencyMs, 'f', 1),
                        QString::number(b.maxLatencyMs)});
    if (!buckets.isEmpty()) {
        m_out->line(QString());
        m_out->line(QStringLiteral("Per %1:").arg(formatDurationMs(history->bucketSeconds * 1000)));
        m_out->table({QStringLiteral("FROM"), QStringLiteral("CHECKS"), QStringLiteral("WORST"),
                      QStringLiteral("MIN MS"), QStringLiteral("AVG MS"), QStringLiteral("MAX MS")},
                     buckets);
    }
    m_out->line(QString());
    QList<QStringList> rows;
    for (const HealthCheckRecord &r : *checks)
        rows.append({formatUtc(r.checkedAt), toString(r.status), QString::number(r.latencyMs),
                     orDash(r.errorMessage)});
    m_out->table({QStringLiteral("CHECKED AT"), QStringLiteral("STATUS"),
                  QStringLiteral("LATENCY MS"), QStringLiteral("ERROR")},
                 rows);
    return {};
}

Result<void> Cli::metrics(const Args &)
{
    auto snapshot = catalog().metrics(m_ctx);
    if (!snapshot)
        return snapshot.error();
    // Prometheus text whatever --json says: it is what a scraper or node_exporter's textfile
    // collector reads.
    m_out->write(metrics::renderPrometheus(*snapshot).toUtf8());
    auto annotations = AnnotationMetrics::read(m_session->database(), m_ctx.tenantId);
    if (!annotations)
        return annotations.error();
    m_out->write(AnnotationMetrics::renderPrometheus(*annotations).toUtf8());
    return {};
}

Result<void> Cli::monitor(const Args &args)
{
    MonitorSettings settings;
    auto interval = durationOption(args, QStringLiteral("interval"), settings.defaultIntervalMs);
    auto timeout = durationOption(args, QStringLiteral("timeout"), settings.checkTimeoutMs);
    auto retention = durationOption(args, QStringLiteral("retention"),
                                    qint64(settings.retentionDays) * 86'400'000);
    auto concurrency = args.intValue(QStringLiteral("concurrency"), settings.concurrency);
    for (const auto *r : {&interval, &timeout, &retention})
        if (!*r)
            return r->error();
    if (!concurrency)
        return concurrency.error();
    settings.defaultIntervalMs = *interval;
    settings.checkTimeoutMs = *timeout;
    settings.retentionDays = int(*retention / 86'400'000);
    settings.concurrency = *concurrency;
    if (const QString problem = settings.validate(); !problem.isEmpty())
        return Error::invalidInput(problem, QStringLiteral("Check the options of `monitor`"));
    const bool once = args.flag(QStringLiteral("once"));

    CatalogThread catalogThread(m_registry, m_clock);
    std::function<Result<void>(CatalogSession &)> seed;
    if (m_sandbox)
        seed = [this](CatalogSession &s) { return SandboxSeeder::seed(s, m_clock); };
    if (auto opened = waitFor(catalogThread.open(m_dbUrl, seed)); !opened)
        return opened.error();

    HealthMonitor monitor(catalogThread, launcher(), m_clock, settings);
    monitor.setTenants({m_ctx.tenantId});
    QJsonArray recorded;
    int unhealthy = 0;
    QObject::connect(&monitor, &HealthMonitor::checkRecorded,
                     [&](const Integration &i, const HealthCheckRecord &r) {
                         if (r.status == HealthStatus::Unhealthy)
                             ++unhealthy;
                         if (m_out->json()) {
                             QJsonObject o = r.toJson();
                             o.insert(QStringLiteral("name"), i.name);
                             recorded.append(o);
                             return;
                         }
                         m_out->line(QStringLiteral("%1  %2  %3  %4 ms%5")
                                         .arg(formatUtc(r.checkedAt), i.name, toString(r.status))
                                         .arg(r.latencyMs)
                                         .arg(r.errorMessage.isEmpty()
                                                  ? QString()
                                                  : QStringLiteral("  ") + r.errorMessage));
                         m_out->flush(); // a daemon's log is read as it happens
                     });
    QObject::connect(&monitor, &HealthMonitor::statusChanged,
                     [](const Integration &i, HealthStatus from, HealthStatus to) {
                         Output::progress(QStringLiteral("'%1' is now %2 (was %3)")
                                              .arg(i.name, toString(to), toString(from)));
                     });
    std::optional<Error> catalogProblem; // the last one, for the exit's error
    QObject::connect(&monitor, &HealthMonitor::catalogUnavailable, [&](const Error &e) {
        catalogProblem = e;
        Output::progress(QStringLiteral("warning: %1; results are kept and written when the "
                                        "catalog answers again")
                             .arg(e.message));
    });
    QObject::connect(&monitor, &HealthMonitor::catalogRestored, [] {
        Output::progress(QStringLiteral("The catalog answers again; kept results written"));
    });

    QEventLoop loop;
    SweepSummary summary;
    if (once) {
        QObject::connect(&monitor, &HealthMonitor::sweepFinished, &loop,
                         [&](const SweepSummary &s) {
                             summary = s;
                             loop.quit();
                         });
        monitor.sweepNow();
    } else {
        Output::progress(QStringLiteral("Monitoring tenant '%1' of %2 every %3 (Ctrl+C stops)%4")
                             .arg(m_ctx.tenantId, m_dbUrl.displayString(),
                                  formatDurationMs(settings.defaultIntervalMs), sandboxNote()));
        monitor.start();
    }
    StopSignal stop;
    QObject::connect(&stop, &StopSignal::received, &loop, &QEventLoop::quit);
    loop.exec();
    monitor.stop();

    // Results the catalog has not taken yet are given a last chance (10 s) before exiting.
    if (monitor.pendingWrites() > 0) {
        QEventLoop drain;
        QTimer poll;
        QObject::connect(&poll, &QTimer::timeout, &drain, [&] {
            if (monitor.pendingWrites() == 0)
                drain.quit();
        });
        poll.start(100);
        QTimer::singleShot(10'000, &drain, &QEventLoop::quit);
        drain.exec();
    }
    if (monitor.pendingWrites() > 0 && catalogProblem)
        // Why the catalog refused (a full disk, a lock, a lost server) and what to do about it.
        return Error::backend(QStringLiteral("%1 health check results could not be written: %2")
                                  .arg(monitor.pendingWrites())
                                  .arg(catalogProblem->message),
                              catalogProblem->hint);
    if (monitor.pendingWrites() > 0)
        return Error::backend(
            QStringLiteral("%1 health check results could not be written: the "
                           "catalog %2 is unavailable")
                .arg(monitor.pendingWrites())
                .arg(m_dbUrl.displayString()),
            QStringLiteral("Check the database server and run the monitor again"));
    if (!once)
        return {};

    if (m_out->json()) {
        m_out->document(QJsonObject{{QStringLiteral("checked"), summary.checked},
                                    {QStringLiteral("unhealthy"), summary.unhealthy},
                                    {QStringLiteral("timedOut"), summary.timedOut},
                                    {QStringLiteral("leasedElsewhere"), summary.leasedElsewhere},
                                    {QStringLiteral("checks"), recorded}});
    } else {
        m_out->line(QStringLiteral("Checked %1 integrations: %2 unhealthy (%3 timed out); %4 "
                                   "left to another monitor this interval%5")
                        .arg(summary.checked)
                        .arg(summary.unhealthy)
                        .arg(summary.timedOut)
                        .arg(summary.leasedElsewhere)
                        .arg(sandboxNote()));
    }
    if (unhealthy > 0) {
        m_out->flush();
        Output::progress(QStringLiteral("error: %1 integrations are unhealthy").arg(unhealthy));
        return Error{ErrorKind::OperationFailed, {}, {}, {}};
    }
    return {};
}

} // namespace stella::cli
