// SPDX-License-Identifier: Apache-2.0
// The Jenkins connector against FakeJenkins, a loopback server that follows Jenkins' remote
// access API: /api/json on the root, folders and jobs, the tree= query honoured level by level,
// X-Jenkins / X-Hudson / X-Jenkins-Session, /whoAmI/api/json, Basic user:apiToken with Jenkins'
// 401 for a wrong token, its 403 with X-You-Are-Authenticated-As and X-Required-Permission, and
// a context path (/jenkins).
#include "ConnectorTestSupport.h"
#include "FakeJenkins.h"
#include "connectors/cicd/jenkins/JenkinsConnector.h"
#include "connectors/cicd/jenkins/JenkinsJobWalk.h"
#include "core/connectors/StepIds.h"
#include "core/model/ResourceTypes.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace stella;
using test::FakeJenkins;

namespace {
constexpr int kJobs = 1000;

int apiRequests(const FakeJenkins &jenkins, qsizetype since)
{
    int n = 0;
    const auto all = const_cast<FakeJenkins &>(jenkins).requests();
    for (qsizetype i = since; i < all.size(); ++i)
        n += all[i].path().endsWith("/api/json") && !all[i].path().contains("whoAmI") ? 1 : 0;
    return n;
}
} // namespace

class TestJenkinsConnector : public QObject
{
    Q_OBJECT

    test::ConnectorHarness m_harness;
    FakeJenkins m_jenkins;
    QStringList m_allJobs;

    std::unique_ptr<JenkinsConnector> connector(const QString &envVar, QJsonObject config = {})
    {
        return m_harness.make<JenkinsConnector>(test::integrationFor(
            QStringLiteral("Jenkins"), m_jenkins.url().toString(), envVar, config));
    }

    std::unique_ptr<ConnectorOperation> discover(const QString &type, QJsonObject config = {},
                                                 QStringList *names = nullptr)
    {
        auto c = connector(QStringLiteral("STELLA_TEST_JENKINS"), config);
        std::unique_ptr<ConnectorOperation> op(c->discover(type, {}, nullptr));
        QSignalSpy pages(op.get(), &ConnectorOperation::pageReady);
        if (!test::waitFinished(op.get()))
            qWarning("discovery did not finish");
        if (names)
            *names = test::resourceNames(pages);
        return op;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<QList<DiscoveredResource>>();
        qputenv("STELLA_TEST_JENKINS", "stella:11a2b3c4d5e6f708192a3b4c5d6e7f8091");
        qputenv("STELLA_TEST_JENKINS_WRONG", "stella:not-the-api-token");
        qputenv("STELLA_TEST_JENKINS_NOREAD", "nobody:22b3c4d5e6f708192a3b4c5d6e7f809122");
        m_jenkins.addUser({QStringLiteral("stella"), "11a2b3c4d5e6f708192a3b4c5d6e7f8091"});
        m_jenkins.addUser({QStringLiteral("nobody"), "22b3c4d5e6f708192a3b4c5d6e7f809122", false});
        m_jenkins.setContextPath(QStringLiteral("/jenkins"));
        QVERIFY(m_jenkins.listen());
    }

    void init()
    {
        m_allJobs = m_jenkins.fillNested(3, 5, kJobs);
        m_jenkins.setOverride({});
        m_jenkins.setQuietingDown(false);
        m_jenkins.setRootUrl({});
    }

    void treeQueryAsked()
    {
        QCOMPARE(JenkinsJobWalk::treeQuery(2),
                 QStringLiteral("jobs[name,url,_class,color,lastBuild[number,result,timestamp],"
                                "jobs[name,url,_class,color,lastBuild[number,result,timestamp],"
                                "jobs[name]]]"));
        QCOMPARE(JenkinsJobWalk::relativeJobPath(
                     QStringLiteral("https://ci.example.com/jenkins/job/a/job/b%20c/"),
                     QStringLiteral("/jenkins")),
                 QStringLiteral("job/a/job/b%20c/"));
        QCOMPARE(JenkinsJobWalk::relativeJobPath(QStringLiteral("https://ci.example.com/view/x/"),
                                                 QString()),
                 QString());
        QCOMPARE(JenkinsJobWalk::folderPath(QStringLiteral("platform/release x")),
                 QStringLiteral("job/platform/job/release%20x/"));
    }

