// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace stella {

// The fixed integration types of docs/contracts.md §1; their spelling is part of the catalog
// contract.
enum class IntegrationType
{
    Registry,
    Scm,
    CiCd,
    SecretsManager,
    RuntimeHost,
    ObjectStorage,
    FeedMirror,
};

enum class HealthStatus
{
    Unknown,
    Healthy,
    Degraded,
    Unhealthy,
};

// An integration's environment (docs/contracts.md §25): None is "not set"; the others are
// stored and typed as dev, test, staging, prod.
enum class EnvironmentTier
{
    None,
    Dev,
    Test,
    Staging,
    Prod,
};

QString toString(IntegrationType type);
QString toString(HealthStatus status);
// The stored spelling is exact (Qt::CaseSensitive: the catalog and its export format);
// operator input is Qt::CaseInsensitive, so `--status unhealthy` is Unhealthy. toString() gives
// the canonical spelling back.
std::optional<IntegrationType>
integrationTypeFromString(const QString &text, Qt::CaseSensitivity cs = Qt::CaseSensitive);
std::optional<HealthStatus> healthStatusFromString(const QString &text,
                                                   Qt::CaseSensitivity cs = Qt::CaseSensitive);
QList<IntegrationType> allIntegrationTypes();
QStringList allIntegrationTypeNames();
QStringList allHealthStatusNames();

// "" for None; "dev", "test", "staging", "prod" otherwise.
QString toString(EnvironmentTier tier);
// Accepts the four spellings (any case) and "" or "none" for None; nullopt for anything else.
std::optional<EnvironmentTier> environmentTierFromString(const QString &text);
QStringList allEnvironmentTierNames(); // dev, test, staging, prod

// For "worst status" aggregations: Unhealthy > Degraded > Healthy > Unknown.
int severityRank(HealthStatus status);

} // namespace stella
