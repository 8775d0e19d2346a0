// SPDX-License-Identifier: Apache-2.0
// The OSV mirror connector against a loopback server that follows OSV's API v1 as osv.dev
// documents it, replaying OSV's own recorded answers (tests/fixtures/osv/): GET /v1/vulns/{id},
// POST /v1/query for a package, POST /v1/querybatch, {} for a package without
// vulnerabilities, gRPC-style error bodies. OSV is judged by answering correctly, so the bad
// answers here are answers of the wrong shape.
#include "ConnectorTestSupport.h"
#include "connectors/feeds/osvmirror/OsvMirrorConnector.h"
#include "core/connectors/StepIds.h"
#include "feeds/FeedFakes.h"

#include <QJsonDocument>
#include <QTest>

using namespace stella;
using test::feeds::FakeOsv;
using Server = test::LoopbackHttpServer;

namespace {
const QString kFixtures = QStringLiteral(STELLA_FIXTURES "/osv");
// The package OSV's recorded /v1/query answer is for.
const QJsonObject kMruby{{QStringLiteral("ecosystem"), QStringLiteral("OSS-Fuzz")},
                         {QStringLiteral("package"), QStringLiteral("mruby")}};
} // namespace

class TestOsvMirrorConnector : public QObject
{
    Q_OBJECT

    test::ConnectorHarness m_harness;
    FakeOsv m_osv{kFixtures};
    std::unique_ptr<Server> m_server;

    std::unique_ptr<OsvMirrorConnector> connector(QJsonObject config = kMruby,
                                                  const QString &envVar = {})
    {
        Integration i = test::integrationFor(QStringLiteral("OsvMirror"),
                                             m_server->url().toString(), envVar, config);
        return m_harness.make<OsvMirrorConnector>(i);
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("STELLA_TEST_OSV_GATEWAY", "gw-t0ken-osv");
        qputenv("STELLA_TEST_OSV_WRONG", "gw-wrong");
    }

    // A fresh OSV for each case: its own answers and its own record of requests.
    void init()
    {
        m_osv = FakeOsv(kFixtures);
        m_server =
            std::make_unique<Server>([this](const Server::Request &r) { return m_osv.handle(r); });
        QVERIFY(m_server->listen());
    }

    void testConnectionReplaysOsvsAnswers()
    {
        auto op = test::runToEnd(connector()->testConnection(nullptr));
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        QCOMPARE(test::stepIds(*op),
                 (QStringList{StepId::Credential, StepId::Reach, StepId::Identify,
                              StepId::Authenticate, StepId::Permission}));
        QCOMPARE(op->server().product, QStringLiteral("OSV API"));
        QVERIFY2(op->steps().at(2).message.contains(QLatin1String("OSV-2020-111")),
                 qPrintable(test::stepsText(*op)));
        QVERIFY2(op->steps().at(3).message.startsWith(
                     QStringLiteral("OSS-Fuzz/mruby: 1 vulnerabilities (OSV-2020-744…)")),
                 qPrintable(test::stepsText(*op)));
        QVERIFY2(op->steps().at(4).message.contains(QLatin1String("4 vulnerabilities")),
                 qPrintable(test::stepsText(*op)));
        // The query as OSV documents it: POST, JSON, the package by ecosystem and name.
        const Server::Request query = m_server->requests().at(m_server->requests().size() - 2);
        QCOMPARE(query.method, QByteArray("POST"));
        QCOMPARE(query.path(), QByteArray("/v1/query"));
        QCOMPARE(query.header("Content-Type"), QByteArray("application/json"));
        QCOMPARE(
            QJsonDocument::fromJson(query.body).object(),
            (QJsonObject{{QStringLiteral("package"),
                          QJsonObject{{QStringLiteral("ecosystem"), QStringLiteral("OSS-Fuzz")},
                                      {QStringLiteral("name"), QStringLiteral("mruby")}}}}));
        QCOMPARE(m_server->requests().last().path(), QByteArray("/v1/querybatch"));
    }

    void healthQueriesAndBatchQueries()
    {
        auto op = test::runToEnd(connector()->checkHealth(nullptr));
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        STELLA_COMPARE_ENUM(op->healthStatus(), HealthStatus::Healthy);
        QCOMPARE(m_server->requests().size(), 2);
        // Old records are no reason for concern: the package's advisories are years old.
        QVERIFY(op->steps().last().message.contains(QLatin1String("OSV-2020-744")));
    }

