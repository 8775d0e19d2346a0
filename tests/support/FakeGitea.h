// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "LoopbackHttpServer.h"

#include <QJsonObject>
#include <QStringList>
#include <functional>
#include <optional>

namespace stella::test {

// Gitea's API v1 as its swagger publishes it, on loopback: /api/healthz, /api/v1/version,
// /api/v1/user, /api/v1/users/{username}, /api/v1/repos/search (page/limit cut to
// MAX_RESPONSE_ITEMS, X-Total-Count, a Link header of next/last/first/prev joined by "," without
// a space, absolute on ROOT_URL), /api/v1/repos/{owner}/{repo} (a private repository the caller
// may not read is a 404, as Gitea hides it), pull requests, and errors as Gitea sends them
// ({"message","url"}; 404 with "errors"). Tokens go in `Authorization: token …` (also Basic
// user:token); a token lacking a scope gets Gitea's 403. Every part is settable, and every
// request is recorded, so other suites (PR comments, commit statuses) reuse it: add their
// endpoints with addRoute().
class FakeGitea
{
public:
    using Request = LoopbackHttpServer::Request;
    using Response = LoopbackHttpServer::Response;

    struct User
    {
        QString login{};
        QByteArray token{};
        QStringList scopes{QStringLiteral("read:repository"), QStringLiteral("read:user")};
        bool isAdmin = false;
    };
    struct Repository
    {
        QString owner{};
        QString name{};
        bool isPrivate = false;
        QStringList readers{}; // who may read a private repository besides its owner
        QString defaultBranch = QStringLiteral("main");
        QString fullName() const { return owner + QLatin1Char('/') + name; }
    };
    struct PullRequest
    {
        QString repository{}; // owner/name
        int number = 0;
        QString title{};
        QString headSha{};
        QString headBranch = QStringLiteral("feature");
        QString state = QStringLiteral("open");
    };
    // A handler for requests the fake does not answer itself: nothing to pass it on. `user` is
    // the caller's login (empty when anonymous or the token is unknown).
    using Route = std::function<std::optional<Response>(const Request &, const QString &user)>;

    FakeGitea();

    bool listen() { return m_http.listen(); }
    QUrl url() const { return m_base.isEmpty() ? m_http.url() : m_base; }
    // Where the fake is served from when answer() is called by another server.
    void setBaseUrl(const QUrl &base) { m_base = base; }
    LoopbackHttpServer &server() { return m_http; }
    QList<Request> requests() const { return m_http.requests(); }
    // Recorded requests whose path is `path`.
    QList<Request> requestsTo(const QByteArray &path) const;

    void addUser(const User &user) { m_users.append(user); }
    void setRepositories(const QList<Repository> &repositories) { m_repositories = repositories; }
    QList<Repository> &repositories() { return m_repositories; }
    void setPullRequests(const QList<PullRequest> &pulls) { m_pulls = pulls; }
    QList<PullRequest> &pullRequests() { return m_pulls; }
    void addRoute(Route route) { m_routes.append(std::move(route)); }

    void setVersion(const QString &version) { m_version = version; }
    // [api] MAX_RESPONSE_ITEMS and DEFAULT_PAGING_NUM.
    void setPaging(int maxResponseItems, int defaultPagingNum);
    // [service] REQUIRE_SIGNIN_VIEW: anonymous callers get 401 everywhere but /api/healthz.
    void setRequireSignInView(bool require) { m_requireSignIn = require; }
    // /api/healthz: "pass", "warn" or "fail" (500), with the check that failed.
    void setHealth(const QString &status) { m_health = status; }
    // [server] ROOT_URL, which its Link header is built on (the server's own URL by default).
    void setRootUrl(const QString &rootUrl) { m_rootUrl = rootUrl; }
    // Gitea behind a proxy that drops the Link header (X-Total-Count stays).
    void setDropLinks(bool drop) { m_dropLinks = drop; }
    // Replaces the answer to requests it matches (faults: HTML pages, refusals...).
    void setOverride(std::function<std::optional<Response>(const Request &)> override)
    {
        m_override = std::move(override);
    }

    // The repository and pull request JSON as Gitea's API returns them.
    QJsonObject repositoryJson(const Repository &repository) const;
    QJsonObject pullJson(const PullRequest &pull) const;
    QJsonObject userJson(const QString &login) const;
    // {"message": …, "url": …}, and a 404 with "errors".
    Response error(int status, const QString &message) const;
    Response notFound(const QString &error) const;

    // Whether `user` (empty: anonymous) may read the repository.
    bool canRead(const QString &user, const Repository &repository) const;
    // The caller's login for the request's token or Basic credential; empty when none matches.
    QString caller(const Request &request) const;

    // The answer to one request, for a scenario that serves it from its own server.
    Response answer(const Request &request);
    // The last page's next link leads back to page 2 (with three pages or more).
    void setPaginationLoop(bool loops) { m_loops = loops; }

private:
    Response search(const Request &request, const QString &user);
    std::optional<Response> missingScope(const QString &user, const QString &scope) const;
    qint64 ownerId(const QString &login) const;

    LoopbackHttpServer m_http;
    QUrl m_base;
    QString m_rootUrl;
    QList<User> m_users;
    QList<Repository> m_repositories;
    QList<PullRequest> m_pulls;
    QList<Route> m_routes;
    std::function<std::optional<Response>(const Request &)> m_override;
    QString m_version = QStringLiteral("1.22.3");
    QString m_health = QStringLiteral("pass");
    int m_maxResponseItems = 50;
    int m_defaultPagingNum = 30;
    bool m_requireSignIn = false;
    bool m_dropLinks = false;
    bool m_loops = false;
};

} // namespace stella::test
