// SPDX-License-Identifier: Apache-2.0
#include "GiteaConnector.h"

#include "GiteaAnswers.h"
#include "core/connectors/StepIds.h"
#include "core/http/HttpClient.h"
#include "core/http/LinkHeader.h"
#include "core/http/PageCursor.h"
#include "core/model/ResourceTypes.h"

#include <QCoreApplication>
#include <QMap>
#include <QUrlQuery>

namespace stella {

namespace {
struct GiteaText
{
    Q_DECLARE_TR_FUNCTIONS(stella::GiteaConnector)
};
} // namespace

namespace {
using Http = std::shared_ptr<HttpExchange>;
const QString kProduct = QStringLiteral("Gitea");

QUrl api(const HttpSession &session, const QString &pathAndQuery)
{
    return session.endpointUrl(QStringLiteral("/api/v1") + pathAndQuery);
}

QString pathSegment(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

using gitea::giteaMessage;

// What one page or one answer about repositories failed with: 401/403 with the provider's
// hints, anything else with Gitea's message.
Error listingError(const HttpExchange &http, const HttpResponse &response, const QString &what)
{
    if (response.status == 401 || response.status == 403)
        return http.accessError(response, what);
    auto body = http::jsonObject(response, what);
    if (!body)
        return Error::failed(GiteaText::tr("%1: HTTP %2, and %3")
                                 .arg(what)
                                 .arg(response.status)
                                 .arg(http::bodyHint(response)),
                             GiteaText::tr("Check that the endpoint is Gitea's base URL, without "
                                           "/api/v1, and that no proxy answers for it"));
    return Error::failed(GiteaText::tr("%1: HTTP %2 (Gitea says: %3)")
                             .arg(what)
                             .arg(response.status)
                             .arg(giteaMessage(response)),
                         GiteaText::tr("Check Gitea's log for the request"));
}

DiscoveredResource repositoryResource(const QJsonObject &r)
{
    const QJsonObject owner = r.value(QStringLiteral("owner")).toObject();
    return {ResourceType::Repositories,
            r.value(QStringLiteral("full_name")).toString(),
            {{QStringLiteral("owner"), owner.value(QStringLiteral("login"))},
             {QStringLiteral("private"), r.value(QStringLiteral("private"))},
             {QStringLiteral("archived"), r.value(QStringLiteral("archived"))},
             {QStringLiteral("fork"), r.value(QStringLiteral("fork"))},
             {QStringLiteral("defaultBranch"), r.value(QStringLiteral("default_branch"))},
             {QStringLiteral("htmlUrl"), r.value(QStringLiteral("html_url"))},
             {QStringLiteral("updatedAt"), r.value(QStringLiteral("updated_at"))}}};
}

// The repositories/search listing: the configured page size and owner (a user or an
// organisation, whose id Gitea's uid parameter wants).
struct Listing
{
    int pageSize;
    QString owner;

    QUrl firstPage(const HttpSession &session, std::optional<qint64> ownerId, int limit) const
    {
        QString query = QStringLiteral("?page=1&limit=%1").arg(limit);
        if (ownerId)
            query += QStringLiteral("&uid=%1&exclusive=true").arg(*ownerId);
        return api(session, QStringLiteral("/repos/search") + query);
    }

    // Looks the owner up (nothing to look up without one), then calls `then` with its id.
    void resolveOwner(const Http &http, std::function<void(std::optional<qint64>)> then) const
    {
        if (owner.isEmpty())
            return then(std::nullopt);
        const QString what = QStringLiteral("GET /api/v1/users/%1").arg(owner);
        http->get(api(http->session(), QStringLiteral("/users/") + pathSegment(owner)),
                  [http, what, owner = owner, then](const HttpResponse &response) {
                      if (response.status == 404)
                          return http->fail(Error::notFound(
                              GiteaText::tr("Gitea has no user or organisation '%1' (%2)")
                                  .arg(owner, giteaMessage(response)),
                              GiteaText::tr("Check the owner in the integration's config: the "
                                            "login of a user or an organisation")));
                      if (response.status != 200)
                          return http->fail(listingError(*http, response, what));
                      auto user = http::jsonObject(response, what);
                      if (!user)
                          return http->fail(user.error());
                      then(user->value(QStringLiteral("id")).toInteger());
                  });
    }

    // Every repository page by page: Link rel="next", or the next page number while
    // X-Total-Count says more remain (a proxy dropped the Link, or it names another origin).
    void walk(const Http &http, std::function<void(const QJsonArray &)> onItems,
              std::function<void()> onEnd) const
    {
        resolveOwner(http, [http, onItems, onEnd, self = *this](std::optional<qint64> ownerId) {
            auto seen = std::make_shared<qint64>(0);
            http->walkPages(
                self.firstPage(http->session(), ownerId, self.pageSize),
                [http, onItems, seen](const HttpResponse &response,
                                      PageCursor &cursor) -> Result<std::optional<QUrl>> {
                    const QString what = GiteaText::tr("Listing repositories");
                    if (response.status != 200)
                        return listingError(*http, response, what);
                    auto page = http::jsonObject(response, what);
                    if (!page)
                        return page.error();
                    if (!page->value(QStringLiteral("data")).isArray())
                        return Error::failed(
                            GiteaText::tr("%1: the answer has no \"data\" list (%2)")
                                .arg(what, giteaMessage(response)),
                            GiteaText::tr("Check that the endpoint is Gitea's base URL"));
                    const QJsonArray items = page->value(QStringLiteral("data")).toArray();
                    *seen += items.size();
                    onItems(items);
                    // Gitea builds its links on ROOT_URL, which is often the public name of a
                    // server the integration reaches by another address: such a link is not
                    // followed (the credential stays on the endpoint), the page number is.
                    const std::optional<QUrl> link =
                        LinkHeader::find(response.headers, response.url, QStringLiteral("next"));
                    if (link && HttpClient::sameOrigin(response.url, *link))
                        return cursor.nextFromLink(response.url, response.headers);
                    const auto total = PageCursor::totalCount(response.headers);
                    if (items.isEmpty() || !total || *seen >= *total)
                        return std::optional<QUrl>();
                    const int number =
                        QUrlQuery(response.url).queryItemValue(QStringLiteral("page")).toInt();
                    return http::nextPage(cursor, response.url, QStringLiteral("page"),
                                          QString::number(std::max(number, 1) + 1));
                },
                onEnd);
        });
    }
};

// A pattern "owner/name" without wildcards names one repository: asked for directly, and a
// repository Gitea does not show this token is an error, not an empty result.
void discoverOneRepository(const Http &http, const Discovery &discovery)
{
    const QString name = discovery.pattern();
    const qsizetype slash = name.indexOf(QLatin1Char('/'));
    const QString what = QStringLiteral("GET /api/v1/repos/%1").arg(name);
    http->get(api(http->session(),
                  QStringLiteral("/repos/%1/%2")
                      .arg(pathSegment(name.left(slash)), pathSegment(name.mid(slash + 1)))),
              [http, discovery, name, what](const HttpResponse &response) {
                  if (response.status == 404)
                      return http->fail(Error::notFound(
                          GiteaText::tr("Gitea has no repository '%1' that this token can see "
                                        "(%2)")
                              .arg(name, giteaMessage(response)),
                          GiteaText::tr("Check the owner and the name (discover repositories "
                                        "without a pattern to list them), and that the token's "
                                        "user can read the repository")));
                  if (response.status != 200)
                      return http->fail(listingError(*http, response, what));
                  auto repository = http::jsonObject(response, what);
                  if (!repository)
                      return http->fail(repository.error());
                  discovery.reportMatching({repositoryResource(*repository)});
                  discovery.done();
              });
}

void discoverRepositories(const Listing &listing, const Http &http, const Discovery &discovery)
{
    const QString &pattern = discovery.pattern();
    if (pattern.count(QLatin1Char('/')) == 1 && !http::hasWildcard(pattern) &&
        !pattern.startsWith(QLatin1Char('/')) && !pattern.endsWith(QLatin1Char('/')))
        return discoverOneRepository(http, discovery);
    listing.walk(
        http,
        [discovery](const QJsonArray &items) {
            QList<DiscoveredResource> page;
            for (const QJsonValue &v : items)
                page.append(repositoryResource(v.toObject()));
            discovery.reportMatching(page);
        },
        [discovery] { discovery.done(); });
}

// Owners in the order their first repository came, with what discovery shows of each.
void discoverProjects(const Listing &listing, const Http &http, const Discovery &discovery)
{
    struct Owner
    {
        QJsonObject json;
        int repositories = 0;
        int privateRepositories = 0;
    };
    auto owners = std::make_shared<QMap<QString, Owner>>();
    auto order = std::make_shared<QStringList>();
    listing.walk(
        http,
        [owners, order](const QJsonArray &items) {
            for (const QJsonValue &v : items) {
                const QJsonObject r = v.toObject();
                const QJsonObject owner = r.value(QStringLiteral("owner")).toObject();
                const QString login = owner.value(QStringLiteral("login")).toString();
                if (login.isEmpty())
                    continue;
                if (!owners->contains(login)) {
                    order->append(login);
                    (*owners)[login].json = owner;
                }
                Owner &o = (*owners)[login];
                ++o.repositories;
                o.privateRepositories += r.value(QStringLiteral("private")).toBool() ? 1 : 0;
            }
        },
        [owners, order, discovery] {
            QList<DiscoveredResource> found;
            for (const QString &login : *order) {
                const Owner &o = owners->value(login);
                found.append(
                    {ResourceType::Projects,
                     login,
                     {{QStringLiteral("fullName"), o.json.value(QStringLiteral("full_name"))},
                      {QStringLiteral("visibility"), o.json.value(QStringLiteral("visibility"))},
                      {QStringLiteral("repositories"), o.repositories},
                      {QStringLiteral("privateRepositories"), o.privateRepositories}}});
            }
            discovery.reportMatching(found);
            discovery.done();
        });
}

void identify(const Http &http, const std::shared_ptr<HttpResponse> &probe, const Step &step)
{
    const auto fromAnswer = [http, step](const HttpResponse &response) {
        auto body = http::jsonObject(response, QStringLiteral("GET /api/v1/version"));
        const QString version =
            body ? body->value(QStringLiteral("version")).toString() : QString();
        if (response.status != 200 || version.isEmpty()) {
            if (response.status == 401 || response.status == 403)
                return step.fail(
                    http->accessError(response, QStringLiteral("GET /api/v1/version")));
            return step.fail(Error::failed(
                GiteaText::tr("%1 is not Gitea's API v1 (GET /api/v1/version → %2; %3)")
                    .arg(http->session().integration().endpoint)
                    .arg(response.status)
                    .arg(body ? GiteaText::tr("no version in the answer")
                              : http::bodyHint(response)),
                GiteaText::tr("Give Gitea's base URL (its ROOT_URL), without /api/v1")));
        }
        step.operation()->reportServer({kProduct, version});
        step.pass(QStringLiteral("Gitea %1").arg(version));
    };
    // With REQUIRE_SIGNIN_VIEW Gitea shows its version to signed-in callers only.
    if ((probe->status == 401 || probe->status == 403) && http->credential())
        return http->get(api(http->session(), QStringLiteral("/version")), fromAnswer);
    fromAnswer(*probe);
}

void authenticate(const Http &http, const Step &step)
{
    if (!http->credential())
        return step.skip(GiteaText::tr("no AuthRef: anonymous access sees public repositories "
                                       "only"));
    http->get(
        api(http->session(), QStringLiteral("/user")), [http, step](const HttpResponse &response) {
            if (response.status != 200)
                return step.fail(http->accessError(response, QStringLiteral("GET /api/v1/user")));
            auto user = http::jsonObject(response, QStringLiteral("GET /api/v1/user"));
            if (!user)
                return step.fail(user.error());
            step.pass(GiteaText::tr("signed in as %1%2")
                          .arg(user->value(QStringLiteral("login")).toString(),
                               user->value(QStringLiteral("is_admin")).toBool()
                                   ? GiteaText::tr(" (site administrator)")
                                   : QString()));
        });
}

// Gitea shows a token's scopes only to GET /users/{name}/tokens, which takes the user's
// password (Basic), never a token: the token's own permission is proven by the listing it
// needs (read:repository), one repository long.
void checkPermission(const Listing &listing, const Http &http, const Step &step)
{
    listing.resolveOwner(http, [listing, http, step](std::optional<qint64> ownerId) {
        http->get(listing.firstPage(http->session(), ownerId, 1),
                  [http, step, owner = listing.owner](const HttpResponse &response) {
                      const QString what = GiteaText::tr("Listing repositories");
                      if (response.status != 200)
                          return step.fail(listingError(*http, response, what));
                      auto page = http::jsonObject(response, what);
                      if (!page)
                          return step.fail(page.error());
                      const auto total = PageCursor::totalCount(response.headers);
                      step.operation()->reportHealth(HealthStatus::Healthy);
                      step.pass(QStringLiteral("%1 → 200: %2 repositories%3")
                                    .arg(response.url.path(),
                                         total ? QString::number(*total)
                                               : GiteaText::tr("an unknown number of"),
                                         owner.isEmpty() ? QString()
                                                         : QStringLiteral(" of %1").arg(owner)));
                  });
    });
}

// /api/healthz answers application/health+json: status pass|warn|fail and, per check
// (cache:ping, database:ping), a list of results.
void reportHealthz(const Step &step, const HttpResponse &response)
{
    ConnectorOperation *op = step.operation();
    auto health = http::jsonObject(response, QStringLiteral("GET /api/healthz"));
    const QString status = health ? health->value(QStringLiteral("status")).toString() : QString();
    if (status.isEmpty()) {
        if (response.status == 200 || response.status == 404) // a Gitea older than 1.17
            return http::finishWithStatusHealth(step, response);
        op->reportHealth(HealthStatus::Unhealthy);
        return step.finish(ConnectorStep::State::Failed,
                           QStringLiteral("HTTP %1: %2")
                               .arg(response.status)
                               .arg(health ? GiteaText::tr("no status") : health.error().message));
    }
    QStringList failing;
    const QJsonObject checks = health->value(QStringLiteral("checks")).toObject();
    for (auto it = checks.begin(); it != checks.end(); ++it)
        for (const QJsonValue &v : it.value().toArray())
            if (const QString s = v.toObject().value(QStringLiteral("status")).toString();
                s != QLatin1String("pass"))
                failing.append(QStringLiteral("%1 %2").arg(it.key(), s));
    if (status == QLatin1String("pass")) {
        op->reportHealth(HealthStatus::Healthy);
        return step.finish(ConnectorStep::State::Passed,
                           GiteaText::tr("pass in %1 ms").arg(response.elapsedMs));
    }
    const bool warn = status == QLatin1String("warn");
    op->reportHealth(warn ? HealthStatus::Degraded : HealthStatus::Unhealthy);
    step.finish(warn ? ConnectorStep::State::Warning : ConnectorStep::State::Failed,
                QStringLiteral("%1: %2").arg(status, failing.isEmpty()
                                                         ? GiteaText::tr("no check named")
                                                         : failing.join(QStringLiteral(", "))));
}
} // namespace

GiteaConnector::GiteaConnector(const Integration &integration, const ConnectorContext &context)
    : HttpConnector(integration, context),
      m_pageSize(std::min(session().configInt(QStringLiteral("pageSize"), kDefaultPageSize), 50)),
      m_owner(session().configString(QStringLiteral("owner")))
{
    session().setCredentialHeaders(&GiteaConnector::tokenHeaders);
    session().setAccessHints(
        GiteaText::tr("Check the access token stored at %1: Gitea answers 401 to a wrong, "
                      "revoked or deleted token"),
        GiteaText::tr("Give the token behind %1 the read:repository and read:user scopes "
                      "(Settings → Applications), and its user read access to the "
                      "repositories"));
}

Result<HttpHeaders> GiteaConnector::tokenHeaders(const HttpSession &,
                                                 const std::optional<SecretValue> &credential)
{
    if (!credential)
        return HttpHeaders{};
    // Gitea also takes Basic with a user's login and a token (or password).
    if (credential->isBasic())
        return HttpHeaders{{"Authorization", "Basic " + credential->exposeForRequest().toBase64()}};
    return HttpHeaders{{"Authorization", "token " + credential->exposeForRequest()}};
}

QStringList GiteaConnector::resourceTypes() const
{
    return resourceTypesFor(IntegrationType::Scm);
}

HttpConnector::DiscoveryBody GiteaConnector::discovery(const QString &resourceType) const
{
    const Listing listing{m_pageSize, m_owner};
    if (resourceType == ResourceType::Projects)
        return
            [listing](const Http &http, const Discovery &d) { discoverProjects(listing, http, d); };
    return
        [listing](const Http &http, const Discovery &d) { discoverRepositories(listing, http, d); };
}

ConnectorOperation *GiteaConnector::testConnection(QObject *parent)
{
    Run run = begin(ConnectorOperation::Kind::TestConnection, parent);
    const Http http = run.http;
    const Listing listing{m_pageSize, m_owner};
    auto probe = std::make_shared<HttpResponse>();
    addReachStep(run, api(session(), QStringLiteral("/version")), probe);
    run.steps
        ->add(StepId::Identify, GiteaText::tr("Identify product and version"),
              [http, probe](const Step &step) { identify(http, probe, step); })
        .add(StepId::Authenticate, GiteaText::tr("Authenticated call"),
             [http](const Step &step) { authenticate(http, step); })
        .add(StepId::Permission,
             m_owner.isEmpty()
                 ? GiteaText::tr("Check permission to list repositories")
                 : GiteaText::tr("Check permission to list the repositories of %1").arg(m_owner),
             [listing, http](const Step &step) { checkPermission(listing, http, step); });
    run.steps->start();
    return run.operation;
}

ConnectorOperation *GiteaConnector::checkHealth(QObject *parent)
{
    Run run = begin(ConnectorOperation::Kind::HealthCheck, parent);
    run.steps->add(
        StepId::Health, QStringLiteral("GET /api/healthz"), [http = run.http](const Step &step) {
            http->get(
                http->session().endpointUrl(QStringLiteral("/api/healthz")),
                [step](const HttpResponse &response) { reportHealthz(step, response); }, false);
        });
    run.steps->start();
    return run.operation;
}

} // namespace stella
