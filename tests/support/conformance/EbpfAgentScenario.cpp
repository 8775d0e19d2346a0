// SPDX-License-Identifier: Apache-2.0
// The Stella Ops eBPF agent's health endpoint as docs/providers.md decides it, played by
// FakeEbpfAgent: GET /health behind a Bearer token, JSON status. No discovery: the faults
// replace GET /health, the health check's read.
#include "FakeEbpfAgent.h"
#include "conformance/ConnectorScenario.h"

namespace stella::test::conformance {

namespace {
const QByteArray kToken = "sat_conformance_7d3e9a1c5b";

class EbpfAgentScenario final : public HttpScenario
{
public:
    EbpfAgentScenario() : HttpScenario("STELLA_CONFORMANCE_EBPFAGENT", kToken) {}

    Integration integration() const override
    {
        Integration i = integrationFor(QStringLiteral("EbpfAgent"),
                                       {{QStringLiteral("nodeName"), QStringLiteral("node-1")}});
        return i;
    }

    QStringList expectedNames(const QString &) const override { return {}; }

protected:
    bool isListing(const Request &request) const override { return request.path() == "/health"; }

    Response refusal(int status) const override
    {
        Response r = Response::json(status, status == 401 ? R"({"error":"invalid_token"})"
                                                          : R"({"error":"insufficient_scope"})");
        r.headers.append(
            {QByteArray("WWW-Authenticate"),
             QByteArray(status == 401 ? "Bearer realm=\"stella-ops-agent\", error=\"invalid_token\""
                                      : "Bearer realm=\"stella-ops-agent\", "
                                        "error=\"insufficient_scope\", scope=\"agent:read\"")});
        return r;
    }

    Response answer(const Request &request) override { return m_agent.answer(request); }

private:
    FakeEbpfAgent m_agent{kToken};
};
} // namespace

std::unique_ptr<ConnectorScenario> ebpfAgentScenario()
{
    return std::make_unique<EbpfAgentScenario>();
}

} // namespace stella::test::conformance
