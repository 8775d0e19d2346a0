// SPDX-License-Identifier: Apache-2.0
// The test-only InMemory provider: no server at all. Its "network" is the configured latency,
// so holding an answer is a latency of an hour, and its resources are the names it documents
// (docs/architecture.md, "Providers and connectors"): <prefix>/service-NNNN, vA.B.C.
#include "conformance/ConnectorScenario.h"

namespace stella::test::conformance {

namespace {
constexpr int kResources = 7;

class InMemoryScenario final : public ConnectorScenario
{
public:
    QString start() override { return {}; }

    Integration integration() const override
    {
        Integration i;
        i.name = QStringLiteral("InMemory under test");
        i.provider = QStringLiteral("InMemory");
        i.type = IntegrationType::Registry;
        i.authRefUri = QStringLiteral("authref://inmemory/conformance#token");
        i.config = {
            {QStringLiteral("scenario"), QStringLiteral("healthy")},
            {QStringLiteral("latency"), m_hold ? QStringLiteral("1h") : QStringLiteral("1ms")},
            {QStringLiteral("resourceCount"), kResources},
            {QStringLiteral("pageSize"), 3},
            {QStringLiteral("resourcePrefix"), QStringLiteral("conformance")}};
        return i;
    }

    QStringList expectedNames(const QString &resourceType) const override
    {
        QStringList names;
        for (int n = 0; n < kResources; ++n)
            names.append(
                resourceType == QLatin1String("tags")
                    ? QStringLiteral("conformance/service-%1:v1.0.%2")
                          .arg(n / 10, 4, 10, QLatin1Char('0'))
                          .arg(n % 10)
                    : QStringLiteral("conformance/service-%1").arg(n, 4, 10, QLatin1Char('0')));
        return names;
    }

    QByteArray secret() const override { return {}; } // the sandbox store holds none here

    void setFault(Fault fault) override { m_hold = fault == Fault::HoldAnswer; }

    bool isHolding(const ConnectorOperation &op) const override
    {
        const QList<ConnectorStep> steps = op.steps();
        return m_hold && !steps.isEmpty() && steps.last().state == ConnectorStep::State::Running;
    }

private:
    bool m_hold = false;
};
} // namespace

std::unique_ptr<ConnectorScenario> inMemoryScenario()
{
    return std::make_unique<InMemoryScenario>();
}

} // namespace stella::test::conformance
