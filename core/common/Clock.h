// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDateTime>

namespace stella {

// Where "now" comes from. Injected everywhere a timestamp is written so tests and exports are
// byte-for-byte reproducible.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const = 0; // always UTC
};

class SystemClock final : public Clock
{
public:
    QDateTime now() const override;
    static SystemClock &instance();
};

// A clock that only moves when told to: for tests and deterministic seeding.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(QDateTime start);
    QDateTime now() const override { return m_now; }
    void set(QDateTime now) { m_now = now.toUTC(); }
    void advanceMs(qint64 ms) { m_now = m_now.addMSecs(ms); }

private:
    QDateTime m_now;
};

// A UTC date-time, the cheap way on every Qt version: Qt::UTC before 6.5 (where
// QTimeZone::utc() builds a whole time zone per call), QTimeZone::UTC from 6.5 on (where the
// Qt::TimeSpec constructors are deprecated, which warnings-as-errors would refuse on Debian 13).
QDateTime utcDateTime(QDate date, QTime time);
QDateTime utcFromSecsSinceEpoch(qint64 seconds);

// Times as the catalog stores and prints them: ISO 8601, UTC, milliseconds, 'Z'.
QString formatUtc(const QDateTime &time);
QDateTime parseUtc(const QString &text);

} // namespace stella
