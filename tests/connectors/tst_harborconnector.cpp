// SPDX-License-Identifier: Apache-2.0
// The Harbor connector against a loopback server that follows Harbor's API v2.0 as published
// (swagger of goharbor/harbor): /health, /systeminfo, /users/current, /repositories,
// /projects/{project_name}/repositories and .../{repository_name}/artifacts with '/' in a
// repository name encoded twice, page/page_size with X-Total-Count and a Link header whose
// links are separated by " , ", error bodies {"errors":[{"code","message"}]}, and wrong Basic
// credentials treated as anonymous (401 where anonymous callers are refused).
#include "ConnectorTestSupport.h"
#include "connectors/registry/harbor/HarborConnector.h"
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
constexpr int kPublicRepositories = 260;
constexpr int kTags = 130;

Response harborError(int status, const QByteArray &code, const QString &message)
{
    return Response::json(
        status,
        QJsonDocument(
            QJsonObject{{QStringLiteral("errors"),
                         QJsonArray{QJsonObject{{QStringLiteral("code"), QString::fromLatin1(code)},
                                                {QStringLiteral("message"), message}}}}})
            .toJson(QJsonDocument::Compact));
}

// Harbor as its API describes it: project "library" is public, project "private" is not;
// user "stella" and robot "robot$private+ci" are members of "private", user "outsider" is not.
class FakeHarbor
{
public:
    QHash<QString, QStringList> repositories; // project -> "project/name"
    QHash<QString, QStringList> tags;         // "project/name" -> tags
    QHash<QString, QString> components{{QStringLiteral("core"), QStringLiteral("healthy")},
                                       {QStringLiteral("jobservice"), QStringLiteral("healthy")},
                                       {QStringLiteral("registry"), QStringLiteral("healthy")}};
    std::optional<test::BadServer> bad;

    FakeHarbor()
    {
        for (int n = 0; n < kPublicRepositories; ++n)
            repositories[QStringLiteral("library")].append(
                QStringLiteral("library/app-%1").arg(n, 3, 10, QLatin1Char('0')));
        repositories[QStringLiteral("private")] = {QStringLiteral("private/team/app"),
                                                   QStringLiteral("private/tools")};
        for (int t = 0; t < kTags; ++t)
            tags[QStringLiteral("private/team/app")].append(QStringLiteral("1.%1").arg(t));
        tags[QStringLiteral("private/tools")] = {QStringLiteral("latest")};
    }

