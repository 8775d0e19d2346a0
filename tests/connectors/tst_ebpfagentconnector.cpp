// SPDX-License-Identifier: Apache-2.0
// The eBPF agent connector against FakeEbpfAgent, which plays the agent's health endpoint as
// docs/providers.md decides it from Stella Ops' doctor (check.environment.connectivity):
// GET /health, 2xx reachable, over 500 ms Degraded, 401/403 a credential problem (Bearer, with
// WWW-Authenticate), a JSON status. Latency comes from the harness's clock, which the fake
// moves on before it answers: no sleeping, no wall-clock asserts.
#include "ConnectorTestSupport.h"
#include "FakeEbpfAgent.h"
#include "connectors/runtime/ebpfagent/EbpfAgentConnector.h"
#include "core/connectors/StepIds.h"

#include <QTest>

using namespace stella;
using test::FakeEbpfAgent;

namespace {
const QByteArray kToken = "sat_4f1c0a9e7b2d4c6e8a0b";
} // namespace

class TestEbpfAgentConnector : public QObject
{
    Q_OBJECT

    test::ConnectorHarness m_harness;
    std::unique_ptr<FakeEbpfAgent> m_agent;

    std::unique_ptr<EbpfAgentConnector>
    connector(const QString &envVar = QStringLiteral("STELLA_TEST_AGENT_TOKEN"),
              QJsonObject config = {}, const QString &endpoint = {})
    {
        Integration i = test::integrationFor(
            QStringLiteral("EbpfAgent"), endpoint.isEmpty() ? m_agent->url().toString() : endpoint,
            envVar, config);
        return m_harness.make<EbpfAgentConnector>(i);
    }
    static std::unique_ptr<ConnectorOperation> test(EbpfAgentConnector &c)
    {
        return test::runToEnd(c.testConnection(nullptr));
    }
    static std::unique_ptr<ConnectorOperation> health(EbpfAgentConnector &c)
    {
        return test::runToEnd(c.checkHealth(nullptr));
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("STELLA_TEST_AGENT_TOKEN", kToken);
        qputenv("STELLA_TEST_AGENT_WRONG", "sat_wrong");
        qputenv("STELLA_TEST_AGENT_SCOPELESS", "sat_no_scope");
    }

    void init()
    {
        m_agent = std::make_unique<FakeEbpfAgent>(kToken);
        m_agent->setScopelessToken("sat_no_scope");
        QVERIFY(m_agent->listen());
    }

    void testConnectionPassesEveryStep()
    {
        auto c = connector(QStringLiteral("STELLA_TEST_AGENT_TOKEN"),
                           {{QStringLiteral("nodeName"), QStringLiteral("node-1")}});
        auto op = test(*c);
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        QCOMPARE(test::stepIds(*op),
                 (QStringList{StepId::Credential, StepId::Reach, StepId::Identify,
                              StepId::Authenticate, StepId::Permission}));
        QCOMPARE(test::stepStates(*op), QStringList(5, QStringLiteral("passed")));
        QCOMPARE(op->server().product, QStringLiteral("Stella Ops eBPF agent"));
        QCOMPARE(op->server().version, QStringLiteral("1.4.2"));
        const QList<ConnectorStep> steps = op->steps();
        QVERIFY2(steps.at(1).message.startsWith(QStringLiteral("GET /health → 401")),
                 qPrintable(steps.at(1).message));
        QVERIFY2(steps.at(2).message.contains(QStringLiteral("wants a bearer token")),
                 qPrintable(steps.at(2).message));
        QCOMPARE(steps.at(3).message,
                 QStringLiteral("GET /health → 200 with the token: Stella Ops eBPF agent 1.4.2 on "
                                "node-1, status healthy in 0 ms"));
        QCOMPARE(steps.at(4).message, QStringLiteral("the agent runs on node-1, as configured"));
        STELLA_COMPARE_ENUM(op->healthStatus(), HealthStatus::Healthy);
        QVERIFY(!test::stepsText(*op).contains(QString::fromLatin1(kToken)));
        const auto requests = m_agent->requests();
        QCOMPARE(requests.size(), 2);
        QVERIFY(requests.at(0).header("Authorization").isEmpty());
        QCOMPARE(requests.at(1).header("Authorization"), "Bearer " + kToken);
    }

