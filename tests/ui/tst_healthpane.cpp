// SPDX-License-Identifier: Apache-2.0
#include "TestSupport.h"
#include "UiTestSupport.h"
#include "ui/models/HealthCheckTableModel.h"
#include "ui/views/HealthChartView.h"
#include "ui/views/HealthPane.h"

#include <QAbstractButton>
#include <QDateTimeEdit>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>

using namespace stella;
using namespace stella::ui;

class TestHealthPane : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ManualClock m_clock{test::fixedNow()};
    std::unique_ptr<CatalogThread> m_catalog;
    const RequestContext m_ctx{QStringLiteral("default"), QStringLiteral("tester")};
    Integration m_busy;  // 30 checks
    Integration m_quiet; // none
    int m_n = 0;

    void record(const Integration &integration, const QDateTime &at, HealthStatus status,
                qint64 latencyMs, const QString &error = {})
    {
        HealthCheckRecord r;
        r.integrationId = integration.id;
        r.checkedAt = at;
        r.status = status;
        r.latencyMs = latencyMs;
        r.errorMessage = error;
        const RequestContext ctx = m_ctx;
        QVERIFY(test::waitFor(m_catalog->run([ctx, r](IntegrationCatalog &c) {
                    return c.recordHealthCheck(ctx, r);
                })).ok());
    }

