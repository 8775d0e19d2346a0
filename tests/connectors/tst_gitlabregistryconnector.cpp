// SPDX-License-Identifier: Apache-2.0
// The GitLabContainerRegistry connector against a loopback server that follows GitLab's REST
// API v4 as documented (docs.gitlab.com/api/container_registry, /api/rest pagination):
// PRIVATE-TOKEN, /version (401 to anonymous callers), :id as a URL-encoded path
// (group%2Fproject), projects/:id/registry/repositories and groups/:id/registry/repositories,
// .../repositories/:repository_id/tags, page/per_page with X-Page, X-Per-Page, X-Next-Page,
// X-Prev-Page, X-Total, X-Total-Pages and an absolute Link header, and bodies
// {"message":"401 Unauthorized"}, {"message":"403 Forbidden"}, {"message":"404 Project Not Found"}.
#include "ConnectorTestSupport.h"
#include "connectors/registry/gitlabcontainerregistry/GitLabRegistryConnector.h"
#include "core/connectors/StepIds.h"
#include "core/model/ResourceTypes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace stella;
using Server = test::LoopbackHttpServer;
using Request = Server::Request;
using Response = Server::Response;

namespace {
constexpr int kImages = 255;
constexpr int kTags = 120;

Response gitLabMessage(int status, const QString &message)
{
    return Response::json(status, QJsonDocument(QJsonObject{{QStringLiteral("message"), message}})
                                      .toJson(QJsonDocument::Compact));
}

struct Repository
{
    int id;
    int projectId;
    QString path;
};

// Group "platform" with projects "platform/images" (id 9, 255 images) and "platform/tools"
// (id 10, one image with 120 tags). Token "glpat-maintainer" is a member of both; token
// "glpat-guest" is a Guest, which may not read a private project's registry (403).
class FakeGitLab
{
public:
    QList<Repository> repositories;
    QStringList tags;
    std::optional<test::BadServer> bad;
    bool linkHeader = true; // GitLab sends Link and X-Next-Page; a proxy may drop Link

    FakeGitLab()
    {
        for (int n = 0; n < kImages; ++n)
            repositories.append(
                {100 + n, 9,
                 QStringLiteral("platform/images/app-%1").arg(n, 3, 10, QLatin1Char('0'))});
        repositories.append({500, 10, QStringLiteral("platform/tools")});
        for (int t = 0; t < kTags; ++t)
            tags.append(QStringLiteral("v%1").arg(t, 3, 10, QLatin1Char('0')));
    }

