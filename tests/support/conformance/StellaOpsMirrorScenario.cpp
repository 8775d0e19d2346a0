// SPDX-License-Identifier: Apache-2.0
// Stella Ops' Concelier mirror as its docs publish it (docs/modules/concelier/mirror-export.md):
// the loopback mirror of tests/support/feeds with a fresh "primary" domain that wants an
// Authority token; the "listing" is the health check's read of the domain's manifest.json.
#include "ConnectorTestSupport.h"
#include "conformance/ConnectorScenario.h"
#include "feeds/FeedFakes.h"

namespace stella::test::conformance {

namespace {
class StellaOpsMirrorScenario final : public HttpScenario
{
public:
    StellaOpsMirrorScenario()
        : HttpScenario("STELLA_CONFORMANCE_STELLAOPS_MIRROR", "mirror-conformance-t0ken")
    {
        m_mirror.token = "mirror-conformance-t0ken";
        m_mirror.domains = {{QStringLiteral("primary"), QStringLiteral("Primary"),
                             test::fixedNow().addSecs(-3 * 3600), 120, true}};
    }

    Integration integration() const override
    {
        Integration i = integrationFor(QStringLiteral("StellaOpsMirror"), {});
        return i;
    }

    QStringList expectedNames(const QString &) const override { return {}; }

protected:
    bool isListing(const Request &request) const override
    {
        return request.path() == "/concelier/exports/mirror/primary/manifest.json";
    }

    Response refusal(int status) const override
    {
        if (status == 401)
            return {401, {{"WWW-Authenticate", "Bearer error=\"invalid_token\""}}, {}};
        return {
            403,
            {{"Content-Type", "application/problem+json"}},
            R"({"title":"Forbidden","status":403,"detail":"scope concelier.mirror.read required"})"};
    }

    Response answer(const Request &request) override { return m_mirror.handle(request); }

private:
    feeds::FakeStellaOpsMirror m_mirror;
};
} // namespace

std::unique_ptr<ConnectorScenario> stellaOpsMirrorScenario()
{
    return std::make_unique<StellaOpsMirrorScenario>();
}

} // namespace stella::test::conformance
