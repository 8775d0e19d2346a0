// SPDX-License-Identifier: Apache-2.0
// The Gitea connector against FakeGitea, a loopback server that follows Gitea's API v1 as its
// swagger publishes it: /api/healthz, /api/v1/version, /api/v1/user, /api/v1/users/{username},
// /api/v1/repos/search with page/limit (cut to MAX_RESPONSE_ITEMS), X-Total-Count and a Link
// header joined by "," without a space, /api/v1/repos/{owner}/{repo}, errors {"message","url"},
// 401 for a token it does not know, 403 for a token without the scope, 404 for what the caller
// may not see.
#include "ConnectorTestSupport.h"
#include "FakeGitea.h"
#include "connectors/scm/gitea/GiteaConnector.h"
#include "core/connectors/StepIds.h"
#include "core/model/ResourceTypes.h"

#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace stella;
using test::FakeGitea;

namespace {
constexpr int kPublicRepositories = 120;
const QByteArray kToken = "7f3c0a9e2b41d8c6e5f4a3b2c1d0e9f8a7b6c5d4";
} // namespace

class TestGiteaConnector : public QObject
{
    Q_OBJECT

    test::ConnectorHarness m_harness;
    FakeGitea m_gitea;

    std::unique_ptr<GiteaConnector> connector(const QString &envVar, QJsonObject config = {},
                                              const QString &endpoint = {})
    {
        return m_harness.make<GiteaConnector>(test::integrationFor(
            QStringLiteral("Gitea"), endpoint.isEmpty() ? m_gitea.url().toString() : endpoint,
            envVar, config));
    }

    std::unique_ptr<ConnectorOperation> testConnection(const QString &envVar,
                                                       QJsonObject config = {})
    {
        auto c = connector(envVar, config);
        return test::runToEnd(c->testConnection(nullptr));
    }

