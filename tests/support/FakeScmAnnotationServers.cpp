// SPDX-License-Identifier: Apache-2.0
#include "FakeScmAnnotationServers.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QTimer>
#include <QUrlQuery>

namespace stella::test {

namespace {
QJsonObject bodyOf(const LoopbackHttpServer::Request &r)
{
    return QJsonDocument::fromJson(r.body).object();
}

QRegularExpressionMatch route(const LoopbackHttpServer::Request &r, const char *method,
                              const QString &pattern)
{
    if (r.method != method)
        return {};
    const QRegularExpression re(QLatin1Char('^') + pattern + QLatin1Char('$'));
    return re.match(QUrl::fromPercentEncoding(r.path()));
}

int queryInt(const LoopbackHttpServer::Request &r, const QString &key, int fallback)
{
    const QUrlQuery q(QString::fromLatin1(r.target.mid(r.target.indexOf('?') + 1)));
    bool ok = false;
    const int v = q.queryItemValue(key).toInt(&ok);
    return ok && v > 0 ? v : fallback;
}
} // namespace

FakeScmServer::FakeScmServer(QObject *parent) : QObject(parent) {}

FakeScmServer::~FakeScmServer() = default;

bool FakeScmServer::start()
{
    m_server = std::make_unique<LoopbackHttpServer>(
        [this](const Request &request) { return dispatch(request); });
    return m_server->listen();
}

QUrl FakeScmServer::url() const
{
    return m_server ? m_server->url() : QUrl();
}

int FakeScmServer::countRequests(const QByteArray &method, const QByteArray &pathPart) const
{
    int n = 0;
    for (const Request &r : m_requests)
        if (r.method == method && r.path().contains(pathPart))
            ++n;
    return n;
}

void FakeScmServer::goAway()
{
    if (LoopbackHttpServer *server = m_server.release())
        server->deleteLater(); // closes its port and its connections
}

bool FakeScmServer::comeBack()
{
    m_answersLeft = -1;
    return start();
}

void FakeScmServer::failNext(const QByteArray &method, const QByteArray &pathPart,
                             Response response, int times)
{
    m_overrides.append({method, pathPart, std::move(response), times});
}

FakeScmServer::Response FakeScmServer::json(int status, const QJsonValue &body,
                                            QList<QPair<QByteArray, QByteArray>> headers)
{
    Response r;
    r.status = status;
    r.headers = std::move(headers);
    r.headers.prepend({"Content-Type", "application/json; charset=utf-8"});
    r.body = body.isArray() ? QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact)
                            : QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    return r;
}

FakeScmServer::Response FakeScmServer::dispatch(const Request &request)
{
    m_requests.append(request);
    if (m_answersLeft == 0) {
        QTimer::singleShot(0, this, &FakeScmServer::goAway);
        Response none;
        none.noAnswer = true;
        return none;
    }
    if (m_answersLeft > 0)
        --m_answersLeft;
    for (qsizetype i = 0; i < m_overrides.size(); ++i) {
        Override &o = m_overrides[i];
        if (o.method == request.method && request.path().contains(o.pathPart)) {
            Response r = o.response;
            if (--o.times <= 0)
                m_overrides.removeAt(i);
            return r;
        }
    }
    return handle(request);
}

// ---- GitHub ---------------------------------------------------------------------------------

