// SPDX-License-Identifier: Apache-2.0
// The Vault connector against FakeVault, which follows Vault's HTTP API as published:
// sys/health in each documented node state (200 active, 429 standby, 472 DR secondary, 473
// performance standby, 474 standby cut off from the active node, 501 uninitialised, 503
// sealed, 530 removed) with the parameters that change the codes, auth/token/lookup-self,
// sys/internal/ui/mounts/<path> (403 alike for a missing mount and a forbidden one),
// X-Vault-Token, X-Vault-Namespace and {"errors":[...]} bodies.
#include "ConnectorTestSupport.h"
#include "FakeVault.h"
#include "connectors/secrets/vault/VaultConnector.h"
#include "core/connectors/StepIds.h"
#include "core/http/HttpClient.h"

#include <QTest>

using namespace stella;
using test::FakeVault;
using State = FakeVault::NodeState;

Q_DECLARE_METATYPE(stella::test::FakeVault::NodeState)
Q_DECLARE_METATYPE(stella::HealthStatus)

namespace {
const QByteArray kToken = "hvs.CAESIStellaVaultTestToken";

int requestsTo(const FakeVault &vault, const QByteArray &path)
{
    int n = 0;
    for (const auto &r : vault.requests())
        n += r.path() == path ? 1 : 0;
    return n;
}
} // namespace

class TestVaultConnector : public QObject
{
    Q_OBJECT

    test::ConnectorHarness m_harness;
    std::unique_ptr<FakeVault> m_vault;

    std::unique_ptr<VaultConnector>
    connector(const QString &envVar = QStringLiteral("STELLA_TEST_VAULT_TOKEN"),
              QJsonObject config = {})
    {
        Integration i = test::integrationFor(QStringLiteral("Vault"), m_vault->url().toString(),
                                             envVar, config);
        return m_harness.make<VaultConnector>(i);
    }

    std::unique_ptr<ConnectorOperation> test(VaultConnector &c)
    {
        return test::runToEnd(c.testConnection(nullptr));
    }
    std::unique_ptr<ConnectorOperation> health(VaultConnector &c)
    {
        return test::runToEnd(c.checkHealth(nullptr));
    }

    // Nothing the operator reads may hold the token (lookup-self answers it as "id").
    static bool leaksToken(const ConnectorOperation &op)
    {
        const QString text = test::stepsText(op) + op.error().message + op.error().hint;
        return text.contains(QString::fromLatin1(kToken));
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("STELLA_TEST_VAULT_TOKEN", kToken);
        qputenv("STELLA_TEST_VAULT_WRONG", "hvs.not-the-token");
        qputenv("STELLA_TEST_VAULT_BASIC", "admin:password");
    }

    void init()
    {
        m_vault = std::make_unique<FakeVault>(kToken);
        QVERIFY(m_vault->listen());
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
        QCOMPARE(op->server().product, QStringLiteral("Vault"));
        QCOMPARE(op->server().version, QStringLiteral("1.17.2"));
        const QList<ConnectorStep> steps = op->steps();
        QVERIFY2(steps.at(1).message.startsWith(QStringLiteral("GET /v1/sys/health → 200")),
                 qPrintable(steps.at(1).message));
        QVERIFY2(steps.at(2).message.contains(QStringLiteral("active node")),
                 qPrintable(steps.at(2).message));
        QCOMPARE(steps.at(3).message,
                 QStringLiteral("token 'token-stella-integrations' (service) with policies "
                                "default, stella-read, expires in 32 days "
                                "(2026-02-16T10:00:00.000Z)"));
        QVERIFY2(steps.at(4).message.contains(QStringLiteral("secret/ is a KV version 2 mount")),
                 qPrintable(steps.at(4).message));
        STELLA_COMPARE_ENUM(op->healthStatus(), HealthStatus::Healthy);
        QVERIFY(!leaksToken(*op));
        // The token goes to lookup-self and the mount check, never to the anonymous probe.
        for (const auto &r : m_vault->requests())
            QCOMPARE(r.header("X-Vault-Token").isEmpty(), r.path() == "/v1/sys/health");
    }

