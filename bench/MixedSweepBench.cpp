// SPDX-License-Identifier: Apache-2.0
// The mixed health-sweep benchmark of the connectors issue (bench/mixed-sweep): one sweep of
// N integrations of all seventeen providers, against the conformance suite's loopback servers
// (tests/support/conformance/, one scenario per provider, InMemory included).
//
//   stella-bench-mixed-sweep sweep DBURL N [CONCURRENCY]
//     Starts the seventeen scenarios on a second thread (their servers' work stays off the
//     thread that runs the monitor), writes N integrations round-robin across them into the
//     empty catalog DBURL (each a copy of its scenario's integration, named uniquely), then
//     runs one HealthMonitor sweep as HealthSweepBench does (CatalogThread, ConnectorLauncher,
//     CredentialResolver; default concurrency 8). Prints the sweep's time, the statuses, the
//     checks per provider with the first reason of any that did not end Healthy, their
//     latency as the checks measured it and when the provider's last result was recorded, and
//     the process's peak RSS (servers included: they share the process).
//   stella-bench-mixed-sweep serve DBURL N -- PROGRAM [ARG...]
//     Starts the scenarios on this process's event loop, writes the same catalog, then runs
//     PROGRAM (the console-lag bench) with the scenarios' credentials and day in its
//     environment, and exits with its status: the measured process holds only the console
//     and its monitor, the servers are here.
//
// Both run on the scenarios' day (ScenarioClock): their fakes date what they serve from it.
#include "ScenarioClock.h"
#include "TestSupport.h"
#include "conformance/ConnectorScenario.h"
#include "connectors/BuiltinProviders.h"
#include "core/catalog/CatalogSession.h"
#include "core/catalog/CatalogThread.h"
#include "core/credentials/CredentialResolver.h"
#include "core/health/HealthMonitor.h"
#include "core/providers/ProviderRegistry.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QMap>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QThread>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <memory>
#include <sys/resource.h>
#include <vector>

using namespace stella;
using namespace stella::test::conformance;

namespace {

[[noreturn]] void die(const QString &what)
{
    std::fprintf(stderr, "stella-bench-mixed-sweep: %s\n", qPrintable(what));
    std::exit(1);
}

// Every provider's scenario, started: the loopback servers of the sweep.
class ScenarioFarm
{
public:
    ScenarioFarm()
    {
        for (auto make : {dockerRegistryScenario, harborScenario, gitLabContainerRegistryScenario,
                          nexusScenario, inMemoryScenario, gitLabServerScenario, gitLabCiScenario,
                          vaultScenario, consulScenario, ebpfAgentScenario, gitHubAppScenario,
                          giteaScenario, jenkinsScenario, s3CompatibleScenario, nvdMirrorScenario,
                          osvMirrorScenario, stellaOpsMirrorScenario})
            m_scenarios.push_back(make());
    }

    // Empty, or which scenario could not start and why.
    QString start()
    {
        for (const auto &scenario : m_scenarios)
            if (const QString problem = scenario->start(); !problem.isEmpty())
                return scenario->integration().provider + QStringLiteral(": ") + problem;
        return {};
    }

    QList<Integration> integrations() const
    {
        QList<Integration> all;
        for (const auto &scenario : m_scenarios)
            all.append(scenario->integration());
        return all;
    }

private:
    std::vector<std::unique_ptr<ConnectorScenario>> m_scenarios;
};

// The scenarios on a thread of their own, made, started and destroyed there.
class FarmThread
{
public:
    FarmThread()
    {
        m_thread.start();
        m_host.moveToThread(&m_thread);
    }
    ~FarmThread()
    {
        run([this] { m_farm.reset(); });
        m_thread.quit();
        m_thread.wait();
    }

    QString start()
    {
        QString problem;
        run([&] {
            m_farm = std::make_unique<ScenarioFarm>();
            problem = m_farm->start();
        });
        return problem;
    }
    QList<Integration> integrations() const { return m_farm->integrations(); }

private:
    template <typename F> void run(F work)
    {
        QMetaObject::invokeMethod(&m_host, work, Qt::BlockingQueuedConnection);
    }

