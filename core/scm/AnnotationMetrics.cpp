// SPDX-License-Identifier: Apache-2.0
#include "AnnotationMetrics.h"

#include "core/health/HealthMetrics.h"
#include "core/health/PrometheusText.h"
#include "core/storage/Database.h"

#include <QCoreApplication>
#include <QMap>
#include <algorithm>
#include <tuple>

namespace stella {

namespace {
// The "doing" phrases of database errors ("… while saving integration 'x'"), which the
// console shows.
struct AnnotationMetricsText
{
    Q_DECLARE_TR_FUNCTIONS(stella::AnnotationMetrics)
};
} // namespace

using metrics::labels;
using metrics::number;

Result<void> AnnotationMetrics::record(Database &db, const QString &tenantId,
                                       const QString &provider, AnnotationKind operation,
                                       DeliveryOutcome outcome, qint64 durationMs)
{
    const QString doing = AnnotationMetricsText::tr("counting an annotation");
    if (auto r = db.execCached(
            QStringLiteral("INSERT INTO scm_annotation_totals (tenant_id, provider, operation,"
                           " status, total) VALUES (?, ?, ?, ?, 1)"
                           " ON CONFLICT (tenant_id, provider, operation, status)"
                           " DO UPDATE SET total = scm_annotation_totals.total + 1"),
            {tenantId, provider, toString(operation), toString(outcome)}, doing);
        !r)
        return r;
    return db.execCached(
        QStringLiteral("INSERT INTO scm_annotation_durations (tenant_id, provider, operation,"
                       " bucket, count, sum_ms) VALUES (?, ?, ?, ?, 1, ?)"
                       " ON CONFLICT (tenant_id, provider, operation, bucket)"
                       " DO UPDATE SET count = scm_annotation_durations.count + 1,"
                       " sum_ms = scm_annotation_durations.sum_ms + excluded.sum_ms"),
        {tenantId, provider, toString(operation), metrics::durationBucketIndex(durationMs),
         durationMs},
        doing);
}

Result<AnnotationMetricsSnapshot> AnnotationMetrics::read(Database &db, const QString &tenantId)
{
    const QString doing = AnnotationMetricsText::tr("reading the annotation metrics");
    AnnotationMetricsSnapshot snapshot;
    {
        QSqlQuery q = db.query();
        q.prepare(QStringLiteral("SELECT provider, operation, status, total"
                                 " FROM scm_annotation_totals WHERE tenant_id = ?"));
        q.addBindValue(tenantId);
        if (auto r = db.exec(q, doing); !r)
            return r.error();
        while (q.next())
            snapshot.totals.append({q.value(0).toString(), q.value(1).toString(),
                                    q.value(2).toString(), q.value(3).toLongLong()});
    }
    QSqlQuery q = db.query();
    q.prepare(QStringLiteral("SELECT provider, operation, bucket, count, sum_ms"
                             " FROM scm_annotation_durations WHERE tenant_id = ?"));
    q.addBindValue(tenantId);
    if (auto r = db.exec(q, doing); !r)
        return r.error();
    const int buckets = int(metrics::durationBucketBounds().size()) + 1;
    QMap<std::pair<QString, QString>, AnnotationMetricsSnapshot::Histogram> byKey;
    while (q.next()) {
        auto &h = byKey[{q.value(0).toString(), q.value(1).toString()}];
        if (h.bucketCounts.isEmpty()) {
            h.provider = q.value(0).toString();
            h.operation = q.value(1).toString();
            h.bucketCounts = QList<qint64>(buckets, 0);
        }
        const int bucket = std::clamp(q.value(2).toInt(), 0, buckets - 1);
        h.bucketCounts[bucket] += q.value(3).toLongLong();
        h.count += q.value(3).toLongLong();
        h.sumMs += q.value(4).toLongLong();
    }
    snapshot.durations = byKey.values();
    return snapshot;
}

QString AnnotationMetrics::renderPrometheus(const AnnotationMetricsSnapshot &snapshot)
{
    QString out;
    auto totals = snapshot.totals;
    std::sort(totals.begin(), totals.end(), [](const auto &a, const auto &b) {
        return std::tie(a.provider, a.operation, a.status) <
               std::tie(b.provider, b.operation, b.status);
    });
    metrics::header(out, "scm_annotation_total", "counter",
                    "Annotations delivered to SCM providers, by provider, operation and outcome.");
    for (const auto &t : totals)
        out +=
            QStringLiteral("scm_annotation_total%1 %2\n")
                .arg(labels(
                    {{"provider", t.provider}, {"operation", t.operation}, {"status", t.status}}))
                .arg(t.total);
    metrics::header(out, "scm_annotation_duration_seconds", "histogram",
                    "Duration of annotation deliveries, by provider and operation.");
    const QList<double> &bounds = metrics::durationBucketBounds();
    for (const auto &h : snapshot.durations) {
        qint64 cumulative = 0;
        for (int i = 0; i <= bounds.size(); ++i) {
            cumulative += i < h.bucketCounts.size() ? h.bucketCounts[i] : 0;
            const QString le = i < bounds.size() ? number(bounds[i]) : QStringLiteral("+Inf");
            out +=
                QStringLiteral("scm_annotation_duration_seconds_bucket%1 %2\n")
                    .arg(labels({{"provider", h.provider}, {"operation", h.operation}, {"le", le}}))
                    .arg(cumulative);
        }
        const QString l = labels({{"provider", h.provider}, {"operation", h.operation}});
        out += QStringLiteral("scm_annotation_duration_seconds_sum%1 %2\n")
                   .arg(l, number(double(h.sumMs) / 1000.0));
        out += QStringLiteral("scm_annotation_duration_seconds_count%1 %2\n").arg(l).arg(h.count);
    }
    return out;
}

} // namespace stella
