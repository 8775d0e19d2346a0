// SPDX-License-Identifier: Apache-2.0
#include "InMemoryConnector.h"

#include "core/common/Clock.h"
#include "core/credentials/AuthRef.h"
#include "core/model/ResourceTypes.h"

#include <QRegularExpression>
#include <QTimer>

#include <memory>

namespace stella {

namespace {
const QStringList kScenarios{QStringLiteral("healthy"), QStringLiteral("degraded"),
                             QStringLiteral("unhealthy"), QStringLiteral("flaky"),
                             QStringLiteral("slow")};

// Runs `then` after `ms` on the operation's own timer, so cancel() and the operation's
// destruction both stop it: nothing fires into a dead or finished operation.
void after(ConnectorOperation *op, qint64 ms, std::function<void()> then)
{
    auto *timer = new QTimer(op);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, op, [timer, then = std::move(then)] {
        timer->deleteLater();
        then();
    });
    op->setCancelHandler([timer] { timer->stop(); });
    timer->start(int(ms));
}
} // namespace

InMemoryConnector::InMemoryConnector(const Integration &integration, const ConnectorContext &context)
    : m_integration(integration), m_context(context)
{
    const QJsonObject &c = integration.config;
    m_scenario = Scenario(std::max<qsizetype>(0, kScenarios.indexOf(c.value(QStringLiteral("scenario")).toString(QStringLiteral("healthy")))));
    m_latencyMs = parseDurationMs(c.value(QStringLiteral("latency")).toString(QStringLiteral("20ms"))).value_or(20);
    m_slowLatencyMs = parseDurationMs(c.value(QStringLiteral("slowLatency")).toString(QStringLiteral("3s"))).value_or(3000);
    m_flakyEvery = std::max(2, c.value(QStringLiteral("flakyEvery")).toInt(3));
    m_resourceCount = c.value(QStringLiteral("resourceCount")).toInt(50);
    m_pageSize = std::max(1, c.value(QStringLiteral("pageSize")).toInt(100));
    m_prefix = c.value(QStringLiteral("resourcePrefix")).toString(QStringLiteral("demo"));
}

qint64 InMemoryConnector::latencyMs() const
{
    return m_scenario == Scenario::Slow ? m_slowLatencyMs : m_latencyMs;
}

bool InMemoryConnector::flakyFailsNow() const
{
    const Clock &clock = m_context.clock ? *m_context.clock : SystemClock::instance();
    return (clock.now().toSecsSinceEpoch() / 60) % m_flakyEvery == 0;
}

QString InMemoryConnector::resourceName(const QString &resourceType, const QString &prefix, int index)
{
    if (resourceType == QLatin1String("repositories"))
        return QStringLiteral("%1/service-%2").arg(prefix).arg(index, 4, 10, QLatin1Char('0'));
    if (resourceType == QLatin1String("tags"))
        return QStringLiteral("v%1.%2.%3").arg(index / 100).arg((index / 10) % 10).arg(index % 10);
    if (resourceType == QLatin1String("projects"))
        return QStringLiteral("%1-project-%2").arg(prefix).arg(index, 4, 10, QLatin1Char('0'));
    if (resourceType == QLatin1String("jobs"))
        return QStringLiteral("%1-job-%2").arg(prefix).arg(index, 4, 10, QLatin1Char('0'));
    return QStringLiteral("%1-pipeline-%2").arg(prefix).arg(index, 6, 10, QLatin1Char('0'));
}