    // One answer read without a request (what the fuzz target drives): two levels of jobs,
    // the folder named only by its children queued, a cycle, a URL off Jenkins and a nameless
    // item left out, each skip said.
    void oneAnswerIsReadTwoLevelsDeep()
    {
        const QByteArray answer =
            "{\"jobs\":["
            "{\"_class\":\"com.cloudbees.hudson.plugins.folder.Folder\",\"name\":\"platform\","
            "\"url\":\"https://ci.example.com/ci/job/platform/\",\"jobs\":["
            "{\"_class\":\"org.jenkinsci.plugins.workflow.job.WorkflowJob\",\"name\":\"deploy\","
            "\"url\":\"https://ci.example.com/ci/job/platform/job/deploy/\",\"color\":\"blue\"},"
            "{\"_class\":\"com.cloudbees.hudson.plugins.folder.Folder\",\"name\":\"release\","
            "\"url\":\"https://ci.example.com/ci/job/platform/job/release/\","
            "\"jobs\":[{\"name\":\"app\"}]},"
            "{\"name\":\"again\",\"url\":\"https://ci.example.com/ci/job/platform/"
            "\",\"jobs\":[]}]},"
            "{\"name\":\"outside\",\"url\":\"https://ci.example.com/view/all/"
            "\",\"jobs\":[{\"name\":\"x\"}]},"
            "{\"name\":\"\",\"url\":\"https://ci.example.com/ci/job/nameless/\"},"
            "{\"_class\":\"hudson.model.FreeStyleProject\",\"name\":\"nightly\","
            "\"url\":\"https://ci.example.com/ci/job/nightly/\",\"color\":\"red\"}]}";
        QStringList next;
        QStringList skipped;
        const QList<JenkinsJob> jobs = JenkinsJobWalk::jobsIn(
            QJsonDocument::fromJson(answer).object(), QStringLiteral("/ci"), 10, &next, &skipped);
        QStringList names;
        for (const JenkinsJob &job : jobs)
            names.append(job.fullName);
        QCOMPARE(names,
                 QStringList({QStringLiteral("platform/deploy"), QStringLiteral("nightly")}));
        QVERIFY(jobs.first().isPipeline());
        QCOMPARE(jobs.first().parentClass,
                 QStringLiteral("com.cloudbees.hudson.plugins.folder.Folder"));
        QCOMPARE(next, QStringList{QStringLiteral("job/platform/job/release/")});
        QCOMPARE(skipped.size(), 2);
        QVERIFY2(skipped.at(0).contains(QStringLiteral("cycle")), qPrintable(skipped.at(0)));
        QVERIFY2(skipped.at(1).startsWith(QStringLiteral("outside")), qPrintable(skipped.at(1)));
    }

    void testConnectionUnderAContextPath()
    {
        const qsizetype before = m_jenkins.requests().size();
        auto c = connector(QStringLiteral("STELLA_TEST_JENKINS"));
        auto op = test::runToEnd(c->testConnection(nullptr));
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        QCOMPARE(test::stepIds(*op),
                 (QStringList{StepId::Credential, StepId::Reach, StepId::Identify,
                              StepId::Authenticate, StepId::Permission}));
        QCOMPARE(test::stepStates(*op), QStringList(5, QStringLiteral("passed")));
        QCOMPARE(op->server().product, QStringLiteral("Jenkins"));
        QCOMPARE(op->server().version, QStringLiteral("2.479.1"));
        // The anonymous probe is refused (login required), and still names the version.
        QVERIFY2(op->steps().at(1).message.contains(QStringLiteral("→ 403")),
                 qPrintable(op->steps().at(1).message));
        QCOMPARE(op->steps().at(3).message, QStringLiteral("signed in as stella (authenticated)"));
        for (const auto &r : m_jenkins.requests().mid(before))
            QVERIFY2(r.path().startsWith("/jenkins/"), r.target.constData());
        QVERIFY(!test::stepsText(*op).contains(QLatin1String("11a2b3c4d5e6")));
    }

