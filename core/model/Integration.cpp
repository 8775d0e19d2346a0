// SPDX-License-Identifier: Apache-2.0
#include "Integration.h"

#include "core/common/Clock.h"

#include <QJsonArray>

namespace stella {

namespace {
QJsonValue timeOrNull(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(formatUtc(t)) : QJsonValue(QJsonValue::Null);
}
} // namespace

QJsonObject Integration::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), idString());
    o.insert(QStringLiteral("tenantId"), tenantId);
    o.insert(QStringLiteral("type"), toString(type));
    o.insert(QStringLiteral("provider"), provider);
    o.insert(QStringLiteral("name"), name);
    o.insert(QStringLiteral("endpoint"), endpoint);
    o.insert(QStringLiteral("config"), config);
    o.insert(QStringLiteral("authRefUri"),
             authRefUri.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(authRefUri));
    o.insert(QStringLiteral("status"), toString(status));
    o.insert(QStringLiteral("version"), version);
    o.insert(QStringLiteral("createdAt"), timeOrNull(createdAt));
    o.insert(QStringLiteral("updatedAt"), timeOrNull(updatedAt));
    o.insert(QStringLiteral("lastCheckedAt"), timeOrNull(lastCheckedAt));
    // Only for an integration whose server showed a certificate (docs/contracts.md §10).
    if (certificateExpiresAt.isValid())
        o.insert(QStringLiteral("certificateExpiresAt"), formatUtc(certificateExpiresAt));
    o.insert(QStringLiteral("folder"), folder.isNull() ? QStringLiteral("") : folder);
    o.insert(QStringLiteral("tags"), QJsonArray::fromStringList(tags));
    o.insert(QStringLiteral("tier"), tier == EnvironmentTier::None ? QJsonValue(QJsonValue::Null)
                                                                   : QJsonValue(toString(tier)));
    return o;
}

QJsonObject HealthCheckRecord::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("integrationId"), integrationId.toString(QUuid::WithoutBraces));
    o.insert(QStringLiteral("checkedAt"), formatUtc(checkedAt));
    o.insert(QStringLiteral("status"), toString(status));
    o.insert(QStringLiteral("latencyMs"), latencyMs);
    o.insert(QStringLiteral("errorMessage"),
             errorMessage.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(errorMessage));
    if (certificateExpiresAt.isValid())
        o.insert(QStringLiteral("certificateExpiresAt"), formatUtc(certificateExpiresAt));
    return o;
}

QJsonObject AuditEntry::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("actor"), actor);
    o.insert(QStringLiteral("action"), action);
    o.insert(QStringLiteral("integrationId"),
             integrationId.isNull() ? QJsonValue(QJsonValue::Null)
                                    : QJsonValue(integrationId.toString(QUuid::WithoutBraces)));
    o.insert(QStringLiteral("timestamp"), formatUtc(timestamp));
    o.insert(QStringLiteral("details"), details);
    return o;
}

} // namespace stella
