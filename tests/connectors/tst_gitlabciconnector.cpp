// SPDX-License-Identifier: Apache-2.0
// The GitLabCi connector against FakeGitLab (tests/support/FakeGitLab.h), a loopback server
// that follows GitLab's REST API v4 as documented: projects and groups by URL-encoded path,
// /projects/:id/pipelines (offset pagination only, newest first, ref filter),
// /projects/:id/jobs (keyset pagination with order_by=id&sort=desc and a cursor),
// /groups/:id/projects with include_subgroups, GitLab's 404 {"message":"404 Project Not
// Found"}, invalid_token and insufficient_scope bodies, and its 405 past the offset limit.
#include "ConnectorTestSupport.h"
#include "FakeGitLab.h"
#include "connectors/cicd/gitlabci/GitLabCiConnector.h"
#include "core/connectors/StepIds.h"
#include "core/model/ResourceTypes.h"

#include <QTest>

using namespace stella;
using test::FakeGitLab;

namespace {
const QString kEnv = QStringLiteral("STELLA_TEST_GLCI_TOKEN");
const QByteArray kToken = "glpat-c1T0kenQwerty";

QString stepMessage(const ConnectorOperation &op, const QString &id)
{
    for (const ConnectorStep &s : op.steps())
        if (s.id == id)
            return s.message;
    return {};
}

// ISO time `hours` before the harness's fixed now (2026-01-15T10:00Z).
QString hoursAgo(int hours)
{
    return test::fixedNow().addSecs(-3600 * hours).toString(Qt::ISODateWithMs);
}
} // namespace

class TestGitLabCiConnector : public QObject
{
    Q_OBJECT

    test::ConnectorHarness m_harness;
    std::unique_ptr<FakeGitLab> m_gitlab;
    int m_user = 0;
    int m_api = 0; // platform/api's project id