    // OSV pages a long answer: the first page's count is said as a lower bound.
    void aPagedAnswerIsCountedAsALowerBound()
    {
        m_osv.queryBody =
            QByteArray(R"({"vulns":[{"id":"PYSEC-2019-217","modified":"2024-11-21T14:22:50Z"}],)"
                       R"("next_page_token":"CiAKHgoJUHlQSQ"})");
        auto op = test::runToEnd(connector()->checkHealth(nullptr));
        STELLA_COMPARE_ENUM(op->healthStatus(), HealthStatus::Healthy);
        QVERIFY2(op->steps().last().message.startsWith(QStringLiteral(
                     "OSS-Fuzz/mruby: at least 1 vulnerabilities (PYSEC-2019-217…)")),
                 qPrintable(test::stepsText(*op)));
    }

    // The default known package is PyPI jinja2; a mirror that knows nothing of it is empty.
    void aMirrorThatKnowsNothingOfTheKnownPackageIsDegraded()
    {
        auto op = test::runToEnd(connector({})->checkHealth(nullptr));
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        STELLA_COMPARE_ENUM(op->healthStatus(), HealthStatus::Degraded);
        QVERIFY2(op->steps().last().message.contains(
                     QLatin1String("OSV knows no vulnerability of PyPI/jinja2")),
                 qPrintable(test::stepsText(*op)));
        QCOMPARE(QJsonDocument::fromJson(m_server->requests().first().body).object(),
                 (QJsonObject{{QStringLiteral("package"),
                               QJsonObject{{QStringLiteral("ecosystem"), QStringLiteral("PyPI")},
                                           {QStringLiteral("name"), QStringLiteral("jinja2")}}}}));
    }

    // Bad input: an OSV answer that is not OSV.
    void anAnswerThatIsNotOsv_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("says");
        QTest::newRow("another API") << QByteArray(R"({"data":[],"status":"ok"})")
                                     << QStringLiteral("fields data, status where OSV sends vulns");
        QTest::newRow("vulns not a list")
            << QByteArray(R"({"vulns":{"id":"X"}})") << QStringLiteral("vulns is not a list");
        QTest::newRow("record without id")
            << QByteArray(R"({"vulns":[{"summary":"x","modified":"2024-01-01T00:00:00Z"}]})")
            << QStringLiteral("a vulns entry without an id");
        QTest::newRow("record without time")
            << QByteArray(R"({"vulns":[{"id":"GHSA-1234","modified":"yesterday"}]})")
            << QStringLiteral("GHSA-1234 without a readable modified time");
        QTest::newRow("a list") << QByteArray(R"([{"id":"GHSA-1234"}])")
                                << QStringLiteral("not an object");
    }
    void anAnswerThatIsNotOsv()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, says);
        m_osv.queryBody = body;
        auto op = test::runToEnd(connector()->checkHealth(nullptr));
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Failed,
                 qPrintable(test::stepsText(*op)));
        QVERIFY2(op->error().message.contains(says), qPrintable(op->error().toText()));
        QVERIFY2(op->error().message.startsWith(QLatin1String("POST /v1/query for OSS-Fuzz/mruby")),
                 qPrintable(op->error().toText()));
        QVERIFY(!op->error().hint.isEmpty());
        QCOMPARE(op->steps().last().id, StepId::Health);
    }

    // Bad input: an HTML page.
    void anHtmlPageIsNotOsv()
    {
        m_osv.html = true;
        auto op = test::runToEnd(connector()->testConnection(nullptr));
        QVERIFY(op->outcome() == ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->steps().last().id, StepId::Identify);
        QVERIFY2(op->error().message.contains(QLatin1String("HTML page")),
                 qPrintable(op->error().toText()));
    }

    void aGatewayTokenGoesAsBearer()
    {
        m_osv.token = "gw-t0ken-osv";
        auto op = test::runToEnd(
            connector(kMruby, QStringLiteral("STELLA_TEST_OSV_GATEWAY"))->checkHealth(nullptr));
        STELLA_COMPARE_ENUM(op->healthStatus(), HealthStatus::Healthy);
        QCOMPARE(m_server->requests().last().header("Authorization"),
                 QByteArray("Bearer gw-t0ken-osv"));

        auto wrong = test::runToEnd(
            connector(kMruby, QStringLiteral("STELLA_TEST_OSV_WRONG"))->checkHealth(nullptr));
        QVERIFY(wrong->outcome() == ConnectorOperation::Outcome::Failed);
        QVERIFY2(wrong->error().message.contains(QLatin1String("401")),
                 qPrintable(wrong->error().toText()));
        QVERIFY2(wrong->error().hint.contains(QLatin1String("authref://env/STELLA_TEST_OSV_WRONG")),
                 qPrintable(wrong->error().hint));
        QVERIFY(!test::stepsText(*wrong).contains(QLatin1String("gw-wrong")));
    }
};

QTEST_GUILESS_MAIN(TestOsvMirrorConnector)
#include "tst_osvmirrorconnector.moc"
