// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "LoopbackHttpServer.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <functional>
#include <optional>

namespace stella::test {

// GitLab's REST API v4 as documented (doc/api/rest: authentication, status codes, offset and
// keyset pagination; projects, groups, users, personal_access_tokens, pipelines, jobs,
// merge_requests), on loopback, for the GitLab connectors' tests and the annotation tests:
// - PRIVATE-TOKEN or Authorization: Bearer; no or an unknown token: 401
//   {"message":"401 Unauthorized"}; a revoked or expired one: 401 {"error":"invalid_token",
//   "error_description":...} with WWW-Authenticate, as lib/api/api_guard.rb answers;
// - scopes enforced: reads need read_api or api (/user also read_user, /version read_user too,
//   /personal_access_tokens/self any scope), writes api; otherwise 403 {"error":
//   "insufficient_scope","error_description":...,"scope":"api read_api"};
// - a project the token's user cannot see: 404 {"message":"404 Project Not Found"}, a group
//   404 {"message":"404 Group Not Found"}, an unknown route 404 {"error":"404 Not Found"};
// - offset pagination (page, per_page: default 20, at most 100) with X-Page, X-Per-Page,
//   X-Next-Page, X-Prev-Page, X-Total, X-Total-Pages and an absolute Link (prev, next,
//   first, last); past 10,000 records X-Total, X-Total-Pages and rel="last" are left out;
//   on the endpoints that offer keyset pagination an offset past offsetLimit (page × per_page
//   > 50,000 by default) is refused with 405 {"error":"Offset pagination has a maximum
//   allowed offset of 50000 ..."};
// - keyset pagination where GitLab offers it: /projects (order_by=id, id_after/id_before,
//   a next link while the page is full, as GitLab's pager does) and /projects/:id/jobs
//   (order_by=id, sort=desc, a cursor); pagination=keyset anywhere else is refused with 405
//   {"error":"Keyset pagination is not yet available for this type of request"}.
// Everything is settable (users, tokens, groups, projects, pipelines, jobs, merge requests),
// requests are recorded, and extraRoute serves what this class does not (MR notes, commit
// statuses, discussions: the annotation tests add them).
class FakeGitLab
{
public:
    using Request = LoopbackHttpServer::Request;
    using Response = LoopbackHttpServer::Response;

    struct User
    {
        int id = 0;
        QString username;
        QString name;
        bool bot = false; // a project or group access token's user
        bool admin = false;
    };
    struct Token
    {
        enum class State
        {
            Active,
            Revoked,
            Expired
        };
        QByteArray secret;
        QString name;
        QStringList scopes;
        int userId = 0;
        State state = State::Active;
        QString expiresAt; // "2026-06-30", empty for none
        int id = 0;
    };
    struct Group
    {
        int id = 0;
        QString fullPath;
    };
    struct Project
    {
        int id = 0;
        QString path; // path_with_namespace, e.g. platform/api
        QString defaultBranch = QStringLiteral("main");
        QString visibility = QStringLiteral("private");
        bool repositoryEnabled = true;
        bool buildsEnabled = true;
        bool emptyRepo = false;
        QSet<int> members; // user ids
    };
    struct Pipeline
    {
        int id = 0;
        int iid = 0;
        int projectId = 0;
        QString status = QStringLiteral("success");
        QString ref = QStringLiteral("main");
        QString sha;
        QString createdAt;
        QString updatedAt;
        QString source = QStringLiteral("push");
    };
    struct Job
    {
        int id = 0;
        int projectId = 0;
        int pipelineId = 0;
        QString name;
        QString stage = QStringLiteral("test");
        QString status = QStringLiteral("success");
        QString ref = QStringLiteral("main");
        QString createdAt;
    };
    struct MergeRequest
    {
        int id = 0;
        int iid = 0;
        int projectId = 0;
        QString title;
        QString sourceBranch;
        QString targetBranch = QStringLiteral("main");
        QString sha;
        QString state = QStringLiteral("opened");
    };
    // What a proxy in front of GitLab answers instead of GitLab, for every request.
    enum class Proxy
    {
        None,
        BadGateway, // 502 text/html
        SignInPage  // 200 text/html, a single sign-on portal
    };

    FakeGitLab();

    bool listen() { return m_server.listen(); }
    QUrl url() const { return m_server.url(); }
    QList<Request> requests() const { return m_server.requests(); }
    // Recorded requests whose path (without the query) is `path`.
    QList<Request> requestsTo(const QByteArray &path) const;
    LoopbackHttpServer &server() { return m_server; }

    // The answer to one request, with absolute links under `base` (for a scenario that has a
    // server of its own); the fake's own server answers with answer(request, url()).
    Response answer(const Request &request, const QUrl &base);

    // Seeding, ids given in order. The reference is valid until the next add of its kind.
    User &addUser(const QString &username, bool bot = false);
    Token &addToken(const QByteArray &secret, int userId, const QStringList &scopes);
    Group &addGroup(const QString &fullPath);
    Project &addProject(const QString &path, const QSet<int> &members);
    Pipeline &addPipeline(int projectId, const QString &status, const QString &ref,
                          const QString &updatedAt);
    Job &addJob(int projectId, int pipelineId, const QString &name);
    MergeRequest &addMergeRequest(int projectId, const QString &title, const QString &sourceBranch);

    Project *project(const QString &idOrPath);
    const User *userFor(const Request &request) const;

    // {"message": text} with `status`, as GitLab's API errors read.
    static Response message(int status, const QString &text);
    static Response error(int status, const QString &text); // {"error": text}

    QList<User> users;
    QList<Token> tokens;
    QList<Group> groups;
    QList<Project> projects; // kept in id order
    QList<Pipeline> pipelines;
    QList<Job> jobs;
    QList<MergeRequest> mergeRequests;

    QString version = QStringLiteral("17.5.1-ee");
    QString revision = QStringLiteral("a3f2c1b9e4d");
    int offsetLimit = 50000;     // GitLab's default; 0 turns it off
    bool sendLink = true;        // a proxy may drop Link; X-Next-Page stays
    bool loopPagination = false; // the last page names the second page as next
    Proxy proxy = Proxy::None;
    // Routes this class does not serve; nullopt falls through to GitLab's 404.
    std::function<std::optional<Response>(const Request &, const User &)> extraRoute;

private:
    Response route(const Request &request, const QUrl &base);
    Response offsetPage(const Request &request, const QUrl &base, const QJsonArray &all,
                        bool keysetCapable) const;
    Response projectsKeyset(const Request &request, const QUrl &base,
                            const QList<const Project *> &visible) const;
    Response jobsKeyset(const Request &request, const QUrl &base, const QJsonArray &all) const;
    bool canSee(const User &user, const Project &project) const;
    QJsonObject projectJson(const Project &project, const QUrl &base) const;
    QJsonObject groupJson(const Group &group, const QUrl &base) const;
    QJsonObject pipelineJson(const Pipeline &pipeline, const QUrl &base) const;
    QJsonObject jobJson(const Job &job, const QUrl &base) const;
    QJsonObject mergeRequestJson(const MergeRequest &mr, const QUrl &base) const;
    Response projectRoute(const Request &request, const QUrl &base, const User &user,
                          const QList<QByteArray> &parts);
    Response groupRoute(const Request &request, const QUrl &base, const User &user,
                        const QList<QByteArray> &parts);

    LoopbackHttpServer m_server;
};

} // namespace stella::test
