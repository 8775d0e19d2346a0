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

// For "worst status" aggregations: Unhealthy > Degraded > Healthy > Unknown.
int severityRank(HealthStatus status);

} // namespace stella
