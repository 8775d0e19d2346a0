// SPDX-License-Identifier: Apache-2.0
// The GitLabServer connector against FakeGitLab (tests/support/FakeGitLab.h), a loopback
// server that follows GitLab's REST API v4 as documented: /version, /user,
// /personal_access_tokens/self, /projects?membership=true with keyset pagination,
// /groups/:id/projects with offset pagination, GitLab's 401, invalid_token and
// insufficient_scope bodies, and its 405 past the 50,000-offset limit.
#include "ConnectorTestSupport.h"
#include "FakeGitLab.h"
#include "connectors/scm/gitlabserver/GitLabServerConnector.h"
#include "core/connectors/StepIds.h"
#include "core/model/ResourceTypes.h"

#include <QJsonDocument>
#include <QTest>

using namespace stella;
using test::FakeGitLab;

namespace {
const QString kOwnerEnv = QStringLiteral("STELLA_TEST_GLS_OWNER");
const QByteArray kOwnerToken = "glpat-0wnerT0kenAbcdef";

QStringList checklist()
{
    return {StepId::Credential, StepId::Reach, StepId::Identify, StepId::Authenticate,
            StepId::Permission};
}

QString stepMessage(const ConnectorOperation &op, const QString &id)
{
    for (const ConnectorStep &s : op.steps())
        if (s.id == id)
            return s.message;
    return {};
}
} // namespace

class TestGitLabServerConnector : public QObject
{
    Q_OBJECT

    test::ConnectorHarness m_harness;
    std::unique_ptr<FakeGitLab> m_gitlab;
    int m_owner = 0;
    int m_stranger = 0;

    // A token of the owner with `scopes`, in the environment variable `env`.
    void token(const QString &env, const QByteArray &secret, const QStringList &scopes,
               FakeGitLab::Token::State state = FakeGitLab::Token::State::Active, int user = 0)
    {
        FakeGitLab::Token &t = m_gitlab->addToken(secret, user ? user : m_owner, scopes);
        t.state = state;
        qputenv(env.toLatin1().constData(), secret);
    }

    std::unique_ptr<GitLabServerConnector> connector(const QString &env, QJsonObject config = {})
    {
        Integration integration = test::integrationFor(QStringLiteral("GitLabServer"),
                                                       m_gitlab->url().toString(), env, config);
        return m_harness.make<GitLabServerConnector>(integration);
    }