    void discoversAThousandJobsInNestedFolders()
    {
        const qsizetype before = m_jenkins.requests().size();
        QStringList found;
        auto op = discover(ResourceType::Jobs, {}, &found);
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        QCOMPARE(found.size(), kJobs);
        found.sort();
        QStringList expected = m_allJobs;
        expected.sort();
        QCOMPARE(found, expected);
        // Two levels per request: the root (levels 1-2), then each of the 25 level-2 folders.
        QCOMPARE(apiRequests(m_jenkins, before), 26);
        const auto sent = m_jenkins.requests().mid(before);
        QCOMPARE(test::queryValue(sent.first(), QStringLiteral("tree")),
                 JenkinsJobWalk::treeQuery(2));
        QVERIFY(sent.last().path().startsWith("/jenkins/job/a"));
    }

    void eachJobCarriesItsLastBuild()
    {
        auto c = connector(QStringLiteral("STELLA_TEST_JENKINS"));
        std::unique_ptr<ConnectorOperation> op(
            c->discover(ResourceType::Jobs, QStringLiteral("a0/b0/c0/job-000[01]"), nullptr));
        QSignalSpy pages(op.get(), &ConnectorOperation::pageReady);
        QVERIFY(test::waitFinished(op.get()));
        QList<DiscoveredResource> jobs;
        for (const auto &page : pages)
            jobs += page.first().value<QList<DiscoveredResource>>();
        QCOMPARE(jobs.size(), 2);
        QCOMPARE(jobs[0].attributes.value(QStringLiteral("class")).toString(),
                 QStringLiteral("FreeStyleProject"));
        QCOMPARE(jobs[0].attributes.value(QStringLiteral("lastResult")).toString(),
                 QStringLiteral("SUCCESS"));
        QCOMPARE(jobs[1].attributes.value(QStringLiteral("lastResult")).toString(),
                 QStringLiteral("FAILURE"));
        QCOMPARE(jobs[1].attributes.value(QStringLiteral("lastBuild")).toInt(), 2);
        QCOMPARE(jobs[1].attributes.value(QStringLiteral("color")).toString(),
                 QStringLiteral("red"));
        QCOMPARE(jobs[1].attributes.value(QStringLiteral("lastBuildAt")).toString(),
                 QStringLiteral("2025-12-01T12:00:00.000Z"));
    }

    void pipelinesAreWorkflowJobsAndBranches()
    {
        auto jobs = m_jenkins.jobs();
        jobs.push_back(FakeJenkins::multibranch(
            QStringLiteral("web"), {QStringLiteral("main"), QStringLiteral("feature%2Flogin")}));
        m_jenkins.setJobs(jobs);
        QStringList found;
        auto op = discover(ResourceType::Pipelines, {}, &found);
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        QCOMPARE(found.size(), kJobs / 2 + 2);
        QVERIFY(found.contains(QStringLiteral("web/main")));
        QVERIFY(found.contains(QStringLiteral("web/feature%2Flogin")));
        QVERIFY(!found.contains(QStringLiteral("a0/b0/c0/job-0000"))); // freestyle
        QVERIFY(!found.contains(QStringLiteral("web")));
        QStringList jobs2;
        discover(ResourceType::Jobs, {}, &jobs2);
        QCOMPARE(jobs2.size(), kJobs + 2);
    }

    void folderLimitsDiscovery()
    {
        QStringList found;
        auto op = discover(ResourceType::Jobs,
                           {{QStringLiteral("folder"), QStringLiteral("a1/b2")}}, &found);
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        QCOMPARE(found.size(), 40);
        for (const QString &name : found)
            QVERIFY2(name.startsWith(QLatin1String("a1/b2/c")), qPrintable(name));
        QCOMPARE(m_jenkins.requests().last().path(), QByteArray("/jenkins/job/a1/job/b2/api/json"));
    }

