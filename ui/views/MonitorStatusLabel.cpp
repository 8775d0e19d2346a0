// SPDX-License-Identifier: Apache-2.0
#include "MonitorStatusLabel.h"

#include "core/common/Clock.h"
#include "ui/common/RelativeTime.h"

#include <QLocale>

namespace stella::ui {

MonitorStatusLabel::MonitorStatusLabel(const Clock &clock, QWidget *parent)
    : QLabel(parent), m_clock(clock)
{
    setObjectName(QStringLiteral("monitorStatus"));
    m_poll.setInterval(1000);
    connect(&m_poll, &QTimer::timeout, this, &MonitorStatusLabel::refresh);
    refresh();
}

void MonitorStatusLabel::setMonitor(HealthMonitor *monitor)
{
    if (m_monitor)
        m_monitor->disconnect(this);
    m_monitor = monitor;
    reset();
    if (monitor) {
        connect(monitor, &HealthMonitor::checkRecorded, this, &MonitorStatusLabel::refresh);
        connect(monitor, &HealthMonitor::sweepFinished, this, [this](const SweepSummary &summary) {
            m_last = summary;
            m_lastSweep = m_clock.now();
            refresh();
        });
        connect(monitor, &HealthMonitor::catalogUnavailable, this, [this](const Error &error) {
            m_catalogDown = true;
            m_catalogError = error.toText();
            refresh();
        });
        connect(monitor, &HealthMonitor::catalogRestored, this, [this] {
            m_catalogDown = false;
            m_catalogError.clear();
            refresh();
        });
    }
    refresh();
}

void MonitorStatusLabel::reset()
{
    m_lastSweep = {};
    m_last = {};
    m_catalogDown = false;
    m_catalogError.clear();
    refresh();
}

void MonitorStatusLabel::refresh()
{
    const QLocale locale;
    HealthMonitor *monitor = m_monitor.data();
    if (!monitor || !monitor->isRunning()) {
        m_poll.stop();
        setText(tr("Monitor: off"));
        setToolTip(tr("No health monitor is running: statuses change only with "
                      "Check now, or when another monitor writes to the catalog."));
        return;
    }
    if (!m_poll.isActive())
        m_poll.start();
    const MonitorSettings &settings = monitor->settings();
    const int busy = monitor->inFlight() + monitor->queued();
    QString text;
    if (m_catalogDown)
        text = tr("Monitor: catalog unavailable — %1 kept")
                   .arg(monitor->pendingWrites() == 1
                            ? tr("1 result")
                            : tr("%Ln results", nullptr, monitor->pendingWrites()));
    else if (busy > 0)
        text = tr("Monitor: checking %1…").arg(locale.toString(busy));
    else if (m_lastSweep.isValid())
        text = tr("Monitor: last sweep %1 · %2 checked")
                   .arg(QLocale().toString(m_lastSweep.toLocalTime().time(), QLocale::ShortFormat),
                        locale.toString(m_last.checked));
    else
        text = tr("Monitor: starting…");
    setText(text);

    QStringList tip;
    tip << tr("Checks every monitored integration every %1 s (or its own "
              "healthCheckInterval), %2 at a time.")
               .arg(settings.defaultIntervalMs / 1000)
               .arg(settings.concurrency);
    if (m_lastSweep.isValid())
        tip << tr("Last sweep %1: %2 checked, %3 unhealthy, %4 timed out, %5 checked "
                  "by another monitor, %6 waiting to be written.")
                   .arg(localTimeText(m_lastSweep, true))
                   .arg(m_last.checked)
                   .arg(m_last.unhealthy)
                   .arg(m_last.timedOut)
                   .arg(m_last.leasedElsewhere)
                   .arg(m_last.notRecorded);
    if (m_catalogDown)
        tip << tr("The catalog does not take results: %1\nThe monitor keeps them "
                  "and writes them when it is back.")
                   .arg(m_catalogError);
    setToolTip(tip.join(QLatin1Char('\n')));
}

} // namespace stella::ui
