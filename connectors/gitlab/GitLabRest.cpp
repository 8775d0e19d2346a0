// SPDX-License-Identifier: Apache-2.0
#include "GitLabRest.h"

#include "connectors/http/HttpAnswers.h"
#include "core/common/Clock.h"
#include "core/http/PageCursor.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace stella::gitlab {

namespace {
struct GitLabRestText
{
    Q_DECLARE_TR_FUNCTIONS(stella::GitLabRest)
};
} // namespace

QString product()
{
    return QStringLiteral("GitLab");
}

QUrl api(const HttpSession &session, const QString &pathAndQuery)
{
    return session.endpointUrl(QStringLiteral("/api/v4") + pathAndQuery);
}

QString pathId(const QString &path)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(path));
}

Result<QString> configuredPath(const QString &raw, const QString &key)
{
    QString path = raw.trimmed();
    const QString example = GitLabRestText::tr("e.g. platform/api");
    if (path.contains(QLatin1String("://")) || path.startsWith(QLatin1String("git@")))
        return Error::invalidInput(
            GitLabRestText::tr("%1 '%2' is an address, and GitLab wants the project or group path")
                .arg(key, path),
            GitLabRestText::tr("Give the path after the host in the project's URL, %1")
                .arg(example));
    while (path.startsWith(QLatin1Char('/')))
        path.remove(0, 1);
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    if (path.endsWith(QLatin1String(".git")))
        return Error::invalidInput(
            GitLabRestText::tr(
                "%1 '%2' is a clone path; GitLab's API names the project without .git")
                .arg(key, path),
            GitLabRestText::tr("Remove the .git suffix, %1").arg(example));
    if (path.contains(QRegularExpression(QStringLiteral("\\s"))) ||
        path.contains(QLatin1String("//")))
        return Error::invalidInput(
            GitLabRestText::tr("%1 '%2' is not a GitLab path (no spaces, no empty segments)")
                .arg(key, path),
            GitLabRestText::tr("Copy the path from the project's URL, %1").arg(example));
    return path;
}

Result<HttpHeaders> tokenHeaders(const HttpSession &session,
                                 const std::optional<SecretValue> &credential)
{
    if (!credential)
        return HttpHeaders{};
    if (credential->isBasic())
        return Error::invalidInput(
            GitLabRestText::tr("%1 holds username:password, and GitLab's API takes an access token")
                .arg(session.integration().authRefUri),
            GitLabRestText::tr(
                "Store a personal, project or group access token with read_api at that "
                "AuthRef (deploy tokens work for docker pull only)"));
    return HttpHeaders{{"PRIVATE-TOKEN", credential->exposeForRequest()}};
}

void setUpSession(HttpSession &session, const QString &forbiddenHint)
{
    session.setCredentialHeaders(&tokenHeaders);
    session.setAccessHints(
        GitLabRestText::tr("Check the access token stored at %1: GitLab answers 401 to a wrong, "
                           "expired or revoked token"),
        forbiddenHint);
}

QString versionText(const QJsonObject &version)
{
    const QString revision = version.value(QStringLiteral("revision")).toString();
    return version.value(QStringLiteral("version")).toString() +
           (revision.isEmpty() ? QString() : QStringLiteral(" (revision %1)").arg(revision));
}

