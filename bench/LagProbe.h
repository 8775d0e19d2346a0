// SPDX-License-Identifier: Apache-2.0
#pragma once

// How late the GUI thread's event loop is, for the console lag benches (ConsoleLagBench,
// GuardLagBench): a precise 5 ms single-shot timer, re-armed as soon as it fires, whose
// lateness (fire time - due time) is one sample.

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>
#include <algorithm>

namespace stella::bench {

class LagProbe : public QObject
{
public:
    static constexpr int kPeriodMs = 5;

    LagProbe()
    {
        m_timer.setSingleShot(true);
        m_timer.setTimerType(Qt::PreciseTimer);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            m_samples.append(double(m_clock.nsecsElapsed() - m_due) / 1e6);
            arm();
        });
        m_clock.start();
    }

    void start()
    {
        m_samples.clear();
        arm();
    }
    QList<double> stop()
    {
        m_timer.stop();
        return m_samples;
    }

private:
    void arm()
    {
        m_due = m_clock.nsecsElapsed() + qint64(kPeriodMs) * 1'000'000;
        m_timer.start(kPeriodMs);
    }

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_due = 0;
    QList<double> m_samples;
};

// "p50 … ms, p99 … ms, max … ms, N samples".
inline QString describeLag(QList<double> samples)
{
    if (samples.isEmpty())
        return QStringLiteral("no samples");
    std::sort(samples.begin(), samples.end());
    const auto at = [&samples](double q) {
        return samples[std::min(qsizetype(q * double(samples.size())), samples.size() - 1)];
    };
    return QStringLiteral("p50 %1 ms, p99 %2 ms, max %3 ms, %4 samples")
        .arg(at(0.5), 0, 'f', 2)
        .arg(at(0.99), 0, 'f', 2)
        .arg(samples.last(), 0, 'f', 2)
        .arg(samples.size());
}

} // namespace stella::bench
