// SPDX-License-Identifier: Apache-2.0
// The Consul connector against FakeConsul, which follows Consul's HTTP API as published:
// status/leader (a JSON string, "" without a leader, `dc`), agent/self (agent:read),
// acl/token/self, X-Consul-Token, the X-Consul-Default-Acl-Policy header on every answer, and
// plain-text errors: 403 "ACL not found", 403 "Permission denied: …", 401 "ACL support
// disabled", 500 "No path to datacenter".
#include "ConnectorTestSupport.h"
#include "FakeConsul.h"
#include "connectors/runtime/consul/ConsulConnector.h"
#include "core/connectors/StepIds.h"

#include <QTest>

using namespace stella;
using test::FakeConsul;

namespace {
const QByteArray kToken = "4a1b9c2d-3e4f-5a6b-7c8d-9e0f1a2b3c4d";
} // namespace

class TestConsulConnector : public QObject
{
    Q_OBJECT

    test::ConnectorHarness m_harness;
    std::unique_ptr<FakeConsul> m_consul;

    std::unique_ptr<ConsulConnector>
    connector(const QString &envVar = QStringLiteral("STELLA_TEST_CONSUL_TOKEN"),
              QJsonObject config = {}, const QString &endpoint = {})
    {
        Integration i = test::integrationFor(
            QStringLiteral("Consul"), endpoint.isEmpty() ? m_consul->url().toString() : endpoint,
            envVar, config);
        return m_harness.make<ConsulConnector>(i);
    }
    static std::unique_ptr<ConnectorOperation> test(ConsulConnector &c)
    {
        return test::runToEnd(c.testConnection(nullptr));
    }
    static std::unique_ptr<ConnectorOperation> health(ConsulConnector &c)
    {
        return test::runToEnd(c.checkHealth(nullptr));
    }
    static bool leaksToken(const ConnectorOperation &op)
    {
        return (test::stepsText(op) + op.error().toText()).contains(QString::fromLatin1(kToken));
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("STELLA_TEST_CONSUL_TOKEN", kToken);
        qputenv("STELLA_TEST_CONSUL_UNKNOWN", "0f0f0f0f-0000-4000-8000-000000000000");
        qputenv("STELLA_TEST_CONSUL_BASIC", "admin:password");
    }

    void init()
    {
        m_consul = std::make_unique<FakeConsul>(kToken);
        QVERIFY(m_consul->listen());
    }

    void testConnectionPassesEveryStep()
    {
        auto c = connector();
        auto op = test(*c);
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        QCOMPARE(test::stepIds(*op),
                 (QStringList{StepId::Credential, StepId::Reach, StepId::Identify,
                              StepId::Authenticate, StepId::Permission}));
        QCOMPARE(test::stepStates(*op), QStringList(5, QStringLiteral("passed")));
        QCOMPARE(op->server().product, QStringLiteral("Consul"));
        QCOMPARE(op->server().version, QStringLiteral("1.20.2"));
        const QList<ConnectorStep> steps = op->steps();
        QVERIFY2(steps.at(1).message.startsWith(QStringLiteral("GET /v1/status/leader → 200")),
                 qPrintable(steps.at(1).message));
        // Default deny: the anonymous caller learns the leader and the policy, not the version.
        QVERIFY2(steps.at(2).message.contains(
                     QStringLiteral("leader 10.1.10.12:8300, default ACL policy deny")),
                 qPrintable(steps.at(2).message));
        QVERIFY2(steps.at(2).message.contains(QStringLiteral("needs a token with agent:read")),
                 qPrintable(steps.at(2).message));
        QCOMPARE(steps.at(3).message,
                 QStringLiteral("GET /v1/agent/self → 200 with the token: Consul 1.20.2 "
                                "(datacenter dc1, node consul-server-1)"));
        QCOMPARE(steps.at(4).message,
                 QStringLiteral("ACLs on: token 'stella-integrations' with stella-read"));
        STELLA_COMPARE_ENUM(op->healthStatus(), HealthStatus::Healthy);
        // acl/token/self answers the SecretID: it is never shown.
        QVERIFY(!leaksToken(*op));
        for (const auto &r : m_consul->requests())
            if (r.path() == "/v1/status/leader")
                QVERIFY(r.header("X-Consul-Token").isEmpty());
            else if (!r.header("X-Consul-Token").isEmpty())
                QCOMPARE(r.header("X-Consul-Token"), kToken);
    }

