// SPDX-License-Identifier: Apache-2.0
#include "EbpfAgentConnector.h"

#include "core/common/Clock.h"
#include "core/connectors/StepIds.h"

#include <QCoreApplication>

namespace stella {

namespace {
struct EbpfAgentText
{
    Q_DECLARE_TR_FUNCTIONS(stella::EbpfAgentConnector)
};
} // namespace

namespace {
const QString kProduct = QStringLiteral("Stella Ops eBPF agent");
using Http = std::shared_ptr<HttpExchange>;
using Probed = std::function<void(const HttpResponse &, qint64 latencyMs)>;

// One GET /health, timed by the injected clock: the doctor's latency rule, measured the way
// tests can drive. Every status is the agent's answer (a 503 is "unhealthy", not a retry).
void probeHealth(const Http &http, bool withToken, Probed done)
{
    HttpRequest request;
    request.url = http->session().endpointUrl(QStringLiteral("/health"));
    request.headers = {{"Accept", "application/json"}};
    request.statusIsTheAnswer = true;
    if (withToken) {
        auto headers = http->session().credentialHeaders(http->credential());
        if (!headers)
            return http->fail(headers.error());
        request.credentialHeaders = *headers;
    }
    const Clock *clock = http->session().context().clock;
    const QDateTime sent = clock->now();
    http->fetch(request, [clock, sent, done = std::move(done)](const HttpResponse &response) {
        done(response, sent.msecsTo(clock->now()));
    });
}

// What the agent's /health says about itself.
struct AgentHealth
{
    QString status; // healthy, degraded, unhealthy (lower case)
    QString version;
    QString node;
    QString message;

