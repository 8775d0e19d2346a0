// SPDX-License-Identifier: Apache-2.0
#include "TestSupport.h"
#include "UiTestSupport.h"
#include "core/sandbox/SandboxSeeder.h"
#include "ui/views/HealthChartView.h"
#include "ui/views/StatusIcon.h"

#include <QAreaSeries>
#include <QImage>
#include <QLineSeries>
#include <QSet>
#include <QTest>

using namespace stella;
using namespace stella::ui;

namespace {
HealthBucket bucket(const QDateTime &start, HealthStatus worst, double avg)
{
    HealthBucket b;
    b.start = start;
    b.checks = 1;
    b.knownChecks = worst == HealthStatus::Unknown ? 0 : 1;
    b.upChecks = worst == HealthStatus::Healthy || worst == HealthStatus::Degraded ? 1 : 0;
    b.minLatencyMs = qint64(avg) - 5;
    b.avgLatencyMs = avg;
    b.maxLatencyMs = qint64(avg) + 5;
    b.worst = worst;
    return b;
}

// The band segment holding `time`, if any.
const HealthChartView::BandSegment *segmentAt(const HealthChartView &chart, const QDateTime &time)
{
    for (const auto &s : chart.statusBand())
        if (s.from <= time && time < s.to)
            return &s;
    return nullptr;
}

bool isBlank(const QImage &image)
{
    const QRgb first = image.pixel(0, 0);
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3)
            if (image.pixel(x, y) != first)
                return false;
    return true;
}

// Antialiasing blends the edges; inside a segment the colour is the brush's.
bool closeTo(QColor a, QColor b)
{
    return std::abs(a.red() - b.red()) <= 12 && std::abs(a.green() - b.green()) <= 12 &&
           std::abs(a.blue() - b.blue()) <= 12;
}
} // namespace

