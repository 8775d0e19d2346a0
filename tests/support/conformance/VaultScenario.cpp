// SPDX-License-Identifier: Apache-2.0
// Vault as its HTTP API is published, played by FakeVault (the one Vault fake of the tests):
// sys/health of an active node, auth/token/lookup-self of a service token with a month left,
// sys/internal/ui/mounts/secret for the KV version 2 mount. No discovery: the faults replace
// GET /v1/sys/health, the health check's read.
#include "FakeVault.h"
#include "conformance/ConnectorScenario.h"

namespace stella::test::conformance {

namespace {
const QByteArray kToken = "hvs.CAESIConformanceVaultToken";

class VaultScenario final : public HttpScenario
{
public:
    VaultScenario() : HttpScenario("STELLA_CONFORMANCE_VAULT", kToken) {}

    Integration integration() const override
    {
        Integration i = integrationFor(QStringLiteral("Vault"), {});
        return i;
    }

    QStringList expectedNames(const QString &) const override { return {}; }

protected:
    bool isListing(const Request &request) const override
    {
        return request.path() == "/v1/sys/health";
    }

    // Vault refuses a wrong token and a missing policy alike, 403 "permission denied"; it
    // never answers 401 (the row says so).
    Response refusal(int) const override
    {
        return Response::json(403, R"({"errors":["permission denied"]})");
    }

    Response answer(const Request &request) override { return m_vault.answer(request); }

private:
    FakeVault m_vault{kToken};
};
} // namespace

std::unique_ptr<ConnectorScenario> vaultScenario()
{
    return std::make_unique<VaultScenario>();
}

} // namespace stella::test::conformance
