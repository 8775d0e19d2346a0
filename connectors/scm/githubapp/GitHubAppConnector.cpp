// SPDX-License-Identifier: Apache-2.0
#include "GitHubAppConnector.h"

#include "GitHubAppJwt.h"
#include "GitHubInstallationTokens.h"
#include "GitHubRest.h"
#include "connectors/http/HttpAnswers.h"
#include "core/common/Clock.h"
#include "core/connectors/StepIds.h"
#include "core/http/PageCursor.h"
#include "core/model/ResourceTypes.h"

#include <QCoreApplication>
#include <QMap>

namespace stella {

namespace {
struct GitHubAppConnectorText
{
    Q_DECLARE_TR_FUNCTIONS(stella::GitHubAppConnector)
};

using Http = std::shared_ptr<HttpExchange>;
using Tokens = std::shared_ptr<GitHubInstallationTokens>;

// "write" covers "read"; "admin" covers both.
int accessLevel(const QString &access)
{
    return access == QLatin1String("admin")   ? 3
           : access == QLatin1String("write") ? 2
           : access == QLatin1String("read")  ? 1
                                              : 0;
}
} // namespace

// The integration's app and installation, and the token cache of its current key: shared by
// the connector and its operations, so a token minted by a test serves the discovery after it.
class GitHubAppAuth
{
public:
    GitHubAppAuth(std::shared_ptr<const HttpSession> session,
                  GitHubInstallationTokens::Target target)
        : m_session(std::move(session)), m_target(std::move(target))
    {}

    const GitHubInstallationTokens::Target &target() const { return m_target; }

    // The tokens of the key in `credential`; a new cache when the key changed.
    Result<Tokens> tokensFor(const std::optional<SecretValue> &credential)
    {
        if (!credential)
            return Error::invalidInput(
                GitHubAppConnectorText::tr(
                    "A GitHub App needs its private key: the integration has no AuthRef"),
                GitHubAppConnectorText::tr(
                    "Store the app's .pem at an AuthRef and set it on the integration"));
        if (m_target.appId.isEmpty())
            return Error::invalidInput(
                GitHubAppConnectorText::tr("appId is not configured"),
                GitHubAppConnectorText::tr("Set appId to the App ID on the app's settings page"));
        auto jwt = GitHubAppJwt::fromPem(*credential);
        if (!jwt)
            return jwt.error();
        if (!m_tokens || m_tokens->jwt().publicKeyFingerprint() != jwt->publicKeyFingerprint()) {
            const std::shared_ptr<const HttpSession> session = m_session;
            m_tokens = GitHubInstallationTokens::create(
                [session](const HttpRequest &request, QObject *parent) {
                    return session->client().send(session->withDefaultHeaders(request), parent);
                },
                *session->context().clock, m_target, *jwt);
        }
        return m_tokens;
    }

    QString unauthorizedHint() const
    {
        return GitHubAppConnectorText::tr(
                   "Check that the private key stored at %1 is a current key of the app whose "
                   "App ID is configured (GitHub answers 401 when the JWT's signature does not "
                   "match the app), and this machine's clock")
            .arg(m_session->authRefForMessages());
    }
    QString forbiddenHint() const
    {
        return GitHubAppConnectorText::tr(
                   "Give the app the permission in its settings (Permissions & events) and have "
                   "the installation's owner accept it; the key at %1 is fine")
            .arg(m_session->authRefForMessages());
    }

