// SPDX-License-Identifier: Apache-2.0
#include "FakeGitea.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

namespace stella::test {

namespace {
QByteArray compactJson(const QJsonValue &value)
{
    return value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                           : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
}

QString decoded(const QByteArray &segment)
{
    return QString::fromUtf8(QByteArray::fromPercentEncoding(segment));
}
} // namespace

FakeGitea::FakeGitea() : m_http([this](const Request &r) { return answer(r); }) {}

QList<FakeGitea::Request> FakeGitea::requestsTo(const QByteArray &path) const
{
    QList<Request> out;
    for (const Request &r : m_http.requests())
        if (r.path() == path)
            out.append(r);
    return out;
}

void FakeGitea::setPaging(int maxResponseItems, int defaultPagingNum)
{
    m_maxResponseItems = maxResponseItems;
    m_defaultPagingNum = defaultPagingNum;
}

QString FakeGitea::caller(const Request &request) const
{
    const QByteArray authorization = request.header("Authorization");
    QByteArray token;
    QString basicUser;
    if (authorization.startsWith("token ")) {
        token = authorization.mid(6).trimmed();
    } else if (authorization.startsWith("Basic ")) {
        const QByteArray pair = QByteArray::fromBase64(authorization.mid(6).trimmed());
        basicUser = QString::fromUtf8(pair.left(pair.indexOf(':')));
        token = pair.mid(pair.indexOf(':') + 1);
    }
    if (token.isEmpty())
        return {};
    for (const User &u : m_users)
        if (u.token == token && (basicUser.isEmpty() || basicUser == u.login))
            return u.login;
    return {};
}

qint64 FakeGitea::ownerId(const QString &login) const
{
    QStringList owners;
    for (const User &u : m_users)
        if (!owners.contains(u.login, Qt::CaseInsensitive))
            owners.append(u.login);
    for (const Repository &r : m_repositories)
        if (!owners.contains(r.owner, Qt::CaseInsensitive))
            owners.append(r.owner);
    for (qsizetype i = 0; i < owners.size(); ++i)
        if (owners[i].compare(login, Qt::CaseInsensitive) == 0)
            return i + 1;
    return 0;
}

bool FakeGitea::canRead(const QString &user, const Repository &repository) const
{
    if (!repository.isPrivate)
        return true;
    if (user.isEmpty())
        return false;
    for (const User &u : m_users)
        if (u.login == user && u.isAdmin)
            return true;
    return repository.owner == user || repository.readers.contains(user);
}

QJsonObject FakeGitea::userJson(const QString &login) const
{
    bool admin = false;
    for (const User &u : m_users)
        admin = admin || (u.login == login && u.isAdmin);
    return {{QStringLiteral("id"), ownerId(login)},
            {QStringLiteral("login"), login},
            {QStringLiteral("login_name"), QString()},
            {QStringLiteral("full_name"), login.toUpper()},
            {QStringLiteral("email"), login + QStringLiteral("@noreply.gitea.example")},
            {QStringLiteral("avatar_url"), url().toString() + QStringLiteral("/avatars/") + login},
            {QStringLiteral("is_admin"), admin},
            {QStringLiteral("active"), true},
            {QStringLiteral("visibility"), QStringLiteral("public")},
            {QStringLiteral("created"), QStringLiteral("2026-01-05T10:00:00Z")},
            {QStringLiteral("username"), login}};
}

QJsonObject FakeGitea::repositoryJson(const Repository &repository) const
{
    const QString base = url().toString();
    qint64 id = 0;
    for (qsizetype i = 0; i < m_repositories.size(); ++i)
        if (m_repositories[i].fullName() == repository.fullName())
            id = i + 1;
    return {{QStringLiteral("id"), id},
            {QStringLiteral("owner"), userJson(repository.owner)},
            {QStringLiteral("name"), repository.name},
            {QStringLiteral("full_name"), repository.fullName()},
            {QStringLiteral("description"), QString()},
            {QStringLiteral("empty"), false},
            {QStringLiteral("private"), repository.isPrivate},
            {QStringLiteral("fork"), false},
            {QStringLiteral("template"), false},
            {QStringLiteral("mirror"), false},
            {QStringLiteral("size"), 120},
            {QStringLiteral("html_url"), base + QLatin1Char('/') + repository.fullName()},
            {QStringLiteral("clone_url"),
             base + QLatin1Char('/') + repository.fullName() + QStringLiteral(".git")},
            {QStringLiteral("default_branch"), repository.defaultBranch},
            {QStringLiteral("archived"), false},
            {QStringLiteral("created_at"), QStringLiteral("2026-02-01T09:00:00Z")},
            {QStringLiteral("updated_at"), QStringLiteral("2026-11-20T08:00:00Z")},
            {QStringLiteral("permissions"), QJsonObject{{QStringLiteral("admin"), false},
                                                        {QStringLiteral("push"), false},
                                                        {QStringLiteral("pull"), true}}}};
}

QJsonObject FakeGitea::pullJson(const PullRequest &pull) const
{
    const QString base = url().toString() + QLatin1Char('/') + pull.repository;
    return {{QStringLiteral("id"), pull.number + 1000},
            {QStringLiteral("number"), pull.number},
            {QStringLiteral("title"), pull.title},
            {QStringLiteral("state"), pull.state},
            {QStringLiteral("html_url"), base + QStringLiteral("/pulls/%1").arg(pull.number)},
            {QStringLiteral("head"), QJsonObject{{QStringLiteral("ref"), pull.headBranch},
                                                 {QStringLiteral("sha"), pull.headSha}}},
            {QStringLiteral("base"), QJsonObject{{QStringLiteral("ref"), QStringLiteral("main")}}},
            {QStringLiteral("merged"), false}};
}

FakeGitea::Response FakeGitea::error(int status, const QString &message) const
{
    return Response::json(
        status, compactJson(QJsonObject{
                    {QStringLiteral("message"), message},
                    {QStringLiteral("url"), url().toString() + QStringLiteral("/api/swagger")}}));
}

FakeGitea::Response FakeGitea::notFound(const QString &error) const
{
    QJsonArray errors;
    if (!error.isEmpty())
        errors.append(error);
    return Response::json(
        404, compactJson(QJsonObject{
                 {QStringLiteral("errors"), errors},
                 {QStringLiteral("message"), QStringLiteral("The target couldn't be found.")},
                 {QStringLiteral("url"), url().toString() + QStringLiteral("/api/swagger")}}));
}

std::optional<FakeGitea::Response> FakeGitea::missingScope(const QString &user,
                                                           const QString &scope) const
{
    for (const User &u : m_users)
        if (u.login == user && !u.scopes.contains(scope) &&
            !u.scopes.contains(
                QString(scope).replace(QStringLiteral("read:"), QStringLiteral("write:"))) &&
            !u.scopes.contains(QStringLiteral("all")))
            return error(403, QStringLiteral("token does not have at least one of required "
                                             "scope(s): [%1]")
                                  .arg(scope));
    return std::nullopt;
}

FakeGitea::Response FakeGitea::answer(const Request &request)
{
    if (m_override)
        if (auto replaced = m_override(request))
            return *replaced;
    const QByteArray path = request.path();
    if (path == "/api/healthz") {
        const bool failing = m_health == QLatin1String("fail");
        const QJsonObject check{{QStringLiteral("componentType"), QStringLiteral("datastore")},
                                {QStringLiteral("status"), m_health},
                                {QStringLiteral("time"), QStringLiteral("2026-12-01T12:00:00Z")}};
        const QJsonObject cache{{QStringLiteral("componentType"), QStringLiteral("cache")},
                                {QStringLiteral("status"), QStringLiteral("pass")},
                                {QStringLiteral("time"), QStringLiteral("2026-12-01T12:00:00Z")}};
        Response r = Response::json(
            failing ? 500 : 200,
            compactJson(QJsonObject{
                {QStringLiteral("status"), m_health},
                {QStringLiteral("description"), QStringLiteral("Gitea: Git with a cup of tea")},
                {QStringLiteral("checks"),
                 QJsonObject{{QStringLiteral("cache:ping"), QJsonArray{cache}},
                             {QStringLiteral("database:ping"), QJsonArray{check}}}}}));
        r.headers = {{"Content-Type", "application/health+json"}};
        return r;
    }
    const QString user = caller(request);
    // A credential Gitea does not know fails its API authentication (the token method's
    // ErrUserNotExist) on every /api/v1 route; no credential is anonymous until a route needs
    // one (reqToken: "token is required").
    if (!request.header("Authorization").isEmpty() && user.isEmpty())
        return error(401, QStringLiteral("user does not exist [uid: 0, name: ]"));
    if (m_requireSignIn && user.isEmpty())
        return error(401, QStringLiteral("token is required"));
    if (path == "/api/v1/version")
        return Response::json(200,
                              compactJson(QJsonObject{{QStringLiteral("version"), m_version}}));
    if (path == "/api/v1/user") {
        if (user.isEmpty())
            return error(401, QStringLiteral("token is required"));
        if (auto refused = missingScope(user, QStringLiteral("read:user")))
            return *refused;
        return Response::json(200, compactJson(userJson(user)));
    }
    const QList<QByteArray> parts = path.split('/'); // "", api, v1, ...
    if (parts.size() == 5 && parts[3] == "users") {
        if (auto refused = missingScope(user, QStringLiteral("read:user")))
            return *refused;
        const QString login = decoded(parts[4]);
        if (ownerId(login) == 0)
            return notFound(QStringLiteral("user redirect does not exist [name: %1]").arg(login));
        return Response::json(200, compactJson(userJson(login)));
    }
    if (path == "/api/v1/repos/search") {
        if (auto refused = missingScope(user, QStringLiteral("read:repository")))
            return *refused;
        return search(request, user);
    }
    if (parts.size() >= 6 && parts[3] == "repos") {
        if (auto refused = missingScope(user, QStringLiteral("read:repository")))
            return *refused;
        const QString full = decoded(parts[4]) + QLatin1Char('/') + decoded(parts[5]);
        const Repository *repository = nullptr;
        for (const Repository &r : m_repositories)
            if (r.fullName().compare(full, Qt::CaseInsensitive) == 0 && canRead(user, r))
                repository = &r;
        if (!repository) {
            for (const Route &route : m_routes)
                if (auto answered = route(request, user))
                    return *answered;
            return notFound(QString());
        }
        if (parts.size() == 6 && request.method == "GET")
            return Response::json(200, compactJson(repositoryJson(*repository)));
        if (parts.size() == 8 && parts[6] == "pulls" && request.method == "GET") {
            const int number = parts[7].toInt();
            for (const PullRequest &p : m_pulls)
                if (p.repository.compare(full, Qt::CaseInsensitive) == 0 && p.number == number)
                    return Response::json(200, compactJson(pullJson(p)));
            if (parts[7] != "pinned")
                return notFound(QStringLiteral("pull request does not exist [id: 0, issue_id: 0, "
                                               "head_repo_id: 0, base_repo_id: 0, head_branch: , "
                                               "base_branch: ]"));
        }
        if (parts.size() == 7 && parts[6] == "pulls" && request.method == "GET") {
            QJsonArray pulls;
            for (const PullRequest &p : m_pulls)
                if (p.repository.compare(full, Qt::CaseInsensitive) == 0)
                    pulls.append(pullJson(p));
            return Response::json(200, compactJson(pulls));
        }
    }
    for (const Route &route : m_routes)
        if (auto answered = route(request, user))
            return *answered;
    return notFound(QString());
}

FakeGitea::Response FakeGitea::search(const Request &request, const QString &user)
{
    const QUrlQuery query(QString::fromUtf8(request.target.mid(request.target.indexOf('?') + 1)));
    int limit = query.queryItemValue(QStringLiteral("limit")).toInt();
    if (limit <= 0)
        limit = m_defaultPagingNum;
    limit = std::min(limit, m_maxResponseItems);
    const int page = std::max(query.queryItemValue(QStringLiteral("page")).toInt(), 1);
    const qint64 uid = query.queryItemValue(QStringLiteral("uid")).toLongLong();
    QJsonArray all;
    for (const Repository &r : m_repositories)
        if (canRead(user, r) && (uid == 0 || ownerId(r.owner) == uid))
            all.append(repositoryJson(r));
    QJsonArray data;
    for (qsizetype i = qsizetype(page - 1) * limit; i < all.size() && data.size() < limit; ++i)
        data.append(all.at(i));
    Response response = Response::json(
        200,
        compactJson(QJsonObject{{QStringLiteral("ok"), true}, {QStringLiteral("data"), data}}));
    const int total = int(all.size());
    response.headers.append({"X-Total-Count", QByteArray::number(total)});
    const int pages = (total + limit - 1) / limit;
    // Gitea's genAPILinks: next, last, first, prev, the query re-encoded (keys sorted) on
    // ROOT_URL, joined by "," without a space.
    const auto link = [&](int number, const char *rel) {
        QList<QPair<QString, QString>> items = query.queryItems(QUrl::FullyDecoded);
        items.erase(std::remove_if(items.begin(), items.end(),
                                   [](const auto &i) { return i.first == QLatin1String("page"); }),
                    items.end());
        items.append({QStringLiteral("page"), QString::number(number)});
        std::sort(items.begin(), items.end());
        QStringList encoded;
        for (const auto &[key, value] : items)
            encoded.append(QString::fromLatin1(QUrl::toPercentEncoding(key)) + QLatin1Char('=') +
                           QString::fromLatin1(QUrl::toPercentEncoding(value)));
        return QStringLiteral("<%1%2?%3>; rel=\"%4\"")
            .arg(m_rootUrl.isEmpty() ? url().toString() : m_rootUrl,
                 QString::fromUtf8(request.path()), encoded.join(QLatin1Char('&')),
                 QLatin1String(rel));
    };
    QStringList links;
    if (total > 0) {
        if (page < pages)
            links.append(link(page + 1, "next"));
        else if (m_loops && pages >= 3)
            links.append(link(2, "next"));
        if (page != pages)
            links.append(link(pages, "last"));
        if (page != 1)
            links.append(link(1, "first"));
        if (page > 1)
            links.append(link(page - 1, "prev"));
    }
    if (!links.isEmpty() && !m_dropLinks) {
        response.headers.append({"Link", links.join(QLatin1Char(',')).toUtf8()});
        response.headers.emplaceBack("Access-Control-Expose-Headers", "X-Total-Count, Link");
    }
    return response;
}

} // namespace stella::test
