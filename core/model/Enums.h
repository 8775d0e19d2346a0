// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace stella {

// The fixed integration types of DESIGN §5; their spelling is part of the catalog contract.
enum class IntegrationType {
    Registry,
    Scm,
    CiCd,
    SecretsManager,
    RuntimeHost,
    ObjectStorage,
    FeedMirror,
};

enum class HealthStatus {
    Unknown,
    Healthy,
    Degraded,
    Unhealthy,
};

QString toString(IntegrationType type);
QString toString(HealthStatus status);
std::optional<IntegrationType> integrationTypeFromString(const QString &text);
std::optional<HealthStatus> healthStatusFromString(const QString &text);
QList<IntegrationType> allIntegrationTypes();
QStringList allIntegrationTypeNames();
QStringList allHealthStatusNames();

// For "worst status" aggregations: Unhealthy > Degraded > Healthy > Unknown.
int severityRank(HealthStatus status);

} // namespace stella
