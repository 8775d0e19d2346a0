// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectors/registry/RegistryConnector.h"

namespace stella {

class NexusApi;

// Sonatype Nexus Repository 3 REST API: /service/rest/v1/status and status/writable for health,
// the Server header (Nexus/3.x.y) to identify it, /service/rest/v1/repositories (the docker-
// format ones are the registries, or the configured `repository`), and components with
// continuationToken pagination for tags (a docker component is an image name and a version,
// which is the tag). Basic auth.
class NexusConnector : public RegistryConnector
{
public:
    NexusConnector(const Integration &integration, const ConnectorContext &context);

    static ProviderDefinition definition();

    ConnectorOperation *testConnection(QObject *parent) override;
    ConnectorOperation *checkHealth(QObject *parent) override;

    // "Nexus/3.61.0-02 (OSS)" -> "3.61.0-02 (OSS)"; empty when the header is not Nexus's.
    static QString versionFromServerHeader(const QByteArray &server);

protected:
    std::shared_ptr<const RegistryApi> registryApi() const override;

private:
    std::shared_ptr<const NexusApi> m_api;
};

} // namespace stella
