// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectors/http/HttpConnector.h"

namespace stella {

// HashiCorp Consul's HTTP API (/v1): status/leader for the Raft leader (an empty string means
// none: Unhealthy), agent/self for Config.Version and Config.Datacenter, the
// X-Consul-Default-ACL-Policy header every answer carries, acl/token/self for what the token
// is (401 "ACL support disabled" read as ACLs off; 403 "ACL not found" and "Permission denied"
// told apart), X-Consul-Token for the credential and config `datacenter` as `?dc=`. Consul's
// errors are plain text. No discovery: a runtime host has no resource types (§3.1).
class ConsulConnector : public HttpConnector
{
public:
    ConsulConnector(const Integration &integration, const ConnectorContext &context);

    ConnectorOperation *testConnection(QObject *parent) override;
    ConnectorOperation *checkHealth(QObject *parent) override;

protected:
    DiscoveryBody discovery(const QString &resourceType) const override;
};

} // namespace stella