    void missingFolderIsNamed()
    {
        auto op = discover(ResourceType::Jobs,
                           {{QStringLiteral("folder"), QStringLiteral("a1/nothing")}});
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->error().kind, ErrorKind::NotFound);
        QVERIFY2(op->error().message.contains(QLatin1String("a1/nothing")),
                 qPrintable(op->error().toText()));
        QVERIFY(op->error().hint.contains(QLatin1String("folder")));
    }

    // A server whose folder claims an ancestor's URL: walked once, said, not for ever.
    void folderCycleIsBounded()
    {
        std::vector<FakeJenkins::Item> jobs{FakeJenkins::folder(
            QStringLiteral("a"),
            {FakeJenkins::folder(
                QStringLiteral("b"),
                {FakeJenkins::job(QStringLiteral("build"), FakeJenkins::kFreestyle, 3,
                                  QStringLiteral("SUCCESS")),
                 FakeJenkins::folder(
                     QStringLiteral("c"),
                     {FakeJenkins::folder(
                         QStringLiteral("back"),
                         {FakeJenkins::job(QStringLiteral("x"), FakeJenkins::kFreestyle, 1,
                                           QStringLiteral("SUCCESS"))})})})})};
        jobs[0].jobs[0].jobs[1].jobs[0].urlOverride = QStringLiteral("job/a/");
        m_jenkins.setJobs(jobs);
        const qsizetype before = m_jenkins.requests().size();
        QStringList found;
        auto op = discover(ResourceType::Jobs, {}, &found);
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        QCOMPARE(found, QStringList{QStringLiteral("a/b/build")});
        STELLA_COMPARE_ENUM(op->steps().last().state, ConnectorStep::State::Warning);
        QVERIFY2(op->steps().last().message.contains(QLatin1String("a/b/c/back (a folder cycle")),
                 qPrintable(op->steps().last().message));
        QVERIFY(apiRequests(m_jenkins, before) <= 2);
    }

    void endlessNestingIsBounded()
    {
        FakeJenkins::Item deep;
        deep.name = QStringLiteral("deep");
        deep.endless = true;
        m_jenkins.setJobs({deep});
        const qsizetype before = m_jenkins.requests().size();
        auto op = discover(ResourceType::Jobs, {{QStringLiteral("maxDepth"), 7}});
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        STELLA_COMPARE_ENUM(op->steps().last().state, ConnectorStep::State::Warning);
        QVERIFY2(op->steps().last().message.contains(QLatin1String("nested deeper than 7 levels")),
                 qPrintable(op->steps().last().message));
        // Levels 1-2, 3-4, 5-6, 7: four requests, then it stops.
        QCOMPARE(apiRequests(m_jenkins, before), 4);
    }

    // Jenkins' root URL set to the public name while the endpoint is the internal address:
    // folder URLs are followed relative to the root, on the endpoint.
    void rootUrlElsewhere()
    {
        m_jenkins.setRootUrl(QStringLiteral("https://ci.example.com/jenkins/"));
        QStringList found;
        auto op = discover(ResourceType::Jobs, {}, &found);
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        QCOMPARE(found.size(), kJobs);
    }

    void wrongTokenIs401()
    {
        auto c = connector(QStringLiteral("STELLA_TEST_JENKINS_WRONG"));
        auto op = test::runToEnd(c->testConnection(nullptr));
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->steps().last().id, StepId::Authenticate);
        const QString text = op->error().toText();
        QVERIFY2(op->error().message.contains(QLatin1String("401 Unauthorized")), qPrintable(text));
        QVERIFY2(
            op->error().hint.contains(QLatin1String("authref://env/STELLA_TEST_JENKINS_WRONG")),
            qPrintable(text));
        QVERIFY(!test::stepsText(*op).contains(QLatin1String("not-the-api-token")));
    }

    void tokenWithoutTheUser()
    {
        qputenv("STELLA_TEST_JENKINS_TOKENONLY", "11a2b3c4d5e6f708192a3b4c5d6e7f8091");
        auto c = connector(QStringLiteral("STELLA_TEST_JENKINS_TOKENONLY"));
        auto op = test::runToEnd(c->testConnection(nullptr));
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->error().kind, ErrorKind::InvalidInput);
        QVERIFY2(op->error().message.contains(QLatin1String("user:apiToken")),
                 qPrintable(op->error().toText()));
        QVERIFY(!test::stepsText(*op).contains(QLatin1String("11a2b3c4d5e6")));
    }

    void userWithoutOverallRead()
    {
        auto c = connector(QStringLiteral("STELLA_TEST_JENKINS_NOREAD"));
        auto op = test::runToEnd(c->testConnection(nullptr));
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->steps().last().id, StepId::Permission);
        const QString text = op->error().toText();
        QVERIFY2(op->error().message.contains(QLatin1String("403 Forbidden")), qPrintable(text));
        QVERIFY2(op->error().message.contains(QLatin1String("nobody lacks Overall/Read")),
                 qPrintable(text));
        QVERIFY2(op->error().hint.contains(QLatin1String("Overall/Read")), qPrintable(text));
        QVERIFY(!text.contains(QLatin1String("<html")));
    }

    void anonymousIsRefused()
    {
        auto c = connector(QString());
        auto op = test::runToEnd(c->testConnection(nullptr));
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->steps().last().id, StepId::Permission);
        QVERIFY2(op->error().message.contains(QLatin1String("treats the request as anonymous")),
                 qPrintable(op->error().toText()));
        QVERIFY2(!op->error().message.contains(QLatin1String("Authentication required")),
                 qPrintable(op->error().toText()));
    }

    // Something in front of Jenkins drops the Authorization header: /whoAmI says anonymous.
    void credentialNotAccepted()
    {
        m_jenkins.setOverride(
            [](const FakeJenkins::Request &r) -> std::optional<FakeJenkins::Response> {
                if (r.path().endsWith("/whoAmI/api/json"))
                    return FakeJenkins::Response::json(
                        200, "{\"_class\":\"hudson.security.WhoAmI\",\"anonymous\":true,"
                             "\"authenticated\":true,\"authorities\":[\"anonymous\"],"
                             "\"name\":\"anonymous\"}");
                return std::nullopt;
            });
        auto c = connector(QStringLiteral("STELLA_TEST_JENKINS"));
        auto op = test::runToEnd(c->testConnection(nullptr));
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->steps().last().id, StepId::Authenticate);
        QVERIFY2(op->error().message.contains(QLatin1String("credential was not accepted")),
                 qPrintable(op->error().toText()));
    }

    void htmlLoginPageFromAProxy()
    {
        m_jenkins.setOverride(
            [](const FakeJenkins::Request &r) -> std::optional<FakeJenkins::Response> {
                if (r.target.contains("lastBuild"))
                    return FakeJenkins::Response{
                        200,
                        {{"Content-Type", "text/html"}},
                        "<html><head><title>Sign in - Corporate SSO</title></head><body><form "
                        "action=\"/oauth2/start\"></form></body></html>"};
                return std::nullopt;
            });
        auto op = discover(ResourceType::Jobs);
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QVERIFY2(op->error().message.contains(QLatin1String("HTML page")),
                 qPrintable(op->error().toText()));
        QVERIFY(!test::stepsText(*op).contains(QLatin1String("Corporate SSO")));
    }

    void proxyErrorPage()
    {
        m_jenkins.setOverride([](const FakeJenkins::Request &) {
            return std::optional<FakeJenkins::Response>(FakeJenkins::proxyErrorPage(502));
        });
        auto c = connector(QStringLiteral("STELLA_TEST_JENKINS"));
        auto op = test::runToEnd(c->testConnection(nullptr));
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->steps().last().id, StepId::Identify);
        const QString text = op->error().toText();
        QVERIFY2(op->error().message.contains(QLatin1String("HTTP 502 without Jenkins' X-Jenkins")),
                 qPrintable(text));
        QVERIFY2(op->error().message.contains(QLatin1String("reverse proxy")), qPrintable(text));
        QVERIFY(!text.contains(QLatin1String("nginx")));
        // Discovery through the same proxy says the same, without the page.
        auto listing = discover(ResourceType::Jobs);
        QCOMPARE(listing->outcome(), ConnectorOperation::Outcome::Failed);
        QVERIFY2(listing->error().message.contains(QLatin1String("no X-Jenkins header")),
                 qPrintable(listing->error().toText()));
    }

    void health_data()
    {
        QTest::addColumn<bool>("quieting");
        QTest::addColumn<QString>("health");
        QTest::newRow("running") << false << QStringLiteral("Healthy");
        QTest::newRow("quieting down") << true << QStringLiteral("Degraded");
    }
    void health()
    {
        QFETCH(bool, quieting);
        QFETCH(QString, health);
        m_jenkins.setQuietingDown(quieting);
        auto c = connector(QStringLiteral("STELLA_TEST_JENKINS"));
        auto op = test::runToEnd(c->checkHealth(nullptr));
        QCOMPARE(toString(op->healthStatus()), health);
        QCOMPARE(test::queryValue(m_jenkins.requests().last(), QStringLiteral("tree")),
                 QStringLiteral("mode,quietingDown"));
    }
};

QTEST_GUILESS_MAIN(TestJenkinsConnector)
#include "tst_jenkinsconnector.moc"
