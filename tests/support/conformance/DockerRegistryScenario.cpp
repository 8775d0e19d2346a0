// SPDX-License-Identifier: Apache-2.0
// An OCI distribution registry as the distribution spec describes it: /v2/ (the
// Docker-Distribution-Api-Version header), Basic auth with a WWW-Authenticate challenge,
// _catalog and tags/list paged by n and last with a Link rel="next" (the spec's example),
// and the spec's error body {"errors":[{code, message}]}.
#include "ConnectorTestSupport.h"
#include "conformance/ConnectorScenario.h"

#include <QJsonArray>

namespace stella::test::conformance {

namespace {
const QByteArray kApiVersion = "registry/2.0";
constexpr int kPageSize = 3;

class DockerRegistryScenario final : public HttpScenario
{
public:
    DockerRegistryScenario()
        : HttpScenario("STELLA_CONFORMANCE_DOCKER", "stella:d0cker-conformance-pw")
    {}

    Integration integration() const override
    {
        return integrationFor(QStringLiteral("DockerRegistry"),
                              {{QStringLiteral("pageSize"), kPageSize}});
    }

    QStringList expectedNames(const QString &resourceType) const override
    {
        return resourceType == QLatin1String("tags") ? imageTags(m_repositories, m_tags)
                                                     : m_repositories;
    }

protected:
    bool isListing(const Request &request) const override
    {
        return request.path() == "/v2/_catalog";
    }

    Response refusal(int status) const override
    {
        if (status == 401)
            return challenge();
        return registryError(403, "DENIED", "requested access to the resource is denied");
    }

    Response answer(const Request &request) override
    {
        if (request.header("Authorization") != basicAuthorization(secret()))
            return challenge();
        const QByteArray path = request.path();
        if (path == "/v2/")
            return withApiVersion(Response::json(200, "{}"));
        if (path == "/v2/_catalog")
            return page(request, m_repositories, "repositories", {});
        if (path.startsWith("/v2/") && path.endsWith("/tags/list")) {
            const QString name = QString::fromUtf8(path.mid(4, path.size() - 4 - 10));
            if (!m_repositories.contains(name))
                return registryError(404, "NAME_UNKNOWN", "repository name not known to registry");
            return page(request, m_tags, "tags", name);
        }
        return registryError(404, "NOT_FOUND", "not found");
    }

private:
    static Response withApiVersion(Response response)
    {
        response.headers.append({"Docker-Distribution-Api-Version", kApiVersion});
        return response;
    }

    static Response registryError(int status, const char *code, const char *message)
    {
        return withApiVersion(Response::json(
            status, compact(QJsonObject{
                        {QStringLiteral("errors"),
                         QJsonArray{QJsonObject{{QStringLiteral("code"), QLatin1String(code)},
                                                {QStringLiteral("message"), QLatin1String(message)},
                                                {QStringLiteral("detail"), QJsonValue()}}}}})));
    }

    static Response challenge()
    {
        Response r = registryError(401, "UNAUTHORIZED", "authentication required");
        r.headers.append(
            {QByteArray("WWW-Authenticate"), QByteArray("Basic realm=\"Registry Realm\"")});
        return r;
    }

    // The spec's paging: up to n entries after `last`, and a Link to the next page whose last
    // is this page's final entry.
    Response page(const Request &request, const QStringList &all, const char *key,
                  const QString &name) const
    {
        const int n = std::max(1, queryValue(request, QStringLiteral("n")).toInt());
        const QString last = queryValue(request, QStringLiteral("last"));
        const int start = last.isEmpty() ? 0 : int(all.indexOf(last)) + 1;
        QJsonObject body{{QLatin1String(key), QJsonArray::fromStringList(all.mid(start, n))}};
        if (!name.isEmpty())
            body.insert(QStringLiteral("name"), name);
        Response response = withApiVersion(Response::json(200, compact(body)));
        const int count = pageCount(all.size(), n);
        const int next = nextPageIndex(start / n, count, paginationLoops());
        if (next > 0)
            response.headers.append(
                {"Link", "<" + request.path() + "?last=" + all.at(next * n - 1).toUtf8() +
                             "&n=" + QByteArray::number(n) + ">; rel=\"next\""});
        return response;
    }

    const QStringList m_repositories = numbered(QStringLiteral("team/app-%1"), 7);
    const QStringList m_tags = releaseTags();
};
} // namespace

std::unique_ptr<ConnectorScenario> dockerRegistryScenario()
{
    return std::make_unique<DockerRegistryScenario>();
}

} // namespace stella::test::conformance