    Response handle(const Request &r, const QUrl &base)
    {
        const QByteArray token = r.header("PRIVATE-TOKEN");
        const bool member = token == "glpat-maintainer" || token == "glpat-guest";
        if (!member)
            return gitLabMessage(401, QStringLiteral("401 Unauthorized"));
        const QList<QByteArray> parts = r.path().split('/'); // "", api, v4, ...
        if (r.path() == "/api/v4/version")
            return Response::json(
                200,
                R"({"version":"17.5.1-ee","revision":"a3f2c1b9e4d","kas":{"enabled":true,"externalUrl":null,"version":null},"enterprise":true})");
        if (parts.size() < 7 || parts[5] != "registry" || parts[6] != "repositories")
            return gitLabMessage(404, QStringLiteral("404 Not Found"));
        const QString id = QString::fromUtf8(QByteArray::fromPercentEncoding(parts[4]));
        if (token == "glpat-guest")
            return gitLabMessage(403, QStringLiteral("403 Forbidden"));
        QList<Repository> scope;
        if (parts[3] == "projects") {
            const int project =
                id == QLatin1String("platform/images") || id == QLatin1String("9")   ? 9
                : id == QLatin1String("platform/tools") || id == QLatin1String("10") ? 10
                                                                                     : 0;
            if (project == 0)
                return gitLabMessage(404, QStringLiteral("404 Project Not Found"));
            for (const Repository &repo : std::as_const(repositories))
                if (repo.projectId == project)
                    scope.append(repo);
            if (parts.size() == 9 && parts[8] == "tags")
                return page(r, base, tags, [](const QString &tag) {
                    return QJsonObject{
                        {QStringLiteral("name"), tag},
                        {QStringLiteral("path"), QStringLiteral("platform/tools:") + tag},
                        {QStringLiteral("location"),
                         QStringLiteral("registry.example.com/platform/tools:") + tag}};
                });
        } else if (parts[3] == "groups" && id == QLatin1String("platform")) {
            scope = repositories;
        } else {
            return gitLabMessage(404, QStringLiteral("404 Group Not Found"));
        }
        QStringList keys;
        QHash<QString, Repository> byPath;
        for (const Repository &repo : std::as_const(scope)) {
            keys.append(repo.path);
            byPath.insert(repo.path, repo);
        }
        return page(r, base, keys, [&](const QString &path) {
            const Repository repo = byPath.value(path);
            return QJsonObject{
                {QStringLiteral("id"), repo.id},
                {QStringLiteral("name"), path.section(QLatin1Char('/'), 2)},
                {QStringLiteral("path"), path},
                {QStringLiteral("project_id"), repo.projectId},
                {QStringLiteral("location"), QStringLiteral("registry.example.com/") + path},
                {QStringLiteral("created_at"), QStringLiteral("2025-11-20T13:38:57.391Z")},
                {QStringLiteral("cleanup_policy_started_at"), QJsonValue()}};
        });
    }

private:
    // Offset pagination as GitLab documents it: page (from 1), per_page (default 20, at most
    // 100), the X-* headers (X-Next-Page empty on the last page) and an absolute Link header.
    Response page(const Request &r, const QUrl &base, const QStringList &all,
                  const std::function<QJsonObject(const QString &)> &toJson) const
    {
        const int number = std::max(test::queryValue(r, QStringLiteral("page")).toInt(), 1);
        int perPage = test::queryValue(r, QStringLiteral("per_page")).toInt();
        perPage = perPage <= 0 ? 20 : std::min(perPage, 100);
        QJsonArray items;
        for (const QString &item : test::pageSlice(all, number, perPage))
            items.append(toJson(item));
        const QByteArray body = QJsonDocument(items).toJson(QJsonDocument::Compact);
        if (bad)
            return test::badResponse(*bad, body, r.target);
        const int pages = std::max(1, int((all.size() + perPage - 1) / perPage));
        const bool more = number < pages;
        Response response = Response::json(200, body);
        response.headers +=
            {{"X-Page", QByteArray::number(number)},
             {"X-Per-Page", QByteArray::number(perPage)},
             {"X-Next-Page", more ? QByteArray::number(number + 1) : QByteArray()},
             {"X-Prev-Page", number > 1 ? QByteArray::number(number - 1) : QByteArray()},
             {"X-Total", QByteArray::number(all.size())},
             {"X-Total-Pages", QByteArray::number(pages)}};
        const auto link = [&](int n, const char *rel) {
            return "<" + base.toEncoded() + r.path() + "?id=x&page=" + QByteArray::number(n) +
                   "&per_page=" + QByteArray::number(perPage) + ">; rel=\"" + rel + "\"";
        };
        QList<QByteArray> links;
        if (number > 1)
            links.append(link(number - 1, "prev"));
        if (more)
            links.append(link(number + 1, "next"));
        links.append(link(1, "first"));
        links.append(link(pages, "last"));
        if (linkHeader)
            response.headers.append({"Link", links.join(", ")});
        return response;
    }
};
} // namespace

class TestGitLabRegistryConnector : public QObject
{
    Q_OBJECT

    test::ConnectorHarness m_harness;
    FakeGitLab m_gitlab;
    Server m_server{[this](const Request &r) { return m_gitlab.handle(r, m_server.url()); }};

    std::unique_ptr<GitLabRegistryConnector>
    connector(const QString &envVar, const QString &projectPath, const QString &endpoint = {})
    {
        QJsonObject config;
        if (!projectPath.isEmpty())
            config.insert(QStringLiteral("projectPath"), projectPath);
        return m_harness.make<GitLabRegistryConnector>(test::integrationFor(
            QStringLiteral("GitLabContainerRegistry"),
            endpoint.isEmpty() ? m_server.url().toString() : endpoint, envVar, config));
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<QList<DiscoveredResource>>();
        qputenv("STELLA_TEST_GITLAB_TOKEN", "glpat-maintainer");
        qputenv("STELLA_TEST_GITLAB_GUEST", "glpat-guest");
        qputenv("STELLA_TEST_GITLAB_REVOKED", "glpat-revoked-xyz");
        QVERIFY(m_server.listen());
    }

