// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"
#include "core/http/HttpTypes.h"

// Consul's HTTP API answers as the connector reads them, pure functions of the answer (so
// tests/fuzz reads them without an agent).
namespace stella::consul {

// Consul's plain-text error, for messages: " (Consul says: ACL not found)"; empty without one.
QString consulSays(const HttpResponse &response);

// A 200 from status/leader, a JSON string: the leader's address, or "" when there is none.
Result<QString> leaderFrom(const HttpResponse &response);

// "Consul 1.20.2 (datacenter dc1, node consul-1)" from agent/self.
struct AgentInfo
{
    QString version;
    QString datacenter;
    QString node;
    QString describe() const
    {
        return QStringLiteral("Consul %1 (datacenter %2, node %3)").arg(version, datacenter, node);
    }
};

Result<AgentInfo> readAgent(const HttpResponse &response);

} // namespace stella::consul
