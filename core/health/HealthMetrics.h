// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/Enums.h"

#include <QList>
#include <QString>

namespace stella {

// The catalog's metrics for one tenant, read from the catalog so a one-shot
// `stella-integrations metrics` sees what every console and monitor recorded:
//   integrations_health_check_total{provider,status}            counter
//   integrations_test_connection_duration_seconds{provider}     histogram
//   integrations_catalog_integrations{type,provider,status}      gauge
// Counters live in their own table, incremented with each write, so pruning history by
// retention never makes a counter go backwards.
struct MetricsSnapshot
{
    struct HealthCheckTotal
    {
        QString provider;
        HealthStatus status = HealthStatus::Unknown;
        qint64 total = 0;
    };
    struct DurationHistogram
    {
        QString provider;
        QList<qint64>
            bucketCounts; // per bucket of durationBucketBounds(), then +Inf; not cumulative
        qint64 count = 0;
        qint64 sumMs = 0;
    };
    struct CatalogCount
    {
        IntegrationType type = IntegrationType::Registry;
        QString provider;
        HealthStatus status = HealthStatus::Unknown;
        qint64 count = 0;
    };

    QList<HealthCheckTotal> healthChecks;
    QList<DurationHistogram> testConnectionDurations;
    QList<CatalogCount> integrations;
};

namespace metrics {

// Upper bounds, in seconds, of the test-connection histogram's buckets (+Inf follows).
const QList<double> &durationBucketBounds();
// The bucket a duration falls in: the first bound it does not exceed, or the +Inf bucket.
int durationBucketIndex(qint64 durationMs);

// The Prometheus text exposition format (version 0.0.4): HELP and TYPE lines, label values
// escaped, series sorted, so the same catalog prints the same bytes.
QString renderPrometheus(const MetricsSnapshot &snapshot);

} // namespace metrics
} // namespace stella
