// SPDX-License-Identifier: Apache-2.0
// Downsampled health history: the bucket maths by hand, and the catalog's SQL aggregation equal
// to the in-memory reference on a real SQLite file and a real PostgreSQL server.
#include "TestSupport.h"
#include "core/catalog/CatalogSession.h"
#include "core/catalog/IntegrationCatalog.h"
#include "core/health/HealthHistory.h"
#include "core/storage/CatalogStore.h"
#include "core/storage/Database.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>
#include <optional>

using namespace stella;

namespace {
HealthCheckRecord check(const QUuid &id, const QDateTime &at, HealthStatus status, qint64 latency)
{
    HealthCheckRecord r;
    r.integrationId = id;
    r.checkedAt = at;
    r.status = status;
    r.latencyMs = latency;
    return r;
}

QDateTime at(const char *iso)
{
    return parseUtc(QLatin1String(iso));
}
} // namespace

class TestHealthHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bucketSizesKeepRangesUnderAThousandPoints_data()
    {
        QTest::addColumn<qint64>("rangeSeconds");
        QTest::addColumn<qint64>("bucketSeconds");
        QTest::newRow("1h") << qint64(3600) << qint64(60);
        QTest::newRow("24h") << qint64(86400) << qint64(120);
        QTest::newRow("7d") << qint64(7 * 86400) << qint64(900);
        QTest::newRow("30d") << qint64(30 * 86400) << qint64(3600);
        QTest::newRow("365d") << qint64(365 * 86400) << qint64(43200);
    }
    void bucketSizesKeepRangesUnderAThousandPoints()
    {
        QFETCH(qint64, rangeSeconds);
        QFETCH(qint64, bucketSeconds);
        const QDateTime to = at("2026-11-25T10:17:31.000Z");
        const QDateTime from = to.addSecs(-rangeSeconds);
        QCOMPARE(healthhistory::bucketSecondsFor(from, to), bucketSeconds);
        // Unaligned ranges touch one more bucket than range / size: still within the limit.
        QVERIFY(rangeSeconds / bucketSeconds + 1 <= healthhistory::kDefaultMaxPoints);
    }

    void bucketsStartAtMultiplesOfTheirSize()
    {
        QCOMPARE(healthhistory::bucketStart(at("2026-11-25T10:17:31.250Z"), 900),
                 at("2026-11-25T10:15:00.000Z"));
        QCOMPARE(healthhistory::bucketStart(at("2026-11-25T10:17:31.000Z"), 86400),
                 at("2026-11-25T00:00:00.000Z"));
        QCOMPARE(healthhistory::bucketStart(at("2026-11-25T10:15:00.000Z"), 900),
                 at("2026-11-25T10:15:00.000Z"));
    }

    void downsampleByHand()
    {
        const QUuid id = QUuid::createUuid();
        const QList<HealthCheckRecord> checks{
            check(id, at("2026-11-25T10:00:10.000Z"), HealthStatus::Healthy, 10),
            check(id, at("2026-11-25T10:01:10.000Z"), HealthStatus::Degraded, 30),
            check(id, at("2026-11-25T10:02:10.000Z"), HealthStatus::Healthy, 20),
            check(id, at("2026-11-25T10:05:00.000Z"), HealthStatus::Unhealthy, 5000),
            check(id, at("2026-11-25T10:06:00.000Z"), HealthStatus::Unknown, 0),
            check(id, at("2026-11-25T10:20:00.000Z"), HealthStatus::Healthy,
                  7), // outside [from, to)
        };
        const HealthHistory h = healthhistory::downsample(checks, at("2026-11-25T10:00:00.000Z"),
                                                          at("2026-11-25T10:20:00.000Z"), 300);
        QCOMPARE(h.buckets.size(), 2); // 10:00 and 10:05; 10:10 and 10:15 have no checks: gaps
        const HealthBucket &first = h.buckets[0];
        QCOMPARE(first.start, at("2026-11-25T10:00:00.000Z"));
        QCOMPARE(first.checks, 3);
        QCOMPARE(first.minLatencyMs, qint64(10));
        QCOMPARE(first.avgLatencyMs, 20.0);
        QCOMPARE(first.maxLatencyMs, qint64(30));
        STELLA_COMPARE_ENUM(first.worst, HealthStatus::Degraded);
        QCOMPARE(first.upChecks, 3);
        const HealthBucket &second = h.buckets[1];
        QCOMPARE(second.checks, 2);
        QCOMPARE(second.knownChecks, 1); // Unknown says nothing about uptime
        QCOMPARE(second.upChecks, 0);
        STELLA_COMPARE_ENUM(second.worst, HealthStatus::Unhealthy);
        QCOMPARE(h.checks(), 5);
        QCOMPARE(h.uptimePercent(), 75.0); // 3 up of 4 known
        QCOMPARE(HealthHistory().uptimePercent(), -1.0);
    }

    void catalogAggregationEqualsTheReference_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<int>("days");
        QTest::newRow("sqlite, 30 days of one-minute checks") << QStringLiteral("sqlite") << 30;
        QTest::newRow("postgres, 7 days of one-minute checks") << QStringLiteral("postgres") << 7;
    }
    void catalogAggregationEqualsTheReference()
    {
        QFETCH(QString, backend);
        QFETCH(int, days);
        QTemporaryDir dir;
        std::optional<test::ScratchPostgres> pg;
        DatabaseUrl url = DatabaseUrl::sqliteFile(dir.filePath(QStringLiteral("history.db")));
        if (backend == QLatin1String("postgres")) {
            STELLA_REQUIRE_POSTGRES();
            pg.emplace(QStringLiteral("history"));
            QVERIFY2(pg->isValid(), qPrintable(pg->error()));
            url = *DatabaseUrl::parse(pg->url());
        }
        const QDateTime end = at("2026-11-25T10:17:00.000Z");
        ManualClock clock(end);
        auto session = test::openOrFail(url, clock);
        QVERIFY(session);
        const RequestContext ctx{QStringLiteral("t1"), QStringLiteral("test")};
        IntegrationDraft draft;
        draft.provider = QStringLiteral("InMemory");
        draft.name = QStringLiteral("history");
        auto added = session->catalog().add(ctx, draft);
        QVERIFY(added.ok());

        // One check a minute with runs of outages and slow periods, from a fixed seed.
        QRandomGenerator rng(20261125);
        QList<HealthCheckRecord> checks;
        Transaction tx(session->database());
        QVERIFY(tx.begin(QStringLiteral("seeding")).ok());
        const int minutes = days * 24 * 60;
        for (int m = minutes; m > 0; --m) {
            const int roll = int(rng.bounded(1000));
            const HealthStatus status = roll < 930   ? HealthStatus::Healthy
                                        : roll < 975 ? HealthStatus::Degraded
                                        : roll < 995 ? HealthStatus::Unhealthy
                                                     : HealthStatus::Unknown;
            const HealthCheckRecord r =
                check(added->id, end.addSecs(-60LL * m).addMSecs(rng.bounded(900)), status,
                      10 + rng.bounded(400));
            checks.append(r);
            QVERIFY(session->store().insertHealthCheck(ctx.tenantId, added->provider, r).ok());
        }
        QVERIFY(tx.commit(QStringLiteral("seeding")).ok());

        const QDateTime from = end.addDays(-days);
        auto history = session->catalog().healthHistory(ctx, added->id, from, end);
        QVERIFY2(history.ok(), qPrintable(history.ok() ? QString() : history.error().toText()));
        QVERIFY(history->buckets.size() <= healthhistory::kDefaultMaxPoints);
        QVERIFY(history->buckets.size() >= healthhistory::kDefaultMaxPoints / 2);
        const HealthHistory reference =
            healthhistory::downsample(checks, from, end, history->bucketSeconds);
        QCOMPARE(history->buckets.size(), reference.buckets.size());
        for (int i = 0; i < reference.buckets.size(); ++i) {
            if (!(history->buckets[i] == reference.buckets[i]))
                QFAIL(qPrintable(
                    QStringLiteral("bucket %1 differs: catalog %2, reference %3")
                        .arg(i)
                        .arg(QString::fromUtf8(QJsonDocument(history->buckets[i].toJson())
                                                   .toJson(QJsonDocument::Compact)),
                             QString::fromUtf8(QJsonDocument(reference.buckets[i].toJson())
                                                   .toJson(QJsonDocument::Compact)))));
        }
        QCOMPARE(history->checks(), minutes);
        QCOMPARE(history->uptimePercent(), reference.uptimePercent());

        // Another tenant asking for the same id learns nothing.
        const RequestContext other{QStringLiteral("t2"), QStringLiteral("test")};
        QCOMPARE(session->catalog().healthHistory(other, added->id, from, end).error().kind,
                 ErrorKind::NotFound);
        // A range that ends before it starts is refused, not answered empty.
        QCOMPARE(session->catalog().healthHistory(ctx, added->id, end, from).error().kind,
                 ErrorKind::InvalidInput);
    }
};

QTEST_GUILESS_MAIN(TestHealthHistory)
#include "tst_healthhistory.moc"