    Response handle(const Request &r)
    {
        const QString user = authenticatedUser(r);
        const QList<QByteArray> parts = r.path().split('/'); // "", api, v2.0, ...
        if (r.path() == "/api/v2.0/health")
            return health();
        if (r.path() == "/api/v2.0/systeminfo") {
            QJsonObject info{{QStringLiteral("auth_mode"), QStringLiteral("db_auth")},
                             {QStringLiteral("self_registration"), false}};
            if (!user.isEmpty()) // shown to signed-in callers only
                info.insert(QStringLiteral("harbor_version"), QStringLiteral("v2.10.2-1a741cb7"));
            return Response::json(200, QJsonDocument(info).toJson(QJsonDocument::Compact));
        }
        if (r.path() == "/api/v2.0/users/current") {
            if (user.isEmpty() || user.startsWith(QLatin1String("robot$")))
                return harborError(401, "UNAUTHORIZED", QStringLiteral("unauthorized"));
            return Response::json(
                200, QJsonDocument(QJsonObject{{QStringLiteral("user_id"), 3},
                                               {QStringLiteral("username"), user},
                                               {QStringLiteral("sysadmin_flag"), false}})
                         .toJson(QJsonDocument::Compact));
        }
        if (r.path() == "/api/v2.0/repositories") {
            QStringList visible;
            for (const QString &project : {QStringLiteral("library"), QStringLiteral("private")})
                if (canRead(user, project))
                    visible += repositories.value(project);
            return page(r, visible, [](const QString &name) { return repositoryJson(name); });
        }
        if (parts.size() >= 6 && parts[3] == "projects" && parts[5] == "repositories") {
            const QString project = QString::fromUtf8(QByteArray::fromPercentEncoding(parts[4]));
            if (!repositories.contains(project))
                return harborError(404, "NOT_FOUND",
                                   QStringLiteral("project %1 not found").arg(project));
            if (!canRead(user, project))
                return user.isEmpty()
                           ? harborError(401, "UNAUTHORIZED", QStringLiteral("unauthorized"))
                           : harborError(403, "FORBIDDEN", QStringLiteral("forbidden"));
            if (parts.size() == 6)
                return page(r, repositories.value(project),
                            [](const QString &name) { return repositoryJson(name); });
            // {repository_name} arrives encoded twice: decode it twice.
            const QString name = QString::fromUtf8(
                QByteArray::fromPercentEncoding(QByteArray::fromPercentEncoding(parts[6])));
            const QString full = project + QLatin1Char('/') + name;
            if (parts.size() == 8 && parts[7] == "artifacts" && tags.contains(full))
                return page(r, tags.value(full), [](const QString &tag) {
                    return QJsonObject{
                        {QStringLiteral("digest"),
                         QStringLiteral("sha256:%1").arg(qHash(tag), 64, 16, QLatin1Char('0'))},
                        {QStringLiteral("type"), QStringLiteral("IMAGE")},
                        {QStringLiteral("tags"),
                         QJsonArray{QJsonObject{{QStringLiteral("name"), tag},
                                                {QStringLiteral("push_time"),
                                                 QStringLiteral("2026-01-10T08:00:00.000Z")}}}}};
                });
            return harborError(404, "NOT_FOUND",
                               QStringLiteral("repository %1 not found").arg(full));
        }
        return harborError(404, "NOT_FOUND", QStringLiteral("not found"));
    }

private:
    static QJsonObject repositoryJson(const QString &name)
    {
        return {{QStringLiteral("name"), name},
                {QStringLiteral("artifact_count"), 1},
                {QStringLiteral("pull_count"), 0},
                {QStringLiteral("update_time"), QStringLiteral("2026-01-10T08:00:00.000Z")}};
    }

    // Wrong credentials make the caller anonymous, as Harbor's security middleware does.
    static QString authenticatedUser(const Request &r)
    {
        const QByteArray header = r.header("Authorization");
        if (!header.startsWith("Basic "))
            return {};
        const QByteArray pair = QByteArray::fromBase64(header.mid(6));
        static const QHash<QByteArray, QByteArray> accounts{{"stella", "Harbor12345"},
                                                            {"robot$private+ci", "r0bot-secret"},
                                                            {"outsider", "0utsider-pw"}};
        const qsizetype colon = pair.indexOf(':');
        if (colon < 0 || accounts.value(pair.left(colon)) != pair.mid(colon + 1))
            return {};
        return QString::fromUtf8(pair.left(colon));
    }

    static bool canRead(const QString &user, const QString &project)
    {
        return project == QLatin1String("library") || user == QLatin1String("stella") ||
               user == QLatin1String("robot$private+ci");
    }

    Response health() const
    {
        QJsonArray list;
        bool all = true;
        for (auto it = components.begin(); it != components.end(); ++it) {
            QJsonObject c{{QStringLiteral("name"), it.key()},
                          {QStringLiteral("status"), it.value()}};
            if (it.value() != QLatin1String("healthy")) {
                c.insert(QStringLiteral("error"), QStringLiteral("dial tcp: connection refused"));
                all = false;
            }
            list.append(c);
        }
        return Response::json(200, QJsonDocument(QJsonObject{{QStringLiteral("status"),
                                                              all ? QStringLiteral("healthy")
                                                                  : QStringLiteral("unhealthy")},
                                                             {QStringLiteral("components"), list}})
                                       .toJson(QJsonDocument::Compact));
    }

