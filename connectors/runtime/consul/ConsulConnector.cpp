// SPDX-License-Identifier: Apache-2.0
#include "ConsulConnector.h"

#include "ConsulAnswers.h"
#include "core/common/LogRedaction.h"
#include "core/connectors/StepIds.h"

#include <QCoreApplication>

namespace stella {

namespace {
struct ConsulText
{
    Q_DECLARE_TR_FUNCTIONS(stella::ConsulConnector)
};
} // namespace

namespace {
const QString kProduct = QStringLiteral("Consul");
using Http = std::shared_ptr<HttpExchange>;

// status/leader, in the configured datacenter (`?dc=`) when there is one.
QUrl leaderUrl(const HttpSession &session)
{
    const QString dc = session.configString(QStringLiteral("datacenter"));
    return session.endpointUrl(dc.isEmpty()
                                   ? QStringLiteral("/v1/status/leader")
                                   : QStringLiteral("/v1/status/leader?dc=%1")
                                         .arg(QString::fromLatin1(QUrl::toPercentEncoding(dc))));
}

using consul::AgentInfo;
using consul::consulSays;
using consul::readAgent;

bool unknownToken(const HttpResponse &response)
{
    return response.status == 403 && response.body.contains("ACL not found");
}

bool aclsDisabled(const HttpResponse &response)
{
    return response.status == 401 && response.body.contains("ACL support disabled");
}

// A refused call: a token Consul does not know is not a token that lacks a permission.
Error refusal(const HttpSession &session, const HttpResponse &response, const QString &what,
              const QString &permission)
{
    if (unknownToken(response))
        return Error::failed(
            ConsulText::tr("%1 → 403: Consul knows no such token (ACL not found)").arg(what),
            ConsulText::tr("Check the token's SecretID stored at %1 (consul acl token read "
                           "-self with it); a token of another datacenter is unknown here unless "
                           "it is global")
                .arg(session.authRefForMessages()));
    if (response.status == 403)
        return Error::failed(
            ConsulText::tr("%1 → 403: the token may not do this%2").arg(what, consulSays(response)),
            ConsulText::tr("Give the token behind %1 a policy with %2")
                .arg(session.authRefForMessages(), permission));
    if (response.status == 401)
        return Error::failed(
            ConsulText::tr("%1 → 401: the credentials were rejected%2")
                .arg(what, consulSays(response)),
            ConsulText::tr("Check the token stored at %1").arg(session.authRefForMessages()));
    return Error::failed(ConsulText::tr("%1 answered HTTP %2%3")
                             .arg(what)
                             .arg(response.status)
                             .arg(consulSays(response)),
                         ConsulText::tr("Check the Consul agent's logs"));
}

// status/leader's answer, a JSON string: the leader's address, or "" when there is none.
Result<QString> readLeader(const HttpSession &session, const HttpResponse &response)
{
    const QString what = QStringLiteral("GET /v1/status/leader");
    if (response.status != 200)
        return refusal(session, response, what,
                       ConsulText::tr("no ACL at all (status/leader needs none)"));
    return consul::leaderFrom(response);
}

Error noLeader(const HttpSession &session)
{
    const QString dc = session.configString(QStringLiteral("datacenter"));
    return Error::failed(
        ConsulText::tr("Consul has no cluster leader%1 (GET /v1/status/leader → \"\"): without "
                       "one it answers no consistent read and takes no write")
            .arg(dc.isEmpty() ? QString() : ConsulText::tr(" in datacenter %1").arg(dc)),
        ConsulText::tr("A quorum of Consul servers must be up and agree: check consul operator "
                       "raft list-peers, the servers' logs and bootstrap_expect"));
}

Result<HttpHeaders> tokenHeaders(const HttpSession &session,
                                 const std::optional<SecretValue> &credential)
{
    if (!credential)
        return HttpHeaders{};
    if (credential->isBasic())
        return Error::invalidInput(
            ConsulText::tr("%1 holds username:password, and Consul takes an ACL token")
                .arg(session.integration().authRefUri),
            ConsulText::tr("Store the token's SecretID at that AuthRef"));
    return HttpHeaders{{"X-Consul-Token", credential->exposeForRequest()}};
}

QString aclPolicyText(const HttpResponse &response)
{
    const QByteArray policy = response.header("X-Consul-Default-ACL-Policy");
    return policy.isEmpty() ? ConsulText::tr("not reported")
                            : QString::fromLatin1(policy).toLower();
}

void identify(const Http &http, const Step &step, const HttpResponse &probe)
{
    auto leader = readLeader(http->session(), probe);
    if (!leader)
        return step.fail(leader.error());
    if (leader->isEmpty())
        return step.fail(noLeader(http->session()));
    const QString shown =
        ConsulText::tr("leader %1, default ACL policy %2").arg(*leader, aclPolicyText(probe));
    // Anonymous, as the reach step: with ACLs on and a deny default the version needs the
    // token (the next step).
    http->get(
        http->session().endpointUrl(QStringLiteral("/v1/agent/self")),
        [step, shown](const HttpResponse &response) {
            if (response.status == 200) {
                auto agent = readAgent(response);
                if (!agent)
                    return step.fail(agent.error());
                step.operation()->reportServer({kProduct, agent->version});
                return step.pass(agent->describe() + QStringLiteral(", ") + shown);
            }
            step.operation()->reportServer({kProduct, QStringLiteral("unknown")});
            if (response.status == 403)
                return step.pass(ConsulText::tr("Consul, %1; its version needs a token with "
                                                "agent:read (anonymous GET /v1/agent/self → 403)")
                                     .arg(shown));
            step.warn(ConsulText::tr("Consul, %1; GET /v1/agent/self → %2")
                          .arg(shown)
                          .arg(response.status));
        },
        false);
}

void authenticate(const Http &http, const Step &step)
{
    if (!http->credential())
        return step.skip(ConsulText::tr("no AuthRef: requests carry the agent's default token"));
    http->get(http->session().endpointUrl(QStringLiteral("/v1/agent/self")),
              [http, step](const HttpResponse &response) {
                  if (response.status != 200)
                      return step.fail(
                          refusal(http->session(), response, QStringLiteral("GET /v1/agent/self"),
                                  QStringLiteral("agent:read, e.g. agent_prefix \"\" { policy = "
                                                 "\"read\" }")));
                  auto agent = readAgent(response);
                  if (!agent)
                      return step.fail(agent.error());
                  step.operation()->reportServer({kProduct, agent->version});
                  step.pass(ConsulText::tr("GET /v1/agent/self → 200 with the token: %1")
                                .arg(agent->describe()));
              });
}

void checkPermission(const Http &http, const Step &step)
{
    http->get(
        http->session().endpointUrl(QStringLiteral("/v1/acl/token/self")),
        [http, step](const HttpResponse &response) {
            ConnectorOperation *op = step.operation();
            if (aclsDisabled(response)) {
                op->reportHealth(HealthStatus::Healthy);
                return step.pass(
                    ConsulText::tr("ACLs are off on this cluster (401 ACL support disabled): every "
                                   "request is allowed, the token is not checked"));
            }
            if (response.status != 200)
                return step.fail(
                    refusal(http->session(), response, QStringLiteral("GET /v1/acl/token/self"),
                            ConsulText::tr("none: acl/token/self needs no ACL, so this is odd")));
            auto token = http::jsonObject(response, QStringLiteral("GET /v1/acl/token/self"));
            if (!token)
                return step.fail(token.error());
            // Its SecretID is the credential itself: never shown.
            QStringList granted;
            for (const char *list : {"Policies", "Roles"})
                for (const QJsonValue &v : token->value(QLatin1String(list)).toArray())
                    granted.append(v.toObject().value(QStringLiteral("Name")).toString());
            for (const QJsonValue &v : token->value(QStringLiteral("ServiceIdentities")).toArray())
                granted.append(QStringLiteral("service:") +
                               v.toObject().value(QStringLiteral("ServiceName")).toString());
            const QString description = token->value(QStringLiteral("Description")).toString();
            op->reportHealth(HealthStatus::Healthy);
            if (!http->credential() && granted.isEmpty() &&
                aclPolicyText(response) == QLatin1String("deny"))
                return step.warn(ConsulText::tr(
                    "ACLs on with default policy deny, and no token: the anonymous token "
                    "has no policies, so Consul will refuse nearly every call; set an "
                    "AuthRef to a token with agent:read"));
            step.pass(
                ConsulText::tr("ACLs on: token '%1'%2 with %3")
                    .arg(description.isEmpty() ? ConsulText::tr("(no description)") : description,
                         token->value(QStringLiteral("Local")).toBool()
                             ? ConsulText::tr(" (local to this datacenter)")
                             : QString(),
                         granted.isEmpty() ? ConsulText::tr("no policies or roles")
                                           : granted.join(QStringLiteral(", "))));
        });
}
} // namespace

ConsulConnector::ConsulConnector(const Integration &integration, const ConnectorContext &context)
    : HttpConnector(integration, context)
{
    session().setCredentialHeaders(&tokenHeaders);
}

HttpConnector::DiscoveryBody ConsulConnector::discovery(const QString &resourceType) const
{
    // Never called: a runtime host declares no resource types, and discover() refuses them.
    return [resourceType](const std::shared_ptr<HttpExchange> &http, const Discovery &) {
        http->fail(Error::invalidInput(
            ConsulText::tr("Consul has no resource type '%1' to discover").arg(resourceType)));
    };
}

ConnectorOperation *ConsulConnector::testConnection(QObject *parent)
{
    Run run = begin(ConnectorOperation::Kind::TestConnection, parent);
    const Http http = run.http;
    // What status/leader answered anonymously: the reach step's request, the identify step's
    // input (with the X-Consul-Default-ACL-Policy header every answer carries).
    auto probe = std::make_shared<HttpResponse>();
    addReachStep(run, leaderUrl(session()), probe);
    run.steps
        ->add(StepId::Identify, ConsulText::tr("Identify product, version and leader"),
              [http, probe](const Step &step) { identify(http, step, *probe); })
        .add(StepId::Authenticate, ConsulText::tr("Authenticated call (agent/self)"),
             [http](const Step &step) { authenticate(http, step); })
        .add(StepId::Permission, ConsulText::tr("Check the token (acl/token/self)"),
             [http](const Step &step) { checkPermission(http, step); });
    run.steps->start();
    return run.operation;
}

ConnectorOperation *ConsulConnector::checkHealth(QObject *parent)
{
    Run run = begin(ConnectorOperation::Kind::HealthCheck, parent);
    run.steps->add(
        StepId::Health, QStringLiteral("GET /v1/status/leader"),
        [http = run.http](const Step &step) {
            http->get(leaderUrl(http->session()), [http, step](const HttpResponse &response) {
                ConnectorOperation *op = step.operation();
                // A 500 is Consul's own word on the datacenter ("No path to datacenter",
                // "No cluster leader"): the cluster is unhealthy, the check did run.
                if (response.status >= 500) {
                    op->reportHealth(HealthStatus::Unhealthy);
                    return step.finish(ConnectorStep::State::Failed,
                                       QStringLiteral("GET /v1/status/leader → %1%2")
                                           .arg(response.status)
                                           .arg(consulSays(response)));
                }
                auto leader = readLeader(http->session(), response);
                if (!leader)
                    return step.fail(leader.error());
                if (leader->isEmpty()) {
                    const Error none = noLeader(http->session());
                    op->reportHealth(HealthStatus::Unhealthy);
                    return step.finish(ConnectorStep::State::Failed,
                                       none.message + QStringLiteral(". ") + none.hint);
                }
                op->reportHealth(HealthStatus::Healthy);
                step.finish(
                    ConnectorStep::State::Passed,
                    ConsulText::tr("leader %1 in %2 ms").arg(*leader).arg(response.elapsedMs));
            });
        });
    run.steps->start();
    return run.operation;
}

} // namespace stella
