// SPDX-License-Identifier: Apache-2.0
#include "HealthMetrics.h"

#include "core/health/PrometheusText.h"

#include <QMap>
#include <algorithm>
#include <tuple>

namespace stella::metrics {

const QList<double> &durationBucketBounds()
{
    static const QList<double> bounds{0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
    return bounds;
}

int durationBucketIndex(qint64 durationMs)
{
    const QList<double> &bounds = durationBucketBounds();
    for (int i = 0; i < bounds.size(); ++i)
        if (double(durationMs) <= bounds[i] * 1000.0)
            return i;
    return int(bounds.size());
}

const QList<qint64> &latencyBucketBoundsMs()
{
    static const QList<qint64> bounds{5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000};
    return bounds;
}

int latencyBucketIndex(qint64 latencyMs)
{
    const QList<qint64> &bounds = latencyBucketBoundsMs();
    for (int i = 0; i < bounds.size(); ++i)
        if (latencyMs <= bounds[i])
            return i;
    return int(bounds.size());
}

namespace {
// Stella Ops' integration_* families, after the console's own.
void renderStellaOpsFamilies(QString &out, const MetricsSnapshot &snapshot)
{
    QMap<QString, int> worst; // type name -> status code; sorted by type name
    for (const auto &c : snapshot.integrations)
        if (c.count > 0)
            worst[toString(c.type)] =
                std::max(worst.value(toString(c.type)), severityRank(c.status));
    header(out, "integration_health_status", "gauge",
           "Worst health status of the tenant's live integrations of a type: 0 Unknown, "
           "1 Healthy, 2 Degraded, 3 Unhealthy.");
    for (auto it = worst.begin(); it != worst.end(); ++it)
        out += QStringLiteral("integration_health_status%1 %2\n")
                   .arg(labels({{"type", it.key()}, {"tenant", snapshot.tenant}}))
                   .arg(it.value());

    header(out, "integration_health_latency_ms", "histogram",
           "Latency of recorded health checks, in milliseconds.");
    const MetricsSnapshot::LatencyHistogram &h = snapshot.healthLatency;
    const QList<qint64> &bounds = latencyBucketBoundsMs();
    qint64 cumulative = 0;
    for (int i = 0; i <= bounds.size(); ++i) {
        cumulative += i < h.bucketCounts.size() ? h.bucketCounts[i] : 0;
        const QString le = i < bounds.size() ? QString::number(bounds[i]) : QStringLiteral("+Inf");
        out += QStringLiteral("integration_health_latency_ms_bucket%1 %2\n")
                   .arg(labels({{"le", le}}))
                   .arg(cumulative);
    }
    out += QStringLiteral("integration_health_latency_ms_sum %1\n").arg(h.sumMs);
    out += QStringLiteral("integration_health_latency_ms_count %1\n").arg(h.count);

    auto crud = snapshot.crud;
    std::sort(crud.begin(), crud.end(),
              [](const auto &a, const auto &b) { return a.action < b.action; });
    header(out, "integration_crud_total", "counter",
           "Changes to the catalog's integrations, by action (create, update, delete, import).");
    for (const auto &c : crud)
        out += QStringLiteral("integration_crud_total%1 %2\n")
                   .arg(labels({{"action", c.action}}))
                   .arg(c.total);
}
} // namespace

QString renderPrometheus(const MetricsSnapshot &snapshot)
{
    QString out;

    auto checks = snapshot.healthChecks;
    std::sort(checks.begin(), checks.end(), [](const auto &a, const auto &b) {
        return std::tuple(a.provider, int(a.status)) < std::tuple(b.provider, int(b.status));
    });
    header(out, "integrations_health_check_total", "counter",
           "Health checks recorded in the catalog, by provider and resulting status.");
    for (const auto &c : checks)
        out += QStringLiteral("integrations_health_check_total%1 %2\n")
                   .arg(labels({{"provider", c.provider}, {"status", toString(c.status)}}))
                   .arg(c.total);

    auto histograms = snapshot.testConnectionDurations;
    std::sort(histograms.begin(), histograms.end(),
              [](const auto &a, const auto &b) { return a.provider < b.provider; });
    header(out, "integrations_test_connection_duration_seconds", "histogram",
           "Duration of test-connection runs, by provider.");
    const QList<double> &bounds = durationBucketBounds();
    for (const auto &h : histograms) {
        qint64 cumulative = 0;
        for (int i = 0; i <= bounds.size(); ++i) {
            cumulative += i < h.bucketCounts.size() ? h.bucketCounts[i] : 0;
            const QString le = i < bounds.size() ? number(bounds[i]) : QStringLiteral("+Inf");
            out += QStringLiteral("integrations_test_connection_duration_seconds_bucket%1 %2\n")
                       .arg(labels({{"provider", h.provider}, {"le", le}}))
                       .arg(cumulative);
        }
        const QString l = labels({{"provider", h.provider}});
        out += QStringLiteral("integrations_test_connection_duration_seconds_sum%1 %2\n")
                   .arg(l, number(double(h.sumMs) / 1000.0));
        out += QStringLiteral("integrations_test_connection_duration_seconds_count%1 %2\n")
                   .arg(l)
                   .arg(h.count);
    }

    auto counts = snapshot.integrations;
    std::sort(counts.begin(), counts.end(), [](const auto &a, const auto &b) {
        return std::tuple(toString(a.type), a.provider, int(a.status)) <
               std::tuple(toString(b.type), b.provider, int(b.status));
    });
    header(out, "integrations_catalog_integrations", "gauge",
           "Live integrations in the catalog, by type, provider and status.");
    for (const auto &c : counts)
        out += QStringLiteral("integrations_catalog_integrations%1 %2\n")
                   .arg(labels({{"type", toString(c.type)},
                                {"provider", c.provider},
                                {"status", toString(c.status)}}))
                   .arg(c.count);
    renderStellaOpsFamilies(out, snapshot);
    return out;
}

} // namespace stella::metrics
