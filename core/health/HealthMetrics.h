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

    // Stella Ops' own names (docs/contracts.md §15), for the same tenant:
    //   integration_health_status{type,tenant}   gauge: the worst status of the type (§4 order)
    //   integration_health_latency_ms            histogram of health-check latencies
    //   integration_crud_total{action}           counter of catalog changes, from the audit log
    struct LatencyHistogram
    {
        QList<qint64> bucketCounts; // per bucket of latencyBucketBoundsMs(), then +Inf
        qint64 count = 0;
        qint64 sumMs = 0;
    };
    struct CrudTotal
    {
        QString action;
        qint64 total = 0;
    };
    QString tenant;
    LatencyHistogram healthLatency;
    QList<CrudTotal> crud;
};

namespace metrics {

// Upper bounds, in seconds, of the test-connection histogram's buckets (+Inf follows).
const QList<double> &durationBucketBounds();
// The bucket a duration falls in: the first bound it does not exceed, or the +Inf bucket.
int durationBucketIndex(qint64 durationMs);

// Upper bounds, in milliseconds, of the health-check latency histogram's buckets (+Inf follows).
const QList<qint64> &latencyBucketBoundsMs();
int latencyBucketIndex(qint64 latencyMs);
// integration_health_status's value for a status: its place in §4's order (Unknown 0, Healthy
// 1, Degraded 2, Unhealthy 3), so the worst of a type is the maximum.
int statusCode(HealthStatus status);

// The Prometheus text exposition format (version 0.0.4): HELP and TYPE lines, label values
// escaped, series sorted, so the same catalog prints the same bytes.
QString renderPrometheus(const MetricsSnapshot &snapshot);

} // namespace metrics
} // namespace stella
