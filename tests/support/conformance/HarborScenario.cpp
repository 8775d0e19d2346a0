// SPDX-License-Identifier: Apache-2.0
// Harbor as its API v2.0 is published (goharbor/harbor swagger): /health with components,
// /systeminfo (harbor_version for signed-in callers), /users/current, /repositories and
// /projects/{project_name}/repositories/{repository_name}/artifacts paged by page/page_size
// with X-Total-Count and a Link header whose links are joined by " , ", and error bodies
// {"errors":[{"code","message"}]}, as Harbor publishes them.
#include "ConnectorTestSupport.h"
#include "conformance/ConnectorScenario.h"

#include <QJsonArray>

namespace stella::test::conformance {

namespace {
constexpr int kPageSize = 3;
const QByteArray kApi = "/api/v2.0";

class HarborScenario final : public HttpScenario
{
public:
    HarborScenario() : HttpScenario("STELLA_CONFORMANCE_HARBOR", "stella:H4rbor-conformance") {}

    Integration integration() const override
    {
        return integrationFor(QStringLiteral("Harbor"), {{QStringLiteral("pageSize"), kPageSize}});
    }

    QStringList expectedNames(const QString &resourceType) const override
    {
        return resourceType == QLatin1String("tags") ? imageTags(m_repositories, m_tags)
                                                     : m_repositories;
    }

protected:
    bool isListing(const Request &request) const override
    {
        return request.path() == kApi + "/repositories";
    }

    Response refusal(int status) const override
    {
        return status == 401 ? harborError(401, "UNAUTHORIZED", "unauthorized")
                             : harborError(403, "FORBIDDEN", "forbidden");
    }

    Response answer(const Request &request) override
    {
        const QByteArray path = request.path();
        const bool signedIn = request.header("Authorization") == basicAuthorization(secret());
        if (path == kApi + "/health")
            return Response::json(200, compact(health()));
        if (path == kApi + "/systeminfo") {
            QJsonObject info{{QStringLiteral("auth_mode"), QStringLiteral("db_auth")},
                             {QStringLiteral("self_registration"), false}};
            if (signedIn)
                info.insert(QStringLiteral("harbor_version"), QStringLiteral("v2.11.1-6b7ecba1"));
            return Response::json(200, compact(info));
        }
        if (!signedIn)
            return refusal(401);
        if (path == kApi + "/users/current")
            return Response::json(
                200, compact(QJsonObject{{QStringLiteral("user_id"), 3},
                                         {QStringLiteral("username"), QStringLiteral("stella")},
                                         {QStringLiteral("sysadmin_flag"), false}}));
        if (path == kApi + "/repositories")
            return page(request, m_repositories, [](const QString &name) {
                return QJsonObject{
                    {QStringLiteral("name"), name},
                    {QStringLiteral("artifact_count"), 4},
                    {QStringLiteral("pull_count"), 12},
                    {QStringLiteral("update_time"), QStringLiteral("2026-11-20T08:00:00.000Z")}};
            });
        // /api/v2.0/projects/library/repositories/{name, '/' encoded twice}/artifacts
        const QList<QByteArray> parts = path.split('/');
        if (parts.size() == 8 && parts[3] == "projects" && parts[5] == "repositories" &&
            parts[7] == "artifacts") {
            const QString name = QString::fromUtf8(
                parts[4] + '/' +
                QByteArray::fromPercentEncoding(QByteArray::fromPercentEncoding(parts[6])));
            if (!m_repositories.contains(name))
                return harborError(404, "NOT_FOUND", "repository not found");
            return page(request, m_tags, [](const QString &tag) { return artifact(tag); });
        }
        return harborError(404, "NOT_FOUND", "not found");
    }

private:
    static Response harborError(int status, const char *code, const char *message)
    {
        return Response::json(
            status,
            compact(QJsonObject{
                {QStringLiteral("errors"),
                 QJsonArray{QJsonObject{{QStringLiteral("code"), QLatin1String(code)},
                                        {QStringLiteral("message"), QLatin1String(message)}}}}}));
    }

    // One image artifact carrying one tag, with the fields the connector reads and a few more
    // Harbor always sends.
    static QJsonObject artifact(const QString &tag)
    {
        const QJsonObject tagItem{
            {QStringLiteral("name"), tag},
            {QStringLiteral("immutable"), false},
            {QStringLiteral("push_time"), QStringLiteral("2026-11-20T08:00:00.000Z")}};
        return {{QStringLiteral("media_type"),
                 QStringLiteral("application/vnd.oci.image.manifest.v1+json")},
                {QStringLiteral("size"), 2048},
                {QStringLiteral("digest"),
                 QStringLiteral("sha256:") +
                     QString::fromLatin1(tag.toUtf8().toHex().leftJustified(64, '0'))},
                {QStringLiteral("type"), QStringLiteral("IMAGE")},
                {QStringLiteral("tags"), QJsonArray{tagItem}}};
    }

    static QJsonObject health()
    {
        QJsonArray components;
        for (const char *name : {"core", "database", "jobservice", "portal", "registry"})
            components.append(QJsonObject{{QStringLiteral("name"), QLatin1String(name)},
                                          {QStringLiteral("status"), QStringLiteral("healthy")}});
        return {{QStringLiteral("status"), QStringLiteral("healthy")},
                {QStringLiteral("components"), components}};
    }

    // page (from 1) and page_size, X-Total-Count, and Link with prev and next joined by " , ".
    Response page(const Request &request, const QStringList &all,
                  const std::function<QJsonObject(const QString &)> &toJson) const
    {
        const int number = std::max(queryValue(request, QStringLiteral("page")).toInt(), 1);
        const int size =
            std::clamp(queryValue(request, QStringLiteral("page_size")).toInt(), 1, 100);
        QJsonArray items;
        for (const QString &item : pageSlice(all, number, size))
            items.append(toJson(item));
        Response response = Response::json(200, compact(items));
        response.headers.append({"X-Total-Count", QByteArray::number(all.size())});
        const auto link = [&](int n, const char *rel) {
            QByteArray target = request.path() + "?page=" + QByteArray::number(n) +
                                "&page_size=" + QByteArray::number(size);
            if (request.target.contains("with_tag=true"))
                target += "&with_tag=true";
            return "<" + target + ">; rel=\"" + rel + "\"";
        };
        QList<QByteArray> links;
        if (number > 1)
            links.append(link(number - 1, "prev"));
        const int count = pageCount(all.size(), size);
        if (const int next = nextPageIndex(number - 1, count, paginationLoops()); next > 0)
            links.append(link(next + 1, "next"));
        if (!links.isEmpty())
            response.headers.append({"Link", links.join(" , ")});
        return response;
    }

    const QStringList m_repositories = numbered(QStringLiteral("library/app-%1"), 7);
    const QStringList m_tags = releaseTags();
};
} // namespace

std::unique_ptr<ConnectorScenario> harborScenario()
{
    return std::make_unique<HarborScenario>();
}

} // namespace stella::test::conformance
