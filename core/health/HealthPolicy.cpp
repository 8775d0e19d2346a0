// SPDX-License-Identifier: Apache-2.0
#include "HealthPolicy.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <algorithm>

namespace stella {

namespace {
struct HealthPolicyText
{
    Q_DECLARE_TR_FUNCTIONS(stella::HealthPolicy)
};
} // namespace

QString MonitorSettings::validate() const
{
    if (defaultIntervalMs < kMinimumIntervalMs)
        return HealthPolicyText::tr(
            "The health check interval must be at least 10s (an interval of "
            "zero or less would check without pause)");
    if (concurrency < 1 || concurrency > 256)
        return HealthPolicyText::tr("The number of concurrent checks must be between 1 and 256");
    if (checkTimeoutMs < 1000)
        return HealthPolicyText::tr("The check timeout must be at least 1s");
    if (retentionDays < 1)
        return HealthPolicyText::tr("The history retention must be at least 1 day");
    if (pruneBatchSize < 1)
        return HealthPolicyText::tr("The prune batch size must be at least 1");
    return {};
}

namespace healthpolicy {

QList<ConfigField> monitorConfigFields()
{
    ConfigField interval{
        kIntervalKey,
        HealthPolicyText::tr("Health check interval"),
        ConfigField::Kind::Duration,
        false,
        QJsonValue(QJsonValue::Undefined),
        HealthPolicyText::tr("How often the monitor checks this integration (at least "
                             "10s; empty: the monitor's default, 5m)"),
        {},
        MonitorSettings::kMinimumIntervalMs,
        30LL * 86'400'000};
    ConfigField enabled{
        kEnabledKey,
        HealthPolicyText::tr("Monitor health"),
        ConfigField::Kind::Bool,
        false,
        true,
        HealthPolicyText::tr("Check on a schedule; when off, only \"Check now\" checks it"),
        {},
        0,
        0};
    return {interval, enabled};
}

bool isMonitored(const Integration &integration)
{
    return integration.config.value(kEnabledKey).toBool(true);
}

qint64 intervalMs(const Integration &integration, qint64 defaultIntervalMs)
{
    const auto configured = parseDurationMs(integration.config.value(kIntervalKey).toString());
    // The schema refuses shorter intervals; an older row is still never checked in a loop.
    if (configured && *configured >= MonitorSettings::kMinimumIntervalMs)
        return *configured;
    return defaultIntervalMs;
}

bool isStale(const Integration &integration, qint64 defaultIntervalMs, const QDateTime &now)
{
    if (!integration.lastCheckedAt.isValid() || !isMonitored(integration))
        return false;
    return integration.lastCheckedAt.msecsTo(now) > 2 * intervalMs(integration, defaultIntervalMs);
}

double backoffFactor(int consecutiveFailures)
{
    return std::clamp(1.0 + 0.25 * (consecutiveFailures - 2), 1.0, 2.0);
}

qint64 jitterMs(const QUuid &id, qint64 intervalMs)
{
    const qint64 span = intervalMs / 10;
    if (span <= 0)
        return 0;
    const QByteArray digest = QCryptographicHash::hash(id.toRfc4122(), QCryptographicHash::Sha1);
    quint32 value = 0;
    for (int i = 0; i < 4; ++i)
        value = (value << 8) | quint8(digest.at(i));
    return qint64(value % quint64(span));
}

} // namespace healthpolicy
} // namespace stella
