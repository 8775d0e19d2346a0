// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectors/registry/RegistryConnector.h"

namespace stella {

class GitLabRegistryApi;

// GitLab's container registry API (REST v4): /api/v4/version to identify and authenticate,
// registry repositories of the configured project or group (projectPath, URL-encoded as :id,
// a project tried first, then a group) and their tags; page/per_page with Link rel="next"
// (keyset pagination) or X-Next-Page; a PRIVATE-TOKEN access token with read_api.
class GitLabRegistryConnector : public RegistryConnector
{
public:
    GitLabRegistryConnector(const Integration &integration, const ConnectorContext &context);

    static ProviderDefinition definition();

    ConnectorOperation *testConnection(QObject *parent) override;
    ConnectorOperation *checkHealth(QObject *parent) override;

    static constexpr int kDefaultPageSize = 100; // GitLab's maximum per_page

protected:
    std::shared_ptr<const RegistryApi> registryApi() const override;

private:
    std::shared_ptr<const GitLabRegistryApi> m_api;
};

} // namespace stella
