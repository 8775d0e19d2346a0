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

QString formatUtc(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime parseUtc(const QString &text)
{
    if (text.isEmpty())
        return {};
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text, Qt::ISODate);
    if (t.isValid() && t.timeSpec() == Qt::LocalTime)
        t.setTimeZone(QTimeZone::utc()); // stored times without a zone are UTC by contract
    return t.toUTC();
}

} // namespace stella