    // page (from 1) and page_size (default 10, at most 100), X-Total-Count, and Harbor's Link
    // header: prev and next, separated by " , ".
    Response page(const Request &r, const QStringList &all,
                  const std::function<QJsonObject(const QString &)> &toJson) const
    {
        const int number = std::max(test::queryValue(r, QStringLiteral("page")).toInt(), 1);
        int size = test::queryValue(r, QStringLiteral("page_size")).toInt();
        size = size <= 0 ? 10 : std::min(size, 100);
        QJsonArray items;
        for (const QString &item : test::pageSlice(all, number, size))
            items.append(toJson(item));
        const QByteArray body = QJsonDocument(items).toJson(QJsonDocument::Compact);
        if (bad)
            return test::badResponse(*bad, body, r.target);
        Response response = Response::json(200, body);
        response.headers.append({"X-Total-Count", QByteArray::number(all.size())});
        const auto link = [&](int n, const char *rel) {
            return "<" + r.path() + "?page=" + QByteArray::number(n) +
                   "&page_size=" + QByteArray::number(size) + ">; rel=\"" + rel + "\"";
        };
        QList<QByteArray> links;
        if (number > 1)
            links.append(link(number - 1, "prev"));
        if (qsizetype(number) * size < all.size())
            links.append(link(number + 1, "next"));
        if (!links.isEmpty())
            response.headers.append({"Link", links.join(" , ")});
        return response;
    }
};
} // namespace

class TestHarborConnector : public QObject
{
    Q_OBJECT

    test::ConnectorHarness m_harness;
    FakeHarbor m_harbor;
    Server m_server{[this](const Request &r) { return m_harbor.handle(r); }};

    std::unique_ptr<HarborConnector> connector(const QString &envVar, QJsonObject config = {},
                                               const QString &endpoint = {})
    {
        return m_harness.make<HarborConnector>(test::integrationFor(
            QStringLiteral("Harbor"), endpoint.isEmpty() ? m_server.url().toString() : endpoint,
            envVar, config));
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<QList<DiscoveredResource>>();
        qputenv("STELLA_TEST_HARBOR_USER", "stella:Harbor12345");
        qputenv("STELLA_TEST_HARBOR_ROBOT", "robot$private+ci:r0bot-secret");
        qputenv("STELLA_TEST_HARBOR_WRONG", "stella:wrong-pw");
        qputenv("STELLA_TEST_HARBOR_ROBOT_WRONG", "robot$private+ci:wrong-secret");
        qputenv("STELLA_TEST_HARBOR_OUTSIDER", "outsider:0utsider-pw");
        qputenv("STELLA_TEST_HARBOR_TOKEN", "just-a-token");
        QVERIFY(m_server.listen());
    }

    void init() { m_harbor.bad.reset(); }

    void testConnectionPassesEveryStep_data()
    {
        QTest::addColumn<QString>("env");
        QTest::addColumn<QString>("project");
        QTest::newRow("user, all projects")
            << QStringLiteral("STELLA_TEST_HARBOR_USER") << QString();
        QTest::newRow("robot, its project")
            << QStringLiteral("STELLA_TEST_HARBOR_ROBOT") << QStringLiteral("private");
    }

    void testConnectionPassesEveryStep()
    {
        QFETCH(QString, env);
        QFETCH(QString, project);
        QJsonObject config;
        if (!project.isEmpty())
            config.insert(QStringLiteral("project"), project);
        auto c = connector(env, config);
        std::unique_ptr<ConnectorOperation> op(c->testConnection(nullptr));
        QVERIFY(test::waitFinished(op.get()));
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        QCOMPARE(test::stepIds(*op),
                 (QStringList{StepId::Credential, StepId::Reach, StepId::Identify,
                              StepId::Authenticate, StepId::Permission}));
        QCOMPARE(test::stepStates(*op), QStringList(5, QStringLiteral("passed")));
        QCOMPARE(op->server().product, QStringLiteral("Harbor"));
        QCOMPARE(op->server().version, QStringLiteral("v2.10.2-1a741cb7"));
        QVERIFY2(op->steps().at(1).message.startsWith(QStringLiteral("GET /api/v2.0/health → 200")),
                 qPrintable(op->steps().at(1).message));
        STELLA_COMPARE_ENUM(op->healthStatus(), HealthStatus::Healthy);
    }