FakeScmServer::Response FakeGitHubAnnotations::handle(const Request &request)
{
    const QJsonObject notFound{
        {QStringLiteral("message"), QStringLiteral("Not Found")},
        {QStringLiteral("documentation_url"), QStringLiteral("https://docs.github.com/rest")}};
    if (request.header("authorization") != "Bearer " + token)
        return json(401, QJsonObject{{QStringLiteral("message"), QStringLiteral("Bad credentials")},
                                     {QStringLiteral("documentation_url"),
                                      QStringLiteral("https://docs.github.com/rest")}});
    if (request.header("x-github-api-version").isEmpty() || request.header("user-agent").isEmpty())
        return json(400, QJsonObject{{QStringLiteral("message"),
                                      QStringLiteral("Request forbidden by administrative rules. "
                                                     "Please make sure your request has a "
                                                     "User-Agent header")}});
    const QString repo = QStringLiteral("/repos/([^/]+/[^/]+)");
    const QRegularExpressionMatch any = QRegularExpression(QLatin1Char('^') + repo)
                                            .match(QUrl::fromPercentEncoding(request.path()));
    if (!any.hasMatch() || !repositories.contains(any.captured(1)))
        return json(404, notFound);
    const QString base =
        QStringLiteral("http://%1").arg(QString::fromLatin1(request.header("host")));

    if (route(request, "GET", repo).hasMatch())
        return json(200, QJsonObject{{QStringLiteral("id"), 1},
                                     {QStringLiteral("full_name"), any.captured(1)}});
    if (auto m = route(request, "GET", repo + QStringLiteral("/pulls/(\\d+)")); m.hasMatch()) {
        const int n = m.captured(2).toInt();
        if (!pulls.contains(n))
            return json(404, notFound);
        return json(200, QJsonObject{{QStringLiteral("number"), n},
                                     {QStringLiteral("state"), QStringLiteral("open")}});
    }
    if (auto m = route(request, "GET", repo + QStringLiteral("/issues/(\\d+)/comments"));
        m.hasMatch()) {
        const int n = m.captured(2).toInt();
        if (!pulls.contains(n) && !plainIssues.contains(n))
            return json(404, notFound);
        QJsonArray all;
        for (const Comment &c : std::as_const(comments))
            if (c.issue == n)
                all.append(
                    QJsonObject{{QStringLiteral("id"), c.id}, {QStringLiteral("body"), c.body}});
        const int perPage = std::min(100, queryInt(request, QStringLiteral("per_page"), 30));
        const int page = queryInt(request, QStringLiteral("page"), 1);
        QJsonArray slice;
        for (int i = (page - 1) * perPage; i < std::min<int>(int(all.size()), page * perPage); ++i)
            slice.append(all[i]);
        const int last = std::max(1, int((all.size() + perPage - 1) / perPage));
        QList<QPair<QByteArray, QByteArray>> headers;
        if (page < last) {
            const QString self = base + QString::fromLatin1(request.path());
            headers.append({"Link", QStringLiteral("<%1?per_page=%2&page=%3>; rel=\"next\", "
                                                   "<%1?per_page=%2&page=%4>; rel=\"last\"")
                                        .arg(self)
                                        .arg(perPage)
                                        .arg(page + 1)
                                        .arg(last)
                                        .toLatin1()});
        }
        return json(200, slice, headers);
    }
    if (auto m = route(request, "POST", repo + QStringLiteral("/issues/(\\d+)/comments"));
        m.hasMatch()) {
        const int n = m.captured(2).toInt();
        if (!pulls.contains(n) && !plainIssues.contains(n))
            return json(404, notFound);
        const QString body = bodyOf(request).value(QStringLiteral("body")).toString();
        if (body.isEmpty())
            return json(
                422, QJsonObject{{QStringLiteral("message"), QStringLiteral("Validation Failed")},
                                 {QStringLiteral("errors"),
                                  QJsonArray{QJsonObject{
                                      {QStringLiteral("resource"), QStringLiteral("IssueComment")},
                                      {QStringLiteral("code"), QStringLiteral("missing_field")},
                                      {QStringLiteral("field"), QStringLiteral("body")}}}}});
        Comment c{++m_nextId, n, body};
        comments.append(c);
        return json(201,
                    QJsonObject{{QStringLiteral("id"), c.id},
                                {QStringLiteral("body"), c.body},
                                {QStringLiteral("html_url"),
                                 QStringLiteral("https://github.example/%1/pull/%2#issuecomment-%3")
                                     .arg(any.captured(1))
                                     .arg(n)
                                     .arg(c.id)}});
    }
    if (auto m = route(request, "PATCH", repo + QStringLiteral("/issues/comments/(\\d+)"));
        m.hasMatch()) {
        for (Comment &c : comments)
            if (c.id == m.captured(2).toLongLong()) {
                c.body = bodyOf(request).value(QStringLiteral("body")).toString();
                return json(200, QJsonObject{{QStringLiteral("id"), c.id},
                                             {QStringLiteral("body"), c.body}});
            }
        return json(404, notFound);
    }
    if (auto m = route(request, "POST", repo + QStringLiteral("/statuses/([0-9a-f]+)"));
        m.hasMatch()) {
        const QJsonObject body = bodyOf(request);
        static const QSet<QString> states{QStringLiteral("error"), QStringLiteral("failure"),
                                          QStringLiteral("pending"), QStringLiteral("success")};
        if (!states.contains(body.value(QStringLiteral("state")).toString()))
            return json(
                422, QJsonObject{{QStringLiteral("message"), QStringLiteral("Validation Failed")},
                                 {QStringLiteral("errors"),
                                  QJsonArray{QJsonObject{
                                      {QStringLiteral("resource"), QStringLiteral("Status")},
                                      {QStringLiteral("code"), QStringLiteral("custom")},
                                      {QStringLiteral("field"), QStringLiteral("state")},
                                      {QStringLiteral("message"),
                                       QStringLiteral("state is not included in the list")}}}}});
        if (!recordedStatusResponse.isEmpty() &&
            any.captured(1) == QLatin1String("octokit-fixture-org/create-status")) {
            statuses.append(body);
            return {
                201, {{"Content-Type", "application/json; charset=utf-8"}}, recordedStatusResponse};
        }
        if (!commits.contains(m.captured(2)))
            return json(
                422,
                QJsonObject{
                    {QStringLiteral("message"),
                     QStringLiteral("No commit found for SHA: %1").arg(m.captured(2))},
                    {QStringLiteral("documentation_url"),
                     QStringLiteral(
                         "https://docs.github.com/rest/commits/statuses#create-a-commit-status")}});
        statuses.append(body);
        QJsonObject answer = body;
        answer.insert(QStringLiteral("id"), ++m_nextId);
        return json(201, answer);
    }
    if (route(request, "POST", repo + QStringLiteral("/check-runs")).hasMatch()) {
        const QJsonObject body = bodyOf(request);
        const QJsonArray annotations = body.value(QStringLiteral("output"))
                                           .toObject()
                                           .value(QStringLiteral("annotations"))
                                           .toArray();
        if (!commits.contains(body.value(QStringLiteral("head_sha")).toString()))
            return json(
                422,
                QJsonObject{{QStringLiteral("message"), QStringLiteral("Validation Failed")},
                            {QStringLiteral("errors"),
                             QJsonArray{QJsonObject{
                                 {QStringLiteral("resource"), QStringLiteral("CheckRun")},
                                 {QStringLiteral("code"), QStringLiteral("invalid")},
                                 {QStringLiteral("field"), QStringLiteral("head_sha")}}}},
                            {QStringLiteral("documentation_url"),
                             QStringLiteral(
                                 "https://docs.github.com/rest/checks/runs#create-a-check-run")}});
        if (annotations.size() > kMaxAnnotationsPerRequest)
            return json(
                422, QJsonObject{{QStringLiteral("message"),
                                  QStringLiteral("Only 50 annotations are allowed per request")}});
        CheckRun run;
        run.id = ++m_nextId;
        run.name = body.value(QStringLiteral("name")).toString();
        run.headSha = body.value(QStringLiteral("head_sha")).toString();
        run.conclusion = body.value(QStringLiteral("conclusion")).toString();
        run.batches.append(int(annotations.size()));
        for (const QJsonValue &a : annotations)
            run.annotations.append(a);
        checkRuns.insert(run.id, run);
        return json(201, QJsonObject{{QStringLiteral("id"), run.id},
                                     {QStringLiteral("name"), run.name},
                                     {QStringLiteral("head_sha"), run.headSha},
                                     {QStringLiteral("status"), QStringLiteral("completed")},
                                     {QStringLiteral("conclusion"), run.conclusion},
                                     {QStringLiteral("html_url"),
                                      QStringLiteral("https://github.example/%1/runs/%2")
                                          .arg(any.captured(1))
                                          .arg(run.id)}});
    }
    if (auto m = route(request, "PATCH", repo + QStringLiteral("/check-runs/(\\d+)"));
        m.hasMatch()) {
        auto it = checkRuns.find(m.captured(2).toLongLong());
        if (it == checkRuns.end())
            return json(404, notFound);
        const QJsonArray annotations = bodyOf(request)
                                           .value(QStringLiteral("output"))
                                           .toObject()
                                           .value(QStringLiteral("annotations"))
                                           .toArray();
        if (annotations.size() > kMaxAnnotationsPerRequest)
            return json(
                422, QJsonObject{{QStringLiteral("message"),
                                  QStringLiteral("Only 50 annotations are allowed per request")}});
        it->batches.append(int(annotations.size()));
        for (const QJsonValue &a : annotations)
            it->annotations.append(a);
        return json(
            200, QJsonObject{{QStringLiteral("id"), it->id}, {QStringLiteral("name"), it->name}});
    }
    return json(404, notFound);
}

