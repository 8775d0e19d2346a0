// SPDX-License-Identifier: Apache-2.0
#include "TestSupport.h"
#include "UiTestSupport.h"
#include "ui/common/HealthNotifier.h"

#include <QSignalSpy>
#include <QTest>

using namespace stella;
using namespace stella::ui;

class TestHealthNotifier : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ManualClock m_clock{test::fixedNow()};
    std::unique_ptr<CatalogThread> m_catalog;
    const RequestContext m_ctx{QStringLiteral("default"), QStringLiteral("tester")};
    const RequestContext m_acme{QStringLiteral("acme"), QStringLiteral("tester")};
    int m_n = 0;

    void record(const RequestContext &ctx, const QUuid &id, HealthStatus status,
                const QString &error = {})
    {
        m_clock.advanceMs(60'000);
        HealthCheckRecord r;
        r.integrationId = id;
        r.checkedAt = m_clock.now();
        r.status = status;
        r.latencyMs = 20;
        r.errorMessage = error;
        QVERIFY(test::waitFor(m_catalog->run([ctx, r](IntegrationCatalog &c) {
                    return c.recordHealthCheck(ctx, r);
                })).ok());
    }
    // One more round trip through the catalog thread and the event loop: any notification
    // still on its way has arrived after this.
    void drain()
    {
        test::listVia(*m_catalog, m_ctx);
        test::listVia(*m_catalog, m_ctx);
        QCoreApplication::processEvents();
    }

private Q_SLOTS:
    void init()
    {
        m_catalog = std::make_unique<CatalogThread>(test::registry(), m_clock);
        const auto url =
            DatabaseUrl::sqliteFile(m_dir.filePath(QStringLiteral("notify-%1.db").arg(++m_n)));
        QVERIFY(test::waitFor(m_catalog->open(url)).ok());
    }

    void cleanup() { m_catalog.reset(); }

    void theRulesForWhatIsWorthANotification()
    {
        using S = HealthStatus;
        QVERIFY(HealthNotifier::isNotable(S::Healthy, S::Unhealthy));
        QVERIFY(HealthNotifier::isNotable(S::Unknown, S::Unhealthy));
        QVERIFY(HealthNotifier::isNotable(S::Degraded, S::Unhealthy));
        QVERIFY(HealthNotifier::isNotable(S::Unhealthy, S::Healthy));
        QVERIFY(HealthNotifier::isNotable(S::Unhealthy, S::Degraded));
        QVERIFY(!HealthNotifier::isNotable(S::Unhealthy, S::Unhealthy));
        QVERIFY(!HealthNotifier::isNotable(S::Unhealthy, S::Unknown));
        QVERIFY(!HealthNotifier::isNotable(S::Healthy, S::Degraded));
        QVERIFY(!HealthNotifier::isNotable(S::Unknown, S::Healthy));
        QCOMPARE(HealthNotifier::message(QStringLiteral("Harbor"), S::Healthy, S::Unhealthy,
                                         QStringLiteral("connection refused")),
                 QStringLiteral("Harbor is unhealthy: connection refused"));
        QCOMPARE(HealthNotifier::message(QStringLiteral("Harbor"), S::Unhealthy, S::Healthy, {}),
                 QStringLiteral("Harbor recovered"));
    }

    // Healthy → Unhealthy → Unhealthy → Healthy: two transitions worth telling, told once each.
    void firesExactlyOncePerTransition()
    {
        HealthNotifier notifier(*m_catalog);
        notifier.setTenant(m_ctx.tenantId);
        QSignalSpy notified(&notifier, &HealthNotifier::notify);
        const Integration harbor =
            test::addVia(*m_catalog, m_ctx,
                         test::draft(QStringLiteral("InMemory"), QStringLiteral("Harbor (test)"),
                                     QStringLiteral("https://harbor.sandbox.invalid")));
        record(m_ctx, harbor.id, HealthStatus::Healthy);
        record(m_ctx, harbor.id, HealthStatus::Unhealthy, QStringLiteral("connection refused"));
        record(m_ctx, harbor.id, HealthStatus::Unhealthy, QStringLiteral("connection refused"));
        record(m_ctx, harbor.id, HealthStatus::Healthy);
        QTRY_COMPARE(notified.size(), 2);
        drain();
        QCOMPARE(notified.size(), 2);
        QCOMPARE(notified.at(0).at(0).toUuid(), harbor.id);
        STELLA_COMPARE_ENUM(notified.at(0).at(1).value<HealthStatus>(), HealthStatus::Unhealthy);
        QCOMPARE(notified.at(0).at(3).toString(),
                 QStringLiteral("Harbor (test) is unhealthy: connection refused"));
        STELLA_COMPARE_ENUM(notified.at(1).at(1).value<HealthStatus>(), HealthStatus::Healthy);
        QCOMPARE(notified.at(1).at(3).toString(), QStringLiteral("Harbor (test) recovered"));
    }

    void onlyForTheCurrentTenant()
    {
        HealthNotifier notifier(*m_catalog);
        notifier.setTenant(m_ctx.tenantId);
        QSignalSpy notified(&notifier, &HealthNotifier::notify);
        const Integration theirs =
            test::addVia(*m_catalog, m_acme,
                         test::draft(QStringLiteral("InMemory"), QStringLiteral("Acme registry"),
                                     QStringLiteral("https://acme.sandbox.invalid")));
        record(m_acme, theirs.id, HealthStatus::Unhealthy, QStringLiteral("down"));
        drain();
        QCOMPARE(notified.size(), 0);

        // Theirs once the operator looks at their tenant.
        notifier.setTenant(m_acme.tenantId);
        record(m_acme, theirs.id, HealthStatus::Healthy);
        QTRY_COMPARE(notified.size(), 1);
        QCOMPARE(notified.at(0).at(3).toString(), QStringLiteral("Acme registry recovered"));

        // A transition seen just before a switch is dropped with the tenant it belonged to.
        record(m_acme, theirs.id, HealthStatus::Unhealthy, QStringLiteral("down"));
        notifier.setTenant(m_ctx.tenantId); // the answer about the name is still on its way
        drain();
        QCOMPARE(notified.size(), 1);
    }
};

QTEST_MAIN(TestHealthNotifier)
#include "tst_healthnotifier.moc"
