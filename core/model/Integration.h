// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/Enums.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QUuid>
#include <optional>

namespace stella {

// Who is acting and on whose data. Every catalog call takes one: tenant scoping happens in the
// data layer, not in the callers.
struct RequestContext
{
    QString tenantId = QStringLiteral("default");
    QString actor = QStringLiteral("operator");
};

// One row of the catalog: a connection from Stella Ops to an external tool. Holds an AuthRef
// URI, never a secret value.
struct Integration
{
    QUuid id;
    QString tenantId;
    IntegrationType type = IntegrationType::Registry;
    QString provider;
    QString name;
    QString endpoint;
    QJsonObject config;
    QString authRefUri;
    HealthStatus status = HealthStatus::Unknown;
    int version = 0;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime deletedAt;     // invalid while the integration is live
    QDateTime lastCheckedAt; // invalid until the first health check
    // When the server's TLS certificate expires, as the latest health check read it; invalid
    // over plain HTTP, before the first check, or when no answer came.
    QDateTime certificateExpiresAt = {};
    // Organisation (docs/contracts.md §25): a '/'-separated folder path, empty at the top
    // level; tags sorted and unique; the environment tier.
    QString folder = {};
    QStringList tags = {};
    EnvironmentTier tier = EnvironmentTier::None;

    bool isDeleted() const { return deletedAt.isValid(); }
    QString idString() const { return id.toString(QUuid::WithoutBraces); }

    // The CLI's and the export's JSON shape: camelCase keys of docs/contracts.md §10.
    QJsonObject toJson() const;
};

// What an operator provides to create an integration; the catalog fills in the rest.
struct IntegrationDraft
{
    QUuid id;                            // optional: kept when importing, generated when null
    std::optional<IntegrationType> type; // defaults to the provider's type
    QString provider;
    QString name;
    QString endpoint;
    QJsonObject config;
    QString authRefUri;
    QString folder = {};
    QStringList tags = {}; // normalised (sorted, unique) by the catalog
    EnvironmentTier tier = EnvironmentTier::None;
};

// A partial update: only the fields that are set change.
struct IntegrationPatch
{
    std::optional<QString> name;
    std::optional<QString> endpoint;
    std::optional<QJsonObject> config;
    std::optional<QString> authRefUri;
    std::optional<QString> folder;
    std::optional<QStringList> tags;
    std::optional<EnvironmentTier> tier;

    bool isEmpty() const
    {
        return !name && !endpoint && !config && !authRefUri && !folder && !tags && !tier;
    }
};

struct IntegrationFilter
{
    std::optional<IntegrationType> type;
    QString provider;
    std::optional<HealthStatus> status;
    // The folder and everything under it; empty: any folder.
    QString folder = {};
    QStringList tags = {}; // every one of them
    std::optional<EnvironmentTier> tier = std::nullopt;
};

struct HealthCheckRecord
{
    QUuid integrationId;
    QDateTime checkedAt;
    HealthStatus status = HealthStatus::Unknown;
    qint64 latencyMs = 0;
    QString errorMessage;
    QDateTime certificateExpiresAt = {}; // the server's TLS certificate, invalid when none read

    QJsonObject toJson() const;
};

struct AuditEntry
{
    QString actor;
    QString action; // create, update, delete, import
    QUuid integrationId;
    QDateTime timestamp;
    QJsonObject details;

    QJsonObject toJson() const;
};

enum class ChangeKind
{
    Added,
    Updated,
    Removed
};

} // namespace stella

Q_DECLARE_METATYPE(stella::Integration)