// ---- GitLab ---------------------------------------------------------------------------------

FakeScmServer::Response FakeGitLabAnnotations::handle(const Request &request)
{
    if (request.header("private-token") != token)
        return json(401,
                    QJsonObject{{QStringLiteral("message"), QStringLiteral("401 Unauthorized")}});
    const QString proj = QStringLiteral("/api/v4/projects/([^/]+)");
    // The project id is the URL-encoded path: group%2Fapp arrives as one segment.
    const QRegularExpression projectRe(QStringLiteral("^/api/v4/projects/([^/]+)"));
    const QRegularExpressionMatch pm = projectRe.match(QString::fromLatin1(request.path()));
    if (!pm.hasMatch() || QUrl::fromPercentEncoding(pm.captured(1).toLatin1()) != project)
        return json(
            404, QJsonObject{{QStringLiteral("message"), QStringLiteral("404 Project Not Found")}});
    const QString raw = QString::fromLatin1(request.path());
    const auto match = [&](const char *method, const QString &pattern) {
        if (request.method != method)
            return QRegularExpressionMatch();
        return QRegularExpression(QLatin1Char('^') + pattern + QLatin1Char('$')).match(raw);
    };
    const QJsonObject mrNotFound{{QStringLiteral("message"), QStringLiteral("404 Not found")}};
    const QString base =
        QStringLiteral("http://%1").arg(QString::fromLatin1(request.header("host")));

    if (match("GET", proj).hasMatch())
        return json(200, QJsonObject{{QStringLiteral("id"), 42},
                                     {QStringLiteral("path_with_namespace"), project}});
    if (auto m = match("POST", proj + QStringLiteral("/statuses/([0-9a-f]+)")); m.hasMatch()) {
        const QJsonObject body = bodyOf(request);
        static const QSet<QString> states{QStringLiteral("pending"), QStringLiteral("running"),
                                          QStringLiteral("success"), QStringLiteral("failed"),
                                          QStringLiteral("canceled")};
        if (!states.contains(body.value(QStringLiteral("state")).toString()))
            return json(400, QJsonObject{{QStringLiteral("error"),
                                          QStringLiteral("state does not have a valid value")}});
        if (m.captured(2) != headSha)
            return json(404, QJsonObject{{QStringLiteral("message"),
                                          QStringLiteral("404 Commit Not Found")}});
        statuses.append(body);
        QJsonObject answer = body;
        answer.insert(QStringLiteral("id"), ++m_nextId);
        answer.insert(QStringLiteral("sha"), headSha);
        return json(201, answer);
    }
    const QRegularExpressionMatch mr =
        QRegularExpression(QLatin1Char('^') + proj + QStringLiteral("/merge_requests/(\\d+)"))
            .match(raw);
    if (!mr.hasMatch() || !mergeRequests.contains(mr.captured(2).toInt()))
        return json(404, mrNotFound);
    const int iid = mr.captured(2).toInt();
    const QString mrp = proj + QStringLiteral("/merge_requests/\\d+");
    if (match("GET", mrp).hasMatch())
        return json(200, QJsonObject{{QStringLiteral("iid"), iid},
                                     {QStringLiteral("state"), QStringLiteral("opened")},
                                     {QStringLiteral("sha"), headSha},
                                     {QStringLiteral("diff_refs"),
                                      QJsonObject{{QStringLiteral("base_sha"), baseSha},
                                                  {QStringLiteral("head_sha"), headSha},
                                                  {QStringLiteral("start_sha"), startSha}}}});
    if (match("GET", mrp + QStringLiteral("/notes")).hasMatch()) {
        QJsonArray all;
        for (auto it = notes.begin(); it != notes.end(); ++it)
            all.append(QJsonObject{{QStringLiteral("id"), it.key()},
                                   {QStringLiteral("body"), it.value()}});
        const int perPage = std::min(100, queryInt(request, QStringLiteral("per_page"), 20));
        const int page = queryInt(request, QStringLiteral("page"), 1);
        QJsonArray slice;
        for (int i = (page - 1) * perPage; i < std::min<int>(int(all.size()), page * perPage); ++i)
            slice.append(all[i]);
        const bool more = page * perPage < all.size();
        QList<QPair<QByteArray, QByteArray>> headers{
            {"X-Page", QByteArray::number(page)},
            {"X-Per-Page", QByteArray::number(perPage)},
            {"X-Next-Page", more ? QByteArray::number(page + 1) : QByteArray()},
            {"X-Total", QByteArray::number(all.size())}};
        if (more)
            // Concatenated, not arg(): the path's %2F would be taken for a placeholder.
            headers.append(
                {"Link",
                 (QLatin1Char('<') + base + raw +
                  QStringLiteral("?page=%1&per_page=%2>; rel=\"next\"").arg(page + 1).arg(perPage))
                     .toLatin1()});
        return json(200, slice, headers);
    }
    if (match("POST", mrp + QStringLiteral("/notes")).hasMatch()) {
        const QString body = bodyOf(request).value(QStringLiteral("body")).toString();
        if (body.isEmpty())
            return json(400,
                        QJsonObject{{QStringLiteral("error"), QStringLiteral("body is missing")}});
        const qint64 id = ++m_nextId;
        notes.insert(id, body);
        return json(201, QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("body"), body}});
    }
    if (auto m = match("PUT", mrp + QStringLiteral("/notes/(\\d+)")); m.hasMatch()) {
        const qint64 id = m.captured(2).toLongLong();
        if (!notes.contains(id))
            return json(404,
                        QJsonObject{{QStringLiteral("message"), QStringLiteral("404 Not found")}});
        notes[id] = bodyOf(request).value(QStringLiteral("body")).toString();
        return json(200,
                    QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("body"), notes[id]}});
    }
    if (match("GET", mrp + QStringLiteral("/discussions")).hasMatch()) {
        QJsonArray all;
        for (const Discussion &d : std::as_const(discussions))
            all.append(QJsonObject{{QStringLiteral("id"), d.id},
                                   {QStringLiteral("notes"),
                                    QJsonArray{QJsonObject{{QStringLiteral("id"), 1},
                                                           {QStringLiteral("body"), d.body}}}}});
        return json(200, all, {{"X-Next-Page", QByteArray()}});
    }
    if (match("POST", mrp + QStringLiteral("/discussions")).hasMatch()) {
        const QJsonObject body = bodyOf(request);
        Discussion d;
        d.id = QString::number(++m_nextId);
        d.body = body.value(QStringLiteral("body")).toString();
        d.position = body.value(QStringLiteral("position")).toObject();
        if (!d.position.isEmpty()) {
            for (const char *key : {"base_sha", "start_sha", "head_sha", "position_type"})
                if (d.position.value(QLatin1String(key)).toString().isEmpty())
                    return json(
                        400,
                        QJsonObject{
                            {QStringLiteral("error"),
                             QStringLiteral("position[%1] is missing").arg(QLatin1String(key))}});
            if (d.position.value(QStringLiteral("head_sha")).toString() != headSha ||
                d.position.value(QStringLiteral("base_sha")).toString() != baseSha ||
                d.position.value(QStringLiteral("start_sha")).toString() != startSha)
                return json(
                    400, QJsonObject{
                             {QStringLiteral("message"),
                              QStringLiteral(
                                  "400 Bad request - Note {:line_code=>[\"can't be blank\"]}")}});
            if (!diffPaths.contains(d.position.value(QStringLiteral("new_path")).toString()))
                return json(400, QJsonObject{{QStringLiteral("message"),
                                              QStringLiteral(
                                                  "400 Bad request - Note {:line_code=>[\"can't be "
                                                  "blank\", \"must be a valid line code\"]}")}});
        }
        discussions.append(d);
        return json(201, QJsonObject{{QStringLiteral("id"), d.id},
                                     {QStringLiteral("notes"),
                                      QJsonArray{QJsonObject{{QStringLiteral("body"), d.body}}}}});
    }
    return json(404, QJsonObject{{QStringLiteral("error"), QStringLiteral("404 Not Found")}});
}