ConnectorOperation *InMemoryConnector::testConnection(QObject *parent)
{
    auto *op = new ConnectorOperation(ConnectorOperation::Kind::TestConnection, parent);
    const Scenario scenario = m_scenario;
    const bool flakyDown = scenario == Scenario::Flaky && flakyFailsNow();
    const qint64 latency = latencyMs();
    const QString authRef = m_integration.authRefUri;

    // Each stage is a step that ends after the simulated latency; the chain mirrors a real
    // connector's checklist so the live dialog and the CLI show the same shape.
    QTimer::singleShot(0, op, [=] {
        op->beginStep(QStringLiteral("credential"), QStringLiteral("Resolve credential"));
        if (authRef.isEmpty()) {
            op->endStep(ConnectorStep::State::Skipped, QStringLiteral("no credential configured"));
        } else {
            auto ref = AuthRef::parse(authRef);
            if (ref && ref->store == AuthRef::Store::InMemory)
                op->endStep(ConnectorStep::State::Passed, QStringLiteral("%1 resolved from the sandbox store").arg(authRef));
            else
                op->endStep(ConnectorStep::State::Skipped,
                            QStringLiteral("the InMemory provider uses only inmemory AuthRefs; %1 not resolved").arg(authRef));
        }
        op->beginStep(QStringLiteral("reach"), QStringLiteral("Reach the server"));
        after(op, latency, [=] {
            if (scenario == Scenario::Unhealthy || flakyDown) {
                op->reportHealth(HealthStatus::Unhealthy);
                op->fail(Error::failed(scenario == Scenario::Unhealthy
                                           ? QStringLiteral("connection refused (simulated unhealthy scenario)")
                                           : QStringLiteral("connection reset by peer (simulated flaky scenario)"),
                                       QStringLiteral("Change the integration's scenario to healthy")));
                return;
            }
            op->endStep(ConnectorStep::State::Passed, QStringLiteral("GET /health → 200 in %1 ms").arg(latency));
            op->beginStep(QStringLiteral("identify"), QStringLiteral("Identify product and version"));
            op->reportServer({QStringLiteral("InMemory"), QStringLiteral("1.0")});
            op->endStep(ConnectorStep::State::Passed, QStringLiteral("InMemory 1.0"));
            op->beginStep(QStringLiteral("authenticated"), QStringLiteral("Authenticated call"));
            after(op, latency, [=] {
                op->endStep(ConnectorStep::State::Passed, QStringLiteral("GET /api/whoami → 200 in %1 ms").arg(latency));
                op->beginStep(QStringLiteral("permissions"), QStringLiteral("Permission check"));
                if (scenario == Scenario::Degraded) {
                    op->reportHealth(HealthStatus::Degraded);
                    op->endStep(ConnectorStep::State::Warning, QStringLiteral("read-only access (simulated degraded scenario)"));
                } else {
                    op->reportHealth(scenario == Scenario::Slow ? HealthStatus::Degraded : HealthStatus::Healthy);
                    op->endStep(ConnectorStep::State::Passed, QStringLiteral("read and list permitted"));
                }
                op->succeed();
            });
        });
    });
    return op;
}

ConnectorOperation *InMemoryConnector::checkHealth(QObject *parent)
{
    auto *op = new ConnectorOperation(ConnectorOperation::Kind::HealthCheck, parent);
    const Scenario scenario = m_scenario;
    const bool flakyDown = scenario == Scenario::Flaky && flakyFailsNow();
    const qint64 latency = latencyMs();
    QTimer::singleShot(0, op, [=] {
        op->beginStep(QStringLiteral("health"), QStringLiteral("GET /health"));
        after(op, latency, [=] {
            switch (scenario) {
            case Scenario::Unhealthy:
                op->reportHealth(HealthStatus::Unhealthy);
                op->endStep(ConnectorStep::State::Failed, QStringLiteral("connection refused (simulated)"));
                break;
            case Scenario::Degraded:
                op->reportHealth(HealthStatus::Degraded);
                op->endStep(ConnectorStep::State::Warning, QStringLiteral("200 in %1 ms, components degraded (simulated)").arg(latency));
                break;
            case Scenario::Slow:
                op->reportHealth(HealthStatus::Degraded);
                op->endStep(ConnectorStep::State::Warning, QStringLiteral("200 in %1 ms: slow (simulated)").arg(latency));
                break;
            case Scenario::Flaky:
                op->reportHealth(flakyDown ? HealthStatus::Unhealthy : HealthStatus::Healthy);
                op->endStep(flakyDown ? ConnectorStep::State::Failed : ConnectorStep::State::Passed,
                            flakyDown ? QStringLiteral("connection reset by peer (simulated)")
                                      : QStringLiteral("200 in %1 ms").arg(latency));
                break;
            case Scenario::Healthy:
                op->reportHealth(HealthStatus::Healthy);
                op->endStep(ConnectorStep::State::Passed, QStringLiteral("200 in %1 ms").arg(latency));
                break;
            }
            op->succeed(); // the check itself ran: its verdict is the health status
        });
    });
    return op;
}

