// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectors/http/HttpConnector.h"

namespace stella {

// HashiCorp Vault as an integration (beside its role as the catalog's secret store,
// core/credentials/VaultSecretStore): sys/health read as Vault documents its status codes
// (429 is a standby, not a rate limit; 472, 473, 474, 501, 503, 530 each a state of the node),
// the token's own policies and remaining TTL from auth/token/lookup-self (X-Vault-Token, and
// X-Vault-Namespace with config `namespace`), and the configured KV mount checked through
// sys/internal/ui/mounts/<kvMount>, the call Vault's own `vault kv` makes with a non-root token.
// No discovery: a secrets manager has no resource types (docs/contracts.md §3.1).
class VaultConnector : public HttpConnector
{
public:
    VaultConnector(const Integration &integration, const ConnectorContext &context);

    ConnectorOperation *testConnection(QObject *parent) override;
    ConnectorOperation *checkHealth(QObject *parent) override;

    // A token that ends within this many seconds makes the integration Degraded.
    static constexpr qint64 kExpiryWarningSeconds = 24 * 3600;

protected:
    DiscoveryBody discovery(const QString &resourceType) const override;
};

} // namespace stella