    // The doctor's rule: more than 500 ms is Degraded. The clock moves only when the fake says.
    void latencyOverHalfASecondIsDegraded_data()
    {
        QTest::addColumn<qint64>("answerMs");
        QTest::addColumn<QString>("health");
        QTest::newRow("instant") << qint64(0) << QStringLiteral("Healthy");
        QTest::newRow("exactly 500 ms") << qint64(500) << QStringLiteral("Healthy");
        QTest::newRow("501 ms") << qint64(501) << QStringLiteral("Degraded");
        QTest::newRow("3 s") << qint64(3000) << QStringLiteral("Degraded");
    }

    void latencyOverHalfASecondIsDegraded()
    {
        QFETCH(qint64, answerMs);
        QFETCH(QString, health);
        m_agent->setAnswerTime(&m_harness.clock(), answerMs);
        auto c = connector();
        auto op = this->health(*c);
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        QCOMPARE(toString(op->healthStatus()), health);
        const QString message = op->steps().last().message;
        QVERIFY2(message.contains(QStringLiteral("in %1 ms").arg(answerMs)), qPrintable(message));
        QCOMPARE(message.contains(QStringLiteral("slower than the 500 ms")), answerMs > 500);
    }

    // Bad input: an agent answering 401 or 403 is a credential problem, each with its own
    // message and hint, naming the AuthRef and never the token.
    void refusedTokensAreCredentialProblems_data()
    {
        QTest::addColumn<QString>("env");
        QTest::addColumn<QString>("says");
        QTest::addColumn<QString>("hint");
        QTest::newRow("401 wrong token")
            << QStringLiteral("STELLA_TEST_AGENT_WRONG")
            << QStringLiteral("rejected the credentials (401 Unauthorized)")
            << QStringLiteral(
                   "Check the agent token stored at authref://env/STELLA_TEST_AGENT_WRONG");
        QTest::newRow("403 token without the read scope")
            << QStringLiteral("STELLA_TEST_AGENT_SCOPELESS")
            << QStringLiteral("authenticated, but not allowed (403 Forbidden)")
            << QStringLiteral("The token behind authref://env/STELLA_TEST_AGENT_SCOPELESS");
        QTest::newRow("401 no token at all")
            << QString() << QStringLiteral("the agent wants a bearer token")
            << QStringLiteral("Set the integration's AuthRef");
    }

