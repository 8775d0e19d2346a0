// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"
#include "core/scm/ScmAnnotation.h"

#include <QList>

namespace stella {

class Database;

// The annotation metrics of one tenant, kept in the catalog so a later `metrics` sees what
// `annotate` and the console did (docs/contracts.md §19.5):
//   scm_annotation_total{provider,operation,status}          counter
//   scm_annotation_duration_seconds{provider,operation}      histogram
// status is the delivery outcome (success, transient, permanent, offline); the histogram has
// the buckets of the test-connection histogram (metrics::durationBucketBounds).
struct AnnotationMetricsSnapshot
{
    struct Total
    {
        QString provider;
        QString operation;
        QString status;
        qint64 total = 0;
    };
    struct Histogram
    {
        QString provider;
        QString operation;
        QList<qint64> bucketCounts; // per bucket, then +Inf; not cumulative
        qint64 count = 0;
        qint64 sumMs = 0;
    };
    QList<Total> totals;
    QList<Histogram> durations;
};

class AnnotationMetrics
{
public:
    static Result<void> record(Database &db, const QString &tenantId, const QString &provider,
                               AnnotationKind operation, DeliveryOutcome outcome,
                               qint64 durationMs);
    static Result<AnnotationMetricsSnapshot> read(Database &db, const QString &tenantId);
    // Prometheus text format 0.0.4, series sorted: appended after the health metrics.
    static QString renderPrometheus(const AnnotationMetricsSnapshot &snapshot);
};

} // namespace stella