    void wrongCredentials_data()
    {
        QTest::addColumn<QString>("env");
        QTest::addColumn<QString>("step");
        QTest::addColumn<QString>("says");
        QTest::newRow("wrong password: 401")
            << QStringLiteral("STELLA_TEST_HARBOR_WRONG") << StepId::Authenticate
            << QStringLiteral("401 Unauthorized");
        QTest::newRow("wrong robot secret: 401")
            << QStringLiteral("STELLA_TEST_HARBOR_ROBOT_WRONG") << StepId::Permission
            << QStringLiteral("401 Unauthorized");
        QTest::newRow("not a member: 403") << QStringLiteral("STELLA_TEST_HARBOR_OUTSIDER")
                                           << StepId::Permission << QStringLiteral("403 Forbidden");
        QTest::newRow("a token, not name:secret")
            << QStringLiteral("STELLA_TEST_HARBOR_TOKEN") << StepId::Identify
            << QStringLiteral("needs username:password");
    }

    void wrongCredentials()
    {
        QFETCH(QString, env);
        QFETCH(QString, step);
        QFETCH(QString, says);
        auto c = connector(env, {{QStringLiteral("project"), QStringLiteral("private")}});
        std::unique_ptr<ConnectorOperation> op(c->testConnection(nullptr));
        QVERIFY(test::waitFinished(op.get()));
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->steps().last().id, step);
        const QString text = op->error().toText();
        QVERIFY2(op->error().message.contains(says), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("authref://env/") + env), qPrintable(text));
        for (const char *secret : {"wrong-pw", "wrong-secret", "0utsider-pw", "just-a-token"})
            QVERIFY(!test::stepsText(*op).contains(QLatin1String(secret)));
        if (says.contains(QLatin1String("403")))
            QVERIFY(op->error().message.contains(QLatin1String("FORBIDDEN: forbidden")));
    }

    void discoversEveryRepositoryAcrossPages()
    {
        auto c = connector(QStringLiteral("STELLA_TEST_HARBOR_USER"),
                           {{QStringLiteral("pageSize"), 50}});
        const QStringList found = test::discoverNames(*c, ResourceType::Repositories, {});
        QCOMPARE(found.size(), kPublicRepositories + 2);
        QCOMPARE(QSet<QString>(found.begin(), found.end()).size(), found.size());
        QVERIFY(found.contains(QStringLiteral("private/team/app")));
        QCOMPARE(
            test::discoverNames(*c, ResourceType::Repositories, QStringLiteral("LIBRARY/app-1*"))
                .size(),
            100);

        // Anonymous: the public project only.
        auto anonymous = connector({}, {{QStringLiteral("pageSize"), 100}});
        QCOMPARE(test::discoverNames(*anonymous, ResourceType::Repositories, {}).size(),
                 kPublicRepositories);
    }

    void projectRestrictsDiscovery()
    {
        auto c = connector(QStringLiteral("STELLA_TEST_HARBOR_ROBOT"),
                           {{QStringLiteral("project"), QStringLiteral("private")}});
        QCOMPARE(
            test::discoverNames(*c, ResourceType::Repositories, {}),
            (QStringList{QStringLiteral("private/team/app"), QStringLiteral("private/tools")}));
        const auto requests = m_server.requests();
        QVERIFY(
            requests.last().target.startsWith("/api/v2.0/projects/private/repositories?page=1"));
    }

    void tagsOfANestedRepositoryAcrossPages()
    {
        auto c = connector(QStringLiteral("STELLA_TEST_HARBOR_USER"),
                           {{QStringLiteral("project"), QStringLiteral("private")},
                            {QStringLiteral("pageSize"), 40}});
        const qsizetype before = m_server.requests().size();
        const QStringList tags =
            test::discoverNames(*c, ResourceType::Tags, QStringLiteral("private/team/*"));
        QCOMPARE(tags.size(), kTags);
        QVERIFY(tags.contains(QStringLiteral("private/team/app:1.129")));
        // The '/' inside "team/app" went out encoded twice, as Harbor requires.
        bool twice = false;
        for (const auto &r : m_server.requests().mid(before))
            twice = twice || r.target.startsWith(
                                 "/api/v2.0/projects/private/repositories/team%252Fapp/artifacts?");
        QVERIFY(twice);
        QCOMPARE(
            test::discoverNames(*c, ResourceType::Tags, QStringLiteral("private/*:1.1?")).size(),
            10);
        QCOMPARE(HarborConnector::encodeRepositoryName(QStringLiteral("a/b")),
                 QStringLiteral("a%252Fb"));
    }

    void missingProjectIsNamed()
    {
        auto c = connector(QStringLiteral("STELLA_TEST_HARBOR_USER"),
                           {{QStringLiteral("project"), QStringLiteral("nope")}});
        std::unique_ptr<ConnectorOperation> op(c->testConnection(nullptr));
        QVERIFY(test::waitFinished(op.get()));
        QCOMPARE(op->error().kind, ErrorKind::NotFound);
        QVERIFY2(op->error().message.contains(QLatin1String("no project 'nope'")),
                 qPrintable(op->error().toText()));
    }

    void healthFollowsComponents_data()
    {
        QTest::addColumn<QString>("component");
        QTest::addColumn<QString>("health");
        QTest::newRow("all healthy") << QString() << QStringLiteral("Healthy");
        QTest::newRow("jobservice down")
            << QStringLiteral("jobservice") << QStringLiteral("Degraded");
        QTest::newRow("core down") << QStringLiteral("core") << QStringLiteral("Unhealthy");
    }

    void healthFollowsComponents()
    {
        QFETCH(QString, component);
        QFETCH(QString, health);
        FakeHarbor harbor;
        if (!component.isEmpty())
            harbor.components[component] = QStringLiteral("unhealthy");
        Server server([&](const Request &r) { return harbor.handle(r); });
        QVERIFY(server.listen());
        auto c = connector(QStringLiteral("STELLA_TEST_HARBOR_USER"), {}, server.url().toString());
        std::unique_ptr<ConnectorOperation> op(c->checkHealth(nullptr));
        QVERIFY(test::waitFinished(op.get()));
        QCOMPARE(toString(op->healthStatus()), health);
        if (!component.isEmpty())
            QVERIFY2(op->steps().last().message.contains(component),
                     qPrintable(op->steps().last().message));
    }

    void badServers_data() { test::addBadServerRows(); }

    void badServers()
    {
        QFETCH(test::BadServer, bad);
        QFETCH(QString, says);
        m_harbor.bad = bad;
        auto c = connector(QStringLiteral("STELLA_TEST_HARBOR_USER"));
        std::unique_ptr<ConnectorOperation> op(
            c->discover(ResourceType::Repositories, {}, nullptr));
        QVERIFY(test::waitFinished(op.get()));
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QVERIFY2(op->error().message.contains(says), qPrintable(op->error().toText()));
        STELLA_COMPARE_ENUM(op->steps().last().state, ConnectorStep::State::Failed);
    }

    void notHarbor()
    {
        Server other([](const Request &) {
            return Response{200, {{"Content-Type", "text/html"}}, "<html>Welcome to nginx</html>"};
        });
        QVERIFY(other.listen());
        auto c = connector(QStringLiteral("STELLA_TEST_HARBOR_USER"), {}, other.url().toString());
        std::unique_ptr<ConnectorOperation> op(c->testConnection(nullptr));
        QVERIFY(test::waitFinished(op.get()));
        QCOMPARE(op->steps().last().id, StepId::Identify);
        QVERIFY2(op->error().message.contains(QLatin1String("not Harbor's API")) &&
                     op->error().message.contains(QLatin1String("HTML page")),
                 qPrintable(op->error().toText()));
    }

    void badEndpoints_data()
    {
        QTest::addColumn<QString>("endpoint");
        QTest::addColumn<QString>("says");
        QTest::newRow("no scheme")
            << QStringLiteral("harbor.example.com") << QStringLiteral("not usable");
        QTest::newRow("unreachable")
            << QStringLiteral("http://127.0.0.1:1") << QStringLiteral("connection refused");
    }

    void badEndpoints()
    {
        QFETCH(QString, endpoint);
        QFETCH(QString, says);
        auto c = connector(QStringLiteral("STELLA_TEST_HARBOR_USER"), {}, endpoint);
        std::unique_ptr<ConnectorOperation> op(c->testConnection(nullptr));
        QVERIFY(test::waitFinished(op.get()));
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QVERIFY2(op->error().message.contains(says), qPrintable(op->error().toText()));
        STELLA_COMPARE_ENUM(op->steps().last().state, ConnectorStep::State::Failed);
    }
};

QTEST_GUILESS_MAIN(TestHarborConnector)
#include "tst_harborconnector.moc"
