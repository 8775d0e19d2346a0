// SPDX-License-Identifier: Apache-2.0
#include "StatusPageConnector.h"

#include "core/connectors/StepIds.h"

namespace stella::plugins {

namespace {

const QString kProduct = QStringLiteral("Statuspage");
const QString kStatusPath = QStringLiteral("/api/v2/status.json");
const QString kComponentsPath = QStringLiteral("/api/v2/components.json");

QString describeStatus(const QJsonObject &answer)
{
    const QJsonObject status = answer.value(QStringLiteral("status")).toObject();
    return QStringLiteral("%1 (indicator %2)")
        .arg(status.value(QStringLiteral("description")).toString(),
             status.value(QStringLiteral("indicator")).toString());
}

// The answer of GET /api/v2/status.json when it has Statuspage's shape, else why not.
Result<QJsonObject> statusAnswer(const HttpExchange &http, const HttpResponse &response)
{
    const QString what = QStringLiteral("GET ") + kStatusPath;
    if (response.status != 200)
        return http.accessError(response, what);
    auto answer = http::jsonObject(response, what);
    if (!answer)
        return answer.error();
    if (!answer->value(QStringLiteral("page")).isObject() ||
        !answer->value(QStringLiteral("status")).toObject().contains(QStringLiteral("indicator")))
        return Error::failed(
            QStringLiteral("%1 is not a Statuspage status page (%2 has no page and "
                           "status.indicator)")
                .arg(http.session().integration().endpoint, kStatusPath),
            QStringLiteral("Give the status page's base URL, without /api/v2"));
    return answer;
}

} // namespace

StatusPageConnector::StatusPageConnector(const Integration &integration,
                                         const ConnectorContext &context)
    : HttpConnector(integration, context)
{}

HealthStatus StatusPageConnector::healthOf(const QString &indicator)
{
    if (indicator == QLatin1String("none"))
        return HealthStatus::Healthy;
    if (indicator == QLatin1String("minor") || indicator == QLatin1String("maintenance"))
        return HealthStatus::Degraded;
    if (indicator == QLatin1String("major") || indicator == QLatin1String("critical"))
        return HealthStatus::Unhealthy;
    return HealthStatus::Unknown;
}

ConnectorOperation *StatusPageConnector::testConnection(QObject *parent)
{
    Run run = begin(ConnectorOperation::Kind::TestConnection, parent);
    const std::shared_ptr<HttpExchange> http = run.http;
    auto probe = std::make_shared<HttpResponse>();
    addReachStep(run, session().endpointUrl(kStatusPath), probe);
    run.steps
        ->add(StepId::Identify, QStringLiteral("Identify the status page"),
              [http, probe](const Step &step) {
                  auto answer = statusAnswer(*http, *probe);
                  if (!answer)
                      return step.fail(answer.error());
                  const QJsonObject page = answer->value(QStringLiteral("page")).toObject();
                  step.operation()->reportServer(
                      {kProduct, page.value(QStringLiteral("name")).toString()});
                  step.pass(QStringLiteral("%1: %2").arg(
                      page.value(QStringLiteral("name")).toString(), describeStatus(*answer)));
              })
        .add(StepId::Permission, QStringLiteral("Read the components"), [http](const Step &step) {
            const QString what = QStringLiteral("GET ") + kComponentsPath;
            http->get(http->session().endpointUrl(kComponentsPath),
                      [http, step, what](const HttpResponse &response) {
                          if (response.status != 200)
                              return step.fail(http->accessError(response, what));
                          auto answer = http::jsonObject(response, what);
                          if (!answer)
                              return step.fail(answer.error());
                          const qsizetype count =
                              answer->value(QStringLiteral("components")).toArray().size();
                          step.pass(count == 1 ? QStringLiteral("1 component")
                                               : QStringLiteral("%1 components").arg(count));
                      });
        });
    run.steps->start();
    return run.operation;
}

ConnectorOperation *StatusPageConnector::checkHealth(QObject *parent)
{
    Run run = begin(ConnectorOperation::Kind::HealthCheck, parent);
    run.steps->add(
        StepId::Health, QStringLiteral("GET ") + kStatusPath, [http = run.http](const Step &step) {
            http->get(http->session().endpointUrl(kStatusPath), [http, step](
                                                                    const HttpResponse &response) {
                ConnectorOperation *op = step.operation();
                auto answer = statusAnswer(*http, response);
                if (!answer) {
                    op->reportHealth(HealthStatus::Unhealthy);
                    return step.finish(ConnectorStep::State::Failed, answer.error().message);
                }
                const HealthStatus health = healthOf(answer->value(QStringLiteral("status"))
                                                         .toObject()
                                                         .value(QStringLiteral("indicator"))
                                                         .toString());
                op->reportHealth(health);
                const ConnectorStep::State state =
                    health == HealthStatus::Healthy    ? ConnectorStep::State::Passed
                    : health == HealthStatus::Degraded ? ConnectorStep::State::Warning
                                                       : ConnectorStep::State::Failed;
                step.finish(state, describeStatus(*answer));
            });
        });
    run.steps->start();
    return run.operation;
}

HttpConnector::DiscoveryBody StatusPageConnector::discovery(const QString &) const
{
    return {}; // resourceTypes() is empty: discover() refuses every type before asking
}

} // namespace stella::plugins
