// SPDX-License-Identifier: Apache-2.0
#include "TestSupport.h"
#include "ui/common/RelativeTime.h"
#include "ui/models/HealthCheckTableModel.h"

#include <QAbstractItemModelTester>
#include <QIcon>
#include <QSignalSpy>
#include <QTest>

using namespace stella;
using namespace stella::ui;
using Col = HealthCheckTableModel::Column;

namespace {
HealthCheckRecord check(const QDateTime &at, HealthStatus status, qint64 latencyMs,
                        const QString &error = {})
{
    HealthCheckRecord r;
    r.integrationId = QUuid::createUuid();
    r.checkedAt = at;
    r.status = status;
    r.latencyMs = latencyMs;
    r.errorMessage = error;
    return r;
}
} // namespace

class TestHealthCheckTableModel : public QObject
{
    Q_OBJECT

private:
    ManualClock m_clock{test::fixedNow()};

private Q_SLOTS:
    void showsTimeStatusLatencyAndError()
    {
        HealthCheckTableModel model(m_clock);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), int(Col::ColumnCount));
        const QDateTime newest = test::fixedNow().addSecs(-120);
        model.setChecks({check(newest, HealthStatus::Unhealthy, 5000,
                               QStringLiteral("connection refused\nafter 3 attempts")),
                         check(newest.addSecs(-300), HealthStatus::Healthy, 1234)});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.headerData(Col::TimeColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Checked (local time, %1)")
                     .arg(QDateTime::currentDateTime().timeZoneAbbreviation()));
        // Local time on screen; UTC and "how long ago" in the tooltip.
        QCOMPARE(model.index(0, Col::TimeColumn).data().toString(), localTimeText(newest, true));
        QCOMPARE(model.index(0, Col::TimeColumn).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("2026-01-15 09:58:00 UTC (2 min ago)"));
        QCOMPARE(
            model.index(0, Col::TimeColumn).data(HealthCheckTableModel::CheckedAtRole).toDateTime(),
            newest);
        QCOMPARE(model.index(0, Col::StatusColumn).data().toString(), QStringLiteral("Unhealthy"));
        QCOMPARE(model.index(0, Col::StatusColumn).data(HealthCheckTableModel::StatusRole).toInt(),
                 int(HealthStatus::Unhealthy));
        QVERIFY(
            !model.index(0, Col::StatusColumn).data(Qt::DecorationRole).value<QIcon>().isNull());
        QCOMPARE(model.index(1, Col::LatencyColumn)
                     .data(HealthCheckTableModel::LatencyRole)
                     .toLongLong(),
                 1234);
        QVERIFY(
            model.index(1, Col::LatencyColumn).data().toString().endsWith(QStringLiteral(" ms")));
        QCOMPARE(model.index(1, Col::LatencyColumn).data(Qt::TextAlignmentRole).toInt(),
                 int(Qt::AlignRight | Qt::AlignVCenter));
        // The first line of the error in the cell, all of it in the tooltip.
        QCOMPARE(model.index(0, Col::ErrorColumn).data().toString(),
                 QStringLiteral("connection refused"));
        QCOMPARE(model.index(0, Col::ErrorColumn).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("connection refused\nafter 3 attempts"));
        QVERIFY(model.index(1, Col::ErrorColumn).data().toString().isEmpty());
        QVERIFY(!model.index(2, Col::TimeColumn).data().isValid());
    }

    void aReloadReplacesEveryRowAtOnce()
    {
        HealthCheckTableModel model(m_clock);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QList<HealthCheckRecord> many;
        for (int n = 0; n < 500; ++n)
            many.append(check(test::fixedNow().addSecs(-60 * n), HealthStatus::Healthy, n));
        model.setChecks(many);
        QCOMPARE(model.rowCount(), 500);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(reset.size(), 2);
    }
};

QTEST_MAIN(TestHealthCheckTableModel)
#include "tst_healthchecktablemodel.moc"