// ---- Gitea ----------------------------------------------------------------------------------

FakeScmServer::Response FakeGiteaAnnotations::handle(const Request &request)
{
    const QJsonObject notFound{
        {QStringLiteral("message"), QStringLiteral("The target couldn't be found.")},
        {QStringLiteral("url"), QStringLiteral("https://gitea.example/api/swagger")}};
    if (request.header("authorization") != "token " + token)
        return json(401,
                    QJsonObject{{QStringLiteral("message"), QStringLiteral("token is required")},
                                {QStringLiteral("url"),
                                 QStringLiteral("https://gitea.example/api/swagger")}});
    const QString repo = QStringLiteral("/api/v1/repos/([^/]+/[^/]+)");
    const QRegularExpressionMatch any = QRegularExpression(QLatin1Char('^') + repo)
                                            .match(QUrl::fromPercentEncoding(request.path()));
    if (!any.hasMatch() || !repositories.contains(any.captured(1)))
        return json(404, notFound);
    if (route(request, "GET", repo).hasMatch())
        return json(200, QJsonObject{{QStringLiteral("id"), 1},
                                     {QStringLiteral("full_name"), any.captured(1)}});
    if (auto m = route(request, "GET", repo + QStringLiteral("/pulls/(\\d+)")); m.hasMatch()) {
        if (!pulls.contains(m.captured(2).toInt()))
            return json(404, notFound);
        return json(200, QJsonObject{{QStringLiteral("number"), m.captured(2).toInt()}});
    }
    if (auto m = route(request, "GET", repo + QStringLiteral("/issues/(\\d+)/comments"));
        m.hasMatch()) {
        QJsonArray all;
        if (pulls.contains(m.captured(2).toInt()))
            for (auto it = comments.begin(); it != comments.end(); ++it)
                all.append(QJsonObject{{QStringLiteral("id"), it.key()},
                                       {QStringLiteral("body"), it.value()}});
        return json(200, all);
    }
    if (auto m = route(request, "POST", repo + QStringLiteral("/issues/(\\d+)/comments"));
        m.hasMatch()) {
        if (!pulls.contains(m.captured(2).toInt()))
            return json(404, notFound);
        const qint64 id = ++m_nextId;
        comments.insert(id, bodyOf(request).value(QStringLiteral("body")).toString());
        return json(
            201, QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("body"), comments[id]}});
    }
    if (auto m = route(request, "PATCH", repo + QStringLiteral("/issues/comments/(\\d+)"));
        m.hasMatch()) {
        const qint64 id = m.captured(2).toLongLong();
        if (!comments.contains(id))
            return json(404, notFound);
        comments[id] = bodyOf(request).value(QStringLiteral("body")).toString();
        return json(
            200, QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("body"), comments[id]}});
    }
    if (route(request, "POST", repo + QStringLiteral("/statuses/([0-9a-f]+)")).hasMatch()) {
        const QJsonObject body = bodyOf(request);
        static const QSet<QString> states{QStringLiteral("pending"), QStringLiteral("success"),
                                          QStringLiteral("error"), QStringLiteral("failure"),
                                          QStringLiteral("warning")};
        if (!states.contains(body.value(QStringLiteral("state")).toString()))
            return json(422,
                        QJsonObject{{QStringLiteral("message"), QStringLiteral("[State]: invalid")},
                                    {QStringLiteral("url"),
                                     QStringLiteral("https://gitea.example/api/swagger")}});
        statuses.append(body);
        QJsonObject answer = body;
        answer.insert(QStringLiteral("id"), ++m_nextId);
        return json(201, answer);
    }
    return json(404, notFound);
}

} // namespace stella::test
