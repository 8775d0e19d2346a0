// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"
#include "core/health/HealthMonitor.h"

#include <QDateTime>
#include <QLabel>
#include <QPointer>
#include <QTimer>

namespace stella {
class Clock;
}

namespace stella::ui {

// The health monitor's state in one short status-bar line: "Monitor: checking 3…",
// "Monitor: last sweep 10:32 · 12 checked", "Monitor: catalog unavailable — 4 results kept";
// the tooltip has the details (interval, concurrency, the last sweep's counts, the error).
//
// The monitor signals results, not the start of a sweep, so while it runs the label also looks
// at its counters once a second: a handful of integer reads, nothing that touches the catalog.
class MonitorStatusLabel : public QLabel
{
    Q_OBJECT

public:
    explicit MonitorStatusLabel(const Clock &clock, QWidget *parent = nullptr);

    // The monitor to show (nullptr: none, "Monitor: off"). Not owned.
    void setMonitor(HealthMonitor *monitor);
    // Forgets the last sweep and the outage (a new catalog or tenant).
    void reset();

public Q_SLOTS:
    void refresh();

private:
    QPointer<HealthMonitor> m_monitor;
    const Clock &m_clock;
    QTimer m_poll;
    QDateTime m_lastSweep;
    SweepSummary m_last;
    bool m_catalogDown = false;
    QString m_catalogError;
};

} // namespace stella::ui
