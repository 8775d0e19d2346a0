// SPDX-License-Identifier: Apache-2.0
#include "VaultConnector.h"

#include "VaultAnswers.h"
#include "core/common/Clock.h"
#include "core/connectors/StepIds.h"
#include "core/credentials/VaultSecretStore.h"

#include <QCoreApplication>

namespace stella {

namespace {
struct VaultText
{
    Q_DECLARE_TR_FUNCTIONS(stella::VaultConnector)
};
} // namespace

namespace {
const QString kProduct = QStringLiteral("Vault");
const QString kHealthPath = QStringLiteral("/v1/sys/health");
const QString kLookupSelfPath = QStringLiteral("/v1/auth/token/lookup-self");

using Http = std::shared_ptr<HttpExchange>;

using vault::NodeHealth;
using vault::NodeState;

// How a state reads in a step, and what to do when it is one a client cannot use.
struct StateVerdict
{
    HealthStatus health;
    ConnectorStep::State step;
    QString says;
    QString fix; // empty when there is nothing to fix
};

StateVerdict verdictFor(const NodeHealth &node)
{
    using S = ConnectorStep::State;
    switch (node.state) {
    case NodeState::Active:
        return {HealthStatus::Healthy, S::Passed, VaultText::tr("the active node (200)"), {}};
    case NodeState::Standby:
        return {HealthStatus::Healthy,
                S::Passed,
                VaultText::tr("an unsealed standby node (429, Vault's standby code, not a rate "
                              "limit): it forwards requests to the active node"),
                {}};
    case NodeState::PerformanceStandby:
        return {HealthStatus::Healthy,
                S::Passed,
                VaultText::tr("a performance standby (473): it serves reads and forwards writes"),
                {}};
    case NodeState::DrSecondary:
        return {HealthStatus::Degraded, S::Warning,
                VaultText::tr("a disaster-recovery secondary (472): it serves no client requests "
                              "until it is promoted"),
                VaultText::tr("Point the integration at the primary cluster, or promote this one "
                              "(vault write -f sys/replication/dr/secondary/promote)")};
    case NodeState::StandbyWithoutActive:
        return {HealthStatus::Degraded, S::Warning,
                VaultText::tr("a standby that cannot reach the active node (474): the requests "
                              "it forwards fail"),
                VaultText::tr("Check the network between this node and the active one, or point "
                              "the integration at the active node")};
    case NodeState::Uninitialized:
        return {HealthStatus::Unhealthy, S::Failed,
                VaultText::tr("not initialised (501): it holds no secrets and accepts no token"),
                VaultText::tr("Initialise it (vault operator init) and unseal it, or point the "
                              "integration at an initialised cluster")};
    case NodeState::Sealed:
        return {HealthStatus::Unhealthy, S::Failed,
                VaultText::tr("sealed (503): it answers nothing but its status until unsealed"),
                VaultText::tr("Unseal it (vault operator unseal, with a quorum of key shares) or "
                              "check its auto-unseal key service")};
    case NodeState::Removed:
        return {HealthStatus::Unhealthy, S::Failed,
                VaultText::tr("removed from its cluster (530): it serves no requests"),
                VaultText::tr("Point the integration at a node still in the cluster (vault "
                              "operator raft list-peers on the active node)")};
    }
    return {HealthStatus::Unknown, S::Failed, {}, {}};
}

// "3 days", "5 h 20 min", "12 min", "40 s".
QString remaining(qint64 seconds)
{
    if (seconds >= 2 * 86400)
        return QStringLiteral("%1 days").arg(seconds / 86400);
    if (seconds >= 3600)
        return QStringLiteral("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
    if (seconds >= 60)
        return QStringLiteral("%1 min").arg(seconds / 60);
    return QStringLiteral("%1 s").arg(std::max<qint64>(seconds, 0));
}

// What lookup-self says about the token (never its id or accessor).
struct TokenInfo : vault::TokenFields
{
    bool expiresSoon() const
    {
        return ttlSeconds > 0 && ttlSeconds <= VaultConnector::kExpiryWarningSeconds;
    }
    QString describe(const QDateTime &now) const
    {
        const QString who =
            VaultText::tr("token '%1' (%2) with policies %3")
                .arg(displayName.isEmpty() ? QStringLiteral("unnamed") : displayName,
                     type.isEmpty() ? QStringLiteral("service") : type,
                     policies.isEmpty() ? QStringLiteral("(none)")
                                        : policies.join(QStringLiteral(", ")));
        if (ttlSeconds <= 0)
            return who + VaultText::tr(", no TTL: it does not expire");
        return who + VaultText::tr(", expires in %1 (%2)")
                         .arg(remaining(ttlSeconds), formatUtc(now.addSecs(ttlSeconds)));
    }
    QString renewHint() const
    {
        return renewable ? VaultText::tr("Renew it (vault token renew) or store a longer-lived "
                                         "token at %1")
                         : VaultText::tr("It cannot be renewed: store a new token at %1 before "
                                         "it expires");
    }
};

Result<TokenInfo> readTokenInfo(const HttpResponse &response)
{
    auto fields = vault::readTokenFields(response);
    if (!fields)
        return fields.error();
    return TokenInfo{*fields};
}

QString vaultSays(const HttpResponse &response)
{
    const QString said = VaultSecretStore::errorsIn(response.body);
    return said.isEmpty() ? QString() : VaultText::tr(" (Vault says: %1)").arg(said.left(200));
}

QString namespaceText(const HttpSession &session)
{
    const QString ns = session.configString(QStringLiteral("namespace"));
    return ns.isEmpty() ? QString() : VaultText::tr(" in namespace %1").arg(ns);
}

// A refused lookup-self: the token may not look itself up, whatever the reason.
Error lookupRefused(const HttpSession &session, const HttpResponse &response)
{
    if (response.status == 403)
        return Error::failed(
            VaultText::tr("GET /v1/auth/token/lookup-self → 403%1: the token may not look "
                          "itself up%2: it is invalid or expired, or none of its policies "
                          "grants read on auth/token/lookup-self")
                .arg(vaultSays(response), namespaceText(session)),
            VaultText::tr("Check the token stored at %1 (vault token lookup); Vault's default "
                          "policy grants auth/token/lookup-self: create the token without "
                          "-no-default-policy, or add path \"auth/token/lookup-self\" "
                          "{ capabilities = [\"read\"] } to one of its policies")
                .arg(session.authRefForMessages()));
    return Error::failed(VaultText::tr("GET /v1/auth/token/lookup-self answered HTTP %1%2")
                             .arg(response.status)
                             .arg(vaultSays(response)),
                         VaultText::tr("Check Vault's logs"));
}

Result<HttpHeaders> tokenHeaders(const HttpSession &session,
                                 const std::optional<SecretValue> &credential)
{
    if (!credential)
        return HttpHeaders{};
    if (credential->isBasic())
        return Error::invalidInput(
            VaultText::tr("%1 holds username:password, and Vault takes a token")
                .arg(session.integration().authRefUri),
            VaultText::tr("Store a Vault token (hvs.… or s.…) at that AuthRef"));
    return HttpHeaders{{"X-Vault-Token", credential->exposeForRequest()}};
}

// sys/health, anonymous and outside any namespace (it lives in the root namespace only); its
// 429 and 503 are states, not failures to retry.
void getHealth(const Http &http, HttpExchange::ResponseHandler onResponse)
{
    HttpRequest request;
    request.url = http->session().endpointUrl(kHealthPath);
    request.headers = {{"Accept", "application/json"}};
    request.statusIsTheAnswer = true;
    http->fetch(request, std::move(onResponse));
}

// A call with the token, in the configured namespace.
void getWithToken(const Http &http, const QString &path, HttpExchange::ResponseHandler onResponse)
{
    if (!http->credential())
        return http->fail(Error::invalidInput(
            VaultText::tr("Vault needs a token, and '%1' has no AuthRef")
                .arg(http->session().integration().name),
            VaultText::tr("Set the integration's AuthRef to a keychain or env reference "
                          "holding a Vault token")));
    auto headers = http->session().credentialHeaders(http->credential());
    if (!headers)
        return http->fail(headers.error());
    HttpRequest request;
    request.url = http->session().endpointUrl(path);
    request.headers = {{"Accept", "application/json"}};
    if (const QString ns = http->session().configString(QStringLiteral("namespace")); !ns.isEmpty())
        request.headers.append({"X-Vault-Namespace", ns.toUtf8()});
    request.credentialHeaders = *headers;
    http->fetch(request, std::move(onResponse));
}

QString kvMountOf(const HttpSession &session)
{
    QString mount = session.configString(QStringLiteral("kvMount"));
    while (mount.startsWith(QLatin1Char('/')))
        mount.remove(0, 1);
    while (mount.endsWith(QLatin1Char('/')))
        mount.chop(1);
    return mount.isEmpty() ? QStringLiteral("secret") : mount;
}

void identify(const Http &http, const Step &step, const HttpResponse &probe)
{
    auto node = vault::readHealth(probe, http->session().integration().endpoint);
    if (!node)
        return step.fail(node.error());
    step.operation()->reportServer({node->product(), node->versionText()});
    const StateVerdict verdict = verdictFor(*node);
    const QString where =
        node->clusterName.isEmpty() ? QString() : QStringLiteral(" in %1").arg(node->clusterName);
    const QString says = QStringLiteral("%1 %2%3: %4")
                             .arg(node->product(), node->versionText(), where, verdict.says);
    // A node that cannot take the token's calls ends the test here; one that answers them
    // with trouble (a standby cut off from the active node) is a warning.
    if (!node->serves() && node->state != NodeState::StandbyWithoutActive)
        return step.fail(Error::failed(QStringLiteral("%1 (%2 %3) is %4")
                                           .arg(http->session().integration().endpoint,
                                                node->product(), node->versionText(), verdict.says),
                                       verdict.fix));
    step.end(verdict.step, says);
}

void authenticate(const Http &http, const Step &step)
{
    getWithToken(http, kLookupSelfPath, [http, step](const HttpResponse &response) {
        if (response.status != 200)
            return step.fail(lookupRefused(http->session(), response));
        auto token = readTokenInfo(response);
        if (!token)
            return step.fail(token.error());
        const QDateTime now = http->session().context().clock->now();
        if (token->expiresSoon()) {
            step.operation()->reportHealth(HealthStatus::Degraded);
            return step.warn(token->describe(now) + VaultText::tr(": within a day. ") +
                             token->renewHint().arg(http->session().authRefForMessages()));
        }
        step.pass(token->describe(now));
    });
}

void checkKvMount(const Http &http, const Step &step)
{
    const QString mount = kvMountOf(http->session());
    const QString path =
        QStringLiteral("/v1/sys/internal/ui/mounts/") +
        QString::fromLatin1(QUrl::toPercentEncoding(mount, QByteArrayLiteral("/")));
    getWithToken(http, path, [http, step, mount, path](const HttpResponse &response) {
        if (response.status == 403)
            // Vault answers a missing mount and one the token may not use alike.
            return step.fail(Error::notFound(
                VaultText::tr("Vault has no KV mount '%1/' that the token may use%2 (GET %3 → "
                              "403%4)")
                    .arg(mount, namespaceText(http->session()), path, vaultSays(response)),
                VaultText::tr("Check the integration's kvMount against vault secrets list, and "
                              "give the token a policy with read on %1/data/*")
                    .arg(mount)));
        if (response.status != 200)
            return step.fail(Error::failed(VaultText::tr("GET %1 answered HTTP %2%3")
                                               .arg(path)
                                               .arg(response.status)
                                               .arg(vaultSays(response)),
                                           VaultText::tr("Check Vault's logs")));
        auto body = http::jsonObject(response, QStringLiteral("GET %1").arg(path));
        if (!body)
            return step.fail(body.error());
        // Vault wraps the mount in its response envelope; its docs show the bare mount.
        const QJsonObject data = body->value(QStringLiteral("data")).isObject()
                                     ? body->value(QStringLiteral("data")).toObject()
                                     : *body;
        const QString type = data.value(QStringLiteral("type")).toString();
        const QString version = data.value(QStringLiteral("options"))
                                    .toObject()
                                    .value(QStringLiteral("version"))
                                    .toString();
        ConnectorOperation *op = step.operation();
        if (op->healthStatus() == HealthStatus::Unknown)
            op->reportHealth(HealthStatus::Healthy);
        if (type != QLatin1String("kv"))
            return step.warn(
                VaultText::tr("%1/ is a '%2' secrets engine, not KV version 2: vault AuthRefs "
                              "through this integration will not resolve; set kvMount to a KV "
                              "version 2 mount")
                    .arg(mount, type.isEmpty() ? QStringLiteral("unknown") : type));
        if (version != QLatin1String("2"))
            return step.warn(VaultText::tr("%1/ is a KV version 1 mount: vault AuthRefs need KV "
                                           "version 2 (vault kv enable-versioning %1/)")
                                 .arg(mount));
        step.pass(VaultText::tr("%1/ is a KV version 2 mount the token may use").arg(mount));
    });
}

void reportNodeHealth(const Http &http, const Step &step, const HttpResponse &response)
{
    auto node = vault::readHealth(response, http->session().integration().endpoint);
    if (!node)
        return step.fail(node.error());
    ConnectorOperation *op = step.operation();
    const StateVerdict verdict = verdictFor(*node);
    const QString says =
        QStringLiteral("%1 %2: %3").arg(node->product(), node->versionText(), verdict.says);
    op->reportServer({node->product(), node->versionText()});
    if (!node->serves() || !http->credential()) {
        op->reportHealth(verdict.health);
        return step.finish(verdict.step, says);
    }
    // The node serves: the token decides whether this integration can use it.
    getWithToken(http, kLookupSelfPath, [http, step, says](const HttpResponse &lookup) {
        if (lookup.status != 200)
            return step.fail(lookupRefused(http->session(), lookup));
        auto token = readTokenInfo(lookup);
        if (!token)
            return step.fail(token.error());
        const QDateTime now = http->session().context().clock->now();
        ConnectorOperation *operation = step.operation();
        if (token->expiresSoon()) {
            operation->reportHealth(HealthStatus::Degraded);
            return step.finish(
                ConnectorStep::State::Warning,
                VaultText::tr("%1; the token expires in %2 (%3): %4")
                    .arg(says, remaining(token->ttlSeconds),
                         formatUtc(now.addSecs(token->ttlSeconds)),
                         token->renewHint().arg(http->session().authRefForMessages())));
        }
        operation->reportHealth(HealthStatus::Healthy);
        step.finish(ConnectorStep::State::Passed,
                    says + QStringLiteral("; ") + token->describe(now));
    });
}
} // namespace

VaultConnector::VaultConnector(const Integration &integration, const ConnectorContext &context)
    : HttpConnector(integration, context)
{
    session().setCredentialHeaders(&tokenHeaders);
}

HttpConnector::DiscoveryBody VaultConnector::discovery(const QString &resourceType) const
{
    // Never called: a secrets manager declares no resource types, and discover() refuses them.
    return [resourceType](const std::shared_ptr<HttpExchange> &http, const Discovery &) {
        http->fail(Error::invalidInput(
            VaultText::tr("Vault has no resource type '%1' to discover").arg(resourceType)));
    };
}

ConnectorOperation *VaultConnector::testConnection(QObject *parent)
{
    Run run = begin(ConnectorOperation::Kind::TestConnection, parent);
    const Http http = run.http;
    // What sys/health answered: the reach step's request, the identify step's input.
    auto probe = std::make_shared<HttpResponse>();
    run.steps
        ->add(StepId::Reach, VaultText::tr("Reach the server"),
              [http, probe](const Step &step) {
                  getHealth(http, [step, probe](const HttpResponse &response) {
                      *probe = response;
                      HttpRequest request;
                      step.pass(http::describe(request, response));
                  });
              })
        .add(StepId::Identify, VaultText::tr("Identify product, version and node state"),
             [http, probe](const Step &step) { identify(http, step, *probe); })
        .add(StepId::Authenticate, VaultText::tr("Look up the token (auth/token/lookup-self)"),
             [http](const Step &step) { authenticate(http, step); })
        .add(StepId::Permission, VaultText::tr("Check the KV mount %1/").arg(kvMountOf(session())),
             [http](const Step &step) { checkKvMount(http, step); });
    run.steps->start();
    return run.operation;
}

ConnectorOperation *VaultConnector::checkHealth(QObject *parent)
{
    Run run = begin(ConnectorOperation::Kind::HealthCheck, parent);
    run.steps->add(StepId::Health, QStringLiteral("GET /v1/sys/health"),
                   [http = run.http](const Step &step) {
                       getHealth(http, [http, step](const HttpResponse &response) {
                           reportNodeHealth(http, step, response);
                       });
                   });
    run.steps->start();
    return run.operation;
}

} // namespace stella
