// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/connectors/ConnectorOperation.h"
#include "core/model/Integration.h"
#include "core/providers/ProviderDefinition.h"

namespace stella {

// The test-only provider behind the sandbox and the tests of everything above the connectors.
// No network: behaviour comes from the integration's config (scenario, latency, resources) and
// the injected clock, so every run is reproducible.
class InMemoryConnector final : public Connector
{
public:
    enum class Scenario
    {
        Healthy,
        Degraded,
        Unhealthy,
        Flaky,
        Slow
    };

    InMemoryConnector(const Integration &integration, const ConnectorContext &context);

    // Test-only: hidden unless asked for; it stands in for every integration type.
    static ProviderDefinition definition();

    ConnectorOperation *testConnection(QObject *parent) override;
    ConnectorOperation *checkHealth(QObject *parent) override;
    ConnectorOperation *discover(const QString &resourceType, const QString &namePattern,
                                 QObject *parent) override;

    // Flaky integrations fail in every flakyEvery-th minute of the clock: deterministic for a
    // given time, and an operator watching the sandbox sees them come and go.
    bool flakyFailsNow() const;
    qint64 latencyMs() const;
    static QString resourceName(const QString &resourceType, const QString &prefix, int index);

private:
    Integration m_integration;
    ConnectorContext m_context;
    Scenario m_scenario = Scenario::Healthy;
    qint64 m_latencyMs = 20;
    qint64 m_slowLatencyMs = 3000;
    int m_flakyEvery = 3;
    int m_resourceCount = 50;
    int m_pageSize = 100;
    QString m_prefix;
};

} // namespace stella