    void withDefaultAllowTheVersionIsPublic()
    {
        m_consul->setAcl(FakeConsul::Acl::DefaultAllow);
        auto c = connector();
        auto op = test(*c);
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        QCOMPARE(op->steps().at(2).message,
                 QStringLiteral("Consul 1.20.2 (datacenter dc1, node consul-server-1), leader "
                                "10.1.10.12:8300, default ACL policy allow"));
    }

    // Bad input: no leader names the step, the cause and the fix; the health check says it too.
    void aClusterWithoutALeader()
    {
        m_consul->setLeader(QString());
        auto c = connector();
        auto op = test(*c);
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->steps().last().id, StepId::Identify);
        QVERIFY2(op->error().message.contains(QStringLiteral("Consul has no cluster leader")),
                 qPrintable(op->error().toText()));
        QVERIFY2(op->error().message.contains(QStringLiteral("GET /v1/status/leader → \"\"")),
                 qPrintable(op->error().toText()));
        QVERIFY2(op->error().hint.contains(QStringLiteral("consul operator raft list-peers")),
                 qPrintable(op->error().toText()));

        auto checked = health(*c);
        QVERIFY(checked->outcome() == ConnectorOperation::Outcome::Succeeded);
        STELLA_COMPARE_ENUM(checked->healthStatus(), HealthStatus::Unhealthy);
        QCOMPARE(toString(checked->steps().last().state), QStringLiteral("failed"));
        QVERIFY2(checked->steps().last().message.contains(QStringLiteral("no cluster leader")),
                 qPrintable(test::stepsText(*checked)));
    }

    void healthReadsTheLeader()
    {
        auto c = connector();
        auto op = health(*c);
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        STELLA_COMPARE_ENUM(op->healthStatus(), HealthStatus::Healthy);
        QCOMPARE(test::stepIds(*op), (QStringList{StepId::Credential, StepId::Health}));
        QVERIFY2(op->steps().last().message.startsWith(QStringLiteral("leader 10.1.10.12:8300")),
                 qPrintable(op->steps().last().message));
    }

    // 403 "ACL not found" (an unknown token) is not 403 "Permission denied" (a token that lacks
    // a permission): different messages, different hints.
    void anUnknownTokenIsNotAMissingPermission()
    {
        auto unknown = connector(QStringLiteral("STELLA_TEST_CONSUL_UNKNOWN"));
        auto notFound = test(*unknown);
        QCOMPARE(notFound->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(notFound->steps().last().id, StepId::Authenticate);
        const Error e1 = notFound->error();
        QVERIFY2(e1.message.contains(QStringLiteral("Consul knows no such token (ACL not found)")),
                 qPrintable(e1.toText()));
        QVERIFY2(e1.hint.contains(QStringLiteral("authref://env/STELLA_TEST_CONSUL_UNKNOWN")),
                 qPrintable(e1.toText()));
        QVERIFY2(e1.hint.contains(QStringLiteral("consul acl token read -self")),
                 qPrintable(e1.toText()));

        m_consul->setTokenMayReadAgent(false);
        auto limited = connector();
        auto denied = test(*limited);
        QCOMPARE(denied->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(denied->steps().last().id, StepId::Authenticate);
        const Error e2 = denied->error();
        QVERIFY2(e2.message.contains(QStringLiteral("the token may not do this")),
                 qPrintable(e2.toText()));
        QVERIFY2(e2.message.contains(QStringLiteral("lacks permission 'agent:read'")),
                 qPrintable(e2.toText()));
        QVERIFY2(e2.hint.contains(QStringLiteral("agent_prefix \"\" { policy = \"read\" }")),
                 qPrintable(e2.toText()));
        QVERIFY(e1.message != e2.message);
        QVERIFY(e1.hint != e2.hint);
        QVERIFY(!leaksToken(*denied));
    }

    void aclsOffAreNotAnError()
    {
        m_consul->setAcl(FakeConsul::Acl::Disabled);
        auto c = connector();
        auto op = test(*c);
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        QCOMPARE(test::stepStates(*op), QStringList(5, QStringLiteral("passed")));
        QVERIFY2(op->steps().last().message.contains(
                     QStringLiteral("ACLs are off on this cluster (401 ACL support disabled)")),
                 qPrintable(op->steps().last().message));
    }

    void withoutATokenTheAgentsDefaultIsUsed()
    {
        auto c = connector(QString());
        auto op = test(*c);
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        QCOMPARE(toString(op->steps().at(3).state), QStringLiteral("skipped")); // authenticate
        QCOMPARE(toString(op->steps().last().state), QStringLiteral("warning"));
        QVERIFY2(op->steps().last().message.contains(QStringLiteral("default policy deny")),
                 qPrintable(op->steps().last().message));

        m_consul->setAcl(FakeConsul::Acl::DefaultAllow);
        auto allowed = test(*c);
        QCOMPARE(toString(allowed->steps().last().state), QStringLiteral("passed"));
    }

    void theDatacenterIsAskedFor()
    {
        auto c = connector(QStringLiteral("STELLA_TEST_CONSUL_TOKEN"),
                           {{QStringLiteral("datacenter"), QStringLiteral("dc2")}});
        auto op = health(*c);
        STELLA_COMPARE_ENUM(op->healthStatus(), HealthStatus::Healthy);
        QCOMPARE(m_consul->requests().last().target, QByteArray("/v1/status/leader?dc=dc2"));

        auto nowhere = connector(QStringLiteral("STELLA_TEST_CONSUL_TOKEN"),
                                 {{QStringLiteral("datacenter"), QStringLiteral("mars-1")}});
        auto checked = health(*nowhere);
        STELLA_COMPARE_ENUM(checked->healthStatus(), HealthStatus::Unhealthy);
        QVERIFY2(checked->steps().last().message.contains(
                     QStringLiteral("Consul says: No path to datacenter")),
                 qPrintable(test::stepsText(*checked)));
        auto tested = test(*nowhere);
        QCOMPARE(tested->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(tested->steps().last().id, StepId::Identify);
        QVERIFY2(tested->error().message.contains(QStringLiteral("No path to datacenter")),
                 qPrintable(tested->error().toText()));
    }

    void notConsul_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("says");
        QTest::newRow("an HTML page")
            << QByteArray("text/html") << QByteArray("<!DOCTYPE html><html>Sign in</html>")
            << QStringLiteral("HTML page");
        QTest::newRow("a JSON object")
            << QByteArray("application/json") << QByteArray(R"({"leader":"10.0.0.1"})")
            << QStringLiteral("leader's address as a JSON string");
    }

    void notConsul()
    {
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(QString, says);
        test::LoopbackHttpServer server([&](const auto &) {
            return test::LoopbackHttpServer::Response{200, {{"Content-Type", contentType}}, body};
        });
        QVERIFY(server.listen());
        auto c = connector(QStringLiteral("STELLA_TEST_CONSUL_TOKEN"), {}, server.url().toString());
        auto op = test(*c);
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->steps().last().id, StepId::Identify);
        QVERIFY2(op->error().message.contains(says), qPrintable(op->error().toText()));
        QVERIFY(!test::stepsText(*op).contains(QStringLiteral("Sign in")));
        auto checked = health(*c);
        QCOMPARE(checked->outcome(), ConnectorOperation::Outcome::Failed);
        QVERIFY2(checked->error().message.contains(says), qPrintable(checked->error().toText()));
    }

    void aUsernamePasswordIsNotAToken()
    {
        auto c = connector(QStringLiteral("STELLA_TEST_CONSUL_BASIC"));
        auto op = test(*c);
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->steps().last().id, StepId::Authenticate);
        QVERIFY2(op->error().message.contains(QStringLiteral("Consul takes an ACL token")),
                 qPrintable(op->error().toText()));
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

QTEST_GUILESS_MAIN(TestConsulConnector)
#include "tst_consulconnector.moc"
