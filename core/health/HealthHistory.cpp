// SPDX-License-Identifier: Apache-2.0
#include "HealthHistory.h"

#include "core/common/Clock.h"

#include <QJsonArray>
#include <QMap>
#include <algorithm>
#include <cmath>

namespace stella {

QJsonObject HealthBucket::toJson() const
{
    return QJsonObject{{QStringLiteral("start"), formatUtc(start)},
                       {QStringLiteral("checks"), checks},
                       {QStringLiteral("upChecks"), upChecks},
                       {QStringLiteral("minLatencyMs"), minLatencyMs},
                       {QStringLiteral("avgLatencyMs"), std::round(avgLatencyMs * 10) / 10},
                       {QStringLiteral("maxLatencyMs"), maxLatencyMs},
                       {QStringLiteral("worstStatus"), toString(worst)}};
}

bool HealthBucket::operator==(const HealthBucket &o) const
{
    return start == o.start && checks == o.checks && upChecks == o.upChecks &&
           knownChecks == o.knownChecks && minLatencyMs == o.minLatencyMs &&
           std::abs(avgLatencyMs - o.avgLatencyMs) < 1e-6 && maxLatencyMs == o.maxLatencyMs &&
           worst == o.worst;
}

int HealthHistory::checks() const
{
    int n = 0;
    for (const HealthBucket &b : buckets)
        n += b.checks;
    return n;
}

double HealthHistory::uptimePercent() const
{
    qint64 up = 0;
    qint64 known = 0;
    for (const HealthBucket &b : buckets) {
        up += b.upChecks;
        known += b.knownChecks;
    }
    return known == 0 ? -1.0 : 100.0 * double(up) / double(known);
}

QJsonObject HealthHistory::toJson() const
{
    QJsonArray points;
    for (const HealthBucket &b : buckets)
        points.append(b.toJson());
    const double uptime = uptimePercent();
    return QJsonObject{{QStringLiteral("from"), formatUtc(from)},
                       {QStringLiteral("to"), formatUtc(to)},
                       {QStringLiteral("bucketSeconds"), bucketSeconds},
                       {QStringLiteral("checks"), checks()},
                       {QStringLiteral("uptimePercent"),
                        uptime < 0 ? QJsonValue() : QJsonValue(std::round(uptime * 100) / 100)},
                       {QStringLiteral("points"), points}};
}

namespace healthhistory {

qint64 bucketSecondsFor(const QDateTime &from, const QDateTime &to, int maxPoints)
{
    static constexpr qint64 steps[] = {60,    120,   300,   600,   900,    1800,   3600,   7200,
                                       10800, 21600, 43200, 86400, 172800, 604800, 2592000};
    maxPoints = std::max(1, maxPoints);
    const qint64 range = std::max<qint64>(1, from.secsTo(to));
    for (qint64 step : steps) {
        // +1: an unaligned range can touch one more bucket than range/step.
        if (range / step + 1 <= maxPoints)
            return step;
    }
    const qint64 last = steps[std::size(steps) - 1];
    return ((range / maxPoints) / last + 1) * last;
}

QDateTime bucketStart(const QDateTime &time, qint64 bucketSeconds)
{
    const qint64 secs = time.toSecsSinceEpoch();
    // Floor division: times before 1970 still land in the bucket below them.
    const qint64 start = secs >= 0
                             ? secs - secs % bucketSeconds
                             : secs - ((secs % bucketSeconds) + bucketSeconds) % bucketSeconds;
    return utcFromSecsSinceEpoch(start);
}

HealthHistory downsample(const QList<HealthCheckRecord> &checks, const QDateTime &from,
                         const QDateTime &to, qint64 bucketSeconds)
{
    struct Acc
    {
        HealthBucket bucket;
        qint64 latencySum = 0;
        int latencyCount = 0;
    };
    QMap<qint64, Acc> byStart;
    for (const HealthCheckRecord &r : checks) {
        if (r.checkedAt < from || r.checkedAt >= to)
            continue;
        const QDateTime start = bucketStart(r.checkedAt, bucketSeconds);
        Acc &acc = byStart[start.toSecsSinceEpoch()];
        HealthBucket &b = acc.bucket;
        b.start = start;
        if (acc.latencyCount == 0) {
            b.minLatencyMs = r.latencyMs;
            b.maxLatencyMs = r.latencyMs;
        }
        b.minLatencyMs = std::min(b.minLatencyMs, r.latencyMs);
        b.maxLatencyMs = std::max(b.maxLatencyMs, r.latencyMs);
        acc.latencySum += r.latencyMs;
        ++acc.latencyCount;
        ++b.checks;
        if (r.status != HealthStatus::Unknown)
            ++b.knownChecks;
        if (r.status == HealthStatus::Healthy || r.status == HealthStatus::Degraded)
            ++b.upChecks;
        if (severityRank(r.status) > severityRank(b.worst))
            b.worst = r.status;
    }
    HealthHistory history;
    history.from = from;
    history.to = to;
    history.bucketSeconds = bucketSeconds;
    for (Acc &acc : byStart) {
        acc.bucket.avgLatencyMs = double(acc.latencySum) / double(acc.latencyCount);
        history.buckets.append(acc.bucket);
    }
    return history;
}

} // namespace healthhistory
} // namespace stella
