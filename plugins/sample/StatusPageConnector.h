// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectors/http/HttpConnector.h"

namespace stella::plugins {

// Atlassian Statuspage's public API v2: GET /api/v2/status.json answers the page and its overall
// indicator (none, minor, major, critical, maintenance); /api/v2/components.json the components.
// Nothing to discover.
class StatusPageConnector final : public HttpConnector
{
public:
    StatusPageConnector(const Integration &integration, const ConnectorContext &context);

    ConnectorOperation *testConnection(QObject *parent) override;
    ConnectorOperation *checkHealth(QObject *parent) override;

    // The health an indicator means: none Healthy; minor and maintenance Degraded; major and
    // critical Unhealthy; anything else Unknown.
    static HealthStatus healthOf(const QString &indicator);

protected:
    QStringList resourceTypes() const override { return {}; }
    DiscoveryBody discovery(const QString &resourceType) const override;
};

} // namespace stella::plugins