    std::unique_ptr<GitLabCiConnector> connector(const QString &projectPath,
                                                 const QString &env = kEnv, int pageSize = 0)
    {
        QJsonObject config{{QStringLiteral("projectPath"), projectPath}};
        if (pageSize)
            config.insert(QStringLiteral("pageSize"), pageSize);
        Integration integration = test::integrationFor(QStringLiteral("GitLabCi"),
                                                       m_gitlab->url().toString(), env, config);
        return m_harness.make<GitLabCiConnector>(integration);
    }

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<QList<DiscoveredResource>>(); }

    // Group platform: platform/api (pipelines on main and on a branch), platform/web, and
    // platform/docs with CI/CD disabled.
    void init()
    {
        m_gitlab = std::make_unique<FakeGitLab>();
        QVERIFY(m_gitlab->listen());
        m_user = m_gitlab->addUser(QStringLiteral("ci-reader")).id;
        m_gitlab->addGroup(QStringLiteral("platform"));
        m_api = m_gitlab->addProject(QStringLiteral("platform/api"), {m_user}).id;
        const int web = m_gitlab->addProject(QStringLiteral("platform/web"), {m_user}).id;
        m_gitlab->addProject(QStringLiteral("platform/docs"), {m_user}).buildsEnabled = false;
        m_gitlab->addPipeline(m_api, QStringLiteral("failed"), QStringLiteral("main"),
                              hoursAgo(30));
        const int latest =
            m_gitlab
                ->addPipeline(m_api, QStringLiteral("success"), QStringLiteral("main"), hoursAgo(3))
                .id;
        m_gitlab->addPipeline(m_api, QStringLiteral("running"), QStringLiteral("feature/x"),
                              hoursAgo(1));
        m_gitlab->addPipeline(web, QStringLiteral("success"), QStringLiteral("main"), hoursAgo(5));
        m_gitlab->addJob(m_api, latest, QStringLiteral("build"));
        m_gitlab->addJob(m_api, latest, QStringLiteral("test"));
        m_gitlab->addToken(kToken, m_user, {QStringLiteral("read_api")});
        qputenv(kEnv.toLatin1().constData(), kToken);
    }

    void testConnectionShowsTheLatestPipelineOnTheDefaultBranch()
    {
        auto c = connector(QStringLiteral("platform/api"));
        auto op = test::runToEnd(c->testConnection(nullptr));
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        QCOMPARE(test::stepIds(*op),
                 (QStringList{StepId::Credential, StepId::Reach, StepId::Identify,
                              StepId::Authenticate, StepId::Permission}));
        QCOMPARE(test::stepStates(*op), QStringList(5, QStringLiteral("passed")));
        const QString permission = stepMessage(*op, StepId::Permission);
        QVERIFY2(permission.contains(QLatin1String("latest pipeline on main: success, 3 h ago")),
                 qPrintable(permission));
        QVERIFY(permission.contains(QLatin1String("scopes read_api")));
        // The project by its URL-encoded path, its pipelines by its id on the default branch.
        QCOMPARE(m_gitlab->requestsTo("/api/v4/projects/platform%2Fapi").size(), 1);
        const auto latest = m_gitlab->requestsTo(
            QStringLiteral("/api/v4/projects/%1/pipelines").arg(m_api).toLatin1());
        QCOMPARE(latest.size(), 1);
        QCOMPARE(test::queryValue(latest.first(), QStringLiteral("ref")), QStringLiteral("main"));
        QCOMPARE(test::queryValue(latest.first(), QStringLiteral("per_page")), QStringLiteral("1"));
    }

    void noPipelineYet()
    {
        m_gitlab->addProject(QStringLiteral("platform/new"), {m_user});
        auto c = connector(QStringLiteral("platform/new"));
        auto op = test::runToEnd(c->testConnection(nullptr));
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Succeeded);
        QVERIFY2(
            stepMessage(*op, StepId::Permission).contains(QLatin1String("no pipeline on main yet")),
            qPrintable(test::stepsText(*op)));
    }

    void groupPath()
    {
        auto c = connector(QStringLiteral("platform"));
        auto op = test::runToEnd(c->testConnection(nullptr));
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        QVERIFY2(stepMessage(*op, StepId::Permission)
                     .contains(QLatin1String("group platform with 3 projects")),
                 qPrintable(test::stepsText(*op)));
        // Tried as a project first (404 Project Not Found), then as a group.
        QCOMPARE(m_gitlab->requestsTo("/api/v4/projects/platform").size(), 1);
        QCOMPARE(m_gitlab->requestsTo("/api/v4/groups/platform").size(), 1);
    }

    void projectThatDoesNotExist()
    {
        auto c = connector(QStringLiteral("platform/nope"));
        auto op = test::runToEnd(c->testConnection(nullptr));
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->steps().last().id, StepId::Permission);
        QCOMPARE(op->error().kind, ErrorKind::NotFound);
        QVERIFY2(op->error().message.contains(
                     QLatin1String("no project or group 'platform/nope' that the token can see "
                                   "(404 Project Not Found)")),
                 qPrintable(op->error().message));
        QVERIFY(op->error().hint.contains(QLatin1String("projectPath")));
        auto found = test::runToEnd(c->discover(ResourceType::Pipelines, {}, nullptr));
        QCOMPARE(found->error().kind, ErrorKind::NotFound);
    }

    // A project of someone else's is as invisible as one that does not exist (GitLab's 404).
    void projectTheTokenCannotSee()
    {
        const int other = m_gitlab->addUser(QStringLiteral("other")).id;
        m_gitlab->addProject(QStringLiteral("secret/vault"), {other});
        auto c = connector(QStringLiteral("secret/vault"));
        auto found = test::runToEnd(c->discover(ResourceType::Jobs, {}, nullptr));
        QCOMPARE(found->error().kind, ErrorKind::NotFound);
        QVERIFY(found->error().hint.contains(QLatin1String("member")));
    }

    void wrongProjectPath_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("says");
        QTest::newRow("the project's URL")
            << QStringLiteral("https://gitlab.example.com/platform/api")
            << QStringLiteral("is an address");
        QTest::newRow("an SSH clone address")
            << QStringLiteral("git@gitlab.example.com:platform/api.git")
            << QStringLiteral("is an address");
        QTest::newRow("a .git path")
            << QStringLiteral("platform/api.git") << QStringLiteral("without .git");
        QTest::newRow("a space") << QStringLiteral("platform/my api")
                                 << QStringLiteral("not a GitLab path");
    }

    void wrongProjectPath()
    {
        QFETCH(QString, path);
        QFETCH(QString, says);
        auto c = connector(path);
        auto op = test::runToEnd(c->testConnection(nullptr));
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->steps().last().id, StepId::Permission);
        QCOMPARE(op->error().kind, ErrorKind::InvalidInput);
        QVERIFY2(op->error().message.contains(says), qPrintable(op->error().message));
        QVERIFY(op->error().hint.contains(QLatin1String("platform/api")));
        auto found = test::runToEnd(c->discover(ResourceType::Pipelines, {}, nullptr));
        QCOMPARE(found->error().kind, ErrorKind::InvalidInput);
    }

    void tokenWithoutReadApi()
    {
        m_gitlab->addToken("glpat-userOnly", m_user, {QStringLiteral("read_user")});
        qputenv("STELLA_TEST_GLCI_USERONLY", "glpat-userOnly");
        auto c =
            connector(QStringLiteral("platform/api"), QStringLiteral("STELLA_TEST_GLCI_USERONLY"));
        auto op = test::runToEnd(c->testConnection(nullptr));
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->steps().last().id, StepId::Permission);
        QVERIFY2(op->error().message.contains(
                     QLatin1String("lacks read_api (needed to list pipelines and jobs)")),
                 qPrintable(op->error().message));
        // Discovery, which does not check scopes first, reads GitLab's insufficient_scope.
        auto found = test::runToEnd(c->discover(ResourceType::Pipelines, {}, nullptr));
        QCOMPARE(found->outcome(), ConnectorOperation::Outcome::Failed);
        QVERIFY2(found->error().message.contains(QLatin1String("403 insufficient_scope")),
                 qPrintable(found->error().message));
        QVERIFY2(found->error().hint.contains(QLatin1String("api scope")),
                 qPrintable(found->error().hint));
    }

    void revokedOrExpiredToken_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<QString>("says");
        QTest::newRow("revoked") << int(FakeGitLab::Token::State::Revoked)
                                 << QStringLiteral("was revoked");
        QTest::newRow("expired") << int(FakeGitLab::Token::State::Expired)
                                 << QStringLiteral("has expired");
    }

    void revokedOrExpiredToken()
    {
        QFETCH(int, state);
        QFETCH(QString, says);
        m_gitlab->tokens.first().state = FakeGitLab::Token::State(state);
        auto c = connector(QStringLiteral("platform/api"));
        auto op = test::runToEnd(c->testConnection(nullptr));
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->steps().last().id, StepId::Authenticate);
        QVERIFY2(op->error().message.contains(says), qPrintable(op->error().message));
        QVERIFY(op->error().hint.contains(QLatin1String("authref://env/STELLA_TEST_GLCI_TOKEN")));
        auto found = test::runToEnd(c->discover(ResourceType::Jobs, {}, nullptr));
        QVERIFY2(found->error().message.contains(says), qPrintable(found->error().message));
        QVERIFY(!(test::stepsText(*op) + test::stepsText(*found))
                     .contains(QString::fromLatin1(kToken)));
    }

    void htmlFromAProxy()
    {
        m_gitlab->proxy = FakeGitLab::Proxy::SignInPage;
        auto c = connector(QStringLiteral("platform/api"));
        auto op = test::runToEnd(c->testConnection(nullptr));
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->steps().last().id, StepId::Identify);
        QVERIFY2(op->error().message.contains(QLatin1String("HTML page")),
                 qPrintable(op->error().message));
        auto found = test::runToEnd(c->discover(ResourceType::Pipelines, {}, nullptr));
        QVERIFY2(found->error().message.contains(QLatin1String("HTML page")),
                 qPrintable(found->error().message));
        QVERIFY(!test::stepsText(*found).contains(QLatin1String("Corporate SSO")));
    }

    // Pipelines page by offset: GitLab offers no keyset pagination for them (and would refuse
    // pagination=keyset with 405).
    void pipelinesByOffset()
    {
        QStringList expected;
        for (int n = 0; n < 247; ++n)
            m_gitlab->addPipeline(m_api, QStringLiteral("success"), QStringLiteral("main"),
                                  hoursAgo(2));
        for (auto it = m_gitlab->pipelines.crbegin(); it != m_gitlab->pipelines.crend(); ++it)
            if (it->projectId == m_api)
                expected.append(QStringLiteral("platform/api/-/pipelines/%1").arg(it->id));
        QCOMPARE(expected.size(), 250);
        auto c = connector(QStringLiteral("platform/api"));
        QCOMPARE(test::discoverNames(*c, ResourceType::Pipelines, {}), expected); // newest first
        const auto listed = m_gitlab->requestsTo(
            QStringLiteral("/api/v4/projects/%1/pipelines").arg(m_api).toLatin1());
        QCOMPARE(listed.size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(test::queryValue(listed.at(i), QStringLiteral("page")),
                     QString::number(i + 1));
            QCOMPARE(test::queryValue(listed.at(i), QStringLiteral("pagination")), QString());
            QCOMPARE(listed.at(i).header("PRIVATE-TOKEN"), kToken);
        }
    }

    // Jobs page by keyset (order_by=id, sort=desc, GitLab's cursor), so a project with more
    // jobs than the offset limit lists them all: here the limit is lowered to 100.
    void jobsByKeysetPastTheOffsetLimit()
    {
        m_gitlab->offsetLimit = 100;
        for (int n = 0; n < 248; ++n)
            m_gitlab->addJob(m_api, 1001, QStringLiteral("matrix %1").arg(n));
        QStringList expected;
        for (auto it = m_gitlab->jobs.crbegin(); it != m_gitlab->jobs.crend(); ++it)
            expected.append(QStringLiteral("platform/api/-/jobs/%1").arg(it->id));
        auto c = connector(QStringLiteral("platform/api"));
        std::unique_ptr<ConnectorOperation> op(c->discover(ResourceType::Jobs, {}, nullptr));
        QSignalSpy pages(op.get(), &ConnectorOperation::pageReady);
        QVERIFY(test::waitFinished(op.get()));
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        QCOMPARE(test::resourceNames(pages), expected);
        QCOMPARE(pages.size(), 3);
        const auto job = pages.first().first().value<QList<DiscoveredResource>>().first();
        QCOMPARE(job.attributes.value(QStringLiteral("name")).toString(),
                 QStringLiteral("matrix 247"));
        QCOMPARE(job.attributes.value(QStringLiteral("pipelineId")).toInt(), 1001);
        const auto listed =
            m_gitlab->requestsTo(QStringLiteral("/api/v4/projects/%1/jobs").arg(m_api).toLatin1());
        QCOMPARE(listed.size(), 3);
        for (const auto &r : listed) {
            QCOMPARE(test::queryValue(r, QStringLiteral("pagination")), QStringLiteral("keyset"));
            QCOMPARE(test::queryValue(r, QStringLiteral("order_by")), QStringLiteral("id"));
            QCOMPARE(test::queryValue(r, QStringLiteral("sort")), QStringLiteral("desc"));
        }
        QVERIFY(test::queryValue(listed.at(0), QStringLiteral("cursor")).isEmpty());
        QVERIFY(!test::queryValue(listed.at(2), QStringLiteral("cursor")).isEmpty());
    }

    // A group: its projects (subgroups included) one after the other; a project with CI/CD
    // disabled is left out rather than failing the listing with GitLab's 403.
    void groupPipelinesAndJobs()
    {
        m_gitlab->addGroup(QStringLiteral("platform/tools"));
        const int lint = m_gitlab->addProject(QStringLiteral("platform/tools/lint"), {m_user}).id;
        m_gitlab->addPipeline(lint, QStringLiteral("failed"), QStringLiteral("main"), hoursAgo(9));
        auto c = connector(QStringLiteral("platform"), kEnv, 2);
        QStringList found = test::discoverNames(*c, ResourceType::Pipelines, {});
        QStringList expected;
        for (const FakeGitLab::Pipeline &p : m_gitlab->pipelines)
            expected.append(QStringLiteral("%1/-/pipelines/%2")
                                .arg(m_gitlab->project(QString::number(p.projectId))->path)
                                .arg(p.id));
        found.sort();
        expected.sort();
        QCOMPARE(found, expected);
        QVERIFY(m_gitlab->requestsTo("/api/v4/projects/3/pipelines").isEmpty()); // platform/docs
        const auto groupProjects = m_gitlab->requestsTo("/api/v4/groups/platform/projects");
        QCOMPARE(groupProjects.size(), 2); // 3 projects with CI/CD + docs, 2 per page
        QCOMPARE(test::queryValue(groupProjects.first(), QStringLiteral("include_subgroups")),
                 QStringLiteral("true"));
        QCOMPARE(
            test::discoverNames(*c, ResourceType::Jobs, QStringLiteral("platform/api/*")).size(),
            2);
    }

    void healthCheck()
    {
        auto c = connector(QStringLiteral("platform/api"));
        auto op = test::runToEnd(c->checkHealth(nullptr));
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Succeeded);
        STELLA_COMPARE_ENUM(op->healthStatus(), HealthStatus::Healthy);
        m_gitlab->tokens.first().state = FakeGitLab::Token::State::Revoked;
        auto refused = test::runToEnd(c->checkHealth(nullptr));
        STELLA_COMPARE_ENUM(refused->healthStatus(), HealthStatus::Degraded);
    }
};

QTEST_GUILESS_MAIN(TestGitLabCiConnector)
#include "tst_gitlabciconnector.moc"
