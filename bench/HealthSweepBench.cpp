// SPDX-License-Identifier: Apache-2.0
// The sweep benchmark of the health issue (bench/health-sweep).
//
//   stella-bench-health-sweep seed DBURL N ENDPOINT AUTHREF
//     Adds N DockerRegistry integrations (distinct names, one endpoint and AuthRef) to an
//     empty catalog.
//   stella-bench-health-sweep sweep DBURL [CONCURRENCY]
//     One HealthMonitor sweep of every integration of the default tenant, as the console and
//     `monitor --once` run it (CatalogThread, ConnectorLauncher, CredentialResolver; default
//     concurrency 8): prints the time from sweepNow() to sweepFinished, the statuses recorded
//     and the process's peak RSS.
#include "connectors/BuiltinProviders.h"
#include "core/catalog/CatalogSession.h"
#include "core/catalog/CatalogThread.h"
#include "core/common/Clock.h"
#include "core/credentials/CredentialResolver.h"
#include "core/health/HealthMonitor.h"
#include "core/providers/ProviderRegistry.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <cstdio>
#include <sys/resource.h>

using namespace stella;

namespace {

[[noreturn]] void die(const QString &what)
{
    std::fprintf(stderr, "stella-bench-health-sweep: %s\n", qPrintable(what));
    std::exit(1);
}

int seed(const DatabaseUrl &url, int count, const QString &endpoint, const QString &authRef)
{
    ProviderRegistry registry;
    registerBuiltinProviders(registry);
    auto session = CatalogSession::open(url, registry, SystemClock::instance());
    if (!session)
        die(session.error().toText());
    const RequestContext ctx{QStringLiteral("default"), QStringLiteral("bench")};
    QList<IntegrationDraft> drafts;
    for (int n = 0; n < count; ++n) {
        IntegrationDraft d;
        d.provider = QStringLiteral("DockerRegistry");
        d.name = QStringLiteral("registry %1").arg(n, 5, 10, QLatin1Char('0'));
        d.endpoint = endpoint;
        d.authRefUri = authRef;
        drafts.append(d);
    }
    if (auto added = (*session)->catalog().addAll(ctx, drafts, QStringLiteral("bench")); !added)
        die(added.error().toText());
    return 0;
}

int sweep(const DatabaseUrl &url, int concurrency)
{
    ProviderRegistry registry;
    registerBuiltinProviders(registry);
    const Clock &clock = SystemClock::instance();
    CatalogThread catalog(registry, clock);
    if (auto opened = catalog.open(url).result(); !opened)
        die(opened.error().toText());
    QNetworkAccessManager network;
    CredentialResolver credentials(network, [](auto done) { done(QList<Integration>()); }, {});
    ConnectorLauncher launcher(registry, clock, &credentials);
    MonitorSettings settings;
    settings.concurrency = concurrency;
    HealthMonitor monitor(catalog, launcher, clock, settings);

    QHash<HealthStatus, int> statuses;
    QString anError;
    QObject::connect(&monitor, &HealthMonitor::checkRecorded,
                     [&](const Integration &, const HealthCheckRecord &record) {
                         ++statuses[record.status];
                         if (anError.isEmpty() && !record.errorMessage.isEmpty())
                             anError = record.errorMessage;
                     });
    QElapsedTimer timer;
    QObject::connect(&monitor, &HealthMonitor::sweepFinished, [&](const SweepSummary &s) {
        const qint64 ms = timer.elapsed();
        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        std::printf("sweep: %lld ms, %d checked (Healthy %d, Degraded %d, Unhealthy %d, timed "
                    "out %d, leased elsewhere %d, not recorded %d), concurrency %d, peak RSS "
                    "%ld MiB\n",
                    ms, s.checked, statuses.value(HealthStatus::Healthy),
                    statuses.value(HealthStatus::Degraded), statuses.value(HealthStatus::Unhealthy),
                    s.timedOut, s.leasedElsewhere, s.notRecorded, concurrency,
                    usage.ru_maxrss / 1024);
        if (!anError.isEmpty())
            std::printf("first error: %s\n", qPrintable(anError));
        QCoreApplication::exit(
            s.checked > 0 && s.checked == statuses.value(HealthStatus::Healthy) ? 0 : 1);
    });
    timer.start();
    monitor.sweepNow();
    return QCoreApplication::exec();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QString usage =
        QStringLiteral("usage: stella-bench-health-sweep seed DBURL N ENDPOINT AUTHREF\n"
                       "       stella-bench-health-sweep sweep DBURL [CONCURRENCY]");
    if (args.size() < 3)
        die(usage);
    auto url = DatabaseUrl::parse(args[2]);
    if (!url)
        die(url.error().toText());
    bool ok = false;
    if (args[1] == QLatin1String("seed") && args.size() == 6) {
        const int count = args[3].toInt(&ok);
        if (!ok || count <= 0)
            die(usage);
        return seed(*url, count, args[4], args[5]);
    }
    if (args[1] == QLatin1String("sweep") && args.size() <= 4) {
        const int concurrency = args.size() == 4 ? args[3].toInt(&ok) : 8;
        if ((args.size() == 4 && !ok) || concurrency <= 0)
            die(usage);
        return sweep(*url, concurrency);
    }
    die(usage);
}
