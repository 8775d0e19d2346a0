// SPDX-License-Identifier: Apache-2.0
// The health monitor against a real catalog (a SQLite file; PostgreSQL for the shared-catalog
// cases), with InMemory integrations on an injected clock and loopback servers for real
// connectors.
#include "LoopbackHttpServer.h"
#include "TestSupport.h"
#include "core/catalog/CatalogSession.h"
#include "core/catalog/CatalogThread.h"
#include "core/catalog/IntegrationCatalog.h"
#include "core/health/HealthMonitor.h"
#include "core/storage/CatalogStore.h"
#include "core/storage/Database.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <optional>

using namespace stella;

namespace {

const RequestContext kCtx{QStringLiteral("default"), QStringLiteral("test")};

IntegrationDraft inMemory(const QString &name, const QString &scenario, QJsonObject extra = {})
{
    IntegrationDraft d;
    d.provider = QStringLiteral("InMemory");
    d.name = name;
    QJsonObject config{{QStringLiteral("scenario"), scenario},
                       {QStringLiteral("latency"), QStringLiteral("1ms")}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        config.insert(it.key(), it.value());
    d.config = config;
    return d;
}

template <typename T> T await(QFuture<T> future)
{
    QElapsedTimer waited;
    waited.start();
    while (!future.isFinished() && waited.elapsed() < 20000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    return future.result();
}

// The InMemory flaky scenario is down in every minute divisible by flakyEvery.
bool flakyDown(const QDateTime &now, int every)
{
    return (now.toSecsSinceEpoch() / 60) % every == 0;
}

} // namespace

class TestHealthMonitor : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ManualClock m_clock{test::fixedNow()};
    std::optional<test::ScratchPostgres> m_pg;

    struct Running
    {
        std::unique_ptr<CatalogThread> catalog;
        std::unique_ptr<HealthMonitor> monitor;
    };

    DatabaseUrl sqliteUrl()
    {
        return DatabaseUrl::sqliteFile(m_dir.filePath(
            QStringLiteral("%1.db").arg(QLatin1String(QTest::currentTestFunction()))));
    }

    QList<Integration> addAll(const DatabaseUrl &url, const QList<IntegrationDraft> &drafts)
    {
        auto session = test::openOrFail(url, m_clock);
        if (!session)
            return {};
        QList<Integration> added;
        for (const IntegrationDraft &d : drafts) {
            auto r = session->catalog().add(kCtx, d);
            if (!r) {
                qWarning("%s", qPrintable(r.error().toText()));
                return {};
            }
            added.append(*r);
        }
        return added;
    }

    QList<HealthCheckRecord> checksOf(const DatabaseUrl &url, const QUuid &id)
    {
        auto session = test::openOrFail(url, m_clock);
        if (!session)
            return {};
        auto checks = session->catalog().healthHistory(kCtx, id, 1'000'000);
        return checks ? *checks : QList<HealthCheckRecord>{};
    }

    int leaseCount(const DatabaseUrl &url)
    {
        auto session = test::openOrFail(url, m_clock);
        QSqlQuery q = session->database().query();
        if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM health_check_leases")) || !q.next())
            return -1;
        return q.value(0).toInt();
    }

    Integration reread(const DatabaseUrl &url, const QUuid &id)
    {
        auto session = test::openOrFail(url, m_clock);
        if (!session)
            return {};
        auto got = session->catalog().get(kCtx, id);
        return got ? *got : Integration{};
    }

    Running start(const DatabaseUrl &url, MonitorSettings settings = {})
    {
        Running r;
        r.catalog = std::make_unique<CatalogThread>(test::registry(), m_clock);
        const auto opened = await(r.catalog->open(url));
        if (!opened)
            qWarning("%s", qPrintable(opened.error().toText()));
        r.monitor = std::make_unique<HealthMonitor>(
            *r.catalog, ConnectorLauncher(test::registry(), m_clock, nullptr), m_clock, settings);
        return r;
    }

    static SweepSummary sweep(HealthMonitor &monitor)
    {
        QSignalSpy finished(&monitor, &HealthMonitor::sweepFinished);
        monitor.sweepNow();
        if (!finished.wait(20000))
            qWarning("the sweep did not finish");
        return finished.isEmpty() ? SweepSummary{} : finished.first().first().value<SweepSummary>();
    }

private Q_SLOTS:
    void init() { m_clock.set(test::fixedNow()); }
    void cleanup() { m_pg.reset(); }

    void checksEveryDueMonitoredIntegrationOnce()
    {
        const DatabaseUrl url = sqliteUrl();
        const auto added = addAll(url, {inMemory(QStringLiteral("a"), QStringLiteral("healthy")),
                                        inMemory(QStringLiteral("b"), QStringLiteral("degraded")),
                                        inMemory(QStringLiteral("c"), QStringLiteral("unhealthy")),
                                        inMemory(QStringLiteral("off"), QStringLiteral("healthy"),
                                                 {{QStringLiteral("healthCheckEnabled"), false}})});
        QCOMPARE(added.size(), 4);
        Running r = start(url);
        QSignalSpy recorded(r.monitor.get(), &HealthMonitor::checkRecorded);

        SweepSummary s = sweep(*r.monitor);
        QCOMPARE(s.checked, 3);
        QCOMPARE(s.unhealthy, 1);
        QCOMPARE(recorded.count(), 3);
        STELLA_COMPARE_ENUM(reread(url, added[0].id).status, HealthStatus::Healthy);
        STELLA_COMPARE_ENUM(reread(url, added[1].id).status, HealthStatus::Degraded);
        STELLA_COMPARE_ENUM(reread(url, added[2].id).status, HealthStatus::Unhealthy);
        QCOMPARE(reread(url, added[0].id).lastCheckedAt, m_clock.now());
        QCOMPARE(checksOf(url, added[3].id).size(), 0); // disabled: never checked on a schedule

        // Nothing is due again until an interval has passed.
        QCOMPARE(sweep(*r.monitor).checked, 0);
        m_clock.advanceMs(MonitorSettings::kDefaultIntervalMs / 2);
        QCOMPARE(sweep(*r.monitor).checked, 0);
        m_clock.advanceMs(MonitorSettings::kDefaultIntervalMs / 2);
        QCOMPARE(sweep(*r.monitor).checked, 3);
        QCOMPARE(checksOf(url, added[0].id).size(), 2);
    }

    void aProviderWithoutAConnectorIsNeitherCheckedNorNotified()
    {
        // As a provider whose plugin was removed, or whose connector is not written yet.
        ProviderRegistry registry = test::registry();
        ProviderDefinition noConnector = *test::registry().find(QStringLiteral("InMemory"));
        noConnector.id = QStringLiteral("NoConnectorYet");
        noConnector.connectorFactory = {};
        QVERIFY(registry.add(noConnector));
        const DatabaseUrl url = sqliteUrl();
        QList<Integration> added;
        {
            auto session = CatalogSession::open(url, registry, m_clock);
            QVERIFY(session.ok());
            IntegrationDraft orphan = inMemory(QStringLiteral("orphan"), QStringLiteral("healthy"));
            orphan.provider = noConnector.id;
            for (const IntegrationDraft &d :
                 {inMemory(QStringLiteral("a"), QStringLiteral("healthy")), orphan}) {
                auto r = (*session)->catalog().add(kCtx, d);
                QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toText()));
                added.append(*r);
            }
        }
        CatalogThread catalog(registry, m_clock);
        QVERIFY(await(catalog.open(url)).ok());
        HealthMonitor monitor(catalog, ConnectorLauncher(registry, m_clock, nullptr), m_clock);
        QSignalSpy recorded(&monitor, &HealthMonitor::checkRecorded);
        QSignalSpy changed(&monitor, &HealthMonitor::statusChanged);
        for (int round = 0; round < 2; ++round) {
            const SweepSummary s = sweep(monitor);
            QCOMPARE(s.checked, 1); // "a", every interval; never the orphan
            QCOMPARE(s.unhealthy, 0);
            m_clock.advanceMs(MonitorSettings::kDefaultIntervalMs);
        }
        QCOMPARE(recorded.count(), 2);
        for (const QList<QVariant> &r : recorded)
            QCOMPARE(r.first().value<Integration>().id, added[0].id);
        for (const QList<QVariant> &c : changed)
            QVERIFY(c.first().value<Integration>().id != added[1].id);
        QCOMPARE(checksOf(url, added[1].id).size(), 0);
        auto session = CatalogSession::open(url, registry, m_clock);
        STELLA_COMPARE_ENUM((*session)->catalog().get(kCtx, added[1].id)->status,
                            HealthStatus::Unknown);
    }

    void perIntegrationIntervalOverridesTheDefault()
    {
        const DatabaseUrl url = sqliteUrl();
        const auto added = addAll(
            url, {inMemory(QStringLiteral("default"), QStringLiteral("healthy")),
                  inMemory(QStringLiteral("hourly"), QStringLiteral("healthy"),
                           {{QStringLiteral("healthCheckInterval"), QStringLiteral("1h")}})});
        Running r = start(url);
        QCOMPARE(sweep(*r.monitor).checked, 2);
        // Jitter takes up to 10% off an interval: the hourly one is not due before 54 minutes.
        for (int i = 0; i < 10; ++i) {
            m_clock.advanceMs(5 * 60'000);
            sweep(*r.monitor);
        }
        QCOMPARE(checksOf(url, added[0].id).size(), 11);
        QCOMPARE(checksOf(url, added[1].id).size(), 1);
        for (int i = 0; i < 2; ++i) {
            m_clock.advanceMs(5 * 60'000);
            sweep(*r.monitor);
        }
        QCOMPARE(checksOf(url, added[0].id).size(), 13);
        QCOMPARE(checksOf(url, added[1].id).size(), 2);
    }

    void aRestartedMonitorContinuesTheSchedule()
    {
        const DatabaseUrl url = sqliteUrl();
        const auto added = addAll(url, {inMemory(QStringLiteral("a"), QStringLiteral("healthy"))});
        {
            Running r = start(url);
            QCOMPARE(sweep(*r.monitor).checked, 1);
        }
        // A new monitor (another process, or after a restart) learns the last check from the
        // catalog: it does not check again before the interval is over.
        Running r = start(url);
        QCOMPARE(sweep(*r.monitor).checked, 0);
        m_clock.advanceMs(MonitorSettings::kDefaultIntervalMs);
        QCOMPARE(sweep(*r.monitor).checked, 1);
    }

    void transitionsAreSignalledOnce()
    {
        const DatabaseUrl url = sqliteUrl();
        const auto added = addAll(
            url, {inMemory(QStringLiteral("flaky"), QStringLiteral("flaky"),
                           {{QStringLiteral("flakyEvery"), 2},
                            {QStringLiteral("healthCheckInterval"), QStringLiteral("1m")}})});
        Running r = start(url);
        QSignalSpy changed(r.monitor.get(), &HealthMonitor::statusChanged);
        QSignalSpy catalogChanged(r.catalog.get(), &CatalogThread::healthChanged);
        HealthStatus previous = HealthStatus::Unknown;
        int expected = 0;
        // Up, down, down (same minute twice: not due), up... as the flaky scenario dictates.
        const int steps[] = {0, 60, 0, 60, 60, 120, 60};
        for (int seconds : steps) {
            m_clock.advanceMs(seconds * 1000LL);
            const SweepSummary s = sweep(*r.monitor);
            if (s.checked == 0)
                continue;
            const HealthStatus now =
                flakyDown(m_clock.now(), 2) ? HealthStatus::Unhealthy : HealthStatus::Healthy;
            STELLA_COMPARE_ENUM(reread(url, added[0].id).status, now);
            if (now != previous)
                ++expected;
            previous = now;
        }
        QVERIFY(expected >= 3);
        QCOMPARE(changed.count(), expected);
        QTRY_COMPARE(catalogChanged.count(), expected);
        // Each signal carries the transition it reports.
        const QList<QVariant> first = changed.first();
        STELLA_COMPARE_ENUM(first.at(1).value<HealthStatus>(), HealthStatus::Unknown);
    }

    void backsOffAfterRepeatedFailuresButNeverPastTwoIntervals()
    {
        const DatabaseUrl url = sqliteUrl();
        const auto added = addAll(
            url, {inMemory(QStringLiteral("down"), QStringLiteral("unhealthy"),
                           {{QStringLiteral("healthCheckInterval"), QStringLiteral("1m")}})});
        const QUuid id = added[0].id;
        const qint64 jitter = healthpolicy::jitterMs(id, 60'000);
        Running r = start(url);
        const qint64 expectedWaits[] = {60'000, 60'000, 75'000, 90'000, 105'000, 120'000, 120'000};
        for (qint64 wait : expectedWaits) {
            QCOMPARE(sweep(*r.monitor).checked, 1);
            QCOMPARE(r.monitor->nextDue(id), m_clock.now().addMSecs(wait - jitter));
            m_clock.advanceMs(wait - jitter);
        }
        // Stale means older than two intervals: the backoff alone never makes it stale.
        Integration i = reread(url, id);
        QVERIFY(!healthpolicy::isStale(i, MonitorSettings::kDefaultIntervalMs, m_clock.now()));
    }

    void staleMeansOlderThanTwoIntervals()
    {
        Integration i;
        i.id = QUuid::createUuid();
        i.status = HealthStatus::Healthy;
        const QDateTime now = test::fixedNow();
        const qint64 interval = MonitorSettings::kDefaultIntervalMs;
        QVERIFY(!healthpolicy::isStale(i, interval, now)); // never checked: Unknown, not stale
        i.lastCheckedAt = now.addMSecs(-2 * interval);
        QVERIFY(!healthpolicy::isStale(i, interval, now));
        i.lastCheckedAt = now.addMSecs(-2 * interval - 1);
        QVERIFY(healthpolicy::isStale(i, interval, now));
        i.config.insert(QStringLiteral("healthCheckInterval"), QStringLiteral("1h"));
        QVERIFY(!healthpolicy::isStale(i, interval, now));
        i.lastCheckedAt = now.addSecs(-3 * 3600);
        QVERIFY(healthpolicy::isStale(i, interval, now));
        i.config.insert(QStringLiteral("healthCheckEnabled"), false);
        QVERIFY(!healthpolicy::isStale(i, interval, now)); // not monitored: nothing to expect
    }

    void aHangingCheckIsBoundedByTheTimeoutAndTheSweepGoesOn()
    {
        const DatabaseUrl url = sqliteUrl();
        const auto added =
            addAll(url, {inMemory(QStringLiteral("hangs"), QStringLiteral("slow"),
                                  {{QStringLiteral("slowLatency"), QStringLiteral("1h")}}),
                         inMemory(QStringLiteral("a"), QStringLiteral("healthy")),
                         inMemory(QStringLiteral("b"), QStringLiteral("healthy")),
                         inMemory(QStringLiteral("c"), QStringLiteral("healthy"))});
        MonitorSettings settings;
        settings.checkTimeoutMs = 1000;
        settings.concurrency = 2;
        Running r = start(url, settings);
        const SweepSummary s = sweep(*r.monitor);
        QCOMPARE(s.checked, 4);
        QCOMPARE(s.timedOut, 1);
        const QList<HealthCheckRecord> hung = checksOf(url, added[0].id);
        QCOMPARE(hung.size(), 1);
        STELLA_COMPARE_ENUM(hung[0].status, HealthStatus::Unhealthy);
        QVERIFY2(hung[0].errorMessage.contains(QLatin1String("timed out")),
                 qPrintable(hung[0].errorMessage));
        QCOMPARE(hung[0].latencyMs, qint64(1000));
        for (int i = 1; i < 4; ++i)
            STELLA_COMPARE_ENUM(reread(url, added[i].id).status, HealthStatus::Healthy);
    }

    void aProviderAnsweringGarbageIsUnhealthyWithTheReason()
    {
        test::LoopbackHttpServer harbor([](const test::LoopbackHttpServer::Request &request) {
            if (request.path() == "/good/api/v2.0/health")
                return test::LoopbackHttpServer::Response::json(
                    200,
                    R"({"status":"healthy","components":[{"name":"core","status":"healthy"}]})");
            test::LoopbackHttpServer::Response garbage;
            garbage.headers = {{"Content-Type", "text/html"}};
            garbage.body = "<html><body>Please log in</body></html>";
            return garbage;
        });
        QVERIFY(harbor.listen());
        auto draft = [&](const QString &name, const QString &path) {
            IntegrationDraft d;
            d.provider = QStringLiteral("Harbor");
            d.name = name;
            d.endpoint = harbor.url().toString() + path;
            return d;
        };
        const DatabaseUrl url = sqliteUrl();
        const auto added =
            addAll(url, {draft(QStringLiteral("garbage"), QStringLiteral("/garbage")),
                         draft(QStringLiteral("good"), QStringLiteral("/good"))});
        QCOMPARE(added.size(), 2);
        Running r = start(url);
        const SweepSummary s = sweep(*r.monitor);
        QCOMPARE(s.checked, 2);
        const QList<HealthCheckRecord> garbage = checksOf(url, added[0].id);
        QCOMPARE(garbage.size(), 1);
        STELLA_COMPARE_ENUM(garbage[0].status, HealthStatus::Unhealthy);
        QVERIFY2(garbage[0].errorMessage.contains(QLatin1String("JSON")),
                 qPrintable(garbage[0].errorMessage));
        STELLA_COMPARE_ENUM(reread(url, added[1].id).status, HealthStatus::Healthy);
    }

    void anIntegrationRemovedWhileBeingCheckedIsDroppedQuietly()
    {
        const DatabaseUrl url = sqliteUrl();
        const auto added =
            addAll(url, {inMemory(QStringLiteral("going"), QStringLiteral("healthy"),
                                  {{QStringLiteral("latency"), QStringLiteral("800ms")}}),
                         inMemory(QStringLiteral("staying"), QStringLiteral("healthy"))});
        Running r = start(url);
        QSignalSpy finished(r.monitor.get(), &HealthMonitor::sweepFinished);
        QSignalSpy unavailable(r.monitor.get(), &HealthMonitor::catalogUnavailable);
        r.monitor->sweepNow();
        QTRY_COMPARE_WITH_TIMEOUT(leaseCount(url), 2, 10000);
        {
            auto session = test::openOrFail(url, m_clock);
            QVERIFY(session);
            QVERIFY(session->catalog().remove(kCtx, added[0].id).ok());
        }
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.first().first().value<SweepSummary>().notRecorded, 0);
        QCOMPARE(unavailable.count(), 0); // a removed integration is not an outage
        QCOMPARE(r.monitor->pendingWrites(), 0);
        QVERIFY(!r.monitor->nextDue(added[0].id).isValid());
        QCOMPARE(checksOf(url, added[1].id).size(), 1);
    }

    void retentionPrunesOldChecksInBatches()
    {
        const DatabaseUrl url = sqliteUrl();
        const auto added = addAll(url, {inMemory(QStringLiteral("a"), QStringLiteral("healthy"))});
        {
            auto session = test::openOrFail(url, m_clock);
            QVERIFY(session);
            for (int day = 0; day < 30; ++day) {
                HealthCheckRecord rec;
                rec.integrationId = added[0].id;
                rec.status = HealthStatus::Healthy;
                rec.checkedAt = m_clock.now().addDays(-(day < 25 ? 91 + day : day + 1));
                QVERIFY(session->catalog().recordHealthCheck(kCtx, rec).ok());
            }
        }
        MonitorSettings settings;
        settings.pruneBatchSize = 10;
        Running r = start(url, settings);
        QSignalSpy pruned(r.monitor.get(), &HealthMonitor::pruneFinished);
        r.monitor->pruneNow();
        QVERIFY(pruned.wait(10000));
        QCOMPARE(pruned.first().first().toInt(), 25);
        QCOMPARE(checksOf(url, added[0].id).size(), 5);
    }

    void anIntervalOfZeroOrLessIsRejected()
    {
        const DatabaseUrl url = sqliteUrl();
        auto session = test::openOrFail(url, m_clock);
        QVERIFY(session);
        for (const QString &bad :
             {QStringLiteral("0s"), QStringLiteral("-5m"), QStringLiteral("5s")}) {
            auto added = session->catalog().add(
                kCtx, inMemory(QStringLiteral("bad %1").arg(bad), QStringLiteral("healthy"),
                               {{QStringLiteral("healthCheckInterval"), bad}}));
            QVERIFY(!added.ok());
            QCOMPARE(added.error().kind, ErrorKind::InvalidInput);
            QVERIFY2(added.error().toText().contains(QLatin1String("healthCheckInterval")),
                     qPrintable(added.error().toText()));
        }
        MonitorSettings settings;
        settings.defaultIntervalMs = 0;
        QVERIFY(settings.validate().contains(QLatin1String("at least 10s")));
        settings.defaultIntervalMs = -60'000;
        QVERIFY(!settings.validate().isEmpty());
        QVERIFY(MonitorSettings().validate().isEmpty());
    }

    void twoMonitorsOnOneCatalogNeverCheckTwiceInAnInterval_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("postgres") << QStringLiteral("postgres");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
    }
    void twoMonitorsOnOneCatalogNeverCheckTwiceInAnInterval()
    {
        QFETCH(QString, backend);
        DatabaseUrl url = sqliteUrl();
        if (backend == QLatin1String("postgres")) {
            STELLA_REQUIRE_POSTGRES();
            m_pg.emplace(QStringLiteral("monitors"));
            QVERIFY2(m_pg->isValid(), qPrintable(m_pg->error()));
            url = *DatabaseUrl::parse(m_pg->url());
        }
        QList<IntegrationDraft> drafts;
        for (int i = 0; i < 20; ++i)
            drafts.append(inMemory(QStringLiteral("shared-%1").arg(i), QStringLiteral("healthy")));
        const auto added = addAll(url, drafts);
        QCOMPARE(added.size(), 20);
        Running a = start(url);
        Running b = start(url);
        QVERIFY(a.monitor->holderId() != b.monitor->holderId());
        const int rounds = 3;
        for (int round = 0; round < rounds; ++round) {
            // Both sweep at the same moment: every integration is due for both.
            QSignalSpy doneA(a.monitor.get(), &HealthMonitor::sweepFinished);
            QSignalSpy doneB(b.monitor.get(), &HealthMonitor::sweepFinished);
            a.monitor->sweepNow();
            b.monitor->sweepNow();
            QTRY_VERIFY_WITH_TIMEOUT(doneA.count() == 1 && doneB.count() == 1, 20000);
            const auto sa = doneA.first().first().value<SweepSummary>();
            const auto sb = doneB.first().first().value<SweepSummary>();
            QCOMPARE(sa.checked + sb.checked, 20);
            QCOMPARE(sa.leasedElsewhere + sb.leasedElsewhere, 20);
            m_clock.advanceMs(MonitorSettings::kDefaultIntervalMs);
        }
        for (const Integration &i : added)
            QCOMPARE(checksOf(url, i.id).size(), rounds);
    }

    void theCatalogGoingAwayMidSweepLosesNoResult()
    {
        STELLA_REQUIRE_POSTGRES();
        m_pg.emplace(QStringLiteral("outage"));
        QVERIFY2(m_pg->isValid(), qPrintable(m_pg->error()));
        const DatabaseUrl url = *DatabaseUrl::parse(m_pg->url());
        QList<IntegrationDraft> drafts;
        for (int i = 0; i < 4; ++i)
            drafts.append(inMemory(QStringLiteral("slow-%1").arg(i), QStringLiteral("healthy"),
                                   {{QStringLiteral("latency"), QStringLiteral("1500ms")}}));
        const auto added = addAll(url, drafts);
        QCOMPARE(added.size(), 4);
        MonitorSettings settings;
        settings.writeRetryMs = 200;
        Running r = start(url, settings);
        QSignalSpy unavailable(r.monitor.get(), &HealthMonitor::catalogUnavailable);
        QSignalSpy restored(r.monitor.get(), &HealthMonitor::catalogRestored);
        QSignalSpy finished(r.monitor.get(), &HealthMonitor::sweepFinished);

        r.monitor->sweepNow();
        // Once every check has its lease the checks are under way (each takes 1.5 s): the
        // database goes away before any result can be written.
        QTRY_COMPARE_WITH_TIMEOUT(r.monitor->inFlight(), 4, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(leaseCount(url), 4, 10000);
        QCOMPARE(m_pg->disconnectClients(), QString());

        QVERIFY(finished.wait(20000));
        const auto summary = finished.first().first().value<SweepSummary>();
        QCOMPARE(summary.checked, 4);
        QCOMPARE(summary.notRecorded, 4);
        QCOMPARE(unavailable.count(), 1);
        QCOMPARE(r.monitor->pendingWrites(), 4);

        QCOMPARE(m_pg->allowClients(), QString());
        QVERIFY(restored.wait(20000));
        QCOMPARE(r.monitor->pendingWrites(), 0);
        for (const Integration &i : added) {
            const QList<HealthCheckRecord> checks = checksOf(url, i.id);
            QCOMPARE(checks.size(), 1);
            STELLA_COMPARE_ENUM(checks[0].status, HealthStatus::Healthy);
        }
        // And it goes on as before.
        m_clock.advanceMs(MonitorSettings::kDefaultIntervalMs);
        QCOMPARE(sweep(*r.monitor).checked, 4);
    }
};

QTEST_GUILESS_MAIN(TestHealthMonitor)
#include "tst_healthmonitor.moc"
