// SPDX-License-Identifier: Apache-2.0
// The console's event-loop latency while the guard screen scans a corpus (issue #14: p99 at
// most 16 ms during a 256 MiB scan).
//
//   stella-bench-guard-lag CORPUS_DIR
//
// Shows the real GuardWindow (as Ctrl+G opens it) with the corpus as its root and the built-in
// config, then measures how late the GUI thread's event loop is while the scan runs, with the
// probe of bench/LagProbe.h: a precise 5 ms single-shot timer, re-armed when it fires,
// whose lateness is one sample. Sampling runs from Scan until the window shows the final
// result (streamed batches, the final model reset and the first finding's code view
// included), with the screen's threads (all cores). One idle second before gives the baseline.
// Prints p50, p99, max and the count. The corpus comes from stella-guard-corpus (bench/guard-run).
#include "LagProbe.h"
#include "ui/guard/GuardFindingModel.h"
#include "ui/guard/GuardWindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTimer>
#include <algorithm>
#include <cstdio>

using namespace stella;

namespace {

[[noreturn]] void die(const QString &what)
{
    std::fprintf(stderr, "stella-bench-guard-lag: %s\n", qPrintable(what));
    std::exit(1);
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 2 || !QFileInfo(args[1]).isDir())
        die(QStringLiteral("usage: stella-bench-guard-lag CORPUS_DIR"));

    ui::GuardWindow window;
    window.setRoots({args[1]});
    window.show();
    bench::LagProbe probe;

    // Idle baseline.
    probe.start();
    QEventLoop idle;
    QTimer::singleShot(1000, &idle, &QEventLoop::quit);
    idle.exec();
    const QList<double> baseline = probe.stop();

    QElapsedTimer clock;
    int batches = 0;
    QObject::connect(window.findingModel(), &QAbstractItemModel::rowsInserted, &window,
                     [&batches] { ++batches; });
    QEventLoop scanning;
    bool ok = false;
    QObject::connect(&window, &ui::GuardWindow::scanEnded, &scanning, [&](bool succeeded) {
        ok = succeeded;
        scanning.quit();
    });
    probe.start();
    clock.start();
    if (!window.scan())
        die(QStringLiteral("the scan did not start"));
    scanning.exec();
    const double seconds = double(clock.elapsed()) / 1000.0;
    const QList<double> during = probe.stop();
    if (!ok)
        die(QStringLiteral("the scan failed: %1").arg(window.statusText()));
    const auto &result = *window.lastResult();
    std::printf("corpus: %.0f MiB, %lld files scanned, %lld findings (%lld shown), %.1f s, "
                "%d streamed batches\n",
                double(result.stats.bytesScanned) / (1 << 20),
                static_cast<long long>(result.stats.filesScanned),
                static_cast<long long>(result.totalFindings),
                static_cast<long long>(result.findings.size()), seconds, batches);
    std::printf("event-loop lateness, idle:      %s\n", qPrintable(bench::describeLag(baseline)));
    std::printf("event-loop lateness, scanning:  %s\n", qPrintable(bench::describeLag(during)));
    return 0;
}