    QString versionText() const { return version.isEmpty() ? QStringLiteral("unknown") : version; }
    QString describe() const
    {
        return QStringLiteral("%1 %2%3, status %4%5")
            .arg(kProduct, versionText(),
                 node.isEmpty() ? QString() : QStringLiteral(" on %1").arg(node), status,
                 message.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(message.left(200)));
    }
};

Result<AgentHealth> readAgentHealth(const HttpSession &session, const HttpResponse &response)
{
    auto body = http::jsonObject(response, QStringLiteral("GET /health"));
    if (!body)
        return body.error();
    if (!body->value(QStringLiteral("status")).isString())
        return Error::failed(
            EbpfAgentText::tr("%1 is not a Stella Ops agent's health endpoint (GET "
                              "/health → %2 without a status)")
                .arg(session.integration().endpoint)
                .arg(response.status),
            EbpfAgentText::tr("Give the agent's status URL, e.g. "
                              "https://node-1.example.com:9443"));
    return AgentHealth{body->value(QStringLiteral("status")).toString().toLower(),
                       body->value(QStringLiteral("version")).toString(),
                       body->value(QStringLiteral("node")).toString(),
                       body->value(QStringLiteral("message")).toString()};
}

struct Verdict
{
    HealthStatus health;
    ConnectorStep::State step;
    QString message;
};

// The doctor's rules: a 2xx answer is reachable, more than 500 ms is Degraded; the agent's own
// status can only make it worse.
Verdict judge(const AgentHealth &agent, int status, qint64 latencyMs)
{
    using S = ConnectorStep::State;
    Verdict v{HealthStatus::Healthy, S::Passed,
              EbpfAgentText::tr("%1 in %2 ms").arg(agent.describe()).arg(latencyMs)};
    const bool reachable = status >= 200 && status < 300;
    if (!reachable || agent.status == QLatin1String("unhealthy")) {
        v = {HealthStatus::Unhealthy, S::Failed,
             QStringLiteral("HTTP %1: %2").arg(status).arg(v.message)};
    } else if (agent.status != QLatin1String("healthy")) {
        v = {HealthStatus::Degraded, S::Warning, v.message};
    }
    if (latencyMs > EbpfAgentConnector::kSlowAnswerMs && v.health == HealthStatus::Healthy)
        v = {HealthStatus::Degraded, S::Warning,
             EbpfAgentText::tr("%1: slower than the %2 ms Stella Ops allows an agent; check the "
                               "agent host's load and the network to it")
                 .arg(v.message)
                 .arg(EbpfAgentConnector::kSlowAnswerMs)};
    return v;
}

bool isRefusal(const HttpResponse &response)
{
    return response.status == 401 || response.status == 403;
}

// A credential problem: none where the agent wants one, or one it refuses (401 and 403 told
// apart by the session's hints).
Error refused(const HttpExchange &http, const HttpResponse &response)
{
    if (response.status == 401 && !http.credential())
        return Error::failed(
            EbpfAgentText::tr("GET /health → 401: the agent wants a bearer token, and '%1' has no "
                              "AuthRef")
                .arg(http.session().integration().name),
            EbpfAgentText::tr(
                "Set the integration's AuthRef to a keychain or env reference holding "
                "the agent's token"));
    return http.accessError(response, QStringLiteral("GET /health"));
}

Result<HttpHeaders> bearerHeaders(const HttpSession &session,
                                  const std::optional<SecretValue> &credential)
{
    if (!credential)
        return HttpHeaders{};
    if (credential->isBasic())
        return Error::invalidInput(
            EbpfAgentText::tr("%1 holds username:password, and the agent takes a bearer token")
                .arg(session.integration().authRefUri),
            EbpfAgentText::tr("Store the agent's token at that AuthRef"));
    return HttpHeaders{{"Authorization", "Bearer " + credential->exposeForRequest()}};
}

void identify(const Http &http, const Step &step, const HttpResponse &probe,
              const std::shared_ptr<AgentHealth> &seen)
{
    ConnectorOperation *op = step.operation();
    // An agent with a token answers an anonymous caller with a Bearer challenge (RFC 6750).
    if (isRefusal(probe)) {
        if (!probe.header("WWW-Authenticate").toLower().startsWith("bearer"))
            return step.fail(Error::failed(
                EbpfAgentText::tr("%1 is not a Stella Ops agent (GET /health → %2 without a Bearer "
                                  "challenge)")
                    .arg(http->session().integration().endpoint)
                    .arg(probe.status),
                EbpfAgentText::tr(
                    "Give the agent's status URL, e.g. https://node-1.example.com:9443")));
        op->reportServer({kProduct, QStringLiteral("unknown")});
        return step.pass(EbpfAgentText::tr("a Stella Ops agent API that wants a bearer token (GET "
                                           "/health → %1 without one); its version comes with it")
                             .arg(probe.status));
    }
    auto agent = readAgentHealth(http->session(), probe);
    if (!agent)
        return step.fail(agent.error());
    *seen = *agent;
    op->reportServer({kProduct, agent->versionText()});
    step.pass(agent->describe());
}

void authenticate(const Http &http, const Step &step, const std::shared_ptr<AgentHealth> &seen)
{
    if (!http->credential())
        return step.skip(EbpfAgentText::tr("no AuthRef: the agent's health is read anonymously"));
    probeHealth(http, true, [http, step, seen](const HttpResponse &response, qint64 latencyMs) {
        if (isRefusal(response))
            return step.fail(refused(*http, response));
        auto agent = readAgentHealth(http->session(), response);
        if (!agent)
            return step.fail(agent.error());
        *seen = *agent;
        ConnectorOperation *op = step.operation();
        op->reportServer({kProduct, agent->versionText()});
        const Verdict verdict = judge(*agent, response.status, latencyMs);
        op->reportHealth(verdict.health);
        const QString says = EbpfAgentText::tr("GET /health → %1 with the token: %2")
                                 .arg(response.status)
                                 .arg(verdict.message);
        if (verdict.health == HealthStatus::Unhealthy)
            return step.fail(Error::failed(
                says,
                EbpfAgentText::tr("Check the agent on its host (its service status and logs)")));
        step.end(verdict.step, says);
    });
}

void checkNode(const Http &http, const Step &step, const std::shared_ptr<AgentHealth> &seen)
{
    const QString configured = http->session().configString(QStringLiteral("nodeName"));
    ConnectorOperation *op = step.operation();
    if (op->healthStatus() == HealthStatus::Unknown)
        op->reportHealth(HealthStatus::Healthy);
    if (seen->node.isEmpty())
        return step.warn(EbpfAgentText::tr("the agent does not say which node it runs on"));
    if (configured.isEmpty())
        return step.pass(EbpfAgentText::tr("the agent reports node %1 (set nodeName to pin it)")
                             .arg(seen->node));
    if (configured.compare(seen->node, Qt::CaseInsensitive) != 0)
        return step.warn(
            EbpfAgentText::tr("the agent reports node %1, not %2: its findings would be "
                              "attributed to another host; fix nodeName or the endpoint")
                .arg(seen->node, configured));
    step.pass(EbpfAgentText::tr("the agent runs on %1, as configured").arg(configured));
}
} // namespace

EbpfAgentConnector::EbpfAgentConnector(const Integration &integration,
                                       const ConnectorContext &context)
    : HttpConnector(integration, context)
{
    session().setCredentialHeaders(&bearerHeaders);
    session().setAccessHints(
        EbpfAgentText::tr("Check the agent token stored at %1: the agent answers 401 to a missing, "
                          "wrong or expired token"),
        EbpfAgentText::tr("The token behind %1 is known to the agent but may not read its health: "
                          "issue one with the agent's read scope"));
}

HttpConnector::DiscoveryBody EbpfAgentConnector::discovery(const QString &resourceType) const
{
    // Never called: a runtime host declares no resource types, and discover() refuses them.
    return [resourceType](const std::shared_ptr<HttpExchange> &http, const Discovery &) {
        http->fail(Error::invalidInput(
            EbpfAgentText::tr("The eBPF agent has no resource type '%1' to discover")
                .arg(resourceType)));
    };
}

ConnectorOperation *EbpfAgentConnector::testConnection(QObject *parent)
{
    Run run = begin(ConnectorOperation::Kind::TestConnection, parent);
    const Http http = run.http;
    auto probe = std::make_shared<HttpResponse>();
    auto seen = std::make_shared<AgentHealth>();
    const QString node = session().configString(QStringLiteral("nodeName"));
    run.steps
        ->add(StepId::Reach, EbpfAgentText::tr("Reach the agent"),
              [http, probe](const Step &step) {
                  probeHealth(http, false, [step, probe](const HttpResponse &response, qint64) {
                      *probe = response;
                      step.pass(http::describe(HttpRequest{}, response));
                  });
              })
        .add(StepId::Identify, EbpfAgentText::tr("Identify product and version"),
             [http, probe, seen](const Step &step) { identify(http, step, *probe, seen); })
        .add(StepId::Authenticate, EbpfAgentText::tr("GET /health with the token"),
             [http, seen](const Step &step) { authenticate(http, step, seen); })
        .add(StepId::Permission,
             node.isEmpty() ? EbpfAgentText::tr("Check the agent's node")
                            : EbpfAgentText::tr("Check the agent serves node %1").arg(node),
             [http, seen](const Step &step) { checkNode(http, step, seen); });
    run.steps->start();
    return run.operation;
}

ConnectorOperation *EbpfAgentConnector::checkHealth(QObject *parent)
{
    Run run = begin(ConnectorOperation::Kind::HealthCheck, parent);
    run.steps->add(
        StepId::Health, QStringLiteral("GET /health"), [http = run.http](const Step &step) {
            probeHealth(http, true, [http, step](const HttpResponse &response, qint64 latencyMs) {
                if (isRefusal(response))
                    return step.fail(refused(*http, response));
                ConnectorOperation *op = step.operation();
                const bool reachable = response.status >= 200 && response.status < 300;
                auto agent = readAgentHealth(http->session(), response);
                if (!agent && !reachable) {
                    // A proxy's error page or an empty 502: the agent is not there to say.
                    op->reportHealth(HealthStatus::Unhealthy);
                    return step.finish(ConnectorStep::State::Failed,
                                       EbpfAgentText::tr("GET /health → %1 in %2 ms: %3")
                                           .arg(response.status)
                                           .arg(latencyMs)
                                           .arg(http::bodyHint(response)));
                }
                if (!agent)
                    return step.fail(agent.error());
                const Verdict verdict = judge(*agent, response.status, latencyMs);
                op->reportServer({kProduct, agent->versionText()});
                op->reportHealth(verdict.health);
                step.finish(verdict.step, verdict.message);
            });
        });
    run.steps->start();
    return run.operation;
}

} // namespace stella
