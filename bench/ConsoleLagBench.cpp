// SPDX-License-Identifier: Apache-2.0
// The console's event-loop latency during a health sweep (bench/health-sweep).
//
//   stella-bench-console-lag DBURL [CONCURRENCY]
//
// Builds the console as app/console does (CatalogThread, the real MainWindow, shown), opens
// the catalog and waits until the list is painted; then a HealthMonitor on the GUI thread, as
// the console runs it, sweeps every integration while a probe measures how late the GUI
// thread's event loop is: a precise 5 ms single-shot timer, re-armed as soon as it fires,
// whose lateness (fire time - due time) is one sample. Sampling runs from sweepNow() until
// the list shows every integration's new status (each check reaches the list through
// CatalogThread::healthRecorded and a catalog read), so the list's updates are measured too.
// One idle second before the sweep gives the baseline. Prints p50, p99, max and the count.
// Under bench/mixed-sweep, which runs it while the conformance scenarios serve from a process
// of their own, STELLA_BENCH_SCENARIO_NOW gives the scenarios' day, on which the console runs.
#include "LagProbe.h"
#include "ScenarioClock.h"
#include "connectors/BuiltinProviders.h"
#include "core/catalog/CatalogThread.h"
#include "core/common/Clock.h"
#include "core/connectors/ConnectorLauncher.h"
#include "core/health/HealthMonitor.h"
#include "core/providers/ProviderRegistry.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/models/IntegrationListModel.h"
#include "ui/session/ConsoleServices.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <memory>

using namespace stella;

namespace {

[[noreturn]] void die(const QString &what)
{
    std::fprintf(stderr, "stella-bench-console-lag: %s\n", qPrintable(what));
    std::exit(1);
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("stella-bench-console-lag"));
    const QStringList args = app.arguments();
    bool ok = true;
    const int concurrency = args.size() == 3 ? args[2].toInt(&ok) : 8;
    if (args.size() < 2 || args.size() > 3 || !ok || concurrency <= 0)
        die(QStringLiteral("usage: stella-bench-console-lag DBURL [CONCURRENCY]"));
    auto url = DatabaseUrl::parse(args[1]);
    if (!url)
        die(url.error().toText());

    ProviderRegistry registry;
    registerBuiltinProviders(registry);
    std::unique_ptr<bench::ScenarioClock> scenarioDay;
    if (const QByteArray day = qgetenv(bench::kScenarioNowVariable); !day.isEmpty()) {
        const QDateTime start = parseUtc(QString::fromLatin1(day));
        if (!start.isValid())
            die(QStringLiteral("%1 is not an ISO 8601 UTC time: %2")
                    .arg(QLatin1String(bench::kScenarioNowVariable), QString::fromLatin1(day)));
        scenarioDay = std::make_unique<bench::ScenarioClock>(start);
    }
    const Clock &clock =
        scenarioDay ? static_cast<const Clock &>(*scenarioDay) : SystemClock::instance();
    CatalogThread catalog(registry, clock);
    RequestContext ctx;
    ctx.actor = QStringLiteral("bench");
    ui::ConsoleServices services(catalog, registry, clock, ctx);
    ui::MainWindow window(services);
    window.resize(1440, 900);
    window.show();

    // The window's own monitor stays off, so the idle baseline is idle and only one monitor
    // sweeps; the bench's monitor is made the way the console makes it (ConsoleSession), with
    // --concurrency, and the window follows its results through the catalog's change signals.
    services.session.setMonitorEnabled(false);
    ConnectorLauncher launcher(registry, clock, window.credentials());
    MonitorSettings settings;
    settings.concurrency = concurrency;
    HealthMonitor monitor(catalog, launcher, clock, settings);
    bench::LagProbe probe;
    ui::IntegrationListModel *model = window.listModel();

    // The list shows a status for every row: every check has reached it.
    auto listUpToDate = [model] {
        for (int row = 0; row < model->rowCount(); ++row)
            if (model->integrationAt(row)->status == HealthStatus::Unknown)
                return false;
        return true;
    };
    QElapsedTimer sweepTime;
    qint64 sweepMs = -1;
    int rowUpdates = 0;
    bool measuring = false;
    auto finish = [&] {
        if (!measuring || sweepMs < 0 || !listUpToDate())
            return;
        measuring = false;
        const qint64 listMs = sweepTime.elapsed();
        const QList<double> samples = probe.stop();
        std::printf("console event-loop lag during the sweep of %d integrations (sweep %lld ms, "
                    "list up to date after %lld ms, %d row updates): %s (target p99 <= 16 ms)\n",
                    model->totalCount(), sweepMs, listMs, rowUpdates,
                    qPrintable(bench::describeLag(samples)));
        QApplication::exit(0);
    };
    QObject::connect(model, &QAbstractItemModel::dataChanged, [&] {
        ++rowUpdates;
        finish();
    });
    QObject::connect(&monitor, &HealthMonitor::sweepFinished, [&](const SweepSummary &s) {
        sweepMs = sweepTime.elapsed();
        if (s.checked != model->totalCount())
            std::fprintf(stderr, "stella-bench-console-lag: %d of %d checked\n", s.checked,
                         model->totalCount());
        finish();
    });
    // After the list is painted: one idle second, then the sweep.
    QObject::connect(
        &window, &ui::MainWindow::settled, &window,
        [&] {
            static bool started = false;
            if (started)
                return;
            started = true;
            probe.start();
            QTimer::singleShot(1000, &window, [&] {
                std::printf("console event-loop lag, idle with %d integrations listed: %s\n",
                            model->totalCount(), qPrintable(bench::describeLag(probe.stop())));
                if (listUpToDate() && model->totalCount() > 0)
                    die(QStringLiteral("the catalog has been checked already: use a fresh one"));
                measuring = true;
                probe.start();
                sweepTime.start();
                monitor.sweepNow();
            });
        },
        Qt::QueuedConnection);
    QObject::connect(&window, &ui::MainWindow::catalogOpenFailed,
                     [](const Error &e) { die(e.toText()); });
    QTimer::singleShot(600'000, &app, [] { die(QStringLiteral("no result after 10 min")); });
    window.openCatalog(*url);
    return QApplication::exec();
}
