// SPDX-License-Identifier: Apache-2.0
// Nexus Repository 3 as its REST API is published (help.sonatype.com; /service/rest/swagger.json):
// the Server: Nexus/... header, /service/rest/v1/status and status/writable (empty bodies),
// /service/rest/v1/repositories (every visible repository, not paged), and
// /service/rest/v1/components?repository=X in pages of ten with an opaque continuationToken
// (null on the last page); 401 with WWW-Authenticate: BASIC and an empty body, 403 empty.
#include "ConnectorTestSupport.h"
#include "conformance/ConnectorScenario.h"

#include <QJsonArray>

namespace stella::test::conformance {

namespace {
constexpr int kNexusPage = 10; // fixed by Nexus, not by the client
const QByteArray kServer = "Nexus/3.68.1-02 (OSS)";
const QString kHosted = QStringLiteral("docker-hosted");
const QString kImage = QStringLiteral("library/app");

class NexusScenario final : public HttpScenario
{
public:
    NexusScenario() : HttpScenario("STELLA_CONFORMANCE_NEXUS", "admin:N3xus-conformance") {}

    Integration integration() const override { return integrationFor(QStringLiteral("Nexus"), {}); }

    QStringList expectedNames(const QString &resourceType) const override
    {
        if (resourceType != QLatin1String("tags"))
            return {kHosted, QStringLiteral("docker-proxy")};
        return imageTags({kImage}, m_versions);
    }

protected:
    bool isListing(const Request &request) const override
    {
        return request.path() == "/service/rest/v1/repositories";
    }

    Response refusal(int status) const override
    {
        Response r{status, {{"Server", kServer}}, {}};
        if (status == 401)
            r.headers.append({QByteArray("WWW-Authenticate"),
                              QByteArray("BASIC realm=\"Sonatype Nexus Repository Manager\"")});
        return r;
    }

    Response answer(const Request &request) override
    {
        Response r = nexusAnswer(request);
        r.headers.append({"Server", kServer});
        return r;
    }

private:
    Response nexusAnswer(const Request &request) const
    {
        const QByteArray path = request.path();
        if (path == "/service/rest/v1/status" || path == "/service/rest/v1/status/writable")
            return Response{200, {}, {}};
        if (request.header("Authorization") != basicAuthorization(secret()))
            return refusal(401);
        if (path == "/service/rest/v1/repositories") {
            const auto repository = [this](const char *name, const char *format, const char *type) {
                return QJsonObject{
                    {QStringLiteral("name"), QLatin1String(name)},
                    {QStringLiteral("format"), QLatin1String(format)},
                    {QStringLiteral("type"), QLatin1String(type)},
                    {QStringLiteral("url"),
                     url().toString() + QStringLiteral("/repository/") + QLatin1String(name)},
                    {QStringLiteral("attributes"), QJsonObject{}}};
            };
            return Response::json(
                200, compact(QJsonArray{repository("docker-hosted", "docker", "hosted"),
                                        repository("maven-releases", "maven2", "hosted"),
                                        repository("docker-proxy", "docker", "proxy")}));
        }
        if (path == "/service/rest/v1/components") {
            const QString repository = queryValue(request, QStringLiteral("repository"));
            return components(request, repository == kHosted ? m_versions : QStringList());
        }
        return Response{404, {}, {}};
    }

    // Pages of ten; the token is opaque to clients (here the next offset in hex). A looping
    // server hands out the second page's token again on its last page.
    Response components(const Request &request, const QStringList &versions) const
    {
        const QString token = queryValue(request, QStringLiteral("continuationToken"));
        bool ok = true;
        const int offset = token.isEmpty() ? 0 : token.toInt(&ok, 16);
        if (!ok)
            return Response{400, {{"Content-Type", "text/plain"}}, "Invalid continuation token"};
        QJsonArray items;
        for (const QString &version : versions.mid(offset, kNexusPage))
            items.append(QJsonObject{
                {QStringLiteral("id"), QString::fromLatin1((kImage + version).toUtf8().toBase64())},
                {QStringLiteral("repository"), kHosted},
                {QStringLiteral("format"), QStringLiteral("docker")},
                {QStringLiteral("group"), QJsonValue()},
                {QStringLiteral("name"), kImage},
                {QStringLiteral("version"), version},
                {QStringLiteral("assets"), QJsonArray{}}});
        const int count = pageCount(versions.size(), kNexusPage);
        const int next = nextPageIndex(offset / kNexusPage, count, paginationLoops());
        return Response::json(
            200, compact(QJsonObject{{QStringLiteral("items"), items},
                                     {QStringLiteral("continuationToken"),
                                      next > 0 ? QJsonValue(QString::number(next * kNexusPage, 16))
                                               : QJsonValue()}}));
    }

    const QStringList m_versions = numbered(QStringLiteral("2.%1"), 25);
};
} // namespace

std::unique_ptr<ConnectorScenario> nexusScenario()
{
    return std::make_unique<NexusScenario>();
}

} // namespace stella::test::conformance
