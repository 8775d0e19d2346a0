// SPDX-License-Identifier: Apache-2.0
#include "Enums.h"

#include <QStringList>
#include <array>
#include <utility>

namespace stella {

namespace {
constexpr std::array<std::pair<IntegrationType, const char *>, 7> kTypes{{
    {IntegrationType::Registry, "Registry"},
    {IntegrationType::Scm, "Scm"},
    {IntegrationType::CiCd, "CiCd"},
    {IntegrationType::SecretsManager, "SecretsManager"},
    {IntegrationType::RuntimeHost, "RuntimeHost"},
    {IntegrationType::ObjectStorage, "ObjectStorage"},
    {IntegrationType::FeedMirror, "FeedMirror"},
}};

constexpr std::array<std::pair<HealthStatus, const char *>, 4> kStatuses{{
    {HealthStatus::Unknown, "Unknown"},
    {HealthStatus::Healthy, "Healthy"},
    {HealthStatus::Degraded, "Degraded"},
    {HealthStatus::Unhealthy, "Unhealthy"},
}};

constexpr std::array<std::pair<EnvironmentTier, const char *>, 4> kTiers{{
    {EnvironmentTier::Dev, "dev"},
    {EnvironmentTier::Test, "test"},
    {EnvironmentTier::Staging, "staging"},
    {EnvironmentTier::Prod, "prod"},
}};

template <typename Enum, std::size_t N>
std::optional<Enum> fromName(const std::array<std::pair<Enum, const char *>, N> &table,
                             const QString &text, Qt::CaseSensitivity cs)
{
    for (const auto &[value, name] : table)
        if (text.compare(QLatin1String(name), cs) == 0)
            return value;
    return std::nullopt;
}
} // namespace

QString toString(IntegrationType type)
{
    for (const auto &[value, name] : kTypes)
        if (value == type)
            return QLatin1String(name);
    return {};
}

QString toString(HealthStatus status)
{
    for (const auto &[value, name] : kStatuses)
        if (value == status)
            return QLatin1String(name);
    return {};
}

std::optional<IntegrationType> integrationTypeFromString(const QString &text,
                                                         Qt::CaseSensitivity cs)
{
    return fromName(kTypes, text, cs);
}

std::optional<HealthStatus> healthStatusFromString(const QString &text, Qt::CaseSensitivity cs)
{
    return fromName(kStatuses, text, cs);
}

QList<IntegrationType> allIntegrationTypes()
{
    QList<IntegrationType> types;
    for (const auto &entry : kTypes)
        types.append(entry.first);
    return types;
}

QStringList allIntegrationTypeNames()
{
    QStringList names;
    for (const auto &entry : kTypes)
        names.append(QLatin1String(entry.second));
    return names;
}

QStringList allHealthStatusNames()
{
    QStringList names;
    for (const auto &entry : kStatuses)
        names.append(QLatin1String(entry.second));
    return names;
}

QString toString(EnvironmentTier tier)
{
    for (const auto &[value, name] : kTiers)
        if (value == tier)
            return QLatin1String(name);
    return {};
}

std::optional<EnvironmentTier> environmentTierFromString(const QString &text)
{
    if (text.isEmpty() || text.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0)
        return EnvironmentTier::None;
    return fromName(kTiers, text, Qt::CaseInsensitive);
}

QStringList allEnvironmentTierNames()
{
    QStringList names;
    for (const auto &entry : kTiers)
        names.append(QLatin1String(entry.second));
    return names;
}

int severityRank(HealthStatus status)
{
    switch (status) {
    case HealthStatus::Unknown:
        return 0;
    case HealthStatus::Healthy:
        return 1;
    case HealthStatus::Degraded:
        return 2;
    case HealthStatus::Unhealthy:
        return 3;
    }
    return 0;
}

} // namespace stella
