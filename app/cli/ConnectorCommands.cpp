// SPDX-License-Identifier: Apache-2.0
// The commands that talk to the integration's server through its connector.
#include "Cli.h"
#include "core/catalog/IntegrationCatalog.h"
#include "core/connectors/ConnectorOperation.h"
#include "core/health/HealthCheckResult.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <limits>

namespace stella::cli {

namespace {
QString stepLine(const ConnectorStep &step)
{
    const QString state = QStringLiteral("[%1]").arg(toString(step.state));
    QString text = QStringLiteral("%1 %2").arg(state.leftJustified(10), step.title);
    if (!step.message.isEmpty())
        text += QStringLiteral(" — ") + step.message;
    if (step.state != ConnectorStep::State::Running)
        text += QStringLiteral(" (%1 ms)").arg(step.durationMs);
    return text;
}

QJsonArray stepsJson(const QList<ConnectorStep> &steps)
{
    QJsonArray all;
    for (const ConnectorStep &s : steps)
        all.append(QJsonObject{{QStringLiteral("id"), s.id},
                               {QStringLiteral("title"), s.title},
                               {QStringLiteral("state"), toString(s.state)},
                               {QStringLiteral("message"), s.message},
                               {QStringLiteral("durationMs"), s.durationMs}});
    return all;
}

// Runs an operation to completion, printing its steps on stderr as they happen.
void runToCompletion(ConnectorOperation *op)
{
    QEventLoop loop;
    QObject::connect(op, &ConnectorOperation::stepChanged, op, [](const ConnectorStep &step) {
        if (step.state != ConnectorStep::State::Running)
            Output::progress(stepLine(step));
    });
    QObject::connect(op, &ConnectorOperation::finished, &loop, &QEventLoop::quit);
    if (!op->isFinished())
        loop.exec();
}

// The steps that ended in a warning: a test that passed with them "passed with warnings", as
// the console's test-connection dialog says.
QList<ConnectorStep> warnings(const QList<ConnectorStep> &steps)
{
    QList<ConnectorStep> warned;
    for (const ConnectorStep &s : steps)
        if (s.state == ConnectorStep::State::Warning)
            warned.append(s);
    return warned;
}
} // namespace

Result<std::pair<Integration, std::unique_ptr<Connector>>>
Cli::connectorForArgument(const Args &args)
{
    auto integration = findIntegration(args.positionals().first());
    if (!integration)
        return integration.error();
    auto connector = launcher().connectorFor(*integration);
    if (!connector)
        return connector.error();
    return std::make_pair(*integration, std::move(connector).value());
}

ConnectorLauncher Cli::launcher()
{
    return ConnectorLauncher(m_registry, m_clock, &credentials());
}

Cli::TestVerdict Cli::testOne(const Integration &integration, Connector &connector)
{
    Output::progress(
        QStringLiteral("Testing '%1' (%2)…").arg(integration.name, integration.provider));
    std::unique_ptr<ConnectorOperation> op(connector.testConnection(nullptr));
    runToCompletion(op.get());
    TestVerdict verdict;
    verdict.ok = op->outcome() == ConnectorOperation::Outcome::Succeeded;
    verdict.error = op->error();
    // Feeds integrations_test_connection_duration_seconds; the test's verdict stands even if
    // the catalog cannot count it.
    if (auto r = catalog().recordTestConnection(m_ctx, integration.provider, op->elapsedMs()); !r)
        Output::progress(QStringLiteral("warning: %1").arg(r.error().message));
    const QList<ConnectorStep> warned = verdict.ok ? warnings(op->steps()) : QList<ConnectorStep>();
    verdict.json = QJsonObject{{QStringLiteral("id"), integration.idString()},
                               {QStringLiteral("name"), integration.name},
                               {QStringLiteral("success"), verdict.ok},
                               {QStringLiteral("product"), op->server().product},
                               {QStringLiteral("version"), op->server().version},
                               {QStringLiteral("healthStatus"), toString(op->healthStatus())},
                               {QStringLiteral("durationMs"), op->elapsedMs()},
                               {QStringLiteral("steps"), stepsJson(op->steps())},
                               {QStringLiteral("warnings"), stepsJson(warned)}};
    if (!verdict.ok)
        verdict.json.insert(QStringLiteral("error"), op->error().toText());
    for (const ConnectorStep &step : op->steps())
        verdict.stepLines.append(stepLine(step));
    if (!verdict.ok)
        verdict.result = QStringLiteral("FAILED");
    else
        verdict.result = QStringLiteral("%1: %2 %3 in %4 ms")
                             .arg(warned.isEmpty() ? QStringLiteral("passed")
                                                   : QStringLiteral("passed with warnings"),
                                  op->server().product, op->server().version)
                             .arg(op->elapsedMs());
    for (const ConnectorStep &step : warned)
        verdict.warningLines.append(
            step.message.isEmpty()
                ? QStringLiteral("  warning: %1").arg(step.title)
                : QStringLiteral("  warning: %1 — %2").arg(step.title, step.message));
    return verdict;
}

Result<void> Cli::test(const Args &args)
{
    const bool byFilter = args.has(QStringLiteral("folder")) || args.has(QStringLiteral("tag")) ||
                          args.has(QStringLiteral("tier"));
    if (byFilter != args.positionals().isEmpty())
        return Error::invalidInput(
            byFilter ? QStringLiteral("test takes INTEGRATIONs or --folder/--tag/--tier, not both")
                     : QStringLiteral("test needs an INTEGRATION, several, or "
                                      "--folder/--tag/--tier"),
            QStringLiteral("e.g. `stella-integrations test edge-harbor ci-gitlab` or "
                           "`stella-integrations test --tier prod`"));
    if (!byFilter && args.positionals().size() == 1)
        return testSingle(args);

    // Every name is resolved before anything is tested: a typo tests nothing.
    QList<Integration> targets;
    if (byFilter) {
        auto filter = organisationFilter(args);
        if (!filter)
            return filter.error();
        auto listed = catalog().list(m_ctx, *filter);
        if (!listed)
            return listed.error();
        targets = *listed;
        if (targets.isEmpty())
            return Error::notFound(
                QStringLiteral("no integration matches --folder/--tag/--tier"),
                QStringLiteral("`stella-integrations list` with the same options shows what "
                               "they match"));
    } else {
        for (const QString &idOrName : args.positionals()) {
            auto integration = findIntegration(idOrName);
            if (!integration)
                return integration.error();
            targets.append(*integration);
        }
    }
    return testSeveral(targets);
}

Result<void> Cli::testSingle(const Args &args)
{
    auto target = connectorForArgument(args);
    if (!target)
        return target.error();
    const Integration &integration = target->first;
    const TestVerdict verdict = testOne(integration, *target->second);
    if (m_out->json()) {
        m_out->document(verdict.json);
    } else {
        for (const QString &line : verdict.stepLines)
            m_out->line(line);
        m_out->line(QStringLiteral("Connection test ") + verdict.result);
        for (const QString &line : verdict.warningLines)
            m_out->line(line);
    }
    if (!verdict.ok) {
        Error e = verdict.error;
        e.message =
            QStringLiteral("Connection test of '%1' failed: %2").arg(integration.name, e.message);
        if (m_out->json()) {
            Output::progress(QStringLiteral("error: ") + e.toText());
            m_out->flush();
            // The JSON result above is the document; report failure through the exit code only.
            return Error{ErrorKind::OperationFailed, {}, {}, {}};
        }
        return e;
    }
    return {};
}

Result<void> Cli::testSeveral(const QList<Integration> &targets)
{
    // One after the other: the steps on stderr stay readable, and no server gets a burst.
    int passed = 0;
    int failed = 0;
    int untested = 0;
    QJsonArray results;
    for (const Integration &integration : targets) {
        auto connector = launcher().connectorFor(integration);
        if (!connector) {
            ++untested;
            const QString why = connector.error().message;
            results.append(QJsonObject{{QStringLiteral("id"), integration.idString()},
                                       {QStringLiteral("name"), integration.name},
                                       {QStringLiteral("success"), false},
                                       {QStringLiteral("tested"), false},
                                       {QStringLiteral("error"), connector.error().toText()}});
            if (!m_out->json())
                m_out->line(QStringLiteral("%1: not tested — %2").arg(integration.name, why));
            continue;
        }
        const TestVerdict verdict = testOne(integration, **connector);
        (verdict.ok ? passed : failed) += 1;
        QJsonObject json = verdict.json;
        json.insert(QStringLiteral("tested"), true);
        results.append(json);
        if (!m_out->json()) {
            m_out->line(verdict.ok ? QStringLiteral("%1: %2").arg(integration.name, verdict.result)
                                   : QStringLiteral("%1: FAILED — %2")
                                         .arg(integration.name, verdict.error.message));
            for (const QString &line : verdict.warningLines)
                m_out->line(line);
        }
    }
    if (m_out->json())
        m_out->document(QJsonObject{{QStringLiteral("results"), results},
                                    {QStringLiteral("passed"), passed},
                                    {QStringLiteral("failed"), failed},
                                    {QStringLiteral("notTested"), untested}});
    else
        m_out->line(untested > 0 ? QStringLiteral("%1 passed, %2 failed, %3 not tested")
                                       .arg(passed)
                                       .arg(failed)
                                       .arg(untested)
                                 : QStringLiteral("%1 passed, %2 failed").arg(passed).arg(failed));
    if (failed + untested > 0) {
        m_out->flush();
        Output::progress(QStringLiteral("error: %1 of %2 connection tests did not pass")
                             .arg(failed + untested)
                             .arg(targets.size()));
        return Error{ErrorKind::OperationFailed, {}, {}, {}};
    }
    return {};
}

Result<void> Cli::check(const Args &args)
{
    auto target = connectorForArgument(args);
    if (!target)
        return target.error();
    const Integration *integration = &target->first;
    auto connector = &target->second;
    std::unique_ptr<ConnectorOperation> op((*connector)->checkHealth(nullptr));
    runToCompletion(op.get());
    const HealthCheckRecord record = healthCheckRecordFor(integration->id, m_clock.now(), *op);
    if (auto r = catalog().recordHealthCheck(m_ctx, record); !r)
        return r.error();
    if (m_out->json())
        m_out->document(QJsonObject{{QStringLiteral("integration"), integration->idString()},
                                    {QStringLiteral("check"), record.toJson()},
                                    {QStringLiteral("steps"), stepsJson(op->steps())}});
    else
        m_out->line(QStringLiteral("%1: %2 in %3 ms%4%5")
                        .arg(integration->name, toString(record.status))
                        .arg(record.latencyMs)
                        .arg(record.errorMessage.isEmpty()
                                 ? QString()
                                 : QStringLiteral(" — ") + record.errorMessage,
                             sandboxNote()));
    if (record.status == HealthStatus::Unhealthy) {
        m_out->flush();
        Output::progress(QStringLiteral("error: '%1' is unhealthy").arg(integration->name));
        return Error{ErrorKind::OperationFailed, {}, {}, {}};
    }
    return {};
}

Result<void> Cli::discover(const Args &args)
{
    auto integration = findIntegration(args.positionals().first());
    if (!integration)
        return integration.error();
    auto limit = args.intValue(QStringLiteral("limit"), std::numeric_limits<int>::max());
    if (!limit)
        return limit.error();
    const ConnectorLauncher connectors = launcher();
    auto connector = connectors.connectorFor(*integration);
    if (!connector)
        return connector.error();
    // `--resource-type Repositories` is repositories; a type the integration cannot list is
    // left to the connector, whose refusal names the ones it can.
    const QString requested = args.value(QStringLiteral("resource-type"));
    const QString resourceType =
        canonicalSpelling(requested, connectors.resourceTypesFor(*integration)).value_or(requested);

    std::unique_ptr<ConnectorOperation> op(
        (*connector)->discover(resourceType, args.value(QStringLiteral("name-pattern")), nullptr));
    QJsonArray collected;
    int count = 0;
    bool truncated = false;
    QObject::connect(op.get(), &ConnectorOperation::pageReady, op.get(),
                     [&](const QList<DiscoveredResource> &page) {
                         for (const DiscoveredResource &r : page) {
                             if (count >= *limit) {
                                 truncated = true;
                                 break;
                             }
                             ++count;
                             if (m_out->json())
                                 collected.append(r.toJson());
                             else
                                 m_out->line(r.name); // streamed: results appear as pages arrive
                         }
                         m_out->flush();
                         Output::progress(QStringLiteral("… %1 %2").arg(count).arg(resourceType));
                         if (truncated)
                             op->cancel(); // --limit reached: stop fetching further pages
                     });
    runToCompletion(op.get());
    if (op->outcome() == ConnectorOperation::Outcome::Failed)
        return op->error();
    if (m_out->json())
        m_out->document(QJsonObject{{QStringLiteral("integration"), integration->idString()},
                                    {QStringLiteral("resourceType"), resourceType},
                                    {QStringLiteral("count"), count},
                                    {QStringLiteral("truncated"), truncated},
                                    {QStringLiteral("resources"), collected}});
    else
        Output::progress(
            truncated ? QStringLiteral("%1 %2 (stopped at --limit)").arg(count).arg(resourceType)
                      : QStringLiteral("%1 %2").arg(count).arg(resourceType));
    return {};
}

} // namespace stella::cli
