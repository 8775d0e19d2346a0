// SPDX-License-Identifier: Apache-2.0
#include "Clock.h"

#include <QTimeZone>

namespace stella {

QDateTime SystemClock::now() const
{
    return QDateTime::currentDateTimeUtc();
}

SystemClock &SystemClock::instance()
{
    static SystemClock clock;
    return clock;
}

ManualClock::ManualClock(QDateTime start) : m_now(start.toUTC()) {}

QDateTime utcDateTime(QDate date, QTime time)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    return QDateTime(date, time, QTimeZone::UTC);
#else
    return QDateTime(date, time, Qt::UTC);
#endif
}

QDateTime utcFromSecsSinceEpoch(qint64 seconds)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    return QDateTime::fromSecsSinceEpoch(seconds, QTimeZone::UTC);
#else
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
#endif
}

QString formatUtc(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    // Written by hand: QDateTime::toString(Qt::ISODateWithMs) goes through QString::asprintf
    // and was the largest single cost of listing a big catalog.
    const QDateTime utc = time.toUTC();
    const QDate d = utc.date();
    const QTime t = utc.time();
    if (d.year() < 0 || d.year() > 9999)
        return utc.toString(Qt::ISODateWithMs);
    char buf[24];
    auto put = [&buf](int at, int value, int digits) {
        for (int n = digits - 1; n >= 0; --n, value /= 10)
            buf[at + n] = char('0' + value % 10);
    };
    put(0, d.year(), 4);
    buf[4] = '-';
    put(5, d.month(), 2);
    buf[7] = '-';
    put(8, d.day(), 2);
    buf[10] = 'T';
    put(11, t.hour(), 2);
    buf[13] = ':';
    put(14, t.minute(), 2);
    buf[16] = ':';
    put(17, t.second(), 2);
    buf[19] = '.';
    put(20, t.msec(), 3);
    buf[23] = 'Z';
    return QString::fromLatin1(buf, sizeof buf);
}

namespace {
// The catalog's own form, "YYYY-MM-DDTHH:MM:SS.mmmZ", parsed without QDateTime::fromString.
QDateTime parseCanonicalUtc(const QString &text)
{
    if (text.size() != 24 || text[4] != u'-' || text[7] != u'-' || text[10] != u'T' ||
        text[13] != u':' || text[16] != u':' || text[19] != u'.' || text[23] != u'Z')
        return {};
    bool ok = true;
    auto num = [&](int at, int digits) {
        int value = 0;
        for (int n = 0; n < digits; ++n) {
            const char16_t c = text[at + n].unicode();
            if (c < u'0' || c > u'9')
                ok = false;
            value = value * 10 + (c - u'0');
        }
        return value;
    };
    const QDate date(num(0, 4), num(5, 2), num(8, 2));
    const QTime time(num(11, 2), num(14, 2), num(17, 2), num(20, 3));
    if (!ok || !date.isValid() || !time.isValid())
        return {};
    return utcDateTime(date, time);
}
} // namespace

QDateTime parseUtc(const QString &text)
{
    if (text.isEmpty())
        return {};
    if (const QDateTime fast = parseCanonicalUtc(text); fast.isValid())
        return fast;
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text, Qt::ISODate);
    if (t.isValid() && t.timeSpec() == Qt::LocalTime)
        t.setTimeZone(QTimeZone::utc()); // stored times without a zone are UTC by contract
    return t.toUTC();
}

} // namespace stella
