// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectors/http/HttpConnector.h"

namespace stella {

// The Stella Ops eBPF agent's health endpoint, judged by the rules Stella Ops' doctor applies to
// agents (check.environment.connectivity): GET /health under the endpoint, reachable when it
// answers 2xx, Degraded when the answer takes more than 500 ms, a credential problem on 401 or
// 403 (Bearer token). The body is JSON {"status": "healthy"|"degraded"|"unhealthy", "version",
// "node", "message"} (docs/providers.md, where the decision is written down). Latency is read
// from the injected Clock around the request, so tests drive it without sleeping. No
// discovery: a runtime host has no resource types (docs/contracts.md §3.1).
class EbpfAgentConnector : public HttpConnector
{
public:
    EbpfAgentConnector(const Integration &integration, const ConnectorContext &context);

    ConnectorOperation *testConnection(QObject *parent) override;
    ConnectorOperation *checkHealth(QObject *parent) override;

    static constexpr qint64 kSlowAnswerMs = 500;

protected:
    DiscoveryBody discovery(const QString &resourceType) const override;
};

} // namespace stella
