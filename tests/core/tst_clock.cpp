// SPDX-License-Identifier: Apache-2.0
// The catalog's time format: written and read by hand for speed, so checked against Qt's own.
#include "core/common/Clock.h"

#include <QTest>
#include <QTimeZone>

using namespace stella;

class TestClock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatMatchesQtIsoWithMs_data()
    {
        QTest::addColumn<QDateTime>("time");
        QTest::newRow("ordinary") << utcDateTime(QDate(2026, 11, 25), QTime(13, 5, 9, 7));
        QTest::newRow("midnight") << utcDateTime(QDate(2000, 1, 1), QTime(0, 0));
        QTest::newRow("end of year") << utcDateTime(QDate(1999, 12, 31), QTime(23, 59, 59, 999));
        QTest::newRow("leap day") << utcDateTime(QDate(2024, 2, 29), QTime(12, 0, 0, 500));
        QTest::newRow("year 1") << utcDateTime(QDate(1, 1, 1), QTime(0, 0));
        QTest::newRow("offset zone")
            << QDateTime(QDate(2026, 6, 1), QTime(10, 0), QTimeZone(2 * 3600)); // 08:00Z
    }

    void formatMatchesQtIsoWithMs()
    {
        QFETCH(QDateTime, time);
        QCOMPARE(formatUtc(time), time.toUTC().toString(Qt::ISODateWithMs));
        QCOMPARE(parseUtc(formatUtc(time)), time.toUTC());
    }

    void invalidFormatsAsEmpty() { QCOMPARE(formatUtc(QDateTime()), QString()); }

    void parsesOtherIsoFormsAsUtc_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("expected");
        const QDateTime t = utcDateTime(QDate(2026, 3, 4), QTime(5, 6, 7));
        QTest::newRow("canonical") << QStringLiteral("2026-03-04T05:06:07.000Z") << t;
        QTest::newRow("no millis") << QStringLiteral("2026-03-04T05:06:07Z") << t;
        QTest::newRow("no zone means UTC") << QStringLiteral("2026-03-04T05:06:07") << t;
        QTest::newRow("offset") << QStringLiteral("2026-03-04T07:06:07+02:00") << t;
    }

    void parsesOtherIsoFormsAsUtc()
    {
        QFETCH(QString, text);
        QFETCH(QDateTime, expected);
        QCOMPARE(parseUtc(text), expected);
        QCOMPARE(parseUtc(text).timeSpec(), Qt::UTC);
    }

    void rejectsGarbage_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("words") << QStringLiteral("yesterday");
        QTest::newRow("canonical shape, bad digits") << QStringLiteral("2026-13-04T05:06:07.000Z");
        QTest::newRow("canonical shape, letters") << QStringLiteral("2026-0a-04T05:06:07.000Z");
        QTest::newRow("canonical shape, hour 24") << QStringLiteral("2026-01-04T24:06:07.000Z");
    }

    void rejectsGarbage()
    {
        QFETCH(QString, text);
        QVERIFY(!parseUtc(text).isValid());
    }
};

QTEST_GUILESS_MAIN(TestClock)
#include "tst_clock.moc"