class TestHealthChartView : public QObject
{
    Q_OBJECT

private:
    ManualClock m_clock{test::fixedNow()};

private Q_SLOTS:
    // The sandbox's 30 days of history, opened as the console opens it (CatalogThread with the
    // SandboxSeeder), downsampled by the catalog and drawn offscreen.
    void rendersTheSandboxsThirtyDayHistory()
    {
        CatalogThread catalog(test::registry(), m_clock);
        const Clock *clock = &m_clock;
        QVERIFY(
            test::waitFor(catalog.open(DatabaseUrl::inMemory(), [clock](CatalogSession &session) {
                return SandboxSeeder::seed(session, *clock);
            })).ok());
        const RequestContext ctx{SandboxSeeder::sandboxTenant(), QStringLiteral("tester")};
        const QList<Integration> all = test::listVia(catalog, ctx);
        QCOMPARE(all.size(), 12);
        // The flaky registry: mostly healthy with unhealthy checks, so the band has two colours.
        QUuid id;
        for (const Integration &i : all)
            if (i.name == QLatin1String("Docker Hub mirror (sandbox)"))
                id = i.id;
        QVERIFY(!id.isNull());
        const QDateTime to = m_clock.now().addMSecs(1);
        const QDateTime from = to.addDays(-30);
        const auto history = test::waitFor(catalog.run([ctx, id, from, to](IntegrationCatalog &c) {
            return c.healthHistory(ctx, id, from, to);
        }));
        QVERIFY2(history.ok(), qPrintable(history.ok() ? QString() : history.error().toText()));
        QVERIFY(!history->buckets.isEmpty());

        HealthChartView chart;
        chart.resize(900, 420);
        chart.setHistory(*history);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));

        // At most about 1,000 points, however many checks (1,440 here).
        QVERIFY(chart.pointCount() > 0);
        QVERIFY2(chart.pointCount() <= 1000, qPrintable(QString::number(chart.pointCount())));
        QCOMPARE(chart.pointCount(), int(history->buckets.size()));
        QVERIFY(!chart.latencyLines().isEmpty());
        QVERIFY(chart.latencyLines().first()->count() > 0);
        // Checks every 30 minutes leave no gap: one line.
        QCOMPARE(chart.latencyLines().size(), 1);

        // Every bucket's worst status is the colour of the band where it lies.
        QSet<int> seen;
        for (const HealthBucket &b : history->buckets) {
            const auto *segment = segmentAt(chart, b.start);
            QVERIFY2(segment, qPrintable(b.start.toString(Qt::ISODate)));
            QCOMPARE(int(segment->status), int(b.worst));
            seen.insert(int(b.worst));
        }
        QVERIFY(seen.contains(int(HealthStatus::Healthy)));
        QVERIFY(seen.contains(int(HealthStatus::Unhealthy)));
        for (const HealthStatus status : {HealthStatus::Healthy, HealthStatus::Degraded,
                                          HealthStatus::Unhealthy, HealthStatus::Unknown}) {
            QAreaSeries *series = chart.statusSeries(status);
            QVERIFY(series);
            QCOMPARE(series->brush().color(), StatusIcon::color(status));
            // Four corners per segment of this status, none of another's.
            int segments = 0;
            for (const auto &s : chart.statusBand())
                segments += s.status == status ? 1 : 0;
            QCOMPARE(int(series->upperSeries()->count()), 4 * segments);
        }

        // Rendered: not blank, and the band's pixels are the statuses' colours.
        const QImage image = chart.grab().toImage();
        QVERIFY(!image.isNull());
        QVERIFY(!isBlank(image));
        int sampled = 0;
        for (const auto &s : chart.statusBand()) {
            const QPoint left = chart.bandPosition(s.from);
            const QPoint right = chart.bandPosition(s.to);
            if (right.x() - left.x() < 8)
                continue; // too narrow to sample away from the antialiased edges
            const QPoint middle((left.x() + right.x()) / 2, left.y());
            const qreal dpr = image.devicePixelRatio();
            const QColor pixel = image.pixelColor(int(middle.x() * dpr), int(middle.y() * dpr));
            QVERIFY2(closeTo(pixel, StatusIcon::color(s.status)),
                     qPrintable(QStringLiteral("%1 at %2,%3 is %4")
                                    .arg(toString(s.status))
                                    .arg(middle.x())
                                    .arg(middle.y())
                                    .arg(pixel.name())));
            ++sampled;
        }
        QVERIFY(sampled > 0);
    }

    // A time without checks is a gap in the line and the band, not a zero latency.
    void breaksTheLineAndTheBandWhereThereWereNoChecks()
    {
        const QDateTime start = test::fixedNow().addDays(-1);
        HealthHistory history;
        history.from = start;
        history.to = test::fixedNow();
        history.bucketSeconds = 120;
        // Checks every 30 minutes for 4 hours, nothing for 6 hours, then 4 hours more.
        for (int n = 0; n < 8; ++n)
            history.buckets.append(bucket(start.addSecs(n * 1800), HealthStatus::Healthy, 40));
        for (int n = 0; n < 8; ++n)
            history.buckets.append(bucket(start.addSecs(10 * 3600 + n * 1800),
                                          n == 3 ? HealthStatus::Unhealthy : HealthStatus::Healthy,
                                          60));
        HealthChartView chart;
        chart.setHistory(history);
        QCOMPARE(chart.gapSeconds(), 3600);
        QCOMPARE(chart.latencyLines().size(), 2);
        QCOMPARE(chart.pointCount(), 16);
        // Inside a run, a status holds until the next check; over the gap there is none.
        QVERIFY(segmentAt(chart, start.addSecs(1800 + 60)));
        QVERIFY(!segmentAt(chart, start.addSecs(6 * 3600)));
        const auto *down = segmentAt(chart, start.addSecs(10 * 3600 + 3 * 1800 + 60));
        QVERIFY(down);
        STELLA_COMPARE_ENUM(down->status, HealthStatus::Unhealthy);
        QCOMPARE(down->to, start.addSecs(10 * 3600 + 4 * 1800));
        // Neighbours of one status merge: healthy, gap, healthy, unhealthy, healthy.
        QCOMPARE(chart.statusBand().size(), 4);
    }

    void saysSoWhenTheRangeHasNoChecks()
    {
        HealthHistory empty;
        empty.from = test::fixedNow().addDays(-7);
        empty.to = test::fixedNow();
        HealthChartView chart;
        chart.setHistory(empty);
        QCOMPARE(chart.pointCount(), 0);
        QVERIFY(chart.statusBand().isEmpty());
        QCOMPARE(chart.chart()->title(), QStringLiteral("No checks in this range"));
    }
};

QTEST_MAIN(TestHealthChartView)
#include "tst_healthchartview.moc"