    Error describe(const HttpResponse &response, const QString &what) const
    {
        return github::describe(response, what, m_session->context().clock->now(),
                                unauthorizedHint(), forbiddenHint());
    }

private:
    std::shared_ptr<const HttpSession> m_session;
    GitHubInstallationTokens::Target m_target;
    Tokens m_tokens;
};

namespace {
using Auth = std::shared_ptr<GitHubAppAuth>;

// A GET as the installation; a 401 drops the token and tries once more with a new one (it may
// have been revoked, or expired early).
void getAsInstallation(const Http &http, const Auth &auth, const QUrl &url,
                       HttpExchange::ResponseHandler onResponse, bool retried = false)
{
    auto tokens = auth->tokensFor(http->credential());
    if (!tokens)
        return http->fail(tokens.error());
    (*tokens)->token(http->operation(), [http, auth, url, onResponse, retried, tokens = *tokens](
                                            const Result<GitHubInstallationToken> &token) {
        if (!token)
            return http->fail(token.error());
        HttpRequest request;
        request.url = url;
        request.credentialHeaders = github::bearer(token->value.exposeForRequest());
        http->fetch(request,
                    [http, auth, url, onResponse, retried, tokens](const HttpResponse &response) {
                        if (response.status == 401 && !retried) {
                            tokens->invalidate();
                            return getAsInstallation(http, auth, url, onResponse, true);
                        }
                        onResponse(response);
                    });
    });
}

// A GET as the app itself (signed JWT): GET /app.
void getAsApp(const Http &http, const Auth &auth, const QString &path,
              HttpExchange::ResponseHandler onResponse)
{
    auto tokens = auth->tokensFor(http->credential());
    if (!tokens)
        return http->fail(tokens.error());
    auto jwt = (*tokens)->appJwt();
    if (!jwt)
        return http->fail(jwt.error());
    HttpRequest request;
    request.url = (*tokens)->url(path);
    request.credentialHeaders = github::bearer(*jwt);
    http->fetch(request, std::move(onResponse));
}

void identify(const Http &http, const Auth &auth, const std::shared_ptr<HttpResponse> &probe,
              const Step &step)
{
    getAsApp(http, auth, QStringLiteral("/app"),
             [http, auth, probe, step](const HttpResponse &response) {
                 const QByteArray enterprise = response.header("X-GitHub-Enterprise-Version");
                 if (response.status == 401)
                     return step.fail(
                         Error::failed(GitHubAppConnectorText::tr(
                                           "GET /app: GitHub rejected the app's JWT (401: %1): the "
                                           "private key does not "
                                           "belong to app %2")
                                           .arg(github::errorText(response), auth->target().appId),
                                       auth->unauthorizedHint()));
                 if (!response.isSuccess()) {
                     // Not GitHub at all (another server, a wrong base path): GitHub marks every
                     // answer with X-GitHub-Request-Id.
                     if (response.status == 404 && response.header("X-GitHub-Request-Id").isEmpty())
                         return step.fail(Error::failed(
                             GitHubAppConnectorText::tr(
                                 "%1 is not GitHub's REST API (GET / → %2, GET /app → 404)")
                                 .arg(http->session().integration().endpoint)
                                 .arg(probe->status),
                             GitHubAppConnectorText::tr(
                                 "Give https://api.github.com, or https://HOST/api/v3 for GitHub "
                                 "Enterprise Server")));
                     return step.fail(auth->describe(response, QStringLiteral("GET /app")));
                 }
                 auto app = http::jsonObject(response, QStringLiteral("GET /app"));
                 if (!app)
                     return step.fail(app.error());
                 const QString slug = app->value(QStringLiteral("slug")).toString();
                 const QString owner = app->value(QStringLiteral("owner"))
                                           .toObject()
                                           .value(QStringLiteral("login"))
                                           .toString();
                 if (enterprise.isEmpty())
                     step.operation()->reportServer(
                         {QStringLiteral("GitHub.com"), QString::fromLatin1(github::kApiVersion)});
                 else
                     step.operation()->reportServer({QStringLiteral("GitHub Enterprise Server"),
                                                     QString::fromLatin1(enterprise)});
                 step.pass(GitHubAppConnectorText::tr("GitHub App '%1' owned by %2 on %3")
                               .arg(slug, owner,
                                    enterprise.isEmpty()
                                        ? QStringLiteral("GitHub.com")
                                        : QStringLiteral("GitHub Enterprise Server %1")
                                              .arg(QString::fromLatin1(enterprise))));
             });
}

void authenticate(const Http &http, const Auth &auth,
                  const std::shared_ptr<GitHubInstallationToken> &minted, const Step &step)
{
    auto tokens = auth->tokensFor(http->credential());
    if (!tokens)
        return step.fail(tokens.error());
    // A fresh token, so this step proves that minting works now.
    (*tokens)->invalidate();
    (*tokens)->token(
        step.operation(), [step, minted](const Result<GitHubInstallationToken> &token) {
            if (!token)
                return step.fail(token.error());
            *minted = *token;
            const GitHubInstallation &i = token->installation;
            step.pass(GitHubAppConnectorText::tr(
                          "installation %1 on %2 (%3, %4 repositories): token valid until %5 UTC")
                          .arg(i.id)
                          .arg(i.account, i.accountType,
                               i.repositorySelection == QLatin1String("selected")
                                   ? GitHubAppConnectorText::tr("selected")
                                   : GitHubAppConnectorText::tr("all"),
                               token->expiresAt.toString(QStringLiteral("HH:mm"))));
        });
}

void checkPermissions(const std::shared_ptr<GitHubInstallationToken> &token, const Step &step)
{
    QStringList missing;
    QStringList granted;
    for (const auto &[name, access] : GitHubAppConnector::requiredPermissions()) {
        const QString has = token->permissions.value(name).toString();
        if (accessLevel(has) < accessLevel(access))
            missing.append(
                has.isEmpty()
                    ? GitHubAppConnectorText::tr("%1: %2 (none granted)").arg(name, access)
                    : GitHubAppConnectorText::tr("%1: %2 (only %3)").arg(name, access, has));
        else
            granted.append(QStringLiteral("%1: %2").arg(name, has));
    }
    if (!missing.isEmpty()) {
        Error e = Error::failed(
            GitHubAppConnectorText::tr("The installation's token lacks what annotations need: %1")
                .arg(missing.join(QStringLiteral(", "))),
            GitHubAppConnectorText::tr(
                "In the app's settings → Permissions & events, grant %1; then an owner of %2 "
                "accepts the new permissions on the installation")
                .arg(missing.join(QStringLiteral(", ")), token->installation.account));
        e.details = missing;
        return step.fail(e);
    }
    step.operation()->reportHealth(HealthStatus::Healthy);
    step.pass(granted.join(QStringLiteral(", ")));
}

// Every repository of the installation, page by page (per_page=100, Link rel="next").
void listRepositories(const Http &http, const Auth &auth,
                      std::function<void(const QJsonArray &)> onPage, std::function<void()> onEnd)
{
    auto tokens = auth->tokensFor(http->credential());
    if (!tokens)
        return http->fail(tokens.error());
    const QString what = GitHubAppConnectorText::tr("Listing the installation's repositories");
    const std::weak_ptr<HttpExchange> weak = http;
    http->walkPages((*tokens)->url(QStringLiteral("/installation/repositories?per_page=%1")
                                       .arg(GitHubAppConnector::kPageSize)),
                    [weak, auth](const QUrl &url, HttpExchange::ResponseHandler handler) {
                        if (auto self = weak.lock())
                            getAsInstallation(self, auth, url, std::move(handler));
                    },
                    [auth, what, onPage](const HttpResponse &response,
                                         PageCursor &cursor) -> Result<std::optional<QUrl>> {
                        if (!response.isSuccess())
                            return auth->describe(response, what);
                        auto items =
                            github::pageItems(response, QStringLiteral("repositories"), what);
                        if (!items)
                            return items.error();
                        onPage(*items);
                        return cursor.nextFromLink(response.url, response.headers);
                    },
                    std::move(onEnd));
}

DiscoveredResource repositoryResource(const QJsonObject &r)
{
    return {ResourceType::Repositories,
            r.value(QStringLiteral("full_name")).toString(),
            {{QStringLiteral("id"), r.value(QStringLiteral("id"))},
             {QStringLiteral("private"), r.value(QStringLiteral("private"))},
             {QStringLiteral("archived"), r.value(QStringLiteral("archived"))},
             {QStringLiteral("defaultBranch"), r.value(QStringLiteral("default_branch"))},
             {QStringLiteral("htmlUrl"), r.value(QStringLiteral("html_url"))},
             {QStringLiteral("pushedAt"), r.value(QStringLiteral("pushed_at"))}}};
}

Error notVisible(const QString &name)
{
    return Error::notFound(
        GitHubAppConnectorText::tr(
            "The installation cannot see repository '%1': it does not exist, or the "
            "installation's repository access leaves it out")
            .arg(name),
        GitHubAppConnectorText::tr(
            "Check the name (owner/name), or add the repository under the installation's "
            "Repository access (Settings → GitHub Apps → Configure)"));
}

void discoverRepositories(const Http &http, const Auth &auth, const Discovery &discovery,
                          const QString &pattern)
{
    auto found = std::make_shared<bool>(false);
    const QRegularExpression filter = http::globFilter(pattern);
    listRepositories(
        http, auth,
        [discovery, filter, found](const QJsonArray &items) {
            QList<DiscoveredResource> page;
            for (const QJsonValue &v : items) {
                DiscoveredResource r = repositoryResource(v.toObject());
                if (filter.match(r.name).hasMatch())
                    page.append(r);
            }
            *found = *found || !page.isEmpty();
            discovery.report(page);
        },
        [http, discovery, pattern, found] {
            // A name without wildcards is a question about one repository: say why it is
            // missing rather than "0 found".
            if (!*found && !pattern.isEmpty() && !http::hasWildcard(pattern))
                return http->fail(notVisible(pattern));
            discovery.done();
        });
}

// One resource per owner: the installation's account first, with its repositories counted.
void discoverProjects(const Http &http, const Auth &auth, const Discovery &discovery)
{
    auto owners = std::make_shared<QMap<QString, QJsonObject>>();
    listRepositories(
        http, auth,
        [owners](const QJsonArray &items) {
            for (const QJsonValue &v : items) {
                const QJsonObject owner = v.toObject().value(QStringLiteral("owner")).toObject();
                const QString login = owner.value(QStringLiteral("login")).toString();
                QJsonObject &o = (*owners)[login];
                o.insert(QStringLiteral("type"), owner.value(QStringLiteral("type")));
                o.insert(QStringLiteral("repositoryCount"),
                         o.value(QStringLiteral("repositoryCount")).toInt() + 1);
            }
        },
        [http, auth, discovery, owners] {
            auto tokens = auth->tokensFor(http->credential());
            if (!tokens)
                return http->fail(tokens.error());
            // The account comes from the token's installation: an installation that sees no
            // repository still has its owner.
            (*tokens)->token(http->operation(), [http, discovery,
                                                 owners](const Result<GitHubInstallationToken> &t) {
                if (!t)
                    return http->fail(t.error());
                const GitHubInstallation &i = t->installation;
                if (!owners->contains(i.account))
                    owners->insert(i.account, {{QStringLiteral("type"), i.accountType},
                                               {QStringLiteral("repositoryCount"), 0}});
                QList<DiscoveredResource> resources;
                for (auto it = owners->cbegin(); it != owners->cend(); ++it) {
                    QJsonObject attributes = it.value();
                    attributes.insert(QStringLiteral("installation"), it.key() == i.account
                                                                          ? QJsonValue(double(i.id))
                                                                          : QJsonValue());
                    resources.append({ResourceType::Projects, it.key(), attributes});
                }
                discovery.reportMatching(resources);
                discovery.done();
            });
        });
}

void reportRateLimit(const Step &step, const Auth &auth, const HttpResponse &response)
{
    ConnectorOperation *op = step.operation();
    if (!response.isSuccess()) {
        const Error e = auth->describe(response, QStringLiteral("GET /rate_limit"));
        op->reportHealth(response.status == 401 || response.status == 403
                             ? HealthStatus::Degraded
                             : HealthStatus::Unhealthy);
        return step.finish(ConnectorStep::State::Failed, e.message);
    }
    auto body = http::jsonObject(response, QStringLiteral("GET /rate_limit"));
    if (!body) {
        op->reportHealth(HealthStatus::Unhealthy);
        return step.finish(ConnectorStep::State::Failed, body.error().message);
    }
    const QJsonObject core = body->value(QStringLiteral("resources"))
                                 .toObject()
                                 .value(QStringLiteral("core"))
                                 .toObject();
    const int remaining = core.value(QStringLiteral("remaining")).toInt();
    const int limit = core.value(QStringLiteral("limit")).toInt();
    if (limit > 0 && remaining == 0) {
        const QDateTime reset =
            utcFromSecsSinceEpoch(core.value(QStringLiteral("reset")).toInteger());
        op->reportHealth(HealthStatus::Degraded);
        return step.finish(ConnectorStep::State::Warning,
                           GitHubAppConnectorText::tr(
                               "reachable, but rate limited until %1 UTC (0 of %2 requests left)")
                               .arg(reset.toString(QStringLiteral("HH:mm")))
                               .arg(limit));
    }
    op->reportHealth(HealthStatus::Healthy);
    step.finish(ConnectorStep::State::Passed,
                GitHubAppConnectorText::tr("%1 of %2 requests left this hour, in %3 ms")
                    .arg(remaining)
                    .arg(limit)
                    .arg(response.elapsedMs));
}
} // namespace

GitHubAppConnector::GitHubAppConnector(const Integration &integration,
                                       const ConnectorContext &context)
    : HttpConnector(integration, context)
{
    session().setDefaultHeaders(github::defaultHeaders());
    session().setCredentialCheck([](const SecretValue &secret) -> Result<QString> {
        auto jwt = GitHubAppJwt::fromPem(secret);
        if (!jwt)
            return jwt.error();
        return jwt->description();
    });
    GitHubInstallationTokens::Target target;
    target.apiBase = QUrl(integration.endpoint);
    const int appId = session().configInt(QStringLiteral("appId"), 0);
    target.appId = appId > 0 ? QString::number(appId) : QString();
    target.installationId = session().configInt(QStringLiteral("installationId"), 0);
    target.owner = session().configString(QStringLiteral("owner"));
    m_auth = std::make_shared<GitHubAppAuth>(sharedSession(), target);
}

GitHubAppConnector::~GitHubAppConnector() = default;

const QList<QPair<QString, QString>> &GitHubAppConnector::requiredPermissions()
{
    static const QList<QPair<QString, QString>> required{
        {QStringLiteral("checks"), QStringLiteral("write")},
        {QStringLiteral("pull_requests"), QStringLiteral("write")},
        {QStringLiteral("statuses"), QStringLiteral("write")}};
    return required;
}

ConnectorOperation *GitHubAppConnector::testConnection(QObject *parent)
{
    Run run = begin(ConnectorOperation::Kind::TestConnection, parent);
    const Http http = run.http;
    const Auth auth = m_auth;
    auto probe = std::make_shared<HttpResponse>();
    auto minted = std::make_shared<GitHubInstallationToken>();
    addReachStep(run, session().endpointUrl(QStringLiteral("/")), probe);
    run.steps
        ->add(StepId::Identify, GitHubAppConnectorText::tr("Identify the app (GET /app)"),
              [http, auth, probe](const Step &step) { identify(http, auth, probe, step); })
        .add(StepId::Authenticate, GitHubAppConnectorText::tr("Mint an installation token"),
             [http, auth, minted](const Step &step) { authenticate(http, auth, minted, step); })
        .add(StepId::Permission, GitHubAppConnectorText::tr("Check the installation's permissions"),
             [minted](const Step &step) { checkPermissions(minted, step); });
    run.steps->start();
    return run.operation;
}

ConnectorOperation *GitHubAppConnector::checkHealth(QObject *parent)
{
    Run run = begin(ConnectorOperation::Kind::HealthCheck, parent);
    run.steps->add(StepId::Health,
                   GitHubAppConnectorText::tr("GET /rate_limit as the installation"),
                   [http = run.http, auth = m_auth](const Step &step) {
                       auto tokens = auth->tokensFor(http->credential());
                       if (!tokens)
                           return step.fail(tokens.error());
                       getAsInstallation(http, auth, (*tokens)->url(QStringLiteral("/rate_limit")),
                                         [step, auth](const HttpResponse &response) {
                                             reportRateLimit(step, auth, response);
                                         });
                   });
    run.steps->start();
    return run.operation;
}

HttpConnector::DiscoveryBody GitHubAppConnector::discovery(const QString &resourceType) const
{
    const Auth auth = m_auth;
    if (resourceType == ResourceType::Projects)
        return [auth](const Http &http, const Discovery &discovery) {
            discoverProjects(http, auth, discovery);
        };
    return [auth](const Http &http, const Discovery &discovery) {
        discoverRepositories(http, auth, discovery, discovery.pattern());
    };
}

} // namespace stella
