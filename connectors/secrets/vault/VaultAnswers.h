// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"
#include "core/http/HttpTypes.h"

#include <QStringList>
#include <optional>

// Vault's two answers the connector reads (sys/health, auth/token/lookup-self), as pure functions
// of the answer so tests/fuzz reads them without a server.
namespace stella::vault {

// The states sys/health tells apart, each with the status code Vault answers by default.
enum class NodeState
{
    Active,               // 200: initialised, unsealed, active
    Standby,              // 429: unsealed standby (forwards requests to the active node)
    DrSecondary,          // 472: a disaster-recovery secondary
    PerformanceStandby,   // 473: serves reads itself, forwards writes
    StandbyWithoutActive, // 474: a standby that cannot reach the active node
    Uninitialized,        // 501
    Sealed,               // 503
    Removed,              // 530: removed from its HA cluster
};

std::optional<NodeState> stateForStatus(int status);

// One sys/health answer: the node's state, Vault's version and cluster.
struct NodeHealth
{
    NodeState state = NodeState::Active;
    int status = 0;
    QString version;
    QString clusterName;
    bool enterprise = false;

    QString versionText() const { return version.isEmpty() ? QStringLiteral("unknown") : version; }
    QString product() const
    {
        return enterprise ? QStringLiteral("Vault Enterprise") : QStringLiteral("Vault");
    }
    // Whether the node answers client requests (reads at least).
    bool serves() const
    {
        return state == NodeState::Active || state == NodeState::Standby ||
               state == NodeState::PerformanceStandby;
    }
};

// What sys/health said, read by its status code as Vault documents the defaults (the connector
// sends none of the parameters that change them). Every state comes with a JSON body; one
// without Vault's fields is not Vault. `endpoint` names the server in the error.
Result<NodeHealth> readHealth(const HttpResponse &response, const QString &endpoint);

// What lookup-self says about the token (never its id or accessor).
struct TokenFields
{
    QString displayName;
    QString type;
    QStringList policies;
    qint64 ttlSeconds = 0; // 0: the token never expires (root, or no TTL)
    bool renewable = false;
};
Result<TokenFields> readTokenFields(const HttpResponse &response);

} // namespace stella::vault
