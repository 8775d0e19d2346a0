// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectors/http/HttpConnector.h"

namespace stella {

// NVD's CVE API 2.0 (/rest/json/cves/2.0), at services.nvd.nist.gov or a mirror of it: the
// API key in the apiKey header; NVD's rolling-window rate limit kept on this side (5 requests
// per 30 s without a key, 50 with one); a 403 read as NVD's firewall throttling, not as a bad
// key; identified by the answer's format ("NVD_CVE") and version ("2.0"); healthy while a CVE
// record was modified within `maxAge` (48 h by default), Degraded saying how old the newest is.
// No discovery: a feed has no resources to list.
class NvdMirrorConnector final : public HttpConnector
{
public:
    NvdMirrorConnector(const Integration &integration, const ConnectorContext &context);

    ConnectorOperation *testConnection(QObject *parent) override;
    ConnectorOperation *checkHealth(QObject *parent) override;

    // NVD's own maximum range of one lastModStartDate/lastModEndDate query.
    static constexpr int kMaxRangeDays = 120;
    // NVD's maximum resultsPerPage.
    static constexpr int kMaxPage = 2000;

protected:
    QStringList resourceTypes() const override { return {}; }
    DiscoveryBody discovery(const QString &resourceType) const override;
};

} // namespace stella