    QThread m_thread;
    QObject m_host;
    std::unique_ptr<ScenarioFarm> m_farm;
};

// N copies of the scenarios' integrations, round-robin, into an empty catalog. A provider
// with a connector but no scenario here would silently drop out of "all providers": refused.
void seed(const DatabaseUrl &url, int count, const QList<Integration> &scenarios,
          const Clock &clock)
{
    ProviderRegistry registry;
    registerBuiltinProviders(registry);
    QStringList withoutScenario;
    for (const ProviderDefinition *d : registry.providers(true))
        if (d->hasConnector() &&
            std::none_of(scenarios.begin(), scenarios.end(),
                         [d](const Integration &i) { return i.provider == d->id; }))
            withoutScenario.append(d->id);
    if (!withoutScenario.isEmpty())
        die(QStringLiteral("no scenario here for %1: add its conformance scenario to ScenarioFarm")
                .arg(withoutScenario.join(QStringLiteral(", "))));
    auto session = CatalogSession::open(url, registry, clock);
    if (!session)
        die(session.error().toText());
    const RequestContext ctx{QStringLiteral("default"), QStringLiteral("bench")};
    QList<IntegrationDraft> drafts;
    for (int n = 0; n < count; ++n) {
        const Integration &model = scenarios[n % scenarios.size()];
        IntegrationDraft d;
        d.type = model.type;
        d.provider = model.provider;
        d.name = QStringLiteral("%1 %2").arg(model.provider).arg(n, 5, 10, QLatin1Char('0'));
        d.endpoint = model.endpoint;
        d.config = model.config;
        d.authRefUri = model.authRefUri;
        drafts.append(d);
    }
    if (auto added = (*session)->catalog().addAll(ctx, drafts, QStringLiteral("bench")); !added)
        die(added.error().toText());
}

// What one provider's checks ended as.
struct ProviderTally
{
    QMap<HealthStatus, int> statuses;
    int checks = 0;
    qint64 latencyMsTotal = 0; // as each check measured itself
    qint64 latencyMsMax = 0;
    qint64 lastRecordedMs = 0; // since sweepNow(): when this provider's last check came in
    QString firstProblem;      // the first check that did not end Healthy: its status and message
};

int sweep(const DatabaseUrl &url, int count, int concurrency)
{
    const bench::ScenarioClock clock(test::fixedNow());
    FarmThread farm;
    if (const QString problem = farm.start(); !problem.isEmpty())
        die(problem);
    seed(url, count, farm.integrations(), clock);

    ProviderRegistry registry;
    registerBuiltinProviders(registry);
    CatalogThread catalog(registry, clock);
    if (auto opened = catalog.open(url).result(); !opened)
        die(opened.error().toText());
    QNetworkAccessManager network;
    CredentialResolver credentials(network, [](auto done) { done(QList<Integration>()); }, {});
    ConnectorLauncher launcher(registry, clock, &credentials);
    MonitorSettings settings;
    settings.concurrency = concurrency;
    HealthMonitor monitor(catalog, launcher, clock, settings);

    QElapsedTimer timer;
    QMap<QString, ProviderTally> tallies;
    QMap<HealthStatus, int> statuses;
    QObject::connect(&monitor, &HealthMonitor::checkRecorded,
                     [&](const Integration &integration, const HealthCheckRecord &record) {
                         ProviderTally &tally = tallies[integration.provider];
                         ++tally.checks;
                         tally.lastRecordedMs = timer.elapsed();
                         tally.latencyMsTotal += record.latencyMs;
                         tally.latencyMsMax = std::max(tally.latencyMsMax, record.latencyMs);
                         ++tally.statuses[record.status];
                         ++statuses[record.status];
                         if (record.status != HealthStatus::Healthy && tally.firstProblem.isEmpty())
                             tally.firstProblem = QStringLiteral("%1 (%2): %3")
                                                      .arg(toString(record.status),
                                                           integration.name, record.errorMessage);
                     });
    int exitCode = 1;
    QObject::connect(&monitor, &HealthMonitor::sweepFinished, [&](const SweepSummary &s) {
        const qint64 ms = timer.elapsed();
        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        std::printf("sweep: %lld ms, %d checked of %d (Healthy %d, Degraded %d, Unhealthy %d, "
                    "timed out %d, leased elsewhere %d, not recorded %d), %d providers, "
                    "concurrency %d, peak RSS %ld MiB (servers included)\n",
                    ms, s.checked, count, statuses.value(HealthStatus::Healthy),
                    statuses.value(HealthStatus::Degraded), statuses.value(HealthStatus::Unhealthy),
                    s.timedOut, s.leasedElsewhere, s.notRecorded, int(tallies.size()), concurrency,
                    usage.ru_maxrss / 1024);
        for (auto it = tallies.cbegin(); it != tallies.cend(); ++it) {
            QStringList parts;
            for (auto st = it->statuses.cbegin(); st != it->statuses.cend(); ++st)
                parts.append(QStringLiteral("%1 %2").arg(toString(st.key())).arg(st.value()));
            std::printf(
                "  %-24s %4d checks: %s; latency mean %lld ms, max %lld ms; last in at "
                "%lld ms\n",
                qPrintable(it.key()), it->checks, qPrintable(parts.join(QStringLiteral(", "))),
                it->latencyMsTotal / std::max(1, it->checks), it->latencyMsMax, it->lastRecordedMs);
            if (!it->firstProblem.isEmpty())
                std::printf("    first not Healthy: %s\n", qPrintable(it->firstProblem));
        }
        exitCode = s.checked == count ? 0 : 1;
        QCoreApplication::quit();
    });
    QTimer::singleShot(600'000, [] { die(QStringLiteral("no result after 10 min")); });
    timer.start();
    monitor.sweepNow();
    QCoreApplication::exec();
    return exitCode;
}

int serve(const DatabaseUrl &url, int count, const QStringList &command)
{
    const bench::ScenarioClock clock(test::fixedNow());
    ScenarioFarm farm;
    if (const QString problem = farm.start(); !problem.isEmpty())
        die(problem);
    seed(url, count, farm.integrations(), clock);
    std::fprintf(stderr, "stella-bench-mixed-sweep: serving %d integrations of %d providers\n",
                 count, int(farm.integrations().size()));

    // The scenarios put their credentials into this process's environment on start().
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QString::fromLatin1(bench::kScenarioNowVariable),
                       formatUtc(test::fixedNow()));
    QProcess program;
    program.setProcessEnvironment(environment);
    program.setProcessChannelMode(QProcess::ForwardedChannels);
    program.setInputChannelMode(QProcess::ForwardedInputChannel);
    int exitCode = 1;
    QObject::connect(&program, &QProcess::finished, [&](int code, QProcess::ExitStatus status) {
        exitCode = status == QProcess::NormalExit ? code : 1;
        QCoreApplication::quit();
    });
    QObject::connect(&program, &QProcess::errorOccurred, [&](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            die(QStringLiteral("%1 does not start: %2")
                    .arg(command.first(), program.errorString()));
    });
    program.start(command.first(), command.mid(1));
    QCoreApplication::exec();
    return exitCode;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QString usage =
        QStringLiteral("usage: stella-bench-mixed-sweep sweep DBURL N [CONCURRENCY]\n"
                       "       stella-bench-mixed-sweep serve DBURL N -- PROGRAM [ARG...]");
    if (args.size() < 4)
        die(usage);
    auto url = DatabaseUrl::parse(args[2]);
    if (!url)
        die(url.error().toText());
    bool ok = false;
    const int count = args[3].toInt(&ok);
    if (!ok || count <= 0)
        die(QStringLiteral("N must be a positive number of integrations, not '%1'\n%2")
                .arg(args[3], usage));
    if (args[1] == QLatin1String("sweep") && args.size() <= 5) {
        const int concurrency = args.size() == 5 ? args[4].toInt(&ok) : 8;
        if (!ok || concurrency <= 0)
            die(QStringLiteral("CONCURRENCY must be a positive number\n") + usage);
        return sweep(*url, count, concurrency);
    }
    if (args[1] == QLatin1String("serve") && args.size() >= 6 && args[4] == QLatin1String("--"))
        return serve(*url, count, args.mid(5));
    die(usage);
}