    int searchRequests() const { return int(m_gitea.requestsTo("/api/v1/repos/search").size()); }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<QList<DiscoveredResource>>();
        qputenv("STELLA_TEST_GITEA_TOKEN", kToken);
        qputenv("STELLA_TEST_GITEA_WRONG", "0000000000000000000000000000000000000000");
        qputenv("STELLA_TEST_GITEA_NOSCOPE", "1111111111111111111111111111111111111111");
        qputenv("STELLA_TEST_GITEA_BASIC", "stella:" + kToken);
        m_gitea.addUser({QStringLiteral("stella"), kToken});
        m_gitea.addUser({QStringLiteral("reader"),
                         "1111111111111111111111111111111111111111",
                         {QStringLiteral("read:user")}});
        QList<FakeGitea::Repository> repositories;
        for (int n = 0; n < kPublicRepositories; ++n)
            repositories.append({n % 3 ? QStringLiteral("platform") : QStringLiteral("tools"),
                                 QStringLiteral("service-%1").arg(n, 3, 10, QLatin1Char('0'))});
        repositories.append({QStringLiteral("stella"), QStringLiteral("private-notes"), true});
        repositories.append({QStringLiteral("security"),
                             QStringLiteral("audit"),
                             true,
                             {QStringLiteral("stella")}});
        repositories.append({QStringLiteral("security"), QStringLiteral("secret-plans"), true});
        m_gitea.setRepositories(repositories);
        QVERIFY(m_gitea.listen());
    }

    void init()
    {
        m_gitea.setPaging(50, 30);
        m_gitea.setDropLinks(false);
        m_gitea.setRootUrl({});
        m_gitea.setRequireSignInView(false);
        m_gitea.setHealth(QStringLiteral("pass"));
        m_gitea.setOverride({});
    }

    void testConnectionPassesEveryStep_data()
    {
        QTest::addColumn<QString>("env");
        QTest::addColumn<QByteArray>("authorization");
        QTest::newRow("token") << QStringLiteral("STELLA_TEST_GITEA_TOKEN")
                               << QByteArray("token " + kToken);
        QTest::newRow("user:token as Basic")
            << QStringLiteral("STELLA_TEST_GITEA_BASIC")
            << QByteArray("Basic " + QByteArray("stella:" + kToken).toBase64());
    }
    void testConnectionPassesEveryStep()
    {
        QFETCH(QString, env);
        QFETCH(QByteArray, authorization);
        const qsizetype before = m_gitea.requests().size();
        auto op = testConnection(env);
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        QCOMPARE(test::stepIds(*op),
                 (QStringList{StepId::Credential, StepId::Reach, StepId::Identify,
                              StepId::Authenticate, StepId::Permission}));
        QCOMPARE(test::stepStates(*op), QStringList(5, QStringLiteral("passed")));
        QCOMPARE(op->server().product, QStringLiteral("Gitea"));
        QCOMPARE(op->server().version, QStringLiteral("1.22.3"));
        QCOMPARE(op->steps().at(3).message, QStringLiteral("signed in as stella"));
        QVERIFY2(op->steps().at(4).message.contains(QLatin1String("122 repositories")),
                 qPrintable(op->steps().at(4).message));
        const QList<FakeGitea::Request> sent = m_gitea.requests().mid(before);
        QCOMPARE(sent.size(), 3); // version (anonymous), user, one repository of the search
        QVERIFY(sent.at(0).header("Authorization").isEmpty());
        QCOMPARE(sent.at(1).path(), QByteArray("/api/v1/user"));
        QCOMPARE(sent.at(1).header("Authorization"), authorization);
        QCOMPARE(test::queryValue(sent.at(2), QStringLiteral("limit")), QStringLiteral("1"));
        QVERIFY(!test::stepsText(*op).contains(QString::fromLatin1(kToken)));
    }

    // REQUIRE_SIGNIN_VIEW: the anonymous probe gets 401, the version is read with the token.
    void versionBehindSignIn()
    {
        m_gitea.setRequireSignInView(true);
        auto op = testConnection(QStringLiteral("STELLA_TEST_GITEA_TOKEN"));
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        QVERIFY2(op->steps().at(1).message.contains(QStringLiteral("→ 401")),
                 qPrintable(op->steps().at(1).message));
        QCOMPARE(op->server().version, QStringLiteral("1.22.3"));
    }

    void wrongTokenIsExplained()
    {
        auto op = testConnection(QStringLiteral("STELLA_TEST_GITEA_WRONG"));
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->steps().last().id, StepId::Authenticate);
        const QString text = op->error().toText();
        QVERIFY2(op->error().message.contains(QLatin1String("401 Unauthorized")), qPrintable(text));
        QVERIFY2(op->error().message.contains(QLatin1String("user does not exist")),
                 qPrintable(text));
        QVERIFY2(op->error().hint.contains(QLatin1String("authref://env/STELLA_TEST_GITEA_WRONG")),
                 qPrintable(text));
        QVERIFY(!test::stepsText(*op).contains(QLatin1String("0000000000")));
    }

    // A scoped token without read:repository: Gitea's 403 names the scope, the hint too.
    void tokenWithoutTheScope()
    {
        auto op = testConnection(QStringLiteral("STELLA_TEST_GITEA_NOSCOPE"));
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->steps().last().id, StepId::Permission);
        const QString text = op->error().toText();
        QVERIFY2(op->error().message.contains(QLatin1String("403 Forbidden")), qPrintable(text));
        QVERIFY2(op->error().message.contains(QLatin1String("[read:repository]")),
                 qPrintable(text));
        QVERIFY2(op->error().hint.contains(QLatin1String("read:repository")), qPrintable(text));
    }

    void discoversEveryRepositoryAcrossPages()
    {
        auto c = connector(QStringLiteral("STELLA_TEST_GITEA_TOKEN"));
        const int before = searchRequests();
        const QStringList found = test::discoverNames(*c, ResourceType::Repositories, {});
        // 120 public, stella's own private one, and the one stella reads in security.
        QCOMPARE(found.size(), kPublicRepositories + 2);
        QCOMPARE(QSet<QString>(found.begin(), found.end()).size(), found.size());
        QVERIFY(found.contains(QStringLiteral("security/audit")));
        QVERIFY(!found.contains(QStringLiteral("security/secret-plans")));
        // 50 a page: three pages, the next ones from Gitea's comma-joined Link.
        QCOMPARE(searchRequests() - before, 3);
        const QList<FakeGitea::Request> pages = m_gitea.requestsTo("/api/v1/repos/search");
        QCOMPARE(test::queryValue(pages.last(), QStringLiteral("page")), QStringLiteral("3"));
        QCOMPARE(test::queryValue(pages.last(), QStringLiteral("limit")), QStringLiteral("50"));
        QCOMPARE(
            test::discoverNames(*c, ResourceType::Repositories, QStringLiteral("TOOLS/*")).size(),
            40);
    }

    // An administrator's lower MAX_RESPONSE_ITEMS cuts the limit: the Link still leads on.
    void serverCutsTheLimit()
    {
        m_gitea.setPaging(20, 10);
        auto c = connector(QStringLiteral("STELLA_TEST_GITEA_TOKEN"));
        const int before = searchRequests();
        QCOMPARE(test::discoverNames(*c, ResourceType::Repositories, {}).size(),
                 kPublicRepositories + 2);
        QCOMPARE(searchRequests() - before, 7);
    }

    // A proxy that drops Link: X-Total-Count says pages remain.
    void withoutLinkTheTotalCountLeads()
    {
        m_gitea.setDropLinks(true);
        auto c = connector(QStringLiteral("STELLA_TEST_GITEA_TOKEN"));
        QCOMPARE(test::discoverNames(*c, ResourceType::Repositories, {}).size(),
                 kPublicRepositories + 2);
    }

    // ROOT_URL is the public name, the integration uses the internal address: the links are
    // not followed (nothing goes to the other host), the page numbers are.
    void rootUrlElsewhere()
    {
        m_gitea.setRootUrl(QStringLiteral("https://gitea.example.com"));
        auto c = connector(QStringLiteral("STELLA_TEST_GITEA_TOKEN"));
        const int before = searchRequests();
        QCOMPARE(test::discoverNames(*c, ResourceType::Repositories, {}).size(),
                 kPublicRepositories + 2);
        QCOMPARE(searchRequests() - before, 3);
        m_gitea.setRootUrl({});
    }

    void anonymousSeesPublicRepositories()
    {
        auto c = connector(QString());
        const QStringList found = test::discoverNames(*c, ResourceType::Repositories, {});
        QCOMPARE(found.size(), kPublicRepositories);
    }

    void ownerLimitsDiscovery()
    {
        auto c = connector(QStringLiteral("STELLA_TEST_GITEA_TOKEN"),
                           {{QStringLiteral("owner"), QStringLiteral("security")}});
        QCOMPARE(test::discoverNames(*c, ResourceType::Repositories, {}),
                 QStringList{QStringLiteral("security/audit")});
        const FakeGitea::Request last = m_gitea.requestsTo("/api/v1/repos/search").last();
        QVERIFY(!test::queryValue(last, QStringLiteral("uid")).isEmpty());
        QCOMPARE(test::queryValue(last, QStringLiteral("exclusive")), QStringLiteral("true"));
    }

    void unknownOwnerIsNamed()
    {
        auto c = connector(QStringLiteral("STELLA_TEST_GITEA_TOKEN"),
                           {{QStringLiteral("owner"), QStringLiteral("nobody")}});
        std::unique_ptr<ConnectorOperation> op(
            test::runToEnd(c->discover(ResourceType::Repositories, {}, nullptr)));
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->error().kind, ErrorKind::NotFound);
        QVERIFY2(op->error().message.contains(QLatin1String("no user or organisation 'nobody'")),
                 qPrintable(op->error().toText()));
        QVERIFY2(op->error().message.contains(QLatin1String("user redirect does not exist")),
                 qPrintable(op->error().toText()));
        QVERIFY(op->error().hint.contains(QLatin1String("owner")));
    }

    // A pattern naming one repository asks for it; one Gitea does not show is an error.
    void repositoryByName()
    {
        auto c = connector(QStringLiteral("STELLA_TEST_GITEA_TOKEN"));
        const int before = searchRequests();
        QCOMPARE(test::discoverNames(*c, ResourceType::Repositories,
                                     QStringLiteral("platform/service-001")),
                 QStringList{QStringLiteral("platform/service-001")});
        QCOMPARE(searchRequests(), before);
        QCOMPARE(m_gitea.requests().last().path(),
                 QByteArray("/api/v1/repos/platform/service-001"));
    }

    void repositoryNotFound_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("does not exist") << QStringLiteral("platform/missing");
        QTest::newRow("private, not readable") << QStringLiteral("security/secret-plans");
    }
    void repositoryNotFound()
    {
        QFETCH(QString, name);
        auto c = connector(QStringLiteral("STELLA_TEST_GITEA_TOKEN"));
        std::unique_ptr<ConnectorOperation> op(
            test::runToEnd(c->discover(ResourceType::Repositories, name, nullptr)));
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->error().kind, ErrorKind::NotFound);
        const QString text = op->error().toText();
        QVERIFY2(op->error().message.contains(QStringLiteral("no repository '%1'").arg(name)),
                 qPrintable(text));
        QVERIFY2(op->error().message.contains(QLatin1String("The target couldn't be found.")),
                 qPrintable(text));
        QVERIFY2(op->error().hint.contains(QLatin1String("discover repositories")),
                 qPrintable(text));
        STELLA_COMPARE_ENUM(op->steps().last().state, ConnectorStep::State::Failed);
    }

    void projectsAreTheOwners()
    {
        auto c = connector(QStringLiteral("STELLA_TEST_GITEA_TOKEN"));
        std::unique_ptr<ConnectorOperation> op(c->discover(ResourceType::Projects, {}, nullptr));
        QSignalSpy pages(op.get(), &ConnectorOperation::pageReady);
        QVERIFY(test::waitFinished(op.get()));
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        QCOMPARE(test::resourceNames(pages),
                 (QStringList{QStringLiteral("tools"), QStringLiteral("platform"),
                              QStringLiteral("stella"), QStringLiteral("security")}));
        const auto resources = pages.first().first().value<QList<DiscoveredResource>>();
        QCOMPARE(resources.at(1).attributes.value(QStringLiteral("repositories")).toInt(), 80);
        QCOMPARE(resources.at(3).attributes.value(QStringLiteral("privateRepositories")).toInt(),
                 1);
        QCOMPARE(resources.at(0).resourceType, ResourceType::Projects);
    }

    void healthFollowsHealthz_data()
    {
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("health");
        QTest::addColumn<QString>("says");
        QTest::newRow("pass") << QStringLiteral("pass") << QStringLiteral("Healthy")
                              << QStringLiteral("pass in");
        QTest::newRow("warn") << QStringLiteral("warn") << QStringLiteral("Degraded")
                              << QStringLiteral("warn: database:ping warn");
        QTest::newRow("fail (500)") << QStringLiteral("fail") << QStringLiteral("Unhealthy")
                                    << QStringLiteral("fail: database:ping fail");
    }
    void healthFollowsHealthz()
    {
        QFETCH(QString, status);
        QFETCH(QString, health);
        QFETCH(QString, says);
        m_gitea.setHealth(status);
        auto c = connector(QStringLiteral("STELLA_TEST_GITEA_TOKEN"));
        auto op = test::runToEnd(c->checkHealth(nullptr));
        QCOMPARE(toString(op->healthStatus()), health);
        QVERIFY2(op->steps().last().message.startsWith(says),
                 qPrintable(op->steps().last().message));
    }

    void notGitea_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("type");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("says");
        QTest::newRow("an HTML page")
            << 200 << QByteArray("text/html") << QByteArray("<html><body>Welcome</body></html>")
            << QStringLiteral("HTML page");
        QTest::newRow("another JSON API")
            << 200 << QByteArray("application/json") << QByteArray("{\"name\":\"other\"}")
            << QStringLiteral("no version in the answer");
        QTest::newRow("a proxy's 502")
            << 502 << QByteArray("text/html") << QByteArray("<html><h1>502 Bad Gateway</h1></html>")
            << QStringLiteral("→ 502");
    }
    void notGitea()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, type);
        QFETCH(QByteArray, body);
        QFETCH(QString, says);
        m_gitea.setOverride([&](const FakeGitea::Request &r) -> std::optional<FakeGitea::Response> {
            if (r.path() == "/api/v1/version")
                return FakeGitea::Response{status, {{"Content-Type", type}}, body};
            return std::nullopt;
        });
        auto op = testConnection(QStringLiteral("STELLA_TEST_GITEA_TOKEN"));
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->steps().last().id, StepId::Identify);
        QVERIFY2(op->error().message.contains(QLatin1String("is not Gitea's API v1")),
                 qPrintable(op->error().toText()));
        QVERIFY2(op->error().message.contains(says), qPrintable(op->error().toText()));
        QVERIFY(op->error().hint.contains(QLatin1String("without /api/v1")));
        QVERIFY(!op->error().message.contains(QLatin1String("Welcome")));
    }

    void htmlListingIsExplained()
    {
        m_gitea.setOverride([](const FakeGitea::Request &r) -> std::optional<FakeGitea::Response> {
            if (r.path() == "/api/v1/repos/search")
                return FakeGitea::Response{
                    200,
                    {{"Content-Type", "text/html; charset=utf-8"}},
                    "<!DOCTYPE html><html><head><title>Sign In - Gitea</title></head></html>"};
            return std::nullopt;
        });
        auto c = connector(QStringLiteral("STELLA_TEST_GITEA_TOKEN"));
        auto op = test::runToEnd(c->discover(ResourceType::Repositories, {}, nullptr));
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QVERIFY2(op->error().message.contains(QLatin1String("HTML page")),
                 qPrintable(op->error().toText()));
        QVERIFY(!op->error().message.contains(QLatin1String("Sign In")));
    }
};

QTEST_GUILESS_MAIN(TestGiteaConnector)
#include "tst_giteaconnector.moc"
