// SPDX-License-Identifier: Apache-2.0
// Consul as its HTTP API is published, played by FakeConsul: ACLs on with default deny, a
// leader, agent/self for a token with agent:read, acl/token/self, the
// X-Consul-Default-Acl-Policy header, plain-text errors. No discovery: the faults replace
// GET /v1/status/leader, the health check's read.
#include "FakeConsul.h"
#include "conformance/ConnectorScenario.h"

namespace stella::test::conformance {

namespace {
const QByteArray kToken = "b3c1e7d2-5a4f-4c3b-9e8d-7f6a5b4c3d2e";

class ConsulScenario final : public HttpScenario
{
public:
    ConsulScenario() : HttpScenario("STELLA_CONFORMANCE_CONSUL", kToken) {}

    Integration integration() const override
    {
        Integration i = integrationFor(QStringLiteral("Consul"), {});
        return i;
    }

    QStringList expectedNames(const QString &) const override { return {}; }

protected:
    bool isListing(const Request &request) const override
    {
        return request.path() == "/v1/status/leader";
    }

    // Consul's refusals are 403 with a plain-text reason; its only 401 says ACLs are off (the
    // row says so).
    Response refusal(int status) const override
    {
        return Response{403,
                        {{"Content-Type", "text/plain; charset=utf-8"}},
                        status == 401 ? "ACL not found"
                                      : "Permission denied: token with AccessorID "
                                        "'e1f3a2b4-6c5d-4e7f-8a9b-0c1d2e3f4a5b' lacks permission "
                                        "'agent:read' on \"consul-server-1\""};
    }

    Response answer(const Request &request) override { return m_consul.answer(request); }

private:
    FakeConsul m_consul{kToken};
};
} // namespace

std::unique_ptr<ConnectorScenario> consulScenario()
{
    return std::make_unique<ConsulScenario>();
}

} // namespace stella::test::conformance