Error refusal(const HttpExchange &http, const HttpResponse &response, const QString &what)
{
    const QJsonObject body = QJsonDocument::fromJson(response.body).object();
    const QString error = body.value(QStringLiteral("error")).toString();
    const QString description = body.value(QStringLiteral("error_description")).toString();
    const QString authRef = http.session().authRefForMessages();
    if (response.status == 401 && error == QLatin1String("invalid_token")) {
        const QString state =
            description.contains(QLatin1String("revoked"))   ? GitLabRestText::tr("was revoked")
            : description.contains(QLatin1String("expired")) ? GitLabRestText::tr("has expired")
                                                             : GitLabRestText::tr("is not valid");
        return Error::failed(
            GitLabRestText::tr("%1: GitLab refused the token, which %2 (401 invalid_token)")
                .arg(what, state),
            GitLabRestText::tr(
                "Create a new access token in GitLab (User settings, or the project's "
                "or group's Settings > Access tokens) and store it at %1")
                .arg(authRef));
    }
    if (response.status == 403 && error == QLatin1String("insufficient_scope")) {
        const QString scopes = body.value(QStringLiteral("scope")).toString();
        return Error::failed(
            GitLabRestText::tr("%1: the token lacks the scope this request needs (403 "
                               "insufficient_scope; GitLab accepts: %2)")
                .arg(what, scopes.isEmpty() ? QStringLiteral("unnamed") : scopes),
            GitLabRestText::tr("Create a token with the %1 scope and store it at %2 (scopes cannot "
                               "be added to an existing token)")
                .arg(scopes.section(QLatin1Char(' '), 0, 0), authRef));
    }
    return http.accessError(response, what);
}

Result<QJsonArray> pageItems(const HttpExchange &http, const HttpResponse &response,
                             const QString &what, const std::optional<Error> &notFound)
{
    if (response.status == 200)
        return http::jsonArray(response, what);
    if (response.status == 401 || response.status == 403)
        return refusal(http, response, what);
    if (response.status == 404 && notFound)
        return *notFound;
    if (response.status == 405 &&
        http::serverMessage(response).contains(QLatin1String("maximum allowed offset")))
        return Error::failed(
            GitLabRestText::tr("%1: GitLab refuses offset pagination this deep (405: %2)")
                .arg(what, http::serverMessage(response)),
            GitLabRestText::tr("This listing needs keyset pagination, which this GitLab does not "
                               "offer for it; narrow the scope (a group or project path)"));
    if (QJsonDocument::fromJson(response.body).isNull())
        // Not GitLab's JSON error: whatever is in front of GitLab answered.
        return Error::failed(
            GitLabRestText::tr("%1: HTTP %2 from %3; %4")
                .arg(what)
                .arg(response.status)
                .arg(response.url.path(), http::bodyHint(response)),
            GitLabRestText::tr("Check the proxy or load balancer in front of GitLab "
                               "and that the endpoint is GitLab's base URL"));
    return http.accessError(response, what);
}

HttpExchange::PageReader pages(const Http &http, const QString &what,
                               std::function<void(const QJsonArray &)> onItems,
                               std::optional<Error> notFound)
{
    return [http, what, onItems = std::move(onItems), notFound = std::move(notFound)](
               const HttpResponse &response, PageCursor &cursor) -> Result<std::optional<QUrl>> {
        auto items = pageItems(*http, response, what, notFound);
        if (!items)
            return items.error();
        onItems(*items);
        auto next = cursor.nextFromLink(response.url, response.headers);
        if (!next || next->has_value())
            return next;
        const auto page = PageCursor::nextPageNumber(response.headers);
        if (!page)
            return next;
        return http::nextPage(cursor, response.url, QStringLiteral("page"), QString::number(*page));
    };
}

void identify(const Http &http, const HttpResponse &anonymous, const Step &step,
              const QString &hint)
{
    auto body = http::jsonObject(anonymous, QStringLiteral("GET /api/v4/version"));
    const bool gitlab =
        body && (anonymous.status == 200
                     ? body->contains(QStringLiteral("version"))
                     : anonymous.status == 401 && body->contains(QStringLiteral("message")));
    if (!gitlab)
        return step.fail(Error::failed(
            GitLabRestText::tr("%1 is not GitLab's API v4 (GET /api/v4/version → %2; %3)")
                .arg(http->session().integration().endpoint)
                .arg(anonymous.status)
                .arg(body ? GitLabRestText::tr("an unexpected answer") : http::bodyHint(anonymous)),
            hint));
    step.operation()->reportServer(
        {product(), anonymous.status == 200 ? versionText(*body) : QStringLiteral("unknown")});
    step.pass(anonymous.status == 200
                  ? QStringLiteral("GitLab %1").arg(versionText(*body))
                  : GitLabRestText::tr("GitLab API v4; the version needs a token"));
}

