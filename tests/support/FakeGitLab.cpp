// SPDX-License-Identifier: Apache-2.0
#include "FakeGitLab.h"

#include <QJsonDocument>
#include <QUrlQuery>
#include <algorithm>

namespace stella::test {

namespace {
constexpr int kNoTotalsAbove = 10000; // GitLab leaves out X-Total and friends past this

QByteArray compactJson(const QJsonArray &array)
{
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QString query(const FakeGitLab::Request &request, const QString &key)
{
    const qsizetype q = request.target.indexOf('?');
    if (q < 0)
        return {};
    return QUrlQuery(QString::fromUtf8(request.target.mid(q + 1)))
        .queryItemValue(key, QUrl::FullyDecoded);
}

// The request's own URL under `base` with some query items replaced, for Link headers.
QByteArray linkTo(const FakeGitLab::Request &request, const QUrl &base,
                  const QList<QPair<QString, QString>> &set)
{
    const qsizetype q = request.target.indexOf('?');
    QUrlQuery items(q < 0 ? QString() : QString::fromUtf8(request.target.mid(q + 1)));
    for (const auto &[key, value] : set) {
        items.removeAllQueryItems(key);
        items.addQueryItem(key, value);
    }
    QUrl url = base;
    url.setPath(QString::fromUtf8(request.path()), QUrl::TolerantMode);
    url.setQuery(items);
    return url.toEncoded();
}

int perPageOf(const FakeGitLab::Request &request)
{
    const int perPage = query(request, QStringLiteral("per_page")).toInt();
    return perPage <= 0 ? 20 : std::min(perPage, 100);
}

QString readableScopes(const QStringList &allowed)
{
    return allowed.join(QLatin1Char(' '));
}
} // namespace

FakeGitLab::FakeGitLab() : m_server([this](const Request &r) { return answer(r, url()); }) {}

QList<FakeGitLab::Request> FakeGitLab::requestsTo(const QByteArray &path) const
{
    QList<Request> matching;
    for (const Request &r : m_server.requests())
        if (r.path() == path)
            matching.append(r);
    return matching;
}

FakeGitLab::Response FakeGitLab::message(int status, const QString &text)
{
    return Response::json(status, compactJson(QJsonObject{{QStringLiteral("message"), text}}));
}

FakeGitLab::Response FakeGitLab::error(int status, const QString &text)
{
    return Response::json(status, compactJson(QJsonObject{{QStringLiteral("error"), text}}));
}

FakeGitLab::User &FakeGitLab::addUser(const QString &username, bool bot)
{
    User user;
    user.id = int(users.size()) + 1;
    user.username = username;
    user.name = bot ? username : username.left(1).toUpper() + username.mid(1);
    user.bot = bot;
    users.append(user);
    return users.last();
}

FakeGitLab::Token &FakeGitLab::addToken(const QByteArray &secret, int userId,
                                        const QStringList &scopes)
{
    Token token;
    token.id = int(tokens.size()) + 1;
    token.secret = secret;
    token.name = QStringLiteral("token-%1").arg(token.id);
    token.userId = userId;
    token.scopes = scopes;
    tokens.append(token);
    return tokens.last();
}

FakeGitLab::Group &FakeGitLab::addGroup(const QString &fullPath)
{
    groups.append({int(groups.size()) + 1, fullPath});
    return groups.last();
}

FakeGitLab::Project &FakeGitLab::addProject(const QString &path, const QSet<int> &members)
{
    Project project;
    project.id = projects.isEmpty() ? 1 : projects.last().id + 1;
    project.path = path;
    project.members = members;
    projects.append(project);
    return projects.last();
}

FakeGitLab::Pipeline &FakeGitLab::addPipeline(int projectId, const QString &status,
                                              const QString &ref, const QString &updatedAt)
{
    Pipeline pipeline;
    pipeline.id = pipelines.isEmpty() ? 1000 : pipelines.last().id + 1;
    pipeline.iid = int(std::count_if(pipelines.begin(), pipelines.end(),
                                     [&](const Pipeline &p) { return p.projectId == projectId; })) +
                   1;
    pipeline.projectId = projectId;
    pipeline.status = status;
    pipeline.ref = ref;
    pipeline.sha = QString::number(pipeline.id * 7919, 16).rightJustified(40, QLatin1Char('a'));
    pipeline.createdAt = updatedAt;
    pipeline.updatedAt = updatedAt;
    pipelines.append(pipeline);
    return pipelines.last();
}

FakeGitLab::Job &FakeGitLab::addJob(int projectId, int pipelineId, const QString &name)
{
    Job job;
    job.id = jobs.isEmpty() ? 5000 : jobs.last().id + 1;
    job.projectId = projectId;
    job.pipelineId = pipelineId;
    job.name = name;
    job.createdAt = QStringLiteral("2026-01-15T08:00:00.000Z");
    jobs.append(job);
    return jobs.last();
}

FakeGitLab::MergeRequest &FakeGitLab::addMergeRequest(int projectId, const QString &title,
                                                      const QString &sourceBranch)
{
    MergeRequest mr;
    mr.id = mergeRequests.isEmpty() ? 300 : mergeRequests.last().id + 1;
    mr.iid = int(std::count_if(mergeRequests.begin(), mergeRequests.end(),
                               [&](const MergeRequest &m) { return m.projectId == projectId; })) +
             1;
    mr.projectId = projectId;
    mr.title = title;
    mr.sourceBranch = sourceBranch;
    mr.sha = QString::number(mr.id * 104729, 16).rightJustified(40, QLatin1Char('b'));
    mergeRequests.append(mr);
    return mergeRequests.last();
}

FakeGitLab::Project *FakeGitLab::project(const QString &idOrPath)
{
    bool numeric = false;
    const int id = idOrPath.toInt(&numeric);
    for (Project &p : projects)
        if (numeric ? p.id == id : p.path == idOrPath)
            return &p;
    return nullptr;
}

const FakeGitLab::User *FakeGitLab::userFor(const Request &request) const
{
    QByteArray secret = request.header("PRIVATE-TOKEN");
    if (secret.isEmpty() && request.header("Authorization").startsWith("Bearer "))
        secret = request.header("Authorization").mid(7);
    for (const Token &t : tokens)
        if (!secret.isEmpty() && t.secret == secret && t.state == Token::State::Active)
            for (const User &u : users)
                if (u.id == t.userId)
                    return &u;
    return nullptr;
}

bool FakeGitLab::canSee(const User &user, const Project &project) const
{
    return project.visibility != QLatin1String("private") || project.members.contains(user.id) ||
           user.admin;
}

FakeGitLab::Response FakeGitLab::answer(const Request &request, const QUrl &base)
{
    if (proxy == Proxy::BadGateway)
        return {502,
                {{"Content-Type", "text/html"}},
                "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad "
                "Gateway</h1></center><hr><center>nginx</center></body></html>"};
    if (proxy == Proxy::SignInPage)
        return {200,
                {{"Content-Type", "text/html; charset=utf-8"}},
                "<!DOCTYPE html><html><head><title>Sign in · Corporate SSO</title></head><body>"
                "<form action=\"/sso/login\">Please sign in</form></body></html>"};
    return route(request, base);
}

FakeGitLab::Response FakeGitLab::route(const Request &request, const QUrl &base)
{
    const QByteArray path = request.path();
    // The health check GitLab documents for load balancers: no token, plain text.
    if (path == "/-/health" && request.method == "GET")
        return {200, {{"Content-Type", "text/plain; charset=utf-8"}}, "GitLab OK"};
    if (!path.startsWith("/api/v4/"))
        return error(404, QStringLiteral("404 Not Found"));
    QByteArray secret = request.header("PRIVATE-TOKEN");
    if (secret.isEmpty() && request.header("Authorization").startsWith("Bearer "))
        secret = request.header("Authorization").mid(7);
    const Token *token = nullptr;
    for (const Token &t : tokens)
        if (!secret.isEmpty() && t.secret == secret)
            token = &t;
    if (token && token->state != Token::State::Active) {
        const QString description =
            token->state == Token::State::Revoked
                ? QStringLiteral("Token was revoked. You have to re-authorize from the user.")
                : QStringLiteral(
                      "Token is expired. You can either do re-authorization or token refresh.");
        Response r = Response::json(
            401, compactJson(QJsonObject{{QStringLiteral("error"), QStringLiteral("invalid_token")},
                                         {QStringLiteral("error_description"), description}}));
        r.headers.append({"WWW-Authenticate",
                          "Bearer realm=\"\", error=\"invalid_token\", error_description=\"" +
                              description.toUtf8() + "\""});
        return r;
    }
    const User *user = userFor(request);
    if (!user)
        return message(401, QStringLiteral("401 Unauthorized"));

    // Which scopes GitLab accepts for this request.
    const bool read = request.method == "GET" || request.method == "HEAD";
    QStringList allowed{QStringLiteral("api")};
    if (read)
        allowed.append(QStringLiteral("read_api"));
    if (path == "/api/v4/user" || path == "/api/v4/version")
        allowed.append(QStringLiteral("read_user"));
    const bool any = path.startsWith("/api/v4/personal_access_tokens/self");
    if (!any && std::none_of(allowed.begin(), allowed.end(),
                             [&](const QString &s) { return token->scopes.contains(s); }))
        return Response::json(
            403, compactJson(QJsonObject{
                     {QStringLiteral("error"), QStringLiteral("insufficient_scope")},
                     {QStringLiteral("error_description"),
                      QStringLiteral("The request requires higher privileges than provided by "
                                     "the access token.")},
                     {QStringLiteral("scope"), readableScopes(allowed)}}));

    if (path == "/api/v4/version")
        return Response::json(
            200, compactJson(QJsonObject{{QStringLiteral("version"), version},
                                         {QStringLiteral("revision"), revision},
                                         {QStringLiteral("kas"),
                                          QJsonObject{{QStringLiteral("enabled"), true},
                                                      {QStringLiteral("externalUrl"), QJsonValue()},
                                                      {QStringLiteral("version"), QJsonValue()}}},
                                         {QStringLiteral("enterprise"), true}}));
    if (path == "/api/v4/user") {
        QJsonObject u{
            {QStringLiteral("id"), user->id},
            {QStringLiteral("username"), user->username},
            {QStringLiteral("name"), user->name},
            {QStringLiteral("state"), QStringLiteral("active")},
            {QStringLiteral("bot"), user->bot},
            {QStringLiteral("web_url"), base.toString() + QLatin1Char('/') + user->username}};
        if (user->admin)
            u.insert(QStringLiteral("is_admin"), true);
        return Response::json(200, compactJson(u));
    }
    if (path == "/api/v4/personal_access_tokens/self")
        return Response::json(
            200, compactJson(QJsonObject{
                     {QStringLiteral("id"), token->id},
                     {QStringLiteral("name"), token->name},
                     {QStringLiteral("revoked"), false},
                     {QStringLiteral("created_at"), QStringLiteral("2025-12-01T09:00:00.000Z")},
                     {QStringLiteral("description"), QString()},
                     {QStringLiteral("scopes"), QJsonArray::fromStringList(token->scopes)},
                     {QStringLiteral("user_id"), token->userId},
                     {QStringLiteral("last_used_at"), QStringLiteral("2026-01-15T09:59:00.000Z")},
                     {QStringLiteral("active"), true},
                     {QStringLiteral("expires_at"),
                      token->expiresAt.isEmpty() ? QJsonValue() : QJsonValue(token->expiresAt)}}));

    const QList<QByteArray> parts = path.split('/'); // "", api, v4, resource, :id, ...
    if (parts.value(3) == "projects" && parts.size() == 4 && read) {
        const bool membership =
            query(request, QStringLiteral("membership")) == QLatin1String("true");
        QList<const Project *> visible;
        for (const Project &p : projects)
            if (membership ? p.members.contains(user->id) : canSee(*user, p))
                visible.append(&p);
        if (query(request, QStringLiteral("pagination")) == QLatin1String("keyset"))
            return projectsKeyset(request, base, visible);
        QJsonArray all;
        for (const Project *p : visible)
            all.append(projectJson(*p, base));
        return offsetPage(request, base, all, true);
    }
    if (parts.value(3) == "projects" && parts.size() >= 5)
        return projectRoute(request, base, *user, parts);
    if (parts.value(3) == "groups" && parts.size() >= 5)
        return groupRoute(request, base, *user, parts);
    if (extraRoute)
        if (auto extra = extraRoute(request, *user))
            return *extra;
    return error(404, QStringLiteral("404 Not Found"));
}

FakeGitLab::Response FakeGitLab::projectRoute(const Request &request, const QUrl &base,
                                              const User &user, const QList<QByteArray> &parts)
{
    const QString id = QString::fromUtf8(QByteArray::fromPercentEncoding(parts[4]));
    const Project *p = project(id);
    if (!p || !canSee(user, *p))
        return message(404, QStringLiteral("404 Project Not Found"));
    const bool read = request.method == "GET";
    const bool keyset = query(request, QStringLiteral("pagination")) == QLatin1String("keyset");
    if (parts.size() == 5 && read)
        return Response::json(200, compactJson(projectJson(*p, base)));
    const QByteArray what = parts.value(5);
    if (parts.size() == 6 && read && (what == "pipelines" || what == "jobs")) {
        if (!p->buildsEnabled)
            return message(403, QStringLiteral("403 Forbidden"));
        QJsonArray all;
        const bool ascending = query(request, QStringLiteral("sort")) == QLatin1String("asc");
        if (what == "pipelines") {
            if (keyset)
                return error(
                    405, QStringLiteral("Keyset pagination is not yet available for this type of "
                                        "request"));
            const QString ref = query(request, QStringLiteral("ref"));
            const QString status = query(request, QStringLiteral("status"));
            QList<const Pipeline *> matching;
            for (const Pipeline &pl : pipelines)
                if (pl.projectId == p->id && (ref.isEmpty() || pl.ref == ref) &&
                    (status.isEmpty() || pl.status == status))
                    matching.append(&pl);
            // Newest first unless sort=asc (order_by id, GitLab's default).
            if (!ascending)
                std::reverse(matching.begin(), matching.end());
            for (const Pipeline *pl : matching)
                all.append(pipelineJson(*pl, base));
            return offsetPage(request, base, all, false);
        }
        for (auto it = jobs.crbegin(); it != jobs.crend(); ++it) // id descending, always
            if (it->projectId == p->id)
                all.append(jobJson(*it, base));
        if (keyset)
            return jobsKeyset(request, base, all);
        return offsetPage(request, base, all, true);
    }
    if (what == "merge_requests" && read) {
        if (parts.size() == 6) {
            const QString state = query(request, QStringLiteral("state"));
            QJsonArray all;
            for (auto it = mergeRequests.crbegin(); it != mergeRequests.crend(); ++it)
                if (it->projectId == p->id &&
                    (state.isEmpty() || state == QLatin1String("all") || it->state == state))
                    all.append(mergeRequestJson(*it, base));
            return offsetPage(request, base, all, false);
        }
        if (parts.size() == 7) {
            for (const MergeRequest &mr : mergeRequests)
                if (mr.projectId == p->id && QByteArray::number(mr.iid) == parts[6])
                    return Response::json(200, compactJson(mergeRequestJson(mr, base)));
            return message(404, QStringLiteral("404 Not found"));
        }
    }
    if (extraRoute)
        if (auto extra = extraRoute(request, user))
            return *extra;
    return error(404, QStringLiteral("404 Not Found"));
}

FakeGitLab::Response FakeGitLab::groupRoute(const Request &request, const QUrl &base,
                                            const User &user, const QList<QByteArray> &parts)
{
    const QString id = QString::fromUtf8(QByteArray::fromPercentEncoding(parts[4]));
    const Group *group = nullptr;
    for (const Group &g : groups)
        if (g.fullPath == id || QString::number(g.id) == id)
            group = &g;
    // A private group is visible to members of one of its projects.
    QList<const Project *> inside;
    bool visible = user.admin;
    if (group) {
        for (const Project &p : projects) {
            if (!p.path.startsWith(group->fullPath + QLatin1Char('/')))
                continue;
            if (canSee(user, p)) {
                visible = true;
                inside.append(&p);
            }
        }
    }
    if (!group || !visible)
        return message(404, QStringLiteral("404 Group Not Found"));
    if (parts.size() == 5 && request.method == "GET")
        return Response::json(200, compactJson(groupJson(*group, base)));
    if (parts.size() == 6 && parts[5] == "projects" && request.method == "GET") {
        if (query(request, QStringLiteral("pagination")) == QLatin1String("keyset"))
            return error(
                405,
                QStringLiteral("Keyset pagination is not yet available for this type of request"));
        const bool subgroups =
            query(request, QStringLiteral("include_subgroups")) == QLatin1String("true");
        const bool descending = query(request, QStringLiteral("sort")) != QLatin1String("asc");
        QJsonArray all;
        QList<const Project *> listed;
        for (const Project *p : inside)
            if (subgroups || p->path.section(QLatin1Char('/'), 0, -2) == group->fullPath)
                listed.append(p);
        if (descending && query(request, QStringLiteral("order_by")) == QLatin1String("id"))
            std::reverse(listed.begin(), listed.end());
        for (const Project *p : listed)
            all.append(projectJson(*p, base));
        return offsetPage(request, base, all, false);
    }
    if (extraRoute)
        if (auto extra = extraRoute(request, user))
            return *extra;
    return error(404, QStringLiteral("404 Not Found"));
}

FakeGitLab::Response FakeGitLab::offsetPage(const Request &request, const QUrl &base,
                                            const QJsonArray &all, bool keysetCapable) const
{
    const int page = std::max(query(request, QStringLiteral("page")).toInt(), 1);
    const int perPage = perPageOf(request);
    if (keysetCapable && offsetLimit > 0 && qint64(page) * perPage > offsetLimit)
        return error(405, QStringLiteral("Offset pagination has a maximum allowed offset of %1 "
                                         "for requests that return objects of type Project. "
                                         "Remaining records can be retrieved using keyset "
                                         "pagination.")
                              .arg(offsetLimit));
    const qsizetype total = all.size();
    const int totalPages = std::max(1, int((total + perPage - 1) / perPage));
    QJsonArray items;
    for (qsizetype i = qsizetype(page - 1) * perPage;
         i < std::min<qsizetype>(total, qsizetype(page) * perPage); ++i)
        items.append(all.at(i));
    int next = page < totalPages ? page + 1 : 0;
    if (loopPagination && next == 0 && totalPages >= 3)
        next = 2;
    Response response = Response::json(200, compactJson(items));
    const bool totals = total <= kNoTotalsAbove;
    response.headers += {{"X-Page", QByteArray::number(page)},
                         {"X-Per-Page", QByteArray::number(perPage)},
                         {"X-Next-Page", next ? QByteArray::number(next) : QByteArray()},
                         {"X-Prev-Page", page > 1 ? QByteArray::number(page - 1) : QByteArray()}};
    if (totals)
        response.headers += {{"X-Total", QByteArray::number(total)},
                             {"X-Total-Pages", QByteArray::number(totalPages)}};
    if (!sendLink)
        return response;
    const auto link = [&](int n, const char *rel) {
        return "<" +
               linkTo(request, base,
                      {{QStringLiteral("page"), QString::number(n)},
                       {QStringLiteral("per_page"), QString::number(perPage)}}) +
               ">; rel=\"" + rel + "\"";
    };
    QList<QByteArray> links;
    if (page > 1)
        links.append(link(page - 1, "prev"));
    if (next)
        links.append(link(next, "next"));
    links.append(link(1, "first"));
    if (totals)
        links.append(link(totalPages, "last"));
    response.headers.append({"Link", links.join(", ")});
    return response;
}

FakeGitLab::Response FakeGitLab::projectsKeyset(const Request &request, const QUrl &base,
                                                const QList<const Project *> &visible) const
{
    if (query(request, QStringLiteral("order_by")) != QLatin1String("id"))
        return error(
            405, QStringLiteral("Keyset pagination is not yet available for this type of request"));
    const bool ascending = query(request, QStringLiteral("sort")) != QLatin1String("desc");
    const int perPage = perPageOf(request);
    const QString after = query(request, QStringLiteral("id_after"));
    const QString before = query(request, QStringLiteral("id_before"));
    QList<const Project *> ordered = visible;
    if (!ascending)
        std::reverse(ordered.begin(), ordered.end());
    QJsonArray items;
    int lastId = 0;
    int secondPageAfter = 0;
    int seen = 0;
    for (const Project *p : ordered) {
        if (!after.isEmpty() && p->id <= after.toInt())
            continue;
        if (!before.isEmpty() && p->id >= before.toInt())
            continue;
        if (items.size() < perPage) {
            items.append(projectJson(*p, base));
            lastId = p->id;
        }
        if (++seen > perPage)
            break;
    }
    if (!ordered.isEmpty() && ordered.size() > perPage)
        secondPageAfter = ordered.at(perPage - 1)->id;
    Response response = Response::json(200, compactJson(items));
    // GitLab's pager sends a next link whenever the page is full (the page after the last
    // full one is then empty, without a link).
    const QString cursorKey = ascending ? QStringLiteral("id_after") : QStringLiteral("id_before");
    QString nextCursor;
    if (items.size() == perPage)
        nextCursor = QString::number(lastId);
    else if (loopPagination && secondPageAfter)
        nextCursor = QString::number(secondPageAfter);
    if (!nextCursor.isEmpty())
        response.headers.append(
            {"Link", "<" + linkTo(request, base, {{cursorKey, nextCursor}}) + ">; rel=\"next\""});
    return response;
}

FakeGitLab::Response FakeGitLab::jobsKeyset(const Request &request, const QUrl &base,
                                            const QJsonArray &all) const
{
    if (query(request, QStringLiteral("order_by")) != QLatin1String("id") ||
        query(request, QStringLiteral("sort")) != QLatin1String("desc"))
        return error(
            405, QStringLiteral("Keyset pagination is not yet available for this type of request"));
    const int perPage = perPageOf(request);
    // The cursor GitLab hands out: base64 of {"id":"<last id>","_kd":"n"}.
    const QString cursor = query(request, QStringLiteral("cursor"));
    qint64 below = std::numeric_limits<qint64>::max();
    if (!cursor.isEmpty()) {
        const QJsonObject decoded =
            QJsonDocument::fromJson(QByteArray::fromBase64(cursor.toLatin1())).object();
        bool ok = false;
        below = decoded.value(QStringLiteral("id")).toString().toLongLong(&ok);
        if (!ok)
            return message(400, QStringLiteral("400 Bad request - cursor is invalid"));
    }
    QJsonArray items;
    bool more = false;
    for (const QJsonValue &v : all) {
        if (v.toObject().value(QStringLiteral("id")).toInteger() >= below)
            continue;
        if (items.size() == perPage) {
            more = true;
            break;
        }
        items.append(v);
    }
    const auto cursorAfter = [](qint64 id) {
        return QString::fromLatin1(
            QJsonDocument(QJsonObject{{QStringLiteral("id"), QString::number(id)},
                                      {QStringLiteral("_kd"), QStringLiteral("n")}})
                .toJson(QJsonDocument::Compact)
                .toBase64());
    };
    Response response = Response::json(200, compactJson(items));
    QString next;
    if (more)
        next = cursorAfter(items.last().toObject().value(QStringLiteral("id")).toInteger());
    else if (loopPagination && all.size() > 2 * perPage)
        next = cursorAfter(all.at(perPage - 1).toObject().value(QStringLiteral("id")).toInteger());
    if (!next.isEmpty())
        response.headers.append(
            {"Link",
             "<" + linkTo(request, base, {{QStringLiteral("cursor"), next}}) + ">; rel=\"next\""});
    return response;
}

QJsonObject FakeGitLab::projectJson(const Project &p, const QUrl &base) const
{
    const QString name = p.path.section(QLatin1Char('/'), -1);
    const QString ns = p.path.section(QLatin1Char('/'), 0, -2);
    int namespaceId = 0;
    for (const Group &g : groups)
        if (g.fullPath == ns)
            namespaceId = g.id;
    const QString web = base.toString() + QLatin1Char('/') + p.path;
    return {{QStringLiteral("id"), p.id},
            {QStringLiteral("description"), QJsonValue()},
            {QStringLiteral("name"), name},
            {QStringLiteral("name_with_namespace"),
             QString(p.path).replace(QLatin1Char('/'), QStringLiteral(" / "))},
            {QStringLiteral("path"), name},
            {QStringLiteral("path_with_namespace"), p.path},
            {QStringLiteral("created_at"), QStringLiteral("2025-03-04T10:00:00.000Z")},
            {QStringLiteral("default_branch"),
             p.emptyRepo ? QJsonValue() : QJsonValue(p.defaultBranch)},
            {QStringLiteral("ssh_url_to_repo"),
             QStringLiteral("git@%1:%2.git").arg(base.host(), p.path)},
            {QStringLiteral("http_url_to_repo"), web + QStringLiteral(".git")},
            {QStringLiteral("web_url"), web},
            {QStringLiteral("visibility"), p.visibility},
            {QStringLiteral("namespace"),
             QJsonObject{{QStringLiteral("id"), namespaceId},
                         {QStringLiteral("name"), ns.section(QLatin1Char('/'), -1)},
                         {QStringLiteral("path"), ns.section(QLatin1Char('/'), -1)},
                         {QStringLiteral("kind"), QStringLiteral("group")},
                         {QStringLiteral("full_path"), ns}}},
            {QStringLiteral("archived"), false},
            {QStringLiteral("empty_repo"), p.emptyRepo},
            {QStringLiteral("repository_access_level"),
             p.repositoryEnabled ? QStringLiteral("enabled") : QStringLiteral("disabled")},
            {QStringLiteral("builds_access_level"),
             p.buildsEnabled ? QStringLiteral("enabled") : QStringLiteral("disabled")},
            {QStringLiteral("last_activity_at"), QStringLiteral("2026-01-14T16:20:00.000Z")}};
}

QJsonObject FakeGitLab::groupJson(const Group &g, const QUrl &base) const
{
    int parentId = 0;
    const QString parent = g.fullPath.section(QLatin1Char('/'), 0, -2);
    for (const Group &other : groups)
        if (!parent.isEmpty() && other.fullPath == parent)
            parentId = other.id;
    return {{QStringLiteral("id"), g.id},
            {QStringLiteral("name"), g.fullPath.section(QLatin1Char('/'), -1)},
            {QStringLiteral("path"), g.fullPath.section(QLatin1Char('/'), -1)},
            {QStringLiteral("full_name"),
             QString(g.fullPath).replace(QLatin1Char('/'), QStringLiteral(" / "))},
            {QStringLiteral("full_path"), g.fullPath},
            {QStringLiteral("visibility"), QStringLiteral("private")},
            {QStringLiteral("web_url"), base.toString() + QStringLiteral("/groups/") + g.fullPath},
            {QStringLiteral("parent_id"), parentId ? QJsonValue(parentId) : QJsonValue()}};
}

QJsonObject FakeGitLab::pipelineJson(const Pipeline &pl, const QUrl &base) const
{
    QString path;
    for (const Project &p : projects)
        if (p.id == pl.projectId)
            path = p.path;
    return {{QStringLiteral("id"), pl.id},
            {QStringLiteral("iid"), pl.iid},
            {QStringLiteral("project_id"), pl.projectId},
            {QStringLiteral("sha"), pl.sha},
            {QStringLiteral("ref"), pl.ref},
            {QStringLiteral("status"), pl.status},
            {QStringLiteral("source"), pl.source},
            {QStringLiteral("created_at"), pl.createdAt},
            {QStringLiteral("updated_at"), pl.updatedAt},
            {QStringLiteral("web_url"),
             QStringLiteral("%1/%2/-/pipelines/%3").arg(base.toString(), path).arg(pl.id)}};
}

QJsonObject FakeGitLab::jobJson(const Job &j, const QUrl &base) const
{
    QString path;
    for (const Project &p : projects)
        if (p.id == j.projectId)
            path = p.path;
    return {{QStringLiteral("id"), j.id},
            {QStringLiteral("status"), j.status},
            {QStringLiteral("stage"), j.stage},
            {QStringLiteral("name"), j.name},
            {QStringLiteral("ref"), j.ref},
            {QStringLiteral("tag"), false},
            {QStringLiteral("allow_failure"), false},
            {QStringLiteral("created_at"), j.createdAt},
            {QStringLiteral("started_at"), j.createdAt},
            {QStringLiteral("finished_at"), j.createdAt},
            {QStringLiteral("pipeline"), QJsonObject{{QStringLiteral("id"), j.pipelineId},
                                                     {QStringLiteral("project_id"), j.projectId},
                                                     {QStringLiteral("ref"), j.ref},
                                                     {QStringLiteral("status"), j.status}}},
            {QStringLiteral("web_url"),
             QStringLiteral("%1/%2/-/jobs/%3").arg(base.toString(), path).arg(j.id)}};
}

QJsonObject FakeGitLab::mergeRequestJson(const MergeRequest &mr, const QUrl &base) const
{
    QString path;
    for (const Project &p : projects)
        if (p.id == mr.projectId)
            path = p.path;
    return {{QStringLiteral("id"), mr.id},
            {QStringLiteral("iid"), mr.iid},
            {QStringLiteral("project_id"), mr.projectId},
            {QStringLiteral("title"), mr.title},
            {QStringLiteral("state"), mr.state},
            {QStringLiteral("source_branch"), mr.sourceBranch},
            {QStringLiteral("target_branch"), mr.targetBranch},
            {QStringLiteral("sha"), mr.sha},
            {QStringLiteral("web_url"),
             QStringLiteral("%1/%2/-/merge_requests/%3").arg(base.toString(), path).arg(mr.iid)}};
}

} // namespace stella::test
