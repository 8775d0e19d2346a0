// SPDX-License-Identifier: Apache-2.0
// OSV's API v1 as osv.dev documents it, replaying OSV's recorded answers
// (tests/fixtures/osv/): the loopback OSV of tests/support/feeds; the "listing" is the health
// check's POST /v1/query. A gateway in front of a mirror refuses with 401/403 and a gRPC-style
// body, as OSV's own errors are.
#include "ConnectorTestSupport.h"
#include "conformance/ConnectorScenario.h"
#include "feeds/FeedFakes.h"

namespace stella::test::conformance {

namespace {
class OsvMirrorScenario final : public HttpScenario
{
public:
    OsvMirrorScenario() : HttpScenario("STELLA_CONFORMANCE_OSV", "osv-gateway-t0ken") {}

    Integration integration() const override
    {
        Integration i = integrationFor(QStringLiteral("OsvMirror"),
                                       {{QStringLiteral("ecosystem"), QStringLiteral("OSS-Fuzz")},
                                        {QStringLiteral("package"), QStringLiteral("mruby")}});
        return i;
    }

    QStringList expectedNames(const QString &) const override { return {}; }

protected:
    bool isListing(const Request &request) const override
    {
        return request.method == "POST" && request.path() == "/v1/query";
    }

    Response refusal(int status) const override
    {
        return status == 401 ? Response::json(401, R"({"code":16,"message":"Unauthenticated"})")
                             : Response::json(403, R"({"code":7,"message":"Permission denied"})");
    }

    Response answer(const Request &request) override { return m_osv.handle(request); }

private:
    feeds::FakeOsv m_osv{QStringLiteral(STELLA_FIXTURES "/osv")};
};
} // namespace

std::unique_ptr<ConnectorScenario> osvMirrorScenario()
{
    return std::make_unique<OsvMirrorScenario>();
}

} // namespace stella::test::conformance
