// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectors/http/HttpConnector.h"

namespace stella {

// OSV's API v1 (api.osv.dev or a mirror of it): GET /v1/vulns/{id} to reach and identify it,
// POST /v1/query for the configured known package (`ecosystem`, `package`; PyPI jinja2 by
// default) and POST /v1/querybatch. A query answers records of one package, whose age says
// nothing about the service, so OSV is judged by answering correctly: an answer that is not
// OSV's shape is an error naming what was wrong. An optional Bearer token for a mirror behind
// an authenticating gateway (api.osv.dev needs none). No discovery.
class OsvMirrorConnector final : public HttpConnector
{
public:
    OsvMirrorConnector(const Integration &integration, const ConnectorContext &context);

    ConnectorOperation *testConnection(QObject *parent) override;
    ConnectorOperation *checkHealth(QObject *parent) override;

    // A record OSV publishes and never withdraws, read to identify the service.
    static constexpr const char *kReferenceRecord = "OSV-2020-111";

protected:
    QStringList resourceTypes() const override { return {}; }
    DiscoveryBody discovery(const QString &resourceType) const override;
};

} // namespace stella
