// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectors/registry/RegistryConnector.h"

namespace stella {

class HarborApi;

// Harbor's API v2.0: /health (per component), /systeminfo (harbor_version), /users/current,
// repositories of all projects or of the configured `project`, artifacts with their tags;
// page/page_size with Link (" , " between links) and X-Total-Count; Basic auth with a robot
// account (name:secret) or a user; repository names with '/' encoded twice in paths.
class HarborConnector : public RegistryConnector
{
public:
    HarborConnector(const Integration &integration, const ConnectorContext &context);

    static ProviderDefinition definition();

    ConnectorOperation *testConnection(QObject *parent) override;
    ConnectorOperation *checkHealth(QObject *parent) override;

    static constexpr int kDefaultPageSize = 100; // Harbor's maximum page_size

    // "team/app" -> "team%252Fapp": Harbor wants a '/' inside a repository name encoded twice.
    static QString encodeRepositoryName(const QString &name);

protected:
    std::shared_ptr<const RegistryApi> registryApi() const override;

private:
    std::shared_ptr<const HarborApi> m_api;
};

} // namespace stella
