// SPDX-License-Identifier: Apache-2.0
// NVD's CVE API 2.0 as published (nvd.nist.gov/developers): the loopback NVD of
// tests/support/feeds with fresh records; the "listing" is the health check's read of the
// recent window (lastModStartDate/lastModEndDate). A mirror refuses a wrong key with 401; 403
// is NVD's firewall throttling.
#include "ConnectorTestSupport.h"
#include "conformance/ConnectorScenario.h"
#include "feeds/FeedFakes.h"

namespace stella::test::conformance {

namespace {
class NvdMirrorScenario final : public HttpScenario
{
public:
    NvdMirrorScenario() : HttpScenario("STELLA_CONFORMANCE_NVD", "nvd-conformance-k3y")
    {
        m_nvd.validKey = "nvd-conformance-k3y";
        m_nvd.fill(12, test::fixedNow().addSecs(-1800), 2);
    }

    Integration integration() const override
    {
        Integration i = integrationFor(QStringLiteral("NvdMirror"), {});
        return i;
    }

    QStringList expectedNames(const QString &) const override { return {}; }

protected:
    bool isListing(const Request &request) const override
    {
        return request.path() == "/rest/json/cves/2.0" &&
               request.target.contains("lastModStartDate");
    }

    Response refusal(int status) const override
    {
        if (status == 401)
            return Response::json(401, R"({"message":"Invalid apiKey"})");
        return {403, {{"Content-Type", "text/plain"}}, "Forbidden"};
    }

    Response answer(const Request &request) override { return m_nvd.handle(request); }

private:
    feeds::FakeNvd m_nvd;
};
} // namespace

std::unique_ptr<ConnectorScenario> nvdMirrorScenario()
{
    return std::make_unique<NvdMirrorScenario>();
}

} // namespace stella::test::conformance
