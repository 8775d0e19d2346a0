// SPDX-License-Identifier: Apache-2.0
// GitLab's container registry API as documented (docs.gitlab.com/api/container_registry, REST
// pagination): PRIVATE-TOKEN, /api/v4/version (401 to anonymous callers), a project's :id as
// its URL-encoded path, projects/:id/registry/repositories and
// .../repositories/:repository_id/tags paged by page/per_page with the X-Page, X-Per-Page,
// X-Next-Page, X-Total headers and an absolute Link header, and bodies {"message": "..."}.
#include "ConnectorTestSupport.h"
#include "conformance/ConnectorScenario.h"

#include <QJsonArray>

namespace stella::test::conformance {

namespace {
constexpr int kPageSize = 3;
constexpr int kProjectId = 9;
constexpr int kFirstRepositoryId = 101;
const QString kProjectPath = QStringLiteral("platform/images");

class GitLabContainerRegistryScenario final : public HttpScenario
{
public:
    GitLabContainerRegistryScenario()
        : HttpScenario("STELLA_CONFORMANCE_GITLAB", "glpat-C0nformanceT0ken")
    {}

    Integration integration() const override
    {
        return integrationFor(QStringLiteral("GitLabContainerRegistry"),
                              {{QStringLiteral("projectPath"), kProjectPath},
                               {QStringLiteral("pageSize"), kPageSize}});
    }

    QStringList expectedNames(const QString &resourceType) const override
    {
        return resourceType == QLatin1String("tags") ? imageTags(m_repositories, m_tags)
                                                     : m_repositories;
    }

protected:
    bool isListing(const Request &request) const override
    {
        return request.path().startsWith("/api/v4/projects/") &&
               request.path().endsWith("/registry/repositories");
    }

    Response refusal(int status) const override
    {
        return message(status, status == 401 ? "401 Unauthorized" : "403 Forbidden");
    }

    Response answer(const Request &request) override
    {
        if (request.header("PRIVATE-TOKEN") != secret())
            return refusal(401);
        const QByteArray path = request.path();
        if (path == "/api/v4/version")
            return Response::json(200, R"({"version":"17.5.1-ee","revision":"a3f2c1b9e4d",)"
                                       R"("kas":{"enabled":true,"externalUrl":null,)"
                                       R"("version":null},"enterprise":true})");
        const QList<QByteArray> parts = path.split('/'); // "", api, v4, projects, :id, ...
        const QString id = QString::fromUtf8(QByteArray::fromPercentEncoding(parts.value(4)));
        if (parts.size() < 7 || parts[3] != "projects" || parts[5] != "registry" ||
            parts[6] != "repositories")
            return message(404, "404 Not Found");
        if (id != kProjectPath && id != QString::number(kProjectId))
            return message(404, "404 Project Not Found");
        if (parts.size() == 7)
            return page(request, m_repositories, [](const QString &repositoryPath, int index) {
                return QJsonObject{
                    {QStringLiteral("id"), kFirstRepositoryId + index},
                    {QStringLiteral("name"), repositoryPath.section(QLatin1Char('/'), 2)},
                    {QStringLiteral("path"), repositoryPath},
                    {QStringLiteral("project_id"), kProjectId},
                    {QStringLiteral("location"),
                     QStringLiteral("registry.gitlab.example.com/") + repositoryPath},
                    {QStringLiteral("created_at"), QStringLiteral("2026-10-02T13:38:57.391Z")},
                    {QStringLiteral("cleanup_policy_started_at"), QJsonValue()}};
            });
        const int index = parts.value(7).toInt() - kFirstRepositoryId;
        if (parts.size() != 9 || parts[8] != "tags" || index < 0 || index >= m_repositories.size())
            return message(404, "404 Repository Not Found");
        const QString repositoryPath = m_repositories.at(index);
        return page(request, m_tags, [repositoryPath](const QString &tag, int) {
            return QJsonObject{
                {QStringLiteral("name"), tag},
                {QStringLiteral("path"), repositoryPath + QLatin1Char(':') + tag},
                {QStringLiteral("location"), QStringLiteral("registry.gitlab.example.com/") +
                                                 repositoryPath + QLatin1Char(':') + tag}};
        });
    }

private:
    static Response message(int status, const char *text)
    {
        return Response::json(
            status, compact(QJsonObject{{QStringLiteral("message"), QLatin1String(text)}}));
    }

    // Offset pagination: page (from 1), per_page, the X-* headers (X-Next-Page empty on the
    // last page) and an absolute Link header with next, first and last.
    Response page(const Request &request, const QStringList &all,
                  const std::function<QJsonObject(const QString &, int)> &toJson) const
    {
        const int number = std::max(queryValue(request, QStringLiteral("page")).toInt(), 1);
        const int perPage =
            std::clamp(queryValue(request, QStringLiteral("per_page")).toInt(), 1, 100);
        QJsonArray items;
        const int offset = (number - 1) * perPage;
        for (int i = offset; i < std::min<int>(offset + perPage, int(all.size())); ++i)
            items.append(toJson(all.at(i), i));
        const int count = std::max(1, pageCount(all.size(), perPage));
        const int next = nextPageIndex(number - 1, count, paginationLoops());
        Response response = Response::json(200, compact(items));
        response.headers +=
            {{"X-Page", QByteArray::number(number)},
             {"X-Per-Page", QByteArray::number(perPage)},
             {"X-Next-Page", next > 0 ? QByteArray::number(next + 1) : QByteArray()},
             {"X-Total", QByteArray::number(all.size())},
             {"X-Total-Pages", QByteArray::number(count)}};
        const auto link = [&](int n, const char *rel) {
            return "<" + url().toEncoded() + request.path() + "?page=" + QByteArray::number(n) +
                   "&per_page=" + QByteArray::number(perPage) + ">; rel=\"" + rel + "\"";
        };
        QList<QByteArray> links;
        if (next > 0)
            links.append(link(next + 1, "next"));
        links.append(link(1, "first"));
        links.append(link(count, "last"));
        response.headers.append({"Link", links.join(", ")});
        return response;
    }

    const QStringList m_repositories = numbered(kProjectPath + QStringLiteral("/app-%1"), 7);
    const QStringList m_tags = releaseTags();
};
} // namespace

std::unique_ptr<ConnectorScenario> gitLabContainerRegistryScenario()
{
    return std::make_unique<GitLabContainerRegistryScenario>();
}

} // namespace stella::test::conformance