private Q_SLOTS:
    void init()
    {
        m_clock.set(test::fixedNow());
        m_catalog = std::make_unique<CatalogThread>(test::registry(), m_clock);
        const auto url =
            DatabaseUrl::sqliteFile(m_dir.filePath(QStringLiteral("pane-%1.db").arg(++m_n)));
        QVERIFY(test::waitFor(m_catalog->open(url)).ok());
        m_busy = test::addVia(*m_catalog, m_ctx,
                              test::draft(QStringLiteral("InMemory"), QStringLiteral("Busy"),
                                          QStringLiteral("https://busy.sandbox.invalid")));
        m_quiet = test::addVia(*m_catalog, m_ctx,
                               test::draft(QStringLiteral("InMemory"), QStringLiteral("Quiet"),
                                           QStringLiteral("https://quiet.sandbox.invalid")));
        // One check an hour for 30 hours: 24 of them in the last day, the last one down.
        for (int n = 30; n >= 1; --n)
            record(m_busy, m_clock.now().addSecs(-n * 3600),
                   n == 1 ? HealthStatus::Unhealthy : HealthStatus::Healthy, 10 + n,
                   n == 1 ? QStringLiteral("connection refused") : QString());
        // The catalog thread's healthRecorded signals for these are queued to this thread:
        // deliver them now, before any pane exists, so none of them triggers a reload later.
        QCoreApplication::processEvents();
    }

    void cleanup() { m_catalog.reset(); }

    void showsTheLastDayAndTheNewestChecks()
    {
        HealthPane pane(*m_catalog, m_clock);
        pane.resize(800, 600);
        pane.show();
        QSignalSpy loaded(&pane, &HealthPane::loaded);
        pane.setIntegration(m_busy, m_ctx);
        QVERIFY(pane.isLoading());
        QVERIFY(loaded.wait(10'000));
        QVERIFY(!pane.isLoading());
        QCOMPARE(int(pane.range()), int(HealthPane::Range::Day));
        QCOMPARE(pane.chartView()->history().checks(), 24);
        QCOMPARE(pane.checksModel()->rowCount(), 30); // the newest checks, whatever the range
        // Newest first.
        QCOMPARE(pane.checksModel()->checks().first().checkedAt, m_clock.now().addSecs(-3600));
        QCOMPARE(pane.checksModel()->checks().first().errorMessage,
                 QStringLiteral("connection refused"));
        // 23 of the 24 found it up.
        QCOMPARE(pane.uptimeText(), QStringLiteral("Uptime 95.8 % · 24 checks"));
        QCOMPARE(pane.findChild<QLabel *>(QStringLiteral("healthUptime"))->text(),
                 pane.uptimeText());
    }

    // Range switching asks the catalog for the right range, ending at the clock's now.
    void switchingTheRangeRequestsIt()
    {
        HealthPane pane(*m_catalog, m_clock);
        pane.show();
        QSignalSpy requested(&pane, &HealthPane::loadRequested);
        QSignalSpy loaded(&pane, &HealthPane::loaded);
        pane.setIntegration(m_busy, m_ctx);
        QVERIFY(loaded.wait(10'000));
        const QDateTime now = test::fixedNow();
        const QDateTime end = now.addMSecs(1); // exclusive: now is in
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.last().at(1).toDateTime(), now.addDays(-1));
        QCOMPARE(requested.last().at(2).toDateTime(), end);

        m_clock.advanceMs(60'000); // the preset ranges follow the clock
        pane.findChild<QAbstractButton *>(QStringLiteral("healthRange7d"))->click();
        QCOMPARE(requested.size(), 2);
        QCOMPARE(requested.last().at(1).toDateTime(), now.addSecs(60).addDays(-7));
        QCOMPARE(requested.last().at(2).toDateTime(), end.addSecs(60));
        QVERIFY(loaded.wait(10'000));
        QCOMPARE(pane.chartView()->history().checks(), 30);

        pane.findChild<QAbstractButton *>(QStringLiteral("healthRange30d"))->click();
        QCOMPARE(requested.last().at(1).toDateTime(), now.addSecs(60).addDays(-30));
        QVERIFY(loaded.wait(10'000));

        // Custom: the two editors, as instants.
        const QDateTime from = test::fixedNow().addSecs(-10 * 3600);
        const QDateTime to = test::fixedNow().addSecs(-5 * 3600);
        pane.setCustomRange(from, to);
        QCOMPARE(int(pane.range()), int(HealthPane::Range::Custom));
        QVERIFY(pane.findChild<QDateTimeEdit *>(QStringLiteral("healthFrom"))->isVisible());
        QCOMPARE(requested.last().at(1).toDateTime(), from);
        QCOMPARE(requested.last().at(2).toDateTime(), to);
        QVERIFY(loaded.wait(10'000));
        QCOMPARE(pane.chartView()->history().checks(), 5); // 10 h ago up to (not incl.) 5 h ago
        QCOMPARE(pane.requestedFrom(), from);

        // A range that ends before it starts is refused, without asking the catalog.
        const int asked = int(requested.size());
        pane.setCustomRange(to, from);
        QCOMPARE(requested.size(), asked);
        QVERIFY(pane.findChild<QLabel *>(QStringLiteral("healthNote"))
                    ->text()
                    .contains(QStringLiteral("before its end")));
    }

    // Both requests are on the catalog thread before either answers: the first answer, for
    // an integration no longer shown, must not reach the screen.
    void ignoresAStaleAnswerAfterSwitchingIntegration()
    {
        HealthPane pane(*m_catalog, m_clock);
        pane.show();
        QSignalSpy requested(&pane, &HealthPane::loadRequested);
        QSignalSpy loaded(&pane, &HealthPane::loaded);
        pane.setIntegration(m_busy, m_ctx);
        pane.setIntegration(m_quiet, m_ctx);
        QCOMPARE(requested.size(), 2);
        QVERIFY(loaded.wait(10'000));
        // Drain whatever else the catalog thread has to say (the stale answer included).
        QVERIFY(test::listVia(*m_catalog, m_ctx).size() == 2);
        QCoreApplication::processEvents();
        QCOMPARE(loaded.size(), 1);
        QCOMPARE(pane.integrationId(), m_quiet.id);
        QCOMPARE(pane.chartView()->history().checks(), 0);
        QCOMPARE(pane.checksModel()->rowCount(), 0);
        QCOMPARE(pane.uptimeText(), QStringLiteral("No checks in this range"));
    }

    void reloadsWhenACheckOfTheIntegrationIsRecorded()
    {
        HealthPane pane(*m_catalog, m_clock);
        pane.show();
        QSignalSpy loaded(&pane, &HealthPane::loaded);
        pane.setIntegration(m_quiet, m_ctx);
        QVERIFY(loaded.wait(10'000));
        // Another integration's check is not this pane's business.
        record(m_busy, m_clock.now(), HealthStatus::Healthy, 12);
        // This one's is, even recorded at this very instant.
        record(m_quiet, m_clock.now(), HealthStatus::Degraded, 450, QStringLiteral("slow"));
        QTRY_COMPARE(pane.checksModel()->rowCount(), 1);
        QCOMPARE(loaded.size(), 2);
        QCOMPARE(pane.chartView()->history().checks(), 1);
        QCOMPARE(pane.uptimeText(), QStringLiteral("Uptime 100.0 % · 1 check"));
    }

    // Behind another tab the pane asks nothing; it catches up when shown.
    void loadsOnlyWhenVisible()
    {
        QWidget window;
        HealthPane pane(*m_catalog, m_clock, &window);
        QSignalSpy requested(&pane, &HealthPane::loadRequested);
        pane.setIntegration(m_busy, m_ctx);
        pane.setRange(HealthPane::Range::Week);
        QCOMPARE(requested.size(), 0);
        QSignalSpy loaded(&pane, &HealthPane::loaded);
        window.show();
        QCOMPARE(requested.size(), 1);
        QVERIFY(loaded.wait(10'000));
        QCOMPARE(pane.chartView()->history().checks(), 30);
    }
};

QTEST_MAIN(TestHealthPane)
#include "tst_healthpane.moc"