    void init()
    {
        m_gitlab.bad.reset();
        m_gitlab.linkHeader = true;
    }

    void testConnectionPassesEveryStep_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("project") << QStringLiteral("platform/images");
        QTest::newRow("group") << QStringLiteral("platform");
    }

    void testConnectionPassesEveryStep()
    {
        QFETCH(QString, path);
        auto c = connector(QStringLiteral("STELLA_TEST_GITLAB_TOKEN"), path);
        auto op = test::runToEnd(c->testConnection(nullptr));
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        QCOMPARE(test::stepIds(*op),
                 (QStringList{StepId::Credential, StepId::Reach, StepId::Identify,
                              StepId::Authenticate, StepId::Permission}));
        QCOMPARE(test::stepStates(*op), QStringList(5, QStringLiteral("passed")));
        QCOMPARE(op->server().product, QStringLiteral("GitLab"));
        QCOMPARE(op->server().version, QStringLiteral("17.5.1-ee (revision a3f2c1b9e4d)"));
        // The anonymous reach went out without the token; the authenticated call with it.
        const auto requests = m_server.requests();
        QVERIFY(requests.at(requests.size() - (path.contains(QLatin1Char('/')) ? 3 : 4))
                    .header("PRIVATE-TOKEN")
                    .isEmpty());
        QVERIFY(requests.last().target.contains(
            path.contains(QLatin1Char('/')) ? "/projects/platform%2Fimages/registry/repositories"
                                            : "/groups/platform/registry/repositories"));
    }

    void noProjectPathIsAWarningForTestAndAnErrorForDiscovery()
    {
        auto c = connector(QStringLiteral("STELLA_TEST_GITLAB_TOKEN"), {});
        auto op = test::runToEnd(c->testConnection(nullptr));
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Succeeded);
        STELLA_COMPARE_ENUM(op->steps().last().state, ConnectorStep::State::Warning);
        auto found = test::runToEnd(c->discover(ResourceType::Repositories, {}, nullptr));
        QCOMPARE(found->error().kind, ErrorKind::InvalidInput);
        QVERIFY(found->error().hint.contains(QLatin1String("projectPath")));
    }

    void wrongCredentials_data()
    {
        QTest::addColumn<QString>("env");
        QTest::addColumn<QString>("step");
        QTest::addColumn<QString>("says");
        QTest::newRow("revoked token: 401")
            << QStringLiteral("STELLA_TEST_GITLAB_REVOKED") << StepId::Authenticate
            << QStringLiteral("401 Unauthorized");
        QTest::newRow("guest: 403") << QStringLiteral("STELLA_TEST_GITLAB_GUEST")
                                    << StepId::Permission << QStringLiteral("403 Forbidden");
    }

    void wrongCredentials()
    {
        QFETCH(QString, env);
        QFETCH(QString, step);
        QFETCH(QString, says);
        auto c = connector(env, QStringLiteral("platform/images"));
        auto op = test::runToEnd(c->testConnection(nullptr));
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->steps().last().id, step);
        QVERIFY2(op->error().message.contains(says), qPrintable(op->error().toText()));
        QVERIFY(op->error().hint.contains(QLatin1String("authref://env/") + env));
        QVERIFY(!test::stepsText(*op).contains(QLatin1String("glpat-")));

        std::unique_ptr<ConnectorOperation> health(c->checkHealth(nullptr));
        QVERIFY(test::waitFinished(health.get()));
        if (step == StepId::Authenticate)
            STELLA_COMPARE_ENUM(health->healthStatus(), HealthStatus::Degraded);
    }

    void missingPathIsNamed()
    {
        auto c =
            connector(QStringLiteral("STELLA_TEST_GITLAB_TOKEN"), QStringLiteral("nobody/nothing"));
        auto op = test::runToEnd(c->testConnection(nullptr));
        QCOMPARE(op->error().kind, ErrorKind::NotFound);
        QVERIFY(
            op->error().message.contains(QLatin1String("no project or group 'nobody/nothing'")));
    }

    void discoversEveryRepositoryAcrossPages_data()
    {
        QTest::addColumn<bool>("linkHeader");
        QTest::newRow("Link rel=next") << true;
        QTest::newRow("X-Next-Page only") << false;
    }

    void discoversEveryRepositoryAcrossPages()
    {
        QFETCH(bool, linkHeader);
        m_gitlab.linkHeader = linkHeader;
        auto c = connector(QStringLiteral("STELLA_TEST_GITLAB_TOKEN"), QStringLiteral("platform"));
        const qsizetype before = m_server.requests().size();
        const QStringList found = test::discoverNames(*c, ResourceType::Repositories, {});
        QCOMPARE(found.size(), kImages + 1);
        QCOMPARE(QSet<QString>(found.begin(), found.end()).size(), found.size());
        // /projects/platform → 404, then the group's three pages of 100.
        QCOMPARE(m_server.requests().size() - before, 1 + 3);
        QCOMPARE(test::discoverNames(*c, ResourceType::Repositories,
                                     QStringLiteral("platform/images/app-2*"))
                     .size(),
                 55);
    }

    void tagsAcrossPages()
    {
        auto c =
            connector(QStringLiteral("STELLA_TEST_GITLAB_TOKEN"), QStringLiteral("platform/tools"));
        const QStringList tags = test::discoverNames(*c, ResourceType::Tags, {});
        QCOMPARE(tags.size(), kTags);
        QVERIFY(tags.contains(QStringLiteral("platform/tools:v119")));
        QVERIFY(m_server.requests().last().target.startsWith(
            "/api/v4/projects/10/registry/repositories/500/tags?"));
        QCOMPARE(test::discoverNames(*c, ResourceType::Tags, QStringLiteral("platform/tools:v01?"))
                     .size(),
                 10);
    }

    void badServers_data() { test::addBadServerRows(); }

    void badServers()
    {
        QFETCH(test::BadServer, bad);
        QFETCH(QString, says);
        m_gitlab.bad = bad;
        auto c = connector(QStringLiteral("STELLA_TEST_GITLAB_TOKEN"),
                           QStringLiteral("platform/images"));
        auto op = test::runToEnd(c->discover(ResourceType::Repositories, {}, nullptr));
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QVERIFY2(op->error().message.contains(says), qPrintable(op->error().toText()));
        STELLA_COMPARE_ENUM(op->steps().last().state, ConnectorStep::State::Failed);
    }

    void notGitLab()
    {
        Server other([](const Request &) {
            return Response{
                200, {{"Content-Type", "text/html"}}, "<html><body>Sign in</body></html>"};
        });
        QVERIFY(other.listen());
        auto c = connector(QStringLiteral("STELLA_TEST_GITLAB_TOKEN"), {}, other.url().toString());
        auto op = test::runToEnd(c->testConnection(nullptr));
        QCOMPARE(op->steps().last().id, StepId::Identify);
        QVERIFY2(op->error().message.contains(QLatin1String("HTML page")),
                 qPrintable(op->error().toText()));
    }

    void badEndpoints_data()
    {
        QTest::addColumn<QString>("endpoint");
        QTest::addColumn<QString>("says");
        QTest::newRow("no scheme")
            << QStringLiteral("gitlab.example.com") << QStringLiteral("not usable");
        QTest::newRow("unreachable")
            << QStringLiteral("http://127.0.0.1:1") << QStringLiteral("connection refused");
    }

    void badEndpoints()
    {
        QFETCH(QString, endpoint);
        QFETCH(QString, says);
        auto c = connector(QStringLiteral("STELLA_TEST_GITLAB_TOKEN"), {}, endpoint);
        auto op = test::runToEnd(c->testConnection(nullptr));
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QVERIFY2(op->error().message.contains(says), qPrintable(op->error().toText()));
    }
};

QTEST_GUILESS_MAIN(TestGitLabRegistryConnector)
#include "tst_gitlabregistryconnector.moc"