    // Every state sys/health documents, read by its status code; a 429 or 503 is asked once.
    void healthFollowsTheNodeState_data()
    {
        QTest::addColumn<State>("state");
        QTest::addColumn<HealthStatus>("health");
        QTest::addColumn<QString>("stepState");
        QTest::addColumn<QString>("says");
        QTest::newRow("200 active") << State::Active << HealthStatus::Healthy
                                    << QStringLiteral("passed") << QStringLiteral("active node");
        QTest::newRow("429 standby")
            << State::Standby << HealthStatus::Healthy << QStringLiteral("passed")
            << QStringLiteral("standby node (429, Vault's standby code, not a rate limit)");
        QTest::newRow("472 DR secondary")
            << State::DrSecondary << HealthStatus::Degraded << QStringLiteral("warning")
            << QStringLiteral("disaster-recovery secondary (472)");
        QTest::newRow("473 performance standby")
            << State::PerformanceStandby << HealthStatus::Healthy << QStringLiteral("passed")
            << QStringLiteral("performance standby (473)");
        QTest::newRow("474 standby without the active node")
            << State::StandbyWithoutActive << HealthStatus::Degraded << QStringLiteral("warning")
            << QStringLiteral("cannot reach the active node (474)");
        QTest::newRow("501 not initialised")
            << State::Uninitialized << HealthStatus::Unhealthy << QStringLiteral("failed")
            << QStringLiteral("not initialised (501)");
        QTest::newRow("503 sealed") << State::Sealed << HealthStatus::Unhealthy
                                    << QStringLiteral("failed") << QStringLiteral("sealed (503)");
        QTest::newRow("530 removed")
            << State::Removed << HealthStatus::Unhealthy << QStringLiteral("failed")
            << QStringLiteral("removed from its cluster (530)");
    }

    void healthFollowsTheNodeState()
    {
        QFETCH(State, state);
        QFETCH(HealthStatus, health);
        QFETCH(QString, stepState);
        QFETCH(QString, says);
        m_vault->setState(state);
        auto c = connector();
        auto op = this->health(*c);
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        STELLA_COMPARE_ENUM(op->healthStatus(), health);
        QCOMPARE(test::stepIds(*op), (QStringList{StepId::Credential, StepId::Health}));
        QCOMPARE(toString(op->steps().last().state), stepState);
        QVERIFY2(op->steps().last().message.contains(says), qPrintable(test::stepsText(*op)));
        QCOMPARE(requestsTo(*m_vault, "/v1/sys/health"), 1);
        QVERIFY(!leaksToken(*op));
    }

    // Bad input: each names the step (identify), the cause and the fix.
    void testConnectionStopsAtANodeThatServesNoClient_data()
    {
        QTest::addColumn<State>("state");
        QTest::addColumn<QString>("cause");
        QTest::addColumn<QString>("fix");
        QTest::newRow("sealed") << State::Sealed << QStringLiteral("is sealed (503)")
                                << QStringLiteral("vault operator unseal");
        QTest::newRow("not initialised")
            << State::Uninitialized << QStringLiteral("is not initialised (501)")
            << QStringLiteral("vault operator init");
        QTest::newRow("DR secondary")
            << State::DrSecondary << QStringLiteral("disaster-recovery secondary (472)")
            << QStringLiteral("primary cluster");
        QTest::newRow("removed") << State::Removed << QStringLiteral("removed from its cluster")
                                 << QStringLiteral("raft list-peers");
    }

