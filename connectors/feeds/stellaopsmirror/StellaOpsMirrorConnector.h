// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectors/http/HttpConnector.h"

namespace stella {

// Stella Ops' offline mirror as Concelier serves it (docs/providers.md, "Stella Ops mirror"):
// /concelier/exports/index.json lists the mirror's domains ({"schemaVersion", "domains":
// [{"id", "displayName"}]}), /concelier/exports/mirror/{domain}/manifest.json describes the
// domain's bundle ({"domainId", "created", "schemaVersion", "advisories"}). Healthy while the
// bundle's `created` time is within `maxAge` (48 h by default); Degraded saying how old it is.
// A token goes as Bearer (an Authority token); "user:password" as Basic (the mirror gateway's
// htpasswd). No discovery.
class StellaOpsMirrorConnector final : public HttpConnector
{
public:
    StellaOpsMirrorConnector(const Integration &integration, const ConnectorContext &context);

    ConnectorOperation *testConnection(QObject *parent) override;
    ConnectorOperation *checkHealth(QObject *parent) override;

protected:
    QStringList resourceTypes() const override { return {}; }
    DiscoveryBody discovery(const QString &resourceType) const override;
};

} // namespace stella
