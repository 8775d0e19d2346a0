// SPDX-License-Identifier: Apache-2.0
#include "HealthChartView.h"

#include "core/common/Clock.h"
#include "ui/common/RelativeTime.h"
#include "ui/common/StatusText.h"
#include "ui/views/StatusIcon.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QDateTimeAxis>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QToolTip>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace stella::ui {

namespace {
// The status band fills the bottom of the plot up to kBandTop (of a 0..1 axis); latency zero
// sits at kZeroAt, leaving a small gap between the band and the lowest line.
constexpr double kBandTop = 0.075;
constexpr double kZeroAt = 0.10;

const QList<HealthStatus> kStatuses{HealthStatus::Healthy, HealthStatus::Degraded,
                                    HealthStatus::Unhealthy, HealthStatus::Unknown};

QColor latencyColor()
{
    return QColor(0x2f, 0x6f, 0xd0);
}

qint64 msOf(const QDateTime &t)
{
    return t.toMSecsSinceEpoch();
}

// 1, 2 or 5 times a power of ten: tick steps an operator reads without arithmetic.
double niceStep(double roughStep)
{
    if (roughStep <= 0)
        return 1;
    const double power = std::pow(10.0, std::floor(std::log10(roughStep)));
    for (const double m : {1.0, 2.0, 5.0, 10.0})
        if (m * power >= roughStep)
            return m * power;
    return 10 * power;
}

QString latencyLabel(double ms)
{
    const QLocale locale;
    if (ms >= 10'000)
        return HealthChartView::tr("%1 s").arg(locale.toString(ms / 1000, 'g', 4));
    return HealthChartView::tr("%1 ms").arg(locale.toString(qint64(std::llround(ms))));
}

void hideFromLegend(QChart *chart, QAbstractSeries *series)
{
    const QList<QLegendMarker *> markers = chart->legend()->markers(series);
    for (QLegendMarker *m : markers)
        m->setVisible(false);
}
} // namespace

HealthChartView::HealthChartView(QWidget *parent)
    : QChartView(parent), m_time(new QDateTimeAxis), m_latency(new QCategoryAxis),
      m_bandAxis(new QValueAxis)
{
    setObjectName(QStringLiteral("healthChart"));
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(220);
    auto *c = chart();
    c->setBackgroundRoundness(0);
    c->setMargins(QMargins(4, 4, 4, 4));
    c->legend()->setAlignment(Qt::AlignBottom);
    c->legend()->setShowToolTips(true);
    // Data changes every few minutes: animation would only delay what the operator came for.
    c->setAnimationOptions(QChart::NoAnimation);

    // Month names and the latency figures in the console's language, not always English.
    chart()->setLocale(QLocale());
    chart()->setLocalizeNumbers(true);
    m_time->setTitleText(tr("Local time"));
    m_time->setTickCount(7);
    m_latency->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_latency->setTitleText(tr("Latency"));
    m_bandAxis->setRange(0, 1);
    m_bandAxis->setVisible(false);
    c->addAxis(m_time, Qt::AlignBottom);
    c->addAxis(m_latency, Qt::AlignLeft);
    c->addAxis(m_bandAxis, Qt::AlignRight);

    m_statusSeries = QList<QAreaSeries *>(kStatuses.size(), nullptr);
    setHistory({});
}

QColor HealthChartView::statusColor(HealthStatus status)
{
    return StatusIcon::color(status);
}

QAreaSeries *HealthChartView::statusSeries(HealthStatus status) const
{
    return m_statusSeries.value(int(status));
}

int HealthChartView::pointCount() const
{
    int n = 0;
    for (const QLineSeries *line : m_lines)
        n += int(line->count());
    return n;
}

void HealthChartView::clearSeries()
{
    chart()->removeAllSeries(); // deletes them, and the line series they own
    m_lines.clear();
    std::fill(m_statusSeries.begin(), m_statusSeries.end(), nullptr);
    m_band.clear();
}

void HealthChartView::setHistory(const HealthHistory &history)
{
    m_history = history;
    clearSeries();
    // The typical spacing between buckets: the median, so a few gaps or a burst of checks
    // (Check now, a monitor started in the middle) do not move it.
    QList<qint64> spacings;
    for (qsizetype n = 1; n < m_history.buckets.size(); ++n)
        spacings.append(m_history.buckets[n - 1].start.secsTo(m_history.buckets[n].start));
    qint64 typical = m_history.bucketSeconds;
    if (!spacings.isEmpty()) {
        std::nth_element(spacings.begin(), spacings.begin() + spacings.size() / 2, spacings.end());
        typical = std::max(typical, spacings[spacings.size() / 2]);
    }
    m_gapSeconds = 2 * typical;

    const QList<QList<HealthBucket>> runs = splitAtGaps();
    buildLatency(runs);
    buildBand(runs);
    updateAxes();
    chart()->setTitle(m_history.buckets.isEmpty() ? tr("No checks in this range") : QString());
}

QList<QList<HealthBucket>> HealthChartView::splitAtGaps() const
{
    QList<QList<HealthBucket>> runs;
    for (const HealthBucket &bucket : m_history.buckets) {
        if (runs.isEmpty() || runs.last().last().start.secsTo(bucket.start) > m_gapSeconds)
            runs.append(QList<HealthBucket>());
        runs.last().append(bucket);
    }
    return runs;
}

void HealthChartView::buildLatency(const QList<QList<HealthBucket>> &runs)
{
    QChart *c = chart();
    const QColor color = latencyColor();
    QColor bandFill = color;
    bandFill.setAlpha(55);
    bool first = true;
    for (const QList<HealthBucket> &run : runs) {
        // Min–max band first, so the average line is drawn over it.
        if (run.size() > 1) {
            auto *range = new QAreaSeries;
            auto *upper = new QLineSeries(range);
            auto *lower = new QLineSeries(range);
            for (const HealthBucket &b : run) {
                upper->append(double(msOf(b.start)), double(b.maxLatencyMs));
                lower->append(double(msOf(b.start)), double(b.minLatencyMs));
            }
            range->setUpperSeries(upper);
            range->setLowerSeries(lower);
            range->setName(tr("Min–max latency"));
            range->setBrush(bandFill);
            range->setPen(Qt::NoPen);
            c->addSeries(range);
            range->attachAxis(m_time);
            range->attachAxis(m_latency);
            if (!first)
                hideFromLegend(c, range);
        }
        auto *line = new QLineSeries;
        line->setName(tr("Average latency"));
        QPen pen(color);
        pen.setWidthF(1.6);
        line->setPen(pen);
        // A run of one bucket would be an invisible line of one point: show the point.
        line->setPointsVisible(run.size() == 1);
        QList<QPointF> points;
        points.reserve(run.size());
        for (const HealthBucket &b : run)
            points.append(QPointF(double(msOf(b.start)), b.avgLatencyMs));
        line->replace(points);
        c->addSeries(line);
        line->attachAxis(m_time);
        line->attachAxis(m_latency);
        connect(line, &QLineSeries::hovered, this, &HealthChartView::showBucketTip);
        if (!first)
            hideFromLegend(c, line);
        m_lines.append(line);
        first = false;
    }
}

void HealthChartView::buildBand(const QList<QList<HealthBucket>> &runs)
{
    // Each bucket's status holds until the next bucket of its run; the last one of a run
    // covers its own bucket. Neighbours of one status merge into one segment.
    for (const QList<HealthBucket> &run : runs) {
        for (qsizetype n = 0; n < run.size(); ++n) {
            const HealthBucket &b = run[n];
            QDateTime end =
                n + 1 < run.size() ? run[n + 1].start : b.start.addSecs(m_history.bucketSeconds);
            if (m_history.to.isValid())
                end = std::min(end, m_history.to);
            if (!m_band.isEmpty() && m_band.last().status == b.worst && m_band.last().to == b.start)
                m_band.last().to = end;
            else
                m_band.append({b.start, end, b.worst});
        }
    }
    QChart *c = chart();
    for (const HealthStatus status : kStatuses) {
        auto *area = new QAreaSeries;
        auto *upper = new QLineSeries(area);
        for (const BandSegment &s : std::as_const(m_band)) {
            if (s.status != status)
                continue;
            const double from = double(msOf(s.from));
            const double to = double(msOf(s.to));
            upper->append(from, 0);
            upper->append(from, kBandTop);
            upper->append(to, kBandTop);
            upper->append(to, 0);
        }
        area->setUpperSeries(upper);
        area->setName(statusText(status));
        area->setBrush(statusColor(status));
        area->setPen(Qt::NoPen);
        c->addSeries(area);
        area->attachAxis(m_time);
        area->attachAxis(m_bandAxis);
        if (upper->count() == 0)
            hideFromLegend(c, area); // the legend names the statuses this range has
        m_statusSeries[int(status)] = area;
    }
}

int HealthChartView::timeTickCount(qint64 spanSeconds)
{
    // A range of whole days gets a tick every day (or every few days), so no day's label is
    // skipped: 7 ticks over 7 days were 28 h apart and left one date out (issue #13 item 9).
    constexpr qint64 kDay = 86'400;
    const qint64 days = (spanSeconds + kDay / 2) / kDay;
    // Within an hour of whole days: a history's range may be rounded to its buckets.
    if (spanSeconds > 2 * kDay && std::llabs(spanSeconds - days * kDay) <= kDay / 24) {
        for (const qint64 step : {1, 2, 3, 5, 6, 7, 10, 15, 30})
            if (days % step == 0 && days / step <= 10)
                return int(days / step) + 1;
    }
    return 7;
}

void HealthChartView::updateAxes()
{
    QDateTime from = m_history.from;
    QDateTime to = m_history.to;
    if (!from.isValid() || !to.isValid() || from >= to) {
        to = utcFromSecsSinceEpoch(86'400); // an empty chart still needs an axis
        from = to.addDays(-1);
    }
    m_time->setRange(from, to); // shown in local time, like the range editors
    const qint64 span = from.secsTo(to);
    // The day's format is the translator's: "MMM d" in English, "d. MMM" in German.
    m_time->setFormat(span <= 2 * 86'400
                          ? QStringLiteral("HH:mm")
                          : tr("MMM d", "QDateTime format of the 7 d and 30 d axis"));
    m_time->setTickCount(timeTickCount(span));

    double top = 0;
    for (const HealthBucket &b : std::as_const(m_history.buckets))
        top = std::max(top, double(std::max<qint64>(b.maxLatencyMs, qint64(b.avgLatencyMs))));
    const double step = niceStep(std::max(top, 1.0) / 4);
    const double axisTop = std::max(step, std::ceil(top * 1.05 / step) * step);
    // Zero sits kZeroAt up the plot: the status band lives below it.
    const double axisBottom = -axisTop * kZeroAt / (1 - kZeroAt);
    const QStringList old = m_latency->categoriesLabels();
    for (const QString &label : old)
        m_latency->remove(label);
    m_latency->setStartValue(axisBottom);
    for (double v = 0; v <= axisTop + step / 2; v += step)
        m_latency->append(latencyLabel(v), v);
    m_latency->setRange(axisBottom, axisTop);
}

QPoint HealthChartView::bandPosition(const QDateTime &time) const
{
    QAreaSeries *series = m_statusSeries.value(0);
    if (!series)
        return {};
    const QPointF inChart =
        chart()->mapToPosition(QPointF(double(msOf(time)), kBandTop / 2), series);
    return mapFromScene(chart()->mapToScene(inChart));
}

void HealthChartView::showBucketTip(const QPointF &point, bool state)
{
    if (!state) {
        QToolTip::hideText();
        return;
    }
    // The bucket nearest the pointer on the time axis.
    const auto &buckets = m_history.buckets;
    if (buckets.isEmpty())
        return;
    const qint64 x = qint64(point.x());
    auto it = std::min_element(
        buckets.begin(), buckets.end(), [x](const HealthBucket &a, const HealthBucket &b) {
            return std::llabs(msOf(a.start) - x) < std::llabs(msOf(b.start) - x);
        });
    const HealthBucket &b = *it;
    const QLocale locale;
    QToolTip::showText(QCursor::pos(),
                       tr("%1 (+%2 min)\n%3, worst %4\nlatency avg %5 · min %6 · max %7")
                           .arg(localTimeText(b.start))
                           .arg(locale.toString(m_history.bucketSeconds / 60))
                           .arg(b.checks == 1 ? tr("1 check") : tr("%Ln checks", nullptr, b.checks))
                           .arg(statusText(b.worst))
                           .arg(latencyLabel(b.avgLatencyMs), latencyLabel(double(b.minLatencyMs)),
                                latencyLabel(double(b.maxLatencyMs))),
                       this);
}

} // namespace stella::ui