namespace {
QString ownerText(const QJsonObject &user)
{
    const QString username = user.value(QStringLiteral("username")).toString();
    if (user.value(QStringLiteral("bot")).toBool())
        return GitLabRestText::tr("a project or group access token (bot user %1)").arg(username);
    return QStringLiteral("%1 (%2)%3")
        .arg(username, user.value(QStringLiteral("name")).toString(),
             user.value(QStringLiteral("is_admin")).toBool() ? QStringLiteral(", administrator")
                                                             : QString());
}
} // namespace

void authenticate(const Http &http, const Step &step)
{
    if (!http->credential())
        return step.fail(Error::invalidInput(
            GitLabRestText::tr("GitLab's API needs an access token, and the integration has none"),
            GitLabRestText::tr("Store a personal, project or group access token and set the "
                               "integration's AuthRef to it")));
    http->get(api(http->session(), QStringLiteral("/user")), [http, step](const HttpResponse &who) {
        // A token without read_user, read_api or api may not read its owner (403
        // insufficient_scope) but is valid: the permission step names what it lacks.
        const bool scopeOnly =
            who.status == 403 &&
            QJsonDocument::fromJson(who.body).object().value(QStringLiteral("error")).toString() ==
                QLatin1String("insufficient_scope");
        if (who.status != 200 && !scopeOnly)
            return step.fail(refusal(*http, who, QStringLiteral("GET /api/v4/user")));
        QString owner;
        if (!scopeOnly) {
            auto user = http::jsonObject(who, QStringLiteral("GET /api/v4/user"));
            if (!user)
                return step.fail(user.error());
            owner = ownerText(*user);
        }
        http->get(api(http->session(), QStringLiteral("/version")),
                  [http, step, owner](const HttpResponse &version) {
                      auto body = http::jsonObject(version, QStringLiteral("GET /api/v4/version"));
                      if (version.status == 200 && body)
                          step.operation()->reportServer({product(), versionText(*body)});
                      if (owner.isEmpty())
                          return step.warn(GitLabRestText::tr(
                              "the token is valid but may not read its owner (GET /api/v4/user → "
                              "403 insufficient_scope)"));
                      step.pass(
                          GitLabRestText::tr("GET /api/v4/user → 200: the token of %1").arg(owner));
                  });
    });
}