    void refusedTokensAreCredentialProblems()
    {
        QFETCH(QString, env);
        QFETCH(QString, says);
        QFETCH(QString, hint);
        auto c = connector(env);
        auto checked = health(*c);
        QCOMPARE(checked->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(checked->steps().last().id, StepId::Health);
        QVERIFY2(checked->error().message.contains(says), qPrintable(checked->error().toText()));
        QVERIFY2(checked->error().hint.contains(hint), qPrintable(checked->error().toText()));
        QVERIFY(!checked->error().toText().contains(QStringLiteral("sat_")));
        if (env.isEmpty())
            return; // without a token the test connection skips authenticate
        auto tested = test(*c);
        QCOMPARE(tested->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(tested->steps().last().id, StepId::Authenticate);
        QVERIFY2(tested->error().message.contains(says), qPrintable(tested->error().toText()));
    }

    void theAgentsOwnStatusCounts_data()
    {
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("health");
        QTest::addColumn<QString>("says");
        QTest::newRow("degraded") << QStringLiteral("degraded") << QStringLiteral("Degraded")
                                  << QStringLiteral("status degraded (ring buffer 85% full)");
        QTest::newRow("unhealthy, 503")
            << QStringLiteral("unhealthy") << QStringLiteral("Unhealthy")
            << QStringLiteral("HTTP 503: Stella Ops eBPF agent 1.4.2 on node-1, status unhealthy "
                              "(ring buffer 85% full)");
    }

    void theAgentsOwnStatusCounts()
    {
        QFETCH(QString, status);
        QFETCH(QString, health);
        QFETCH(QString, says);
        m_agent->setStatus(status, QStringLiteral("ring buffer 85% full"));
        auto c = connector();
        auto op = this->health(*c);
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        QCOMPARE(toString(op->healthStatus()), health);
        QVERIFY2(op->steps().last().message.contains(says), qPrintable(op->steps().last().message));
        QCOMPARE(m_agent->requests().size(), 1); // a 503 is the agent's answer, not a retry
    }

    void notTheAgent_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("says");
        QTest::newRow("an HTML login page")
            << 200 << QByteArray("text/html") << QByteArray("<html><form>Sign in</form></html>")
            << QStringLiteral("HTML page");
        QTest::newRow("JSON without a status")
            << 200 << QByteArray("application/json") << QByteArray(R"({"ok":true})")
            << QStringLiteral("not a Stella Ops agent");
        QTest::newRow("401 without a Bearer challenge")
            << 401 << QByteArray("text/html") << QByteArray("<html>Unauthorized</html>")
            << QStringLiteral("without a Bearer challenge");
    }

    void notTheAgent()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(QString, says);
        test::LoopbackHttpServer server([&](const auto &) {
            return test::LoopbackHttpServer::Response{
                status, {{"Content-Type", contentType}}, body};
        });
        QVERIFY(server.listen());
        auto c = connector(QStringLiteral("STELLA_TEST_AGENT_TOKEN"), {}, server.url().toString());
        auto op = test(*c);
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->steps().last().id, StepId::Identify);
        QVERIFY2(op->error().message.contains(says), qPrintable(op->error().toText()));
        QVERIFY(!op->error().hint.isEmpty());
        QVERIFY(!test::stepsText(*op).contains(QStringLiteral("Sign in")));
    }

    void aProxyErrorPageIsUnhealthy()
    {
        test::LoopbackHttpServer server([](const auto &) {
            return test::LoopbackHttpServer::Response{
                502, {{"Content-Type", "text/html"}}, "<html>502 Bad Gateway</html>"};
        });
        QVERIFY(server.listen());
        auto c = connector(QStringLiteral("STELLA_TEST_AGENT_TOKEN"), {}, server.url().toString());
        auto op = health(*c);
        QVERIFY(op->outcome() == ConnectorOperation::Outcome::Succeeded);
        STELLA_COMPARE_ENUM(op->healthStatus(), HealthStatus::Unhealthy);
        QVERIFY2(op->steps().last().message.startsWith(QStringLiteral("GET /health → 502")),
                 qPrintable(op->steps().last().message));
        QVERIFY(!op->steps().last().message.contains(QStringLiteral("Bad Gateway")));
    }

    void anotherNodeIsAWarning()
    {
        auto c = connector(QStringLiteral("STELLA_TEST_AGENT_TOKEN"),
                           {{QStringLiteral("nodeName"), QStringLiteral("node-7")}});
        auto op = test(*c);
        QVERIFY(op->outcome() == ConnectorOperation::Outcome::Succeeded);
        QCOMPARE(toString(op->steps().last().state), QStringLiteral("warning"));
        QVERIFY2(op->steps().last().message.contains(
                     QStringLiteral("the agent reports node node-1, not node-7")),
                 qPrintable(op->steps().last().message));
    }

    void anAgentWithoutATokenIsReadAnonymously()
    {
        m_agent = std::make_unique<FakeEbpfAgent>(QByteArray());
        QVERIFY(m_agent->listen());
        auto c = connector(QString());
        auto op = test(*c);
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        QCOMPARE(test::stepStates(*op),
                 (QStringList{QStringLiteral("skipped"), QStringLiteral("passed"),
                              QStringLiteral("passed"), QStringLiteral("skipped"),
                              QStringLiteral("passed")}));
        QCOMPARE(op->steps().at(2).message,
                 QStringLiteral("Stella Ops eBPF agent 1.4.2 on node-1, status healthy"));
        QCOMPARE(op->server().version, QStringLiteral("1.4.2"));
    }

    void thereIsNothingToDiscover()
    {
        auto c = connector();
        auto op = test::runToEnd(c->discover(QStringLiteral("repositories"), {}, nullptr));
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QVERIFY2(op->error().message.contains(QStringLiteral("has no resource type")),
                 qPrintable(op->error().toText()));
    }
};

QTEST_GUILESS_MAIN(TestEbpfAgentConnector)
#include "tst_ebpfagentconnector.moc"
