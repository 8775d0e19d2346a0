// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/Integration.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>

namespace stella {

// One bucket of a downsampled health history: every check whose time falls in
// [start, start + bucketSeconds).
struct HealthBucket
{
    QDateTime start;
    int checks = 0;
    int upChecks = 0;    // Healthy or Degraded: the service answered
    int knownChecks = 0; // every status but Unknown
    qint64 minLatencyMs = 0;
    double avgLatencyMs = 0;
    qint64 maxLatencyMs = 0;
    HealthStatus worst =
        HealthStatus::Unknown; // by severityRank: Unhealthy > Degraded > Healthy > Unknown

    QJsonObject toJson() const;
    bool operator==(const HealthBucket &other) const;
};

// A time range of one integration's history, as the chart and `health ID` show it. Empty
// buckets are left out: a gap in the line is a time without checks, not a zero latency.
struct HealthHistory
{
    QDateTime from; // inclusive
    QDateTime to;   // exclusive
    qint64 bucketSeconds = 60;
    QList<HealthBucket> buckets;

    int checks() const;
    // Share of checks (with a known status) that found the service up, in percent; -1 when
    // the range holds no check.
    double uptimePercent() const;
    QJsonObject toJson() const;
};

namespace healthhistory {

constexpr int kDefaultMaxPoints = 1000;

// The smallest "round" bucket (1, 2, 5, 10, 15, 30 min, 1, 2, 3, 6, 12 h, 1 d, ...) that keeps
// the range within maxPoints buckets. Buckets start at multiples of their size since the Unix
// epoch, so the same range always cuts the same way whoever asks.
qint64 bucketSecondsFor(const QDateTime &from, const QDateTime &to,
                        int maxPoints = kDefaultMaxPoints);

// The epoch-aligned start of the bucket holding `time`.
QDateTime bucketStart(const QDateTime &time, qint64 bucketSeconds);

// The reference downsampling, in memory: what the catalog's SQL aggregation must equal.
HealthHistory downsample(const QList<HealthCheckRecord> &checks, const QDateTime &from,
                         const QDateTime &to, qint64 bucketSeconds);

} // namespace healthhistory
} // namespace stella
