// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectors/registry/RegistryConnector.h"

namespace stella {

class DockerRegistryApi;

// The OCI distribution API (Docker Registry v2 and every registry that speaks it):
// GET /v2/ with Basic auth or the WWW-Authenticate: Bearer token exchange, _catalog and
// tags/list with n/last and Link pagination.
class DockerRegistryConnector : public RegistryConnector
{
public:
    DockerRegistryConnector(const Integration &integration, const ConnectorContext &context);

    static ProviderDefinition definition();

    ConnectorOperation *testConnection(QObject *parent) override;
    ConnectorOperation *checkHealth(QObject *parent) override;

    static constexpr int kDefaultPageSize = 100;

protected:
    std::shared_ptr<const RegistryApi> registryApi() const override;

private:
    std::shared_ptr<DockerRegistryApi> m_api;
};

} // namespace stella