    QStringList projectsOf(int user) const
    {
        QStringList names;
        for (const FakeGitLab::Project &p : m_gitlab->projects)
            if (p.members.contains(user))
                names.append(p.path);
        return names;
    }

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<QList<DiscoveredResource>>(); }

    // A fresh GitLab per case: group platform (subgroup platform/backend) and group tools;
    // the owner is a member of five projects, the stranger of one of its own.
    void init()
    {
        m_gitlab = std::make_unique<FakeGitLab>();
        QVERIFY(m_gitlab->listen());
        m_owner = m_gitlab->addUser(QStringLiteral("ada")).id;
        m_stranger = m_gitlab->addUser(QStringLiteral("eve")).id;
        m_gitlab->addGroup(QStringLiteral("platform"));
        m_gitlab->addGroup(QStringLiteral("platform/backend"));
        m_gitlab->addGroup(QStringLiteral("tools"));
        m_gitlab->addProject(QStringLiteral("platform/api"), {m_owner});
        m_gitlab->addProject(QStringLiteral("platform/web"), {m_owner});
        m_gitlab->addProject(QStringLiteral("platform/backend/billing"), {m_owner});
        m_gitlab->addProject(QStringLiteral("platform/backend/secret"), {m_stranger});
        m_gitlab->addProject(QStringLiteral("tools/wiki-only"), {m_owner}).repositoryEnabled =
            false;
        m_gitlab->addProject(QStringLiteral("tools/lint"), {m_owner});
        token(kOwnerEnv, kOwnerToken, {QStringLiteral("api"), QStringLiteral("read_user")});
    }

    void testConnectionPassesEveryStep()
    {
        auto c = connector(kOwnerEnv);
        auto op = test::runToEnd(c->testConnection(nullptr));
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        QCOMPARE(test::stepIds(*op), checklist());
        QCOMPARE(test::stepStates(*op), QStringList(5, QStringLiteral("passed")));
        QCOMPARE(op->server().product, QStringLiteral("GitLab"));
        QCOMPARE(op->server().version, QStringLiteral("17.5.1-ee (revision a3f2c1b9e4d)"));
        STELLA_COMPARE_ENUM(op->healthStatus(), HealthStatus::Healthy);
        QVERIFY2(stepMessage(*op, StepId::Authenticate).contains(QLatin1String("ada (Ada)")),
                 qPrintable(test::stepsText(*op)));
        QVERIFY2(stepMessage(*op, StepId::Permission).contains(QLatin1String("api, read_user")),
                 qPrintable(test::stepsText(*op)));
        // Reach went out anonymously (GitLab answers it 401); every other request with the token.
        const auto version = m_gitlab->requestsTo("/api/v4/version");
        QVERIFY(version.first().header("PRIVATE-TOKEN").isEmpty());
        QCOMPARE(version.last().header("PRIVATE-TOKEN"), kOwnerToken);
        QCOMPARE(m_gitlab->requestsTo("/api/v4/personal_access_tokens/self").size(), 1);
        QVERIFY(!test::stepsText(*op).contains(QString::fromLatin1(kOwnerToken)));
    }

    // GitLab answers /user with the token's bot user and /personal_access_tokens/self with the
    // token for project and group access tokens too.
    void projectAccessTokenIsItsBotUser()
    {
        const int bot = m_gitlab->addUser(QStringLiteral("project_1_bot_4f1d2a"), true).id;
        m_gitlab->projects[0].members.insert(bot);
        token(QStringLiteral("STELLA_TEST_GLS_BOT"), "glpat-pr0jectT0ken", {QStringLiteral("api")},
              FakeGitLab::Token::State::Active, bot);
        auto c = connector(QStringLiteral("STELLA_TEST_GLS_BOT"));
        auto op = test::runToEnd(c->testConnection(nullptr));
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        QVERIFY2(stepMessage(*op, StepId::Authenticate)
                     .contains(QLatin1String("bot user project_1_bot_4f1d2a")),
                 qPrintable(test::stepsText(*op)));
        QCOMPARE(test::discoverNames(*c, ResourceType::Projects, {}),
                 QStringList{QStringLiteral("platform/api")});
    }

    void missingScopesAreNamed_data()
    {
        QTest::addColumn<QStringList>("scopes");
        QTest::addColumn<QString>("outcome"); // of the test-connection
        QTest::addColumn<QString>("authenticate");
        QTest::addColumn<QString>("permission");
        QTest::addColumn<QStringList>("says");
        QTest::newRow("read_api only: no annotations")
            << QStringList{QStringLiteral("read_api")} << QStringLiteral("succeeded")
            << QStringLiteral("passed") << QStringLiteral("warning")
            << QStringList{QStringLiteral("lacks api (needed to post merge request notes")};
        QTest::newRow("read_user only: neither discovery nor annotations")
            << QStringList{QStringLiteral("read_user")} << QStringLiteral("failed")
            << QStringLiteral("passed") << QStringLiteral("failed")
            << QStringList{QStringLiteral("read_api (needed to discover projects"),
                           QStringLiteral("api (needed to post merge request notes")};
        QTest::newRow("read_repository only: not even its owner")
            << QStringList{QStringLiteral("read_repository")} << QStringLiteral("failed")
            << QStringLiteral("warning") << QStringLiteral("failed")
            << QStringList{QStringLiteral("has the scopes read_repository"),
                           QStringLiteral("read_api (needed to discover projects"),
                           QStringLiteral("api (needed to post")};
    }

    void missingScopesAreNamed()
    {
        QFETCH(QStringList, scopes);
        QFETCH(QString, outcome);
        QFETCH(QString, authenticate);
        QFETCH(QString, permission);
        QFETCH(QStringList, says);
        token(QStringLiteral("STELLA_TEST_GLS_SCOPED"), "glpat-sc0pedT0ken", scopes);
        auto c = connector(QStringLiteral("STELLA_TEST_GLS_SCOPED"));
        auto op = test::runToEnd(c->testConnection(nullptr));
        const QString text = test::stepsText(*op) + op->error().hint;
        QCOMPARE(op->outcome() == ConnectorOperation::Outcome::Succeeded
                     ? QStringLiteral("succeeded")
                     : QStringLiteral("failed"),
                 outcome);
        QCOMPARE(test::stepIds(*op), checklist());
        QCOMPARE(test::stepStates(*op).at(3), authenticate);
        QCOMPARE(test::stepStates(*op).at(4), permission);
        for (const QString &s : says)
            QVERIFY2(text.contains(s), qPrintable(text));
        if (outcome == QLatin1String("failed"))
            QVERIFY2(
                op->error().hint.contains(QLatin1String("authref://env/STELLA_TEST_GLS_SCOPED")),
                qPrintable(op->error().hint));
        else
            STELLA_COMPARE_ENUM(op->healthStatus(), HealthStatus::Degraded);
    }

    void revokedOrExpiredToken_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<QString>("says");
        QTest::newRow("revoked") << int(FakeGitLab::Token::State::Revoked)
                                 << QStringLiteral("which was revoked (401 invalid_token)");
        QTest::newRow("expired") << int(FakeGitLab::Token::State::Expired)
                                 << QStringLiteral("which has expired (401 invalid_token)");
    }

    void revokedOrExpiredToken()
    {
        QFETCH(int, state);
        QFETCH(QString, says);
        token(QStringLiteral("STELLA_TEST_GLS_DEAD"), "glpat-deadT0kenXyz", {QStringLiteral("api")},
              FakeGitLab::Token::State(state));
        auto c = connector(QStringLiteral("STELLA_TEST_GLS_DEAD"));
        auto op = test::runToEnd(c->testConnection(nullptr));
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->steps().last().id, StepId::Authenticate);
        QVERIFY2(op->error().message.contains(says), qPrintable(op->error().message));
        QVERIFY2(op->error().hint.contains(QLatin1String("Create a new access token")) &&
                     op->error().hint.contains(QLatin1String("STELLA_TEST_GLS_DEAD")),
                 qPrintable(op->error().hint));
        QVERIFY(!(test::stepsText(*op) + op->error().hint).contains(QLatin1String("deadT0ken")));
    }

    void unknownTokenIs401()
    {
        qputenv("STELLA_TEST_GLS_WRONG", "glpat-neverIssued");
        auto c = connector(QStringLiteral("STELLA_TEST_GLS_WRONG"));
        auto op = test::runToEnd(c->testConnection(nullptr));
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->steps().last().id, StepId::Authenticate);
        QVERIFY2(op->error().message.contains(QLatin1String("401 Unauthorized")),
                 qPrintable(op->error().message));
        QVERIFY(op->error().hint.contains(QLatin1String("expired or revoked")));
    }

    void htmlFromAProxy_data()
    {
        QTest::addColumn<int>("proxy");
        QTest::newRow("502 Bad Gateway page") << int(FakeGitLab::Proxy::BadGateway);
        QTest::newRow("200 sign-in page") << int(FakeGitLab::Proxy::SignInPage);
    }

    void htmlFromAProxy()
    {
        QFETCH(int, proxy);
        m_gitlab->proxy = FakeGitLab::Proxy(proxy);
        auto c = connector(kOwnerEnv);
        auto op = test::runToEnd(c->testConnection(nullptr));
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->steps().last().id, StepId::Identify);
        QVERIFY2(op->error().message.contains(QLatin1String("HTML page")),
                 qPrintable(op->error().message));
        QVERIFY(op->error().hint.contains(QLatin1String("GitLab's base URL")));
        const QString text = test::stepsText(*op);
        QVERIFY(!text.contains(QLatin1String("<html")) && !text.contains(QLatin1String("nginx")));

        auto found = test::runToEnd(c->discover(ResourceType::Projects, {}, nullptr));
        QCOMPARE(found->outcome(), ConnectorOperation::Outcome::Failed);
        QVERIFY2(found->error().message.contains(QLatin1String("HTML page")),
                 qPrintable(found->error().message));
    }

    // Memberships by keyset pagination: order_by=id, sort=asc, the next page from Link.
    void membershipProjectsByKeyset()
    {
        for (int n = 0; n < 245; ++n)
            m_gitlab->addProject(QStringLiteral("bulk/svc-%1").arg(n, 3, 10, QLatin1Char('0')),
                                 {m_owner});
        auto c = connector(kOwnerEnv);
        QStringList found = test::discoverNames(*c, ResourceType::Projects, {});
        QStringList expected = projectsOf(m_owner);
        QCOMPARE(found.size(), 250);
        QCOMPARE(found, expected); // id order, as asked
        const auto listed = m_gitlab->requestsTo("/api/v4/projects");
        QCOMPARE(listed.size(), 3); // 100 + 100 + 50
        for (const auto &r : listed) {
            QCOMPARE(test::queryValue(r, QStringLiteral("membership")), QStringLiteral("true"));
            QCOMPARE(test::queryValue(r, QStringLiteral("pagination")), QStringLiteral("keyset"));
            QCOMPARE(test::queryValue(r, QStringLiteral("order_by")), QStringLiteral("id"));
            QCOMPARE(test::queryValue(r, QStringLiteral("sort")), QStringLiteral("asc"));
            QCOMPARE(test::queryValue(r, QStringLiteral("page")), QString());
            QCOMPARE(r.header("PRIVATE-TOKEN"), kOwnerToken);
        }
        QCOMPARE(test::queryValue(listed.at(1), QStringLiteral("id_after")),
                 QString::number(m_gitlab->project(found.at(99))->id));
    }

    // Past GitLab's default offset limit (page × per_page > 50,000 is refused with 405):
    // keyset pagination reads all 50,120 projects.
    void pastTheFiftyThousandOffsetLimit()
    {
        for (int n = 0; n < 50120 - 5; ++n)
            m_gitlab->addProject(QStringLiteral("bulk/p%1").arg(n), {m_owner});
        FakeGitLab::Request offset;
        offset.method = "GET";
        offset.target = "/api/v4/projects?membership=true&page=502&per_page=100";
        offset.headers.insert("private-token", kOwnerToken);
        const FakeGitLab::Response refused = m_gitlab->answer(offset, m_gitlab->url());
        QCOMPARE(refused.status, 405);
        QVERIFY(refused.body.contains("maximum allowed offset of 50000"));
        offset.target = "/api/v4/projects?membership=true&page=1&per_page=100";
        const FakeGitLab::Response firstPage = m_gitlab->answer(offset, m_gitlab->url());
        const auto hasHeader = [&](const QByteArray &name) {
            return std::any_of(firstPage.headers.begin(), firstPage.headers.end(),
                               [&](const auto &h) { return h.first == name; });
        };
        QVERIFY(!hasHeader("X-Total") && !hasHeader("X-Total-Pages") && hasHeader("X-Next-Page"));

        auto c = connector(kOwnerEnv);
        std::unique_ptr<ConnectorOperation> op(
            c->discover(ResourceType::Repositories, {}, nullptr));
        QSignalSpy pages(op.get(), &ConnectorOperation::pageReady);
        // 502 pages from a fake holding 50,120 projects: minutes under AddressSanitizer.
        QVERIFY(test::waitFinished(op.get(), 600000));
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        QCOMPARE(op->resourceCount(), 50120 - 1); // all but tools/wiki-only (no repository)
        QCOMPARE(m_gitlab->requestsTo("/api/v4/projects").size(), 502);
    }

    void repositoriesAreProjectsWithARepository()
    {
        auto c = connector(kOwnerEnv);
        std::unique_ptr<ConnectorOperation> op(
            c->discover(ResourceType::Repositories, {}, nullptr));
        QSignalSpy pages(op.get(), &ConnectorOperation::pageReady);
        QVERIFY(test::waitFinished(op.get()));
        QCOMPARE(test::resourceNames(pages),
                 (QStringList{QStringLiteral("platform/api"), QStringLiteral("platform/web"),
                              QStringLiteral("platform/backend/billing"),
                              QStringLiteral("tools/lint")}));
        const auto first = pages.first().first().value<QList<DiscoveredResource>>().first();
        QCOMPARE(first.resourceType, ResourceType::Repositories);
        QCOMPARE(first.attributes.value(QStringLiteral("httpUrl")).toString(),
                 m_gitlab->url().toString() + QStringLiteral("/platform/api.git"));
        QCOMPARE(first.attributes.value(QStringLiteral("defaultBranch")).toString(),
                 QStringLiteral("main"));
    }

    void namePatternFilters()
    {
        auto c = connector(kOwnerEnv);
        QCOMPARE(test::discoverNames(*c, ResourceType::Projects, QStringLiteral("platform/*")),
                 (QStringList{QStringLiteral("platform/api"), QStringLiteral("platform/web"),
                              QStringLiteral("platform/backend/billing")}));
    }

    // A group's projects by offset pagination with its subgroups (GitLab offers no keyset
    // pagination there), X-Next-Page followed where a proxy dropped Link.
    void groupProjectsByOffset_data()
    {
        QTest::addColumn<bool>("link");
        QTest::newRow("Link") << true;
        QTest::newRow("X-Next-Page only") << false;
    }

    void groupProjectsByOffset()
    {
        QFETCH(bool, link);
        m_gitlab->sendLink = link;
        m_gitlab->projects[3].members.insert(m_owner); // platform/backend/secret
        auto c = connector(kOwnerEnv, {{QStringLiteral("group"), QStringLiteral("platform")},
                                       {QStringLiteral("pageSize"), 2}});
        QCOMPARE(test::discoverNames(*c, ResourceType::Projects, {}),
                 (QStringList{QStringLiteral("platform/api"), QStringLiteral("platform/web"),
                              QStringLiteral("platform/backend/billing"),
                              QStringLiteral("platform/backend/secret")}));
        const auto listed = m_gitlab->requestsTo("/api/v4/groups/platform/projects");
        QCOMPARE(listed.size(), 2);
        QCOMPARE(test::queryValue(listed.at(0), QStringLiteral("page")), QStringLiteral("1"));
        QCOMPARE(test::queryValue(listed.at(1), QStringLiteral("page")), QStringLiteral("2"));
        for (const auto &r : listed) {
            QCOMPARE(test::queryValue(r, QStringLiteral("include_subgroups")),
                     QStringLiteral("true"));
            QCOMPARE(test::queryValue(r, QStringLiteral("pagination")), QString());
            QCOMPARE(test::queryValue(r, QStringLiteral("per_page")), QStringLiteral("2"));
        }
    }

    void groupThatDoesNotExist()
    {
        auto c = connector(kOwnerEnv, {{QStringLiteral("group"), QStringLiteral("platfrom")}});
        auto op = test::runToEnd(c->testConnection(nullptr));
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->steps().last().id, StepId::Permission);
        QCOMPARE(op->error().kind, ErrorKind::NotFound);
        QVERIFY2(op->error().message.contains(QLatin1String("no group 'platfrom'")),
                 qPrintable(op->error().message));
        auto found = test::runToEnd(c->discover(ResourceType::Projects, {}, nullptr));
        QCOMPARE(found->error().kind, ErrorKind::NotFound);
        QVERIFY(found->error().hint.contains(QLatin1String("full path")));
    }

    void groupPathThatIsNotAPath_data()
    {
        QTest::addColumn<QString>("group");
        QTest::addColumn<QString>("says");
        QTest::newRow("a URL") << QStringLiteral("https://gitlab.example.com/platform")
                               << QStringLiteral("is an address");
        QTest::newRow("spaces") << QStringLiteral("plat form")
                                << QStringLiteral("not a GitLab path");
    }

    void groupPathThatIsNotAPath()
    {
        QFETCH(QString, group);
        QFETCH(QString, says);
        auto c = connector(kOwnerEnv, {{QStringLiteral("group"), group}});
        auto op = test::runToEnd(c->testConnection(nullptr));
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->steps().last().id, StepId::Permission);
        QCOMPARE(op->error().kind, ErrorKind::InvalidInput);
        QVERIFY2(op->error().message.contains(says), qPrintable(op->error().message));
        auto found = test::runToEnd(c->discover(ResourceType::Repositories, {}, nullptr));
        QCOMPARE(found->error().kind, ErrorKind::InvalidInput);
        QVERIFY(m_gitlab->requestsTo("/api/v4/projects").isEmpty());
    }

    void basicCredentialIsRefused()
    {
        qputenv("STELLA_TEST_GLS_BASIC", "ada:hunter2");
        auto c = connector(QStringLiteral("STELLA_TEST_GLS_BASIC"));
        auto op = test::runToEnd(c->testConnection(nullptr));
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->error().kind, ErrorKind::InvalidInput);
        QVERIFY(op->error().message.contains(QLatin1String("username:password")));
        QVERIFY(!test::stepsText(*op).contains(QLatin1String("hunter2")));
    }

    // What the annotation tests rely on: merge requests by iid, writes needing the api scope,
    // and extraRoute answering for the authenticated user.
    void fakeServesMergeRequestsAndExtraRoutes()
    {
        m_gitlab->addMergeRequest(1, QStringLiteral("Add the scanner"),
                                  QStringLiteral("feature/scan"));
        QList<QString> seenBy;
        m_gitlab->extraRoute =
            [&seenBy](const FakeGitLab::Request &r,
                      const FakeGitLab::User &user) -> std::optional<FakeGitLab::Response> {
            if (r.method != "POST" || !r.path().endsWith("/notes"))
                return std::nullopt;
            seenBy.append(user.username);
            return FakeGitLab::Response::json(201, R"({"id":1,"body":"noted"})");
        };
        FakeGitLab::Request get;
        get.method = "GET";
        get.target = "/api/v4/projects/platform%2Fapi/merge_requests/1";
        get.headers.insert("private-token", kOwnerToken);
        const auto mr = m_gitlab->answer(get, m_gitlab->url());
        QCOMPARE(mr.status, 200);
        QCOMPARE(QJsonDocument::fromJson(mr.body)
                     .object()
                     .value(QStringLiteral("source_branch"))
                     .toString(),
                 QStringLiteral("feature/scan"));
        get.target = "/api/v4/projects/platform%2Fapi/merge_requests/7";
        QCOMPARE(m_gitlab->answer(get, m_gitlab->url()).body,
                 QByteArray(R"({"message":"404 Not found"})"));

        FakeGitLab::Request post;
        post.method = "POST";
        post.target = "/api/v4/projects/1/merge_requests/1/notes";
        post.headers.insert("private-token", kOwnerToken);
        QCOMPARE(m_gitlab->answer(post, m_gitlab->url()).status, 201);
        QCOMPARE(seenBy, QList<QString>{QStringLiteral("ada")});
        m_gitlab->addToken("glpat-readOnly", m_owner, {QStringLiteral("read_api")});
        post.headers.insert("private-token", "glpat-readOnly");
        const auto refused = m_gitlab->answer(post, m_gitlab->url());
        QCOMPARE(refused.status, 403);
        QVERIFY(refused.body.contains(R"("error":"insufficient_scope")"));
        QVERIFY(refused.body.contains(R"("scope":"api")"));
        QCOMPARE(seenBy.size(), 1);
    }

    void healthCheck()
    {
        auto c = connector(kOwnerEnv);
        auto op = test::runToEnd(c->checkHealth(nullptr));
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Succeeded);
        STELLA_COMPARE_ENUM(op->healthStatus(), HealthStatus::Healthy);
        m_gitlab->proxy = FakeGitLab::Proxy::BadGateway;
        auto down = test::runToEnd(c->checkHealth(nullptr));
        STELLA_COMPARE_ENUM(down->healthStatus(), HealthStatus::Unhealthy);
    }
};

QTEST_GUILESS_MAIN(TestGitLabServerConnector)
#include "tst_gitlabserverconnector.moc"
