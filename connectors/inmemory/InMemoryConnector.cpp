// SPDX-License-Identifier: Apache-2.0
#include "InMemoryConnector.h"

#include "connectors/base/ProviderBuilder.h"
#include "connectors/base/StepSequence.h"
#include "core/common/Clock.h"
#include "core/connectors/StepIds.h"
#include "core/credentials/AuthRef.h"
#include "core/model/ResourceTypes.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QTimer>
#include <memory>

namespace stella {

namespace {
struct InMemoryText
{
    Q_DECLARE_TR_FUNCTIONS(stella::InMemoryConnector)
};
} // namespace

namespace {
const QStringList kScenarios{QStringLiteral("healthy"), QStringLiteral("degraded"),
                             QStringLiteral("unhealthy"), QStringLiteral("flaky"),
                             QStringLiteral("slow")};

// Where a discovery stands: the next index to serve, and what to serve.
struct PageWalk
{
    QString resourceType;
    QString prefix;
    QRegularExpression filter;
    int total = 0;
    int pageSize = 1;
    qint64 latency = 0;
    int next = 0;
};

// One page after the other, each after the simulated latency, until `total` are served.
void servePage(const std::shared_ptr<PageWalk> &walk, const Step &step)
{
    ConnectorOperation *op = step.operation();
    if (step.isOver())
        return;
    if (walk->next >= walk->total)
        return step.pass(QStringLiteral("%1 %2").arg(op->resourceCount()).arg(walk->resourceType));
    QList<DiscoveredResource> page;
    const int end = std::min(walk->total, walk->next + walk->pageSize);
    for (int i = walk->next; i < end; ++i) {
        DiscoveredResource r{walk->resourceType,
                             InMemoryConnector::resourceName(walk->resourceType, walk->prefix, i),
                             {}};
        if (walk->filter.match(r.name).hasMatch())
            page.append(r);
    }
    walk->next = end;
    op->reportPage(page);
    step.after(walk->latency, [walk, step] { servePage(walk, step); });
}
} // namespace

InMemoryConnector::InMemoryConnector(const Integration &integration,
                                     const ConnectorContext &context)
    : m_integration(integration), m_context(context)
{
    const QJsonObject &c = integration.config;
    m_scenario = Scenario(std::max<qsizetype>(
        0, kScenarios.indexOf(
               c.value(QStringLiteral("scenario")).toString(QStringLiteral("healthy")))));
    m_latencyMs =
        parseDurationMs(c.value(QStringLiteral("latency")).toString(QStringLiteral("20ms")))
            .value_or(20);
    m_slowLatencyMs =
        parseDurationMs(c.value(QStringLiteral("slowLatency")).toString(QStringLiteral("3s")))
            .value_or(3000);
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

QString InMemoryConnector::resourceName(const QString &resourceType, const QString &prefix,
                                        int index)
{
    if (resourceType == ResourceType::Repositories)
        return QStringLiteral("%1/service-%2").arg(prefix).arg(index, 4, 10, QLatin1Char('0'));
    if (resourceType == ResourceType::Tags)
        // As a registry names a tag, with its repository: ten tags per demo repository, so
        // "demo/service-00*:*" finds the first hundred repositories' tags (issue #13 item 9).
        return QStringLiteral("%1/service-%2:v1.0.%3")
            .arg(prefix)
            .arg(index / 10, 4, 10, QLatin1Char('0'))
            .arg(index % 10);
    if (resourceType == ResourceType::Projects)
        return QStringLiteral("%1-project-%2").arg(prefix).arg(index, 4, 10, QLatin1Char('0'));
    if (resourceType == ResourceType::Jobs)
        return QStringLiteral("%1-job-%2").arg(prefix).arg(index, 4, 10, QLatin1Char('0'));
    return QStringLiteral("%1-pipeline-%2").arg(prefix).arg(index, 6, 10, QLatin1Char('0'));
}

ConnectorOperation *InMemoryConnector::testConnection(QObject *parent)
{
    auto *op = new ConnectorOperation(ConnectorOperation::Kind::TestConnection, parent);
    // Operations may outlive their connector: the steps hold values, never `this`.
    const Scenario scenario = m_scenario;
    const bool flakyDown = scenario == Scenario::Flaky && flakyFailsNow();
    const qint64 latency = latencyMs();
    const QString authRef = m_integration.authRefUri;

    // The same checklist as a real connector's, so the live dialog and the CLI show the same
    // shape; the network steps end after the simulated latency.
    auto steps = StepSequence::create(op);
    steps
        ->add(StepId::Credential, InMemoryText::tr("Resolve credential"),
              [authRef](const Step &step) {
                  if (authRef.isEmpty())
                      return step.skip(InMemoryText::tr("no credential configured"));
                  auto ref = AuthRef::parse(authRef);
                  if (ref && ref->store == AuthRef::Store::InMemory)
                      return step.pass(
                          InMemoryText::tr("%1 resolved from the sandbox store").arg(authRef));
                  step.skip(
                      InMemoryText::tr("the InMemory provider uses only inmemory AuthRefs; %1 "
                                       "not resolved")
                          .arg(authRef));
              })
        .add(StepId::Reach, InMemoryText::tr("Reach the server"),
             [=](const Step &step) {
                 step.after(latency, [=] {
                     if (scenario == Scenario::Unhealthy || flakyDown) {
                         step.operation()->reportHealth(HealthStatus::Unhealthy);
                         return step.fail(Error::failed(
                             scenario == Scenario::Unhealthy
                                 ? InMemoryText::tr(
                                       "connection refused (simulated unhealthy scenario)")
                                 : InMemoryText::tr(
                                       "connection reset by peer (simulated flaky scenario)"),
                             InMemoryText::tr("Change the integration's scenario to healthy")));
                     }
                     step.pass(InMemoryText::tr("GET /health → 200 in %1 ms").arg(latency));
                 });
             })
        .add(
            StepId::Identify, InMemoryText::tr("Identify product and version"),
            [](const Step &step) {
                step.operation()->reportServer({QStringLiteral("InMemory"), QStringLiteral("1.0")});
                step.pass(QStringLiteral("InMemory 1.0"));
            })
        .add(StepId::Authenticate, InMemoryText::tr("Authenticated call"),
             [latency](const Step &step) {
                 step.after(latency, [=] {
                     step.pass(InMemoryText::tr("GET /api/whoami → 200 in %1 ms").arg(latency));
                 });
             })
        .add(StepId::Permission, InMemoryText::tr("Permission check"),
             [scenario](const Step &step) {
                 if (scenario == Scenario::Degraded) {
                     step.operation()->reportHealth(HealthStatus::Degraded);
                     return step.warn(
                         InMemoryText::tr("read-only access (simulated degraded scenario)"));
                 }
                 step.operation()->reportHealth(scenario == Scenario::Slow ? HealthStatus::Degraded
                                                                           : HealthStatus::Healthy);
                 step.pass(InMemoryText::tr("read and list permitted"));
             });
    steps->startSoon();
    return op;
}

ConnectorOperation *InMemoryConnector::checkHealth(QObject *parent)
{
    auto *op = new ConnectorOperation(ConnectorOperation::Kind::HealthCheck, parent);
    const Scenario scenario = m_scenario;
    const bool flakyDown = scenario == Scenario::Flaky && flakyFailsNow();
    const qint64 latency = latencyMs();
    auto steps = StepSequence::create(op);
    // The check itself runs either way: its verdict is the health status.
    steps->add(StepId::Health, QStringLiteral("GET /health"), [=](const Step &step) {
        step.after(latency, [=] {
            ConnectorOperation *operation = step.operation();
            switch (scenario) {
            case Scenario::Unhealthy:
                operation->reportHealth(HealthStatus::Unhealthy);
                return step.end(ConnectorStep::State::Failed,
                                InMemoryText::tr("connection refused (simulated)"));
            case Scenario::Degraded:
                operation->reportHealth(HealthStatus::Degraded);
                return step.warn(
                    InMemoryText::tr("200 in %1 ms, components degraded (simulated)").arg(latency));
            case Scenario::Slow:
                operation->reportHealth(HealthStatus::Degraded);
                return step.warn(InMemoryText::tr("200 in %1 ms: slow (simulated)").arg(latency));
            case Scenario::Flaky:
                operation->reportHealth(flakyDown ? HealthStatus::Unhealthy
                                                  : HealthStatus::Healthy);
                return step.end(flakyDown ? ConnectorStep::State::Failed
                                          : ConnectorStep::State::Passed,
                                flakyDown ? InMemoryText::tr("connection reset by peer (simulated)")
                                          : InMemoryText::tr("200 in %1 ms").arg(latency));
            case Scenario::Healthy:
                operation->reportHealth(HealthStatus::Healthy);
                return step.pass(InMemoryText::tr("200 in %1 ms").arg(latency));
            }
        });
    });
    steps->startSoon();
    return op;
}

ConnectorOperation *InMemoryConnector::discover(const QString &resourceType,
                                                const QString &namePattern, QObject *parent)
{
    auto *op = new ConnectorOperation(ConnectorOperation::Kind::Discovery, parent);
    const QStringList supported = resourceTypesFor(m_integration.type);
    if (!supported.contains(resourceType)) {
        const IntegrationType type = m_integration.type;
        QTimer::singleShot(0, op, [=] {
            op->fail(Error::invalidInput(
                supported.isEmpty()
                    ? InMemoryText::tr("%1 integrations support no discovery").arg(toString(type))
                    : InMemoryText::tr("'%1' is not a resource type of %2 integrations")
                          .arg(resourceType, toString(type)),
                supported.isEmpty() ? InMemoryText::tr("Use test or check instead")
                                    : InMemoryText::tr("Use one of: %1")
                                          .arg(supported.join(QStringLiteral(", ")))));
        });
        return op;
    }
    if (m_scenario == Scenario::Unhealthy) {
        QTimer::singleShot(0, op, [op] {
            op->fail(Error::failed(
                InMemoryText::tr("connection refused (simulated unhealthy scenario)")));
        });
        return op;
    }
    auto walk = std::make_shared<PageWalk>(
        PageWalk{resourceType, m_prefix,
                 QRegularExpression(namePattern.isEmpty() ? QStringLiteral(".*")
                                                          : globToRegularExpression(namePattern),
                                    QRegularExpression::CaseInsensitiveOption),
                 m_resourceCount, m_pageSize, latencyMs(), 0});
    auto steps = StepSequence::create(op);
    steps->add(StepId::Discover, InMemoryText::tr("List %1").arg(resourceType),
               [walk](const Step &step) {
                   step.after(walk->latency, [walk, step] { servePage(walk, step); });
               });
    steps->startSoon();
    return op;
}

ProviderDefinition InMemoryConnector::definition()
{
    using K = ConfigField::Kind;
    // The resource types depend on the integration's type (resourceTypesFor); these are all.
    return ProviderBuilder(QStringLiteral("InMemory"), QStringLiteral("In-memory (test only)"),
                           IntegrationType::Registry)
        .alsoAllows(allIntegrationTypes())
        .testOnly()
        .endpoint(InMemoryText::tr("any URL; never contacted"), false)
        .resources({ResourceType::Repositories, ResourceType::Tags, ResourceType::Projects,
                    ResourceType::Jobs, ResourceType::Pipelines})
        .enumField(QStringLiteral("scenario"), InMemoryText::tr("Scenario"), kScenarios,
                   InMemoryText::tr("How the simulated server behaves"), QStringLiteral("healthy"))
        .field(QStringLiteral("latency"), InMemoryText::tr("Latency"), K::Duration,
               InMemoryText::tr("Simulated time per request"), QStringLiteral("20ms"))
        .field(QStringLiteral("slowLatency"), InMemoryText::tr("Slow latency"), K::Duration,
               InMemoryText::tr("Time per request in the slow scenario"), QStringLiteral("3s"))
        .intField(QStringLiteral("flakyEvery"), InMemoryText::tr("Flaky period"),
                  InMemoryText::tr("The flaky scenario fails in every Nth minute"), 2, 1440)
        .withDefault(3)
        .intField(QStringLiteral("resourceCount"), InMemoryText::tr("Resources"),
                  InMemoryText::tr("How many resources discovery returns"), 0, 10'000'000)
        .withDefault(50)
        .intField(QStringLiteral("pageSize"), InMemoryText::tr("Page size"),
                  InMemoryText::tr("Resources per discovery page"), 1, 10'000)
        .withDefault(100)
        .field(QStringLiteral("resourcePrefix"), InMemoryText::tr("Resource prefix"), K::String,
               InMemoryText::tr("Prefix of generated resource names"), QStringLiteral("demo"))
        .credential(QStringLiteral("token"), QStringLiteral("token"), CredentialSlot::Kind::Token,
                    false, InMemoryText::tr("Optional: an authref://inmemory/... reference"))
        .connector<InMemoryConnector>()
        .build();
}

} // namespace stella
