// SPDX-License-Identifier: Apache-2.0
// The Prometheus text of the catalog's metrics, and the counters behind it on a real catalog.
#include "TestSupport.h"
#include "core/catalog/CatalogSession.h"
#include "core/catalog/IntegrationCatalog.h"
#include "core/health/HealthMetrics.h"
#include "core/storage/Migrations.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace stella;

class TestHealthMetrics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rendersTheTextFormatSortedAndEscaped()
    {
        MetricsSnapshot s;
        s.healthChecks = {{QStringLiteral("Harbor"), HealthStatus::Unhealthy, 2},
                          {QStringLiteral("Harbor"), HealthStatus::Healthy, 40},
                          {QStringLiteral("Docker\"Registry\\\n"), HealthStatus::Healthy, 1}};
        MetricsSnapshot::DurationHistogram h;
        h.provider = QStringLiteral("Harbor");
        h.bucketCounts = QList<qint64>(metrics::durationBucketBounds().size() + 1, 0);
        h.bucketCounts[0] = 1;                                      // 0.04 s
        h.bucketCounts[4] = 2;                                      // 0.7 s and 0.8 s
        h.bucketCounts[metrics::durationBucketBounds().size()] = 1; // 90 s
        h.count = 4;
        h.sumMs = 40 + 700 + 800 + 90'000;
        s.testConnectionDurations = {h};
        s.integrations = {
            {IntegrationType::Registry, QStringLiteral("Harbor"), HealthStatus::Healthy, 3}};
        // Stella Ops' names: the worst status per type, health latencies, catalog changes.
        s.integrations.append(
            {IntegrationType::Registry, QStringLiteral("Nexus"), HealthStatus::Degraded, 1});
        s.integrations.append(
            {IntegrationType::FeedMirror, QStringLiteral("OsvMirror"), HealthStatus::Healthy, 2});
        s.tenant = QStringLiteral("acme");
        s.healthLatency.bucketCounts =
            QList<qint64>(metrics::latencyBucketBoundsMs().size() + 1, 0);
        s.healthLatency.bucketCounts[1] = 2;  // 7 ms and 10 ms
        s.healthLatency.bucketCounts[12] = 1; // 45 s
        s.healthLatency.count = 3;
        s.healthLatency.sumMs = 7 + 10 + 45'000;
        s.crud = {{QStringLiteral("update"), 2}, {QStringLiteral("create"), 3}};

        const QString expected = QStringLiteral(
            "# HELP integrations_health_check_total Health checks recorded in the catalog, by "
            "provider and resulting status.\n"
            "# TYPE integrations_health_check_total counter\n"
            "integrations_health_check_total{provider=\"Docker\\\"Registry\\\\\\n\",status="
            "\"Healthy\"} 1\n"
            "integrations_health_check_total{provider=\"Harbor\",status=\"Healthy\"} 40\n"
            "integrations_health_check_total{provider=\"Harbor\",status=\"Unhealthy\"} 2\n"
            "# HELP integrations_test_connection_duration_seconds Duration of test-connection "
            "runs, by provider.\n"
            "# TYPE integrations_test_connection_duration_seconds histogram\n"
            "integrations_test_connection_duration_seconds_bucket{provider=\"Harbor\",le=\"0.05\"} "
            "1\n"
            "integrations_test_connection_duration_seconds_bucket{provider=\"Harbor\",le=\"0.1\"} "
            "1\n"
            "integrations_test_connection_duration_seconds_bucket{provider=\"Harbor\",le=\"0.25\"} "
            "1\n"
            "integrations_test_connection_duration_seconds_bucket{provider=\"Harbor\",le=\"0.5\"} "
            "1\n"
            "integrations_test_connection_duration_seconds_bucket{provider=\"Harbor\",le=\"1\"} 3\n"
            "integrations_test_connection_duration_seconds_bucket{provider=\"Harbor\",le=\"2.5\"} "
            "3\n"
            "integrations_test_connection_duration_seconds_bucket{provider=\"Harbor\",le=\"5\"} 3\n"
            "integrations_test_connection_duration_seconds_bucket{provider=\"Harbor\",le=\"10\"} "
            "3\n"
            "integrations_test_connection_duration_seconds_bucket{provider=\"Harbor\",le=\"30\"} "
            "3\n"
            "integrations_test_connection_duration_seconds_bucket{provider=\"Harbor\",le=\"60\"} "
            "3\n"
            "integrations_test_connection_duration_seconds_bucket{provider=\"Harbor\",le=\"+Inf\"} "
            "4\n"
            "integrations_test_connection_duration_seconds_sum{provider=\"Harbor\"} 91.54\n"
            "integrations_test_connection_duration_seconds_count{provider=\"Harbor\"} 4\n"
            "# HELP integrations_catalog_integrations Live integrations in the catalog, by type, "
            "provider and status.\n"
            "# TYPE integrations_catalog_integrations gauge\n"
            "integrations_catalog_integrations{type=\"FeedMirror\",provider=\"OsvMirror\",status="
            "\"Healthy\"} 2\n"
            "integrations_catalog_integrations{type=\"Registry\",provider=\"Harbor\",status="
            "\"Healthy\"} 3\n"
            "integrations_catalog_integrations{type=\"Registry\",provider=\"Nexus\",status="
            "\"Degraded\"} 1\n"
            "# HELP integration_health_status Worst health status of the tenant's live "
            "integrations of a type: 0 Unknown, 1 Healthy, 2 Degraded, 3 Unhealthy.\n"
            "# TYPE integration_health_status gauge\n"
            "integration_health_status{type=\"FeedMirror\",tenant=\"acme\"} 1\n"
            "integration_health_status{type=\"Registry\",tenant=\"acme\"} 2\n"
            "# HELP integration_health_latency_ms Latency of recorded health checks, in "
            "milliseconds.\n"
            "# TYPE integration_health_latency_ms histogram\n"
            "integration_health_latency_ms_bucket{le=\"5\"} 0\n"
            "integration_health_latency_ms_bucket{le=\"10\"} 2\n"
            "integration_health_latency_ms_bucket{le=\"25\"} 2\n"
            "integration_health_latency_ms_bucket{le=\"50\"} 2\n"
            "integration_health_latency_ms_bucket{le=\"100\"} 2\n"
            "integration_health_latency_ms_bucket{le=\"250\"} 2\n"
            "integration_health_latency_ms_bucket{le=\"500\"} 2\n"
            "integration_health_latency_ms_bucket{le=\"1000\"} 2\n"
            "integration_health_latency_ms_bucket{le=\"2500\"} 2\n"
            "integration_health_latency_ms_bucket{le=\"5000\"} 2\n"
            "integration_health_latency_ms_bucket{le=\"10000\"} 2\n"
            "integration_health_latency_ms_bucket{le=\"30000\"} 2\n"
            "integration_health_latency_ms_bucket{le=\"+Inf\"} 3\n"
            "integration_health_latency_ms_sum 45017\n"
            "integration_health_latency_ms_count 3\n"
            "# HELP integration_crud_total Changes to the catalog's integrations, by action "
            "(create, update, delete, import).\n"
            "# TYPE integration_crud_total counter\n"
            "integration_crud_total{action=\"create\"} 3\n"
            "integration_crud_total{action=\"update\"} 2\n");
        const QString actual = metrics::renderPrometheus(s);
        for (qsizetype i = 0; i < std::min(actual.size(), expected.size()); ++i)
            if (actual[i] != expected[i])
                QFAIL(
                    qPrintable(QStringLiteral("differs at %1: %2").arg(i).arg(actual.mid(i, 60))));
        QCOMPARE(actual, expected);
    }

    void latencyBuckets()
    {
        QCOMPARE(metrics::latencyBucketIndex(0), 0);
        QCOMPARE(metrics::latencyBucketIndex(5), 0); // le is inclusive
        QCOMPARE(metrics::latencyBucketIndex(6), 1);
        QCOMPARE(metrics::latencyBucketIndex(30'000), 11);
        QCOMPARE(metrics::latencyBucketIndex(30'001), 12); // +Inf
    }

    // A catalog of schema version 2 with history: migration 3 starts the latency histogram
    // from the checks it holds (a check without a latency is not counted).
    void anUpgradedCatalogsLatenciesStartFromItsHistory()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("v2.db"));
        const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v2"));
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE schema_migrations (version INTEGER PRIMARY "
                                          "KEY, description TEXT NOT NULL, applied_at TEXT NOT "
                                          "NULL)")));
            for (const Migrations::Migration &m : Migrations::all()) {
                if (m.version > 2)
                    break;
                for (const QString &sql : m.sqlite)
                    QVERIFY2(q.exec(sql), qPrintable(sql));
                QVERIFY(q.exec(QStringLiteral("INSERT INTO schema_migrations VALUES (%1, 'x', "
                                              "'2026-01-01T00:00:00.000Z')")
                                   .arg(m.version)));
            }
            QVERIFY(q.exec(
                QStringLiteral(
                    "INSERT INTO integrations (id, tenant_id, type, provider, name, endpoint,"
                    " config_json, status, version, created_at, updated_at) VALUES ('%1', 't1',"
                    " 'Registry', 'InMemory', 'old', '', '{}', 'Healthy', 1,"
                    " '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')")
                    .arg(id)));
            for (const char *latency : {"3", "7", "40000", "NULL"})
                QVERIFY(q.exec(QStringLiteral("INSERT INTO health_checks (integration_id, "
                                              "tenant_id, checked_at, status, latency_ms) VALUES "
                                              "('%1', 't1', '2026-01-10T00:00:00.000Z', "
                                              "'Healthy', %2)")
                                   .arg(id, QLatin1String(latency))));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v2"));

        ManualClock clock(test::fixedNow());
        auto session = test::openOrFail(DatabaseUrl::sqliteFile(file), clock);
        QVERIFY(session);
        auto snapshot = session->catalog().metrics({QStringLiteral("t1"), QStringLiteral("test")});
        QVERIFY(snapshot.ok());
        QCOMPARE(snapshot->healthLatency.count, 3);
        QCOMPARE(snapshot->healthLatency.sumMs, 40010);
        QCOMPARE(snapshot->healthLatency.bucketCounts.at(0), 1);
        QCOMPARE(snapshot->healthLatency.bucketCounts.at(1), 1);
        QCOMPARE(snapshot->healthLatency.bucketCounts.at(12), 1);
    }

    void durationBuckets()
    {
        QCOMPARE(metrics::durationBucketIndex(0), 0);
        QCOMPARE(metrics::durationBucketIndex(50), 0); // le is inclusive
        QCOMPARE(metrics::durationBucketIndex(51), 1);
        QCOMPARE(metrics::durationBucketIndex(60'000), 9);
        QCOMPARE(metrics::durationBucketIndex(60'001), 10); // +Inf
    }

    void countersComeFromTheCatalogAndSurvivePruning()
    {
        QTemporaryDir dir;
        ManualClock clock(test::fixedNow());
        auto session =
            test::openOrFail(DatabaseUrl::sqliteFile(dir.filePath(QStringLiteral("m.db"))), clock);
        QVERIFY(session);
        const RequestContext ctx{QStringLiteral("t1"), QStringLiteral("test")};
        const RequestContext other{QStringLiteral("t2"), QStringLiteral("test")};
        IntegrationDraft draft;
        draft.provider = QStringLiteral("InMemory");
        draft.name = QStringLiteral("counted");
        auto added = session->catalog().add(ctx, draft);
        QVERIFY(added.ok());
        for (HealthStatus status :
             {HealthStatus::Healthy, HealthStatus::Healthy, HealthStatus::Unhealthy}) {
            HealthCheckRecord r;
            r.integrationId = added->id;
            r.checkedAt = clock.now().addDays(-200);
            r.status = status;
            QVERIFY(session->catalog().recordHealthCheck(ctx, r).ok());
        }
        QVERIFY(session->catalog().recordTestConnection(ctx, QStringLiteral("InMemory"), 120).ok());

        auto pruned = session->catalog().pruneHealthHistory(ctx, clock.now().addDays(-90), 100);
        QVERIFY(pruned.ok());
        QCOMPARE(*pruned, 3);

        auto snapshot = session->catalog().metrics(ctx);
        QVERIFY(snapshot.ok());
        const QString text = metrics::renderPrometheus(*snapshot);
        QVERIFY2(
            text.contains(QLatin1String(
                "integrations_health_check_total{provider=\"InMemory\",status=\"Healthy\"} 2\n")),
            qPrintable(text));
        QVERIFY(text.contains(QLatin1String(
            "integrations_health_check_total{provider=\"InMemory\",status=\"Unhealthy\"} 1\n")));
        QVERIFY(text.contains(QLatin1String("integrations_test_connection_duration_seconds_bucket{"
                                            "provider=\"InMemory\",le=\"0.25\"} 1\n")));
        QVERIFY(text.contains(QLatin1String("integrations_catalog_integrations{type=\"Registry\","
                                            "provider=\"InMemory\",status=\"Unhealthy\"} 1\n")));
        // Stella Ops' names: the latencies survive pruning as the counters do; the changes come
        // from the audit log; the status is the type's worst, labelled with the tenant.
        QVERIFY2(text.contains(QLatin1String("integration_health_latency_ms_bucket{le=\"5\"} 3\n")),
                 qPrintable(text));
        QVERIFY(text.contains(QLatin1String("integration_health_latency_ms_count 3\n")));
        QVERIFY(text.contains(QLatin1String("integration_crud_total{action=\"create\"} 1\n")));
        QVERIFY(text.contains(
            QLatin1String("integration_health_status{type=\"Registry\",tenant=\"t1\"} 3\n")));
        // Metrics are the tenant's own.
        auto otherSnapshot = session->catalog().metrics(other);
        QVERIFY(otherSnapshot.ok());
        QVERIFY(otherSnapshot->healthChecks.isEmpty());
        QVERIFY(otherSnapshot->integrations.isEmpty());
        QCOMPARE(otherSnapshot->healthLatency.count, 0);
        QVERIFY(otherSnapshot->crud.isEmpty());
        const QString otherText = metrics::renderPrometheus(*otherSnapshot);
        QVERIFY(!otherText.contains(QLatin1String("tenant=\"t1\"")));
        QVERIFY(otherText.contains(QLatin1String("# TYPE integration_crud_total counter\n")));
    }
};

QTEST_GUILESS_MAIN(TestHealthMetrics)
#include "tst_healthmetrics.moc"
