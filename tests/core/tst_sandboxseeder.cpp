// SPDX-License-Identifier: Apache-2.0
#include "TestSupport.h"
#include "core/catalog/IntegrationCatalog.h"
#include "core/sandbox/SandboxSeeder.h"

#include <QSet>
#include <QTest>

using namespace stella;

class TestSandboxSeeder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void seedsEveryTypeWithAMonthOfHistory()
    {
        ManualClock clock(test::fixedNow());
        auto session = test::openOrFail(DatabaseUrl::inMemory(), clock);
        QVERIFY(session);
        QVERIFY(SandboxSeeder::seed(*session, clock).ok());
        const RequestContext ctx{SandboxSeeder::sandboxTenant(), QStringLiteral("test")};
        auto all = session->catalog().list(ctx);
        QVERIFY(all.ok());
        QCOMPARE(all->size(), 12);
        QSet<IntegrationType> types;
        QSet<HealthStatus> statuses;
        QSet<QString> folders;
        QSet<EnvironmentTier> tiers;
        for (const Integration &i : *all) {
            types.insert(i.type);
            statuses.insert(i.status);
            folders.insert(i.folder.section(QLatin1Char('/'), 0, 0));
            tiers.insert(i.tier);
            QCOMPARE(i.provider, QStringLiteral("InMemory"));
            QVERIFY(i.lastCheckedAt.isValid());
        }
        QCOMPARE(types.size(), 7);
        // Organised as a team would (the overview's folders and the tiers have something to show).
        QCOMPARE(folders, (QSet<QString>{QStringLiteral("Platform"), QStringLiteral("Engineering"),
                                         QStringLiteral("Feeds")}));
        QCOMPARE(tiers.size(), 4);
        QVERIFY(statuses.contains(HealthStatus::Unhealthy));
        QVERIFY(statuses.contains(HealthStatus::Healthy));

        const int expected =
            SandboxSeeder::kHistoryDays * 24 * 60 / SandboxSeeder::kCheckIntervalMinutes;
        auto history = session->catalog().healthHistory(ctx, all->first().id, 100'000);
        QVERIFY(history.ok());
        QCOMPARE(history->size(), expected);
        QVERIFY(history->last().checkedAt >=
                test::fixedNow().addDays(-SandboxSeeder::kHistoryDays));
        QVERIFY(history->first().checkedAt <= test::fixedNow());
    }

    void deterministic()
    {
        ManualClock clock(test::fixedNow());
        QList<QList<HealthCheckRecord>> runs;
        QList<QList<QUuid>> ids;
        for (int run = 0; run < 2; ++run) {
            auto session = test::openOrFail(DatabaseUrl::inMemory(), clock);
            QVERIFY(session);
            QVERIFY(SandboxSeeder::seed(*session, clock).ok());
            const RequestContext ctx{SandboxSeeder::sandboxTenant(), QStringLiteral("test")};
            auto all = session->catalog().list(ctx);
            QList<QUuid> runIds;
            for (const Integration &i : *all)
                runIds.append(i.id);
            ids.append(runIds);
            auto history = session->catalog().healthHistory(ctx, all->at(3).id, 500);
            runs.append(*history);
        }
        // Same ids every time: each CLI call opens a fresh sandbox and must find the ids it listed.
        QCOMPARE(ids[0], ids[1]);
        QCOMPARE(runs[0].size(), runs[1].size());
        for (qsizetype n = 0; n < runs[0].size(); ++n) {
            STELLA_COMPARE_ENUM(runs[0][n].status, runs[1][n].status);
            QCOMPARE(runs[0][n].latencyMs, runs[1][n].latencyMs);
            QCOMPARE(runs[0][n].checkedAt, runs[1][n].checkedAt);
        }
    }
};

QTEST_GUILESS_MAIN(TestSandboxSeeder)
#include "tst_sandboxseeder.moc"