ConnectorOperation *InMemoryConnector::discover(const QString &resourceType, const QString &namePattern,
                                                QObject *parent)
{
    auto *op = new ConnectorOperation(ConnectorOperation::Kind::Discovery, parent);
    const QStringList supported = resourceTypesFor(m_integration.type);
    if (!supported.contains(resourceType)) {
        // Operations may outlive their connector: capture values, never `this`.
        const IntegrationType type = m_integration.type;
        QTimer::singleShot(0, op, [=] {
            op->fail(Error::invalidInput(
                supported.isEmpty()
                    ? QStringLiteral("%1 integrations support no discovery").arg(toString(type))
                    : QStringLiteral("'%1' is not a resource type of %2 integrations").arg(resourceType, toString(type)),
                supported.isEmpty() ? QStringLiteral("Use test or check instead")
                                    : QStringLiteral("Use one of: %1").arg(supported.join(QStringLiteral(", ")))));
        });
        return op;
    }
    if (m_scenario == Scenario::Unhealthy) {
        QTimer::singleShot(0, op, [op] {
            op->fail(Error::failed(QStringLiteral("connection refused (simulated unhealthy scenario)")));
        });
        return op;
    }
    const QRegularExpression filter(namePattern.isEmpty() ? QStringLiteral(".*") : globToRegularExpression(namePattern),
                                    QRegularExpression::CaseInsensitiveOption);
    struct Cursor
    {
        int next = 0;
    };
    auto cursor = std::make_shared<Cursor>();
    const int total = m_resourceCount;
    const int pageSize = m_pageSize;
    const qint64 latency = latencyMs();
    const QString prefix = m_prefix;
    // Pending timers hold the page function strongly; it holds itself only weakly, so the
    // chain dies with the operation and its timers.
    auto fetchPage = std::make_shared<std::function<void()>>();
    std::weak_ptr<std::function<void()>> weakFetch = fetchPage;
    *fetchPage = [=] {
        if (cursor->next >= total) {
            op->endStep(ConnectorStep::State::Passed, QStringLiteral("%1 %2").arg(op->resourceCount()).arg(resourceType));
            op->succeed();
            return;
        }
        QList<DiscoveredResource> page;
        const int end = std::min(total, cursor->next + pageSize);
        for (int i = cursor->next; i < end; ++i) {
            DiscoveredResource r{resourceType, resourceName(resourceType, prefix, i), {}};
            if (filter.match(r.name).hasMatch())
                page.append(r);
        }
        cursor->next = end;
        op->reportPage(page);
        after(op, latency, [strong = weakFetch.lock()] {
            if (strong)
                (*strong)();
        });
    };
    QTimer::singleShot(0, op, [=] {
        op->beginStep(QStringLiteral("discover"), QStringLiteral("List %1").arg(resourceType));
        after(op, latency, [fetchPage] { (*fetchPage)(); });
    });
    return op;
}

ProviderDefinition inMemoryProviderDefinition()
{
    ProviderDefinition d;
    d.id = QStringLiteral("InMemory");
    d.displayName = QStringLiteral("In-memory (test only)");
    d.type = IntegrationType::Registry;
    d.allowedTypes = allIntegrationTypes();
    d.isTestOnly = true;
    d.endpointRequired = false;
    d.endpointHelp = QStringLiteral("any URL; never contacted");
    // The resource types depend on the integration's type (resourceTypesFor).
    d.supportedResourceTypes = {QStringLiteral("repositories"), QStringLiteral("tags"), QStringLiteral("projects"),
                                QStringLiteral("jobs"), QStringLiteral("pipelines")};
    using K = ConfigField::Kind;
    d.configSchema.fields = {
        {QStringLiteral("scenario"), QStringLiteral("Scenario"), K::Enum, false, QStringLiteral("healthy"),
         QStringLiteral("How the simulated server behaves"), kScenarios, 0, 0},
        {QStringLiteral("latency"), QStringLiteral("Latency"), K::Duration, false, QStringLiteral("20ms"),
         QStringLiteral("Simulated time per request"), {}, 0, 0},
        {QStringLiteral("slowLatency"), QStringLiteral("Slow latency"), K::Duration, false, QStringLiteral("3s"),
         QStringLiteral("Time per request in the slow scenario"), {}, 0, 0},
        {QStringLiteral("flakyEvery"), QStringLiteral("Flaky period"), K::Int, false, 3,
         QStringLiteral("The flaky scenario fails in every Nth minute"), {}, 2, 1440},
        {QStringLiteral("resourceCount"), QStringLiteral("Resources"), K::Int, false, 50,
         QStringLiteral("How many resources discovery returns"), {}, 0, 10'000'000},
        {QStringLiteral("pageSize"), QStringLiteral("Page size"), K::Int, false, 100,
         QStringLiteral("Resources per discovery page"), {}, 1, 10'000},
        {QStringLiteral("resourcePrefix"), QStringLiteral("Resource prefix"), K::String, false, QStringLiteral("demo"),
         QStringLiteral("Prefix of generated resource names"), {}, 0, 0},
    };
    d.credentialSlots = {{QStringLiteral("token"), QStringLiteral("token"), CredentialSlot::Kind::Token, false,
                          QStringLiteral("Optional: an authref://inmemory/... reference")}};
    d.connectorFactory = [](const Integration &integration, const ConnectorContext &context) {
        return std::unique_ptr<Connector>(new InMemoryConnector(integration, context));
    };
    return d;
}

} // namespace stella
