// SPDX-License-Identifier: Apache-2.0
#include "FeedFakes.h"

#include "core/common/Clock.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

namespace stella::test::feeds {

namespace {
QByteArray compactJson(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray readFixture(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read fixture %s", qPrintable(path));
    return f.readAll();
}

QString query(const Request &request, const QString &key)
{
    const qsizetype q = request.target.indexOf('?');
    if (q < 0)
        return {};
    return QUrlQuery(QString::fromUtf8(request.target.mid(q + 1)))
        .queryItemValue(key, QUrl::FullyDecoded);
}

// NVD's own time format: extended ISO 8601 without a zone (UTC), milliseconds.
QString nvdTime(const QDateTime &t)
{
    return t.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz"));
}

Response nvdRefusal(const QByteArray &message)
{
    // NVD answers a bad request with 404 and its reason in a "message" header, no body.
    Response r{404, {{"message", message}}, {}};
    return r;
}
} // namespace

Response htmlPage(int status)
{
    return {
        status,
        {{"Content-Type", "text/html; charset=utf-8"}},
        "<!DOCTYPE html><html><head><title>Stella SSO</title></head><body><form action=\"/login\">"
        "Please sign in</form></body></html>"};
}

void FakeNvd::fill(int count, const QDateTime &newest, int spacingHours)
{
    for (int i = 0; i < count; ++i)
        records.append({QStringLiteral("CVE-2026-%1").arg(1000 + i), newest.addDays(-400 + i),
                        newest.addSecs(-qint64(i) * spacingHours * 3600)});
}

QJsonObject FakeNvd::cveJson(const Record &r)
{
    return {{QStringLiteral("cve"),
             QJsonObject{{QStringLiteral("id"), r.id},
                         {QStringLiteral("sourceIdentifier"), QStringLiteral("cve@mitre.org")},
                         {QStringLiteral("published"), nvdTime(r.published)},
                         {QStringLiteral("lastModified"), nvdTime(r.lastModified)},
                         {QStringLiteral("vulnStatus"), QStringLiteral("Analyzed")}}}};
}

Response FakeNvd::handle(const Request &request)
{
    const int index = requests++;
    if (html)
        return htmlPage();
    if (throttleFrom >= 0 && index >= throttleFrom)
        return {403, {{"Content-Type", "text/plain"}}, "Forbidden"};
    if (request.path() != "/rest/json/cves/2.0")
        return {404, {}, {}};
    const QByteArray key = request.header("apiKey");
    if (!key.isEmpty() && !validKey.isEmpty() && key != validKey)
        return nvdRefusal("Invalid apiKey");
    if (key.isEmpty() && requireKey)
        return Response::json(401, R"({"message":"apiKey required"})");
    const int perPage = query(request, QStringLiteral("resultsPerPage")).isEmpty()
                            ? 2000
                            : query(request, QStringLiteral("resultsPerPage")).toInt();
    const int start = query(request, QStringLiteral("startIndex")).toInt();
    if (perPage < 1 || perPage > 2000)
        return nvdRefusal("Invalid resultsPerPage parameter");
    const QString from = query(request, QStringLiteral("lastModStartDate"));
    const QString to = query(request, QStringLiteral("lastModEndDate"));
    if (from.isEmpty() != to.isEmpty())
        return nvdRefusal("Both lastModStartDate and lastModEndDate are required when either is "
                          "present");
    QDateTime since, until;
    if (!from.isEmpty()) {
        since = QDateTime::fromString(from, Qt::ISODateWithMs);
        until = QDateTime::fromString(to, Qt::ISODateWithMs);
        if (!since.isValid() || !until.isValid() || !from.endsWith(QLatin1String("+00:00")))
            return nvdRefusal("Invalid lastModStartDate or lastModEndDate");
        if (since.daysTo(until) > 120 || since > until)
            return nvdRefusal("The lastMod date range must not exceed 120 days");
    }
    QList<Record> selected;
    for (const Record &r : std::as_const(records))
        if (since.isNull() || (r.lastModified >= since && r.lastModified <= until))
            selected.append(r);
    std::sort(selected.begin(), selected.end(),
              [](const Record &a, const Record &b) { return a.published < b.published; });
    QJsonArray page;
    for (qsizetype i = start; i < selected.size() && page.size() < perPage; ++i)
        page.append(cveJson(selected.at(i)));
    return Response::json(
        200, compactJson({{QStringLiteral("resultsPerPage"), page.size()},
                          {QStringLiteral("startIndex"), start},
                          {QStringLiteral("totalResults"), selected.size()},
                          {QStringLiteral("format"), QStringLiteral("NVD_CVE")},
                          {QStringLiteral("version"), QStringLiteral("2.0")},
                          {QStringLiteral("timestamp"), QStringLiteral("2026-01-15T09:59:58.123")},
                          {QStringLiteral("vulnerabilities"), page}}));
}

FakeOsv::FakeOsv(const QString &fixtureDir)
    : m_query(readFixture(fixtureDir + QStringLiteral("/query_200.json"))),
      m_batch(readFixture(fixtureDir + QStringLiteral("/querybatch_200.json"))),
      m_record(readFixture(fixtureDir + QStringLiteral("/vulns_OSV-2020-111_200.json")))
{}

Response FakeOsv::handle(const Request &request)
{
    if (html)
        return htmlPage();
    if (!token.isEmpty() && request.header("Authorization") != "Bearer " + token)
        return {
            401, {{"WWW-Authenticate", "Bearer"}, {"Content-Type", "text/plain"}}, "Unauthorized"};
    const QByteArray path = request.path();
    if (request.method == "GET" && path == "/v1/vulns/OSV-2020-111")
        return Response::json(200, m_record);
    if (request.method == "GET" && path.startsWith("/v1/vulns/"))
        return Response::json(404, R"({"code":5,"message":"Bug not found."})");
    const QJsonDocument body = QJsonDocument::fromJson(request.body);
    const auto isKnown = [this](const QJsonObject &q) {
        const QJsonObject p = q.value(QStringLiteral("package")).toObject();
        return p.value(QStringLiteral("ecosystem")).toString() == ecosystem &&
               p.value(QStringLiteral("name")).toString() == package;
    };
    if (request.method == "POST" && path == "/v1/query") {
        if (!body.isObject() || !body.object().value(QStringLiteral("package")).isObject())
            return Response::json(400, R"({"code":3,"message":"Invalid query."})");
        if (queryBody)
            return Response::json(200, *queryBody);
        return Response::json(200, isKnown(body.object()) ? m_query : QByteArray("{}"));
    }
    if (request.method == "POST" && path == "/v1/querybatch") {
        const QJsonArray queries = body.object().value(QStringLiteral("queries")).toArray();
        if (queries.isEmpty())
            return Response::json(400, R"({"code":3,"message":"Invalid query."})");
        // The recorded batch answer's results, one per query, for the known package; {} for
        // others, as OSV answers a package it knows nothing of.
        const QJsonArray recorded =
            QJsonDocument::fromJson(m_batch).object().value(QStringLiteral("results")).toArray();
        QJsonArray results;
        for (int i = 0; i < queries.size(); ++i)
            results.append(isKnown(queries.at(i).toObject()) ? recorded.at(i % recorded.size())
                                                             : QJsonObject{});
        return Response::json(200, compactJson({{QStringLiteral("results"), results}}));
    }
    return Response::json(404, R"({"code":5,"message":"Not Found"})");
}

Response FakeStellaOpsMirror::handle(const Request &request)
{
    if (html)
        return htmlPage();
    const bool signedIn = !token.isEmpty() && request.header("Authorization") == "Bearer " + token;
    const QByteArray path = request.path();
    if (path == "/concelier/exports/index.json") {
        QJsonArray list;
        for (const Domain &d : std::as_const(domains))
            list.append(QJsonObject{{QStringLiteral("id"), d.id},
                                    {QStringLiteral("displayName"), d.displayName}});
        return Response::json(200, compactJson({{QStringLiteral("schemaVersion"), 1},
                                                {QStringLiteral("domains"), list}}));
    }
    const QList<QByteArray> parts = path.split('/'); // "", concelier, exports, mirror, id, file
    if (parts.size() == 6 && parts[1] == "concelier" && parts[2] == "exports" &&
        parts[3] == "mirror") {
        const QString id = QString::fromUtf8(QByteArray::fromPercentEncoding(parts[4]));
        for (const Domain &d : std::as_const(domains)) {
            if (d.id != id)
                continue;
            if (d.requireAuthentication && !signedIn)
                return {401, {{"WWW-Authenticate", "Bearer"}}, {}};
            if (parts[5] == "manifest.json")
                return Response::json(
                    200, compactJson({{QStringLiteral("domainId"), d.id},
                                      {QStringLiteral("created"), formatUtc(d.created)},
                                      {QStringLiteral("schemaVersion"), 1},
                                      {QStringLiteral("advisories"), d.advisories}}));
            if (parts[5] == "bundle.json")
                return Response::json(200, R"({"advisories":[]})");
        }
    }
    return {
        404,
        {{"Content-Type", "application/problem+json"}},
        R"({"type":"https://tools.ietf.org/html/rfc9110#section-15.5.5","title":"Not Found","status":404})"};
}

} // namespace stella::test::feeds