void checkScopes(const Http &http, const Step &step, const QList<ScopeNeed> &needs,
                 std::function<void(const QString &text, const QStringList &missing)> then)
{
    http->get(
        api(http->session(), QStringLiteral("/personal_access_tokens/self")),
        [http, step, needs, then](const HttpResponse &response) {
            if (response.status == 401)
                return step.fail(refusal(
                    *http, response, QStringLiteral("GET /api/v4/personal_access_tokens/self")));
            auto token = http::jsonObject(
                response, QStringLiteral("GET /api/v4/personal_access_tokens/self"));
            if (response.status != 200 || !token ||
                !token->value(QStringLiteral("scopes")).isArray())
                // GitLab before 15.5 has no such endpoint: the requests themselves will say.
                return then(GitLabRestText::tr("the token's scopes are not shown (GET "
                                               "/api/v4/personal_access_tokens/self → %1)")
                                .arg(response.status),
                            {});
            QStringList scopes;
            for (const QJsonValue &s : token->value(QStringLiteral("scopes")).toArray())
                scopes.append(s.toString());
            const auto has = [&scopes](const QString &scope) {
                return scopes.contains(scope) || (scope == QLatin1String("read_api") &&
                                                  scopes.contains(QStringLiteral("api")));
            };
            QStringList missingRequired;
            QStringList missingOptional;
            QStringList purposes;
            for (const ScopeNeed &need : needs) {
                if (has(need.scope))
                    continue;
                (need.required ? missingRequired : missingOptional).append(need.scope);
                purposes.append(QStringLiteral("%1 (needed %2)").arg(need.scope, need.purpose));
            }
            const QString name = token->value(QStringLiteral("name")).toString();
            if (!missingRequired.isEmpty())
                return step.fail(Error::failed(
                    GitLabRestText::tr("The token '%1' has the scopes %2 and lacks %3")
                        .arg(name,
                             scopes.isEmpty() ? QStringLiteral("(none)")
                                              : scopes.join(QStringLiteral(", ")),
                             purposes.join(QStringLiteral("; "))),
                    GitLabRestText::tr(
                        "Create a token with %1 and store it at %2 (scopes cannot be "
                        "added to an existing token)")
                        .arg((missingRequired + missingOptional).join(QStringLiteral(" and ")),
                             http->session().authRefForMessages())));
            QString text = GitLabRestText::tr("token '%1' with scopes %2")
                               .arg(name, scopes.join(QStringLiteral(", ")));
            const QString expires = token->value(QStringLiteral("expires_at")).toString();
            if (!expires.isEmpty())
                text += QStringLiteral(", expires %1").arg(expires);
            if (!purposes.isEmpty())
                text += QStringLiteral("; lacks %1").arg(purposes.join(QStringLiteral("; ")));
            then(text, missingOptional);
        });
}

void locate(const Http &http, const QString &path, const QString &key,
            std::function<void(const Located &)> found)
{
    const QString asProject = QStringLiteral("/projects/%1").arg(pathId(path));
    const QString asGroup = QStringLiteral("/groups/%1").arg(pathId(path));
    http->get(api(http->session(), asProject), [=](const HttpResponse &project) {
        if (project.status == 200) {
            auto object = http::jsonObject(project, QStringLiteral("GET /api/v4%1").arg(asProject));
            if (!object)
                return http->fail(object.error());
            return found({true, asProject, *object});
        }
        if (project.status != 404)
            return http->fail(
                refusal(*http, project, QStringLiteral("GET /api/v4%1").arg(asProject)));
        // with_projects=false: GitLab otherwise embeds the group's projects in the answer.
        http->get(
            api(http->session(), asGroup + QStringLiteral("?with_projects=false")),
            [=](const HttpResponse &group) {
                if (group.status == 200) {
                    auto object =
                        http::jsonObject(group, QStringLiteral("GET /api/v4%1").arg(asGroup));
                    if (!object)
                        return http->fail(object.error());
                    return found({false, asGroup, *object});
                }
                if (group.status == 404)
                    return http->fail(Error::notFound(
                        GitLabRestText::tr("GitLab has no project or group '%1' that the token "
                                           "can see (%2)")
                            .arg(path, http::serverMessage(project)),
                        GitLabRestText::tr("Check %1 (the path in the project's URL, e.g. "
                                           "platform/api) and that the token's user is a member")
                            .arg(key)));
                http->fail(refusal(*http, group, QStringLiteral("GET /api/v4%1").arg(asGroup)));
            });
    });
}

QString ago(const HttpSession &session, const QString &timestamp)
{
    const QDateTime when = QDateTime::fromString(timestamp, Qt::ISODateWithMs);
    if (!when.isValid() || !session.context().clock)
        return timestamp;
    const qint64 seconds = when.secsTo(session.context().clock->now());
    if (seconds < 0)
        return GitLabRestText::tr("just now");
    if (seconds < 3600)
        return GitLabRestText::tr("%1 min ago").arg(seconds / 60);
    if (seconds < 2 * 86400)
        return QStringLiteral("%1 h ago").arg(seconds / 3600);
    return QStringLiteral("%1 d ago").arg(seconds / 86400);
}

} // namespace stella::gitlab