    void testConnectionStopsAtANodeThatServesNoClient()
    {
        QFETCH(State, state);
        QFETCH(QString, cause);
        QFETCH(QString, fix);
        m_vault->setState(state);
        auto c = connector();
        auto op = test(*c);
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->steps().last().id, StepId::Identify);
        QVERIFY2(op->error().message.contains(cause), qPrintable(op->error().toText()));
        QVERIFY2(op->error().hint.contains(fix), qPrintable(op->error().toText()));
        QCOMPARE(op->server().version, QStringLiteral("1.17.2")); // sys/health says it anyway
        // Nothing was sent with the token to a node that cannot take it.
        QCOMPARE(requestsTo(*m_vault, "/v1/auth/token/lookup-self"), 0);
    }

    void aStandbyIsNotARateLimit()
    {
        m_vault->setState(State::Standby);
        auto c = connector();
        auto op = test(*c);
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        QVERIFY2(op->steps().at(1).message.startsWith(QStringLiteral("GET /v1/sys/health → 429")),
                 qPrintable(test::stepsText(*op)));
        QVERIFY2(op->steps().at(2).message.contains(QStringLiteral("not a rate limit")),
                 qPrintable(test::stepsText(*op)));
        // Asked once: a 429 from sys/health is an answer, not a request to come back later.
        QCOMPARE(requestsTo(*m_vault, "/v1/sys/health"), 1);
    }

    void aStandbyCutOffFromTheActiveNodeWarnsThenFails()
    {
        m_vault->setState(State::StandbyWithoutActive);
        auto c = connector();
        auto op = test(*c);
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(toString(op->steps().at(2).state), QStringLiteral("warning"));
        QCOMPARE(op->steps().last().id, StepId::Authenticate);
        QVERIFY2(op->error().message.contains(QStringLiteral("active cluster node not found")),
                 qPrintable(op->error().toText()));
    }

    void aTokenThatMayNotLookItselfUp()
    {
        FakeVault::Token token;
        token.mayLookUpSelf = false;
        m_vault->setToken(token);
        auto c = connector();
        const auto refused = [&](const ConnectorOperation &op) {
            QCOMPARE(op.outcome(), ConnectorOperation::Outcome::Failed);
            QVERIFY(op.steps().last().id == StepId::Authenticate ||
                    op.steps().last().id == StepId::Health);
            const QString text = op.error().toText();
            QVERIFY2(op.error().message.contains(QStringLiteral("403")), qPrintable(text));
            QVERIFY2(op.error().message.contains(QStringLiteral("may not look itself up")),
                     qPrintable(text));
            QVERIFY2(op.error().message.contains(QStringLiteral("permission denied")),
                     qPrintable(text));
            QVERIFY2(op.error().hint.contains(QStringLiteral("default policy")), qPrintable(text));
            QVERIFY2(op.error().hint.contains(
                         QStringLiteral("path \"auth/token/lookup-self\" { capabilities = "
                                        "[\"read\"] }")),
                     qPrintable(text));
            QVERIFY2(
                op.error().hint.contains(QStringLiteral("authref://env/STELLA_TEST_VAULT_TOKEN")),
                qPrintable(text));
            QVERIFY(!leaksToken(op));
        };
        refused(*test(*c));
        if (QTest::currentTestFailed())
            return;
        refused(*health(*c));
    }

    void aWrongTokenIsRefused()
    {
        auto c = connector(QStringLiteral("STELLA_TEST_VAULT_WRONG"));
        auto op = test(*c);
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->steps().last().id, StepId::Authenticate);
        QVERIFY2(op->error().message.contains(QStringLiteral("invalid or expired")),
                 qPrintable(op->error().toText()));
        QVERIFY(!test::stepsText(*op).contains(QStringLiteral("hvs.not-the-token")));
    }

    // A token that ends within a day is Degraded, saying when (from the connector's clock).
    void anExpiringTokenIsDegradedSayingWhen()
    {
        FakeVault::Token token;
        token.ttlSeconds = 5 * 3600;
        m_vault->setToken(token);
        auto c = connector();
        auto op = test(*c);
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        const ConnectorStep authenticate = op->steps().at(3);
        QCOMPARE(toString(authenticate.state), QStringLiteral("warning"));
        QVERIFY2(authenticate.message.contains(QStringLiteral(
                     "expires in 5 h 0 min (2026-01-15T15:00:00.000Z): within a day")),
                 qPrintable(authenticate.message));
        QVERIFY2(authenticate.message.contains(QStringLiteral("vault token renew")),
                 qPrintable(authenticate.message));
        STELLA_COMPARE_ENUM(op->healthStatus(), HealthStatus::Degraded);

        auto checked = health(*c);
        QVERIFY(checked->outcome() == ConnectorOperation::Outcome::Succeeded);
        STELLA_COMPARE_ENUM(checked->healthStatus(), HealthStatus::Degraded);
        QVERIFY2(checked->steps().last().message.contains(
                     QStringLiteral("the token expires in 5 h 0 min (2026-01-15T15:00:00.000Z)")),
                 qPrintable(test::stepsText(*checked)));

        // A day and a minute left is fine.
        token.ttlSeconds = 86400 + 60;
        m_vault->setToken(token);
        auto later = health(*c);
        STELLA_COMPARE_ENUM(later->healthStatus(), HealthStatus::Healthy);
    }

    void aRootTokenWithoutTtlIsFine()
    {
        FakeVault::Token root;
        root.displayName = QStringLiteral("root");
        root.policies = {QStringLiteral("root")};
        root.ttlSeconds = 0;
        root.renewable = false;
        m_vault->setToken(root);
        auto c = connector();
        auto op = test(*c);
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        QCOMPARE(op->steps().at(3).message,
                 QStringLiteral("token 'root' (service) with policies root, no TTL: it does not "
                                "expire"));
        STELLA_COMPARE_ENUM(health(*c)->healthStatus(), HealthStatus::Healthy);
    }

    void theKvMountIsChecked()
    {
        // Missing: Vault answers 403 as for a forbidden mount, and the message says both.
        m_vault->removeMount(QStringLiteral("secret/"));
        auto c = connector();
        auto op = test(*c);
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->steps().last().id, StepId::Permission);
        QVERIFY2(op->error().message.contains(
                     QStringLiteral("no KV mount 'secret/' that the token may use")),
                 qPrintable(op->error().toText()));
        QVERIFY2(op->error().message.contains(QStringLiteral("preflight capability check")),
                 qPrintable(op->error().toText()));
        QVERIFY2(op->error().hint.contains(QStringLiteral("vault secrets list")),
                 qPrintable(op->error().toText()));

        // A KV version 1 mount, and an engine that is not KV: warnings.
        m_vault->addMount(QStringLiteral("legacy/"), QStringLiteral("kv"), QStringLiteral("1"));
        m_vault->addMount(QStringLiteral("transit/"), QStringLiteral("transit"));
        for (const auto &[mount, says] :
             {std::pair{QStringLiteral("/legacy/"),
                        QStringLiteral("legacy/ is a KV version 1 mount")},
              std::pair{
                  QStringLiteral("transit"),
                  QStringLiteral("transit/ is a 'transit' secrets engine, not KV version 2")}}) {
            auto other = connector(QStringLiteral("STELLA_TEST_VAULT_TOKEN"),
                                   {{QStringLiteral("kvMount"), mount}});
            auto checked = test(*other);
            QVERIFY2(checked->outcome() == ConnectorOperation::Outcome::Succeeded,
                     qPrintable(test::stepsText(*checked)));
            QCOMPARE(toString(checked->steps().last().state), QStringLiteral("warning"));
            QVERIFY2(checked->steps().last().message.contains(says),
                     qPrintable(checked->steps().last().message));
        }
    }

    void aNamespaceGoesWithTheTokenNotWithSysHealth()
    {
        m_vault->setRequiredNamespace("team-a");
        auto without = connector();
        auto refused = test(*without);
        QCOMPARE(refused->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(refused->steps().last().id, StepId::Authenticate);

        const qsizetype before = m_vault->requests().size();
        auto c = connector(QStringLiteral("STELLA_TEST_VAULT_TOKEN"),
                           {{QStringLiteral("namespace"), QStringLiteral("team-a")}});
        auto op = test(*c);
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        for (const auto &r : m_vault->requests().mid(before)) {
            if (r.path() == "/v1/sys/health")
                QVERIFY(r.header("X-Vault-Namespace").isEmpty()); // a root-namespace endpoint
            else if (r.header("X-Vault-Token") == kToken)
                QCOMPARE(r.header("X-Vault-Namespace"), QByteArray("team-a"));
        }
    }

    void notVault_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("says");
        QTest::newRow("an HTML login page")
            << 200 << QByteArray("text/html")
            << QByteArray("<!DOCTYPE html><html><body><form>Sign in</form></body></html>")
            << QStringLiteral("HTML page");
        QTest::newRow("another JSON API")
            << 200 << QByteArray("application/json") << QByteArray(R"({"status":"ok"})")
            << QStringLiteral("is not Vault's HTTP API");
        QTest::newRow("a proxy's 502 page")
            << 502 << QByteArray("text/html") << QByteArray("<html>Bad Gateway</html>")
            << QStringLiteral("HTML page");
    }

    void notVault()
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
        Integration i = test::integrationFor(QStringLiteral("Vault"), server.url().toString(),
                                             QStringLiteral("STELLA_TEST_VAULT_TOKEN"));
        auto c = m_harness.make<VaultConnector>(i);
        auto op = test(*c);
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->steps().last().id, StepId::Identify);
        QVERIFY2(op->error().message.contains(says), qPrintable(op->error().toText()));
        QVERIFY(!op->error().hint.isEmpty());
        QVERIFY(!test::stepsText(*op).contains(QStringLiteral("Sign in")));
        auto checked = health(*c);
        QCOMPARE(checked->outcome(), ConnectorOperation::Outcome::Failed);
        QVERIFY2(checked->error().message.contains(says), qPrintable(checked->error().toText()));
    }

    void aUsernamePasswordIsNotAToken()
    {
        auto c = connector(QStringLiteral("STELLA_TEST_VAULT_BASIC"));
        auto op = test(*c);
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->steps().last().id, StepId::Authenticate);
        QVERIFY2(op->error().message.contains(QStringLiteral("Vault takes a token")),
                 qPrintable(op->error().toText()));
        QVERIFY(!(test::stepsText(*op) + op->error().toText())
                     .contains(QStringLiteral("admin:password")));
    }

    void thereIsNothingToDiscover()
    {
        auto c = connector();
        auto op = test::runToEnd(c->discover(QStringLiteral("repositories"), {}, nullptr));
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QVERIFY2(op->error().message.contains(QStringLiteral("has no resource type")),
                 qPrintable(op->error().toText()));
    }

    // The fake answers sys/health's documented parameters as Vault does, so the connector is
    // tested against the codes a real node can send.
    void theFakeHonoursSysHealthParameters_data()
    {
        QTest::addColumn<State>("state");
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("status");
        QTest::newRow("standby, standbyok")
            << State::Standby << QStringLiteral("standbyok=true") << 200;
        QTest::newRow("standby, standbycode")
            << State::Standby << QStringLiteral("standbycode=299") << 299;
        QTest::newRow("perf standby, standbyok does not apply")
            << State::PerformanceStandby << QStringLiteral("standbyok=true") << 473;
        QTest::newRow("perf standby, perfstandbyok")
            << State::PerformanceStandby << QStringLiteral("perfstandbyok=true") << 200;
        QTest::newRow("sealed, sealedcode")
            << State::Sealed << QStringLiteral("sealedcode=200") << 200;
        QTest::newRow("uninitialised, uninitcode")
            << State::Uninitialized << QStringLiteral("uninitcode=299") << 299;
        QTest::newRow("DR, drsecondarycode")
            << State::DrSecondary << QStringLiteral("drsecondarycode=200") << 200;
        QTest::newRow("474, haunhealthycode")
            << State::StandbyWithoutActive << QStringLiteral("standbyok=true&haunhealthycode=299")
            << 299;
        QTest::newRow("removed, removedcode")
            << State::Removed << QStringLiteral("removedcode=299") << 299;
        QTest::newRow("active, activecode")
            << State::Active << QStringLiteral("activecode=204") << 204;
        QTest::newRow("a code that is not a number")
            << State::Active << QStringLiteral("activecode=ok") << 400;
    }

    void theFakeHonoursSysHealthParameters()
    {
        QFETCH(State, state);
        QFETCH(QString, query);
        QFETCH(int, status);
        m_vault->setState(state);
        HttpClient client(m_harness.clock());
        HttpRequest request;
        request.url = QUrl(m_vault->url().toString() + QStringLiteral("/v1/sys/health?") + query);
        request.statusIsTheAnswer = true;
        std::unique_ptr<HttpCall> call(client.send(request));
        QSignalSpy done(call.get(), &HttpCall::finished);
        QVERIFY(call->isFinished() || done.wait(10000));
        QVERIFY(call->result().ok());
        QCOMPARE(call->result()->status, status);
    }
};

QTEST_GUILESS_MAIN(TestVaultConnector)
#include "tst_vaultconnector.moc"
