// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/health/HealthHistory.h"

#include <QChartView>
#include <QList>

class QAreaSeries;
class QCategoryAxis;
class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace stella::ui {

// The Health tab's chart of one integration's downsampled history (HealthHistory): the average
// latency as a line, the min–max latency as a translucent band around it, and beneath them a
// status band coloured by each bucket's worst status (the list's colours: Healthy green,
// Degraded amber, Unhealthy red, Unknown grey).
//
// Gaps are shown as gaps. A bucket without checks is simply missing from the history, and
// checks come at an interval (every 30 min in the sandbox, 5 min by default) that may be longer
// than a bucket (2 min for 24 h), so "no bucket" alone cannot mean "no checks". The chart takes
// the typical spacing between buckets (the median) and breaks the line, the band and the status
// where two buckets are more than twice that apart; between closer buckets a status holds until
// the next check, as an operator reads a state timeline.
//
// Everything is drawn with Qt Charts series, nothing painted by hand: the status band is one
// QAreaSeries per status (rectangles on a hidden 0..1 axis in the bottom strip of the plot),
// and the latency axis starts below zero so zero sits just above that strip. The latency axis
// is a QCategoryAxis so that only the non-negative ticks are labelled.
class HealthChartView : public QChartView
{
    Q_OBJECT

public:
    // A stretch of the status band: one status from `from` to `to`.
    struct BandSegment
    {
        QDateTime from;
        QDateTime to;
        HealthStatus status = HealthStatus::Unknown;
    };

    explicit HealthChartView(QWidget *parent = nullptr);

    void setHistory(const HealthHistory &history);
    const HealthHistory &history() const { return m_history; }

    const QList<BandSegment> &statusBand() const { return m_band; }
    // One series per run of buckets without a gap.
    const QList<QLineSeries *> &latencyLines() const { return m_lines; }
    QAreaSeries *statusSeries(HealthStatus status) const;
    // Points in the latency lines: one per bucket with checks.
    int pointCount() const;
    // Where the status band is drawn at `time`, in this widget's coordinates.
    QPoint bandPosition(const QDateTime &time) const;
    // The spacing above which two buckets are a gap, in seconds.
    qint64 gapSeconds() const { return m_gapSeconds; }

    static QColor statusColor(HealthStatus status);
    // Ticks on the time axis for a range of spanSeconds: one a day (or every few days) for whole
    // days, so every day of "7 d" has its label.
    static int timeTickCount(qint64 spanSeconds);

private:
    void clearSeries();
    void buildBand(const QList<QList<HealthBucket>> &runs);
    void buildLatency(const QList<QList<HealthBucket>> &runs);
    void updateAxes();
    QList<QList<HealthBucket>> splitAtGaps() const;
    void showBucketTip(const QPointF &point, bool state);

    HealthHistory m_history;
    QList<BandSegment> m_band;
    QList<QLineSeries *> m_lines;
    QList<QAreaSeries *> m_statusSeries; // indexed by HealthStatus
    qint64 m_gapSeconds = 0;
    QDateTimeAxis *m_time;
    QCategoryAxis *m_latency;
    QValueAxis *m_bandAxis;
};

} // namespace stella::ui
