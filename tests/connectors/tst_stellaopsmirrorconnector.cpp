// SPDX-License-Identifier: Apache-2.0
// The Stella Ops mirror connector against a loopback Concelier mirror as Stella Ops documents
// it (docs/modules/concelier/mirror-export.md, operations/mirror.md): /concelier/exports/
// index.json listing the domains, /concelier/exports/mirror/{domain}/manifest.json with the
// bundle's created time, domains that want an Authority token (401 with WWW-Authenticate:
// Bearer without one). Freshness is the bundle's time against maxAge (48 h by default).
#include "ConnectorTestSupport.h"
#include "connectors/feeds/stellaopsmirror/StellaOpsMirrorConnector.h"
#include "core/connectors/StepIds.h"
#include "feeds/FeedFakes.h"

#include <QTest>

using namespace stella;
using test::feeds::FakeStellaOpsMirror;
using Server = test::LoopbackHttpServer;

namespace {
const QByteArray kToken = "eyJhbGciOiJFUzI1NiJ9.mirror-reader.c2ln";
} // namespace

class TestStellaOpsMirrorConnector : public QObject
{
    Q_OBJECT

    test::ConnectorHarness m_harness;
    FakeStellaOpsMirror m_mirror;
    std::unique_ptr<Server> m_server;

    std::unique_ptr<StellaOpsMirrorConnector> connector(const QString &envVar,
                                                        QJsonObject config = {})
    {
        Integration i = test::integrationFor(QStringLiteral("StellaOpsMirror"),
                                             m_server->url().toString(), envVar, config);
        return m_harness.make<StellaOpsMirrorConnector>(i);
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("STELLA_TEST_MIRROR_TOKEN", kToken);
        qputenv("STELLA_TEST_MIRROR_WRONG", "expired-token");
        qputenv("STELLA_TEST_MIRROR_BASIC", "mirror-reader:htpasswd-pw");
    }

    void init()
    {
        m_mirror = FakeStellaOpsMirror();
        m_mirror.token = kToken;
        m_mirror.domains = {{QStringLiteral("primary"), QStringLiteral("Primary"),
                             test::fixedNow().addSecs(-5 * 3600), 412, true},
                            {QStringLiteral("community"), QStringLiteral("Community"),
                             test::fixedNow().addDays(-1), 57, false}};
        m_server = std::make_unique<Server>(
            [this](const Server::Request &r) { return m_mirror.handle(r); });
        QVERIFY(m_server->listen());
    }

    void testConnectionWithAToken()
    {
        auto op = test::runToEnd(
            connector(QStringLiteral("STELLA_TEST_MIRROR_TOKEN"))->testConnection(nullptr));
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        QCOMPARE(test::stepIds(*op),
                 (QStringList{StepId::Credential, StepId::Reach, StepId::Identify,
                              StepId::Authenticate, StepId::Permission}));
        QCOMPARE(test::stepStates(*op), QStringList(5, QStringLiteral("passed")));
        QCOMPARE(op->server().product, QStringLiteral("Stella Ops mirror"));
        QCOMPARE(op->server().version, QStringLiteral("index schema 1"));
        QCOMPARE(op->steps().last().message,
                 QStringLiteral("domain primary: 412 advisories, bundle created "
                                "2026-01-15T05:00:00.000Z"));
        const QList<Server::Request> sent = m_server->requests();
        QVERIFY(sent.first().header("Authorization").isEmpty());
        QCOMPARE(sent.last().path(), QByteArray("/concelier/exports/mirror/primary/manifest.json"));
        QCOMPARE(sent.last().header("Authorization"), "Bearer " + kToken);
        QVERIFY(!test::stepsText(*op).contains(QString::fromLatin1(kToken)));
    }

    void aFreshBundleIsHealthy()
    {
        auto op = test::runToEnd(
            connector(QStringLiteral("STELLA_TEST_MIRROR_TOKEN"))->checkHealth(nullptr));
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        STELLA_COMPARE_ENUM(op->healthStatus(), HealthStatus::Healthy);
        QCOMPARE(op->steps().last().message,
                 QStringLiteral("bundle created 5 hours ago (412 advisories)"));
    }

    // Bad input: a mirror whose newest bundle is a week old.
    void aWeekOldBundleIsDegraded()
    {
        m_mirror.domains[0].created = test::fixedNow().addDays(-7);
        auto op = test::runToEnd(
            connector(QStringLiteral("STELLA_TEST_MIRROR_TOKEN"))->checkHealth(nullptr));
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        STELLA_COMPARE_ENUM(op->healthStatus(), HealthStatus::Degraded);
        STELLA_COMPARE_ENUM(op->steps().last().state, ConnectorStep::State::Warning);
        QCOMPARE(op->steps().last().message,
                 QStringLiteral("bundle created 7 days ago, older than the 2 days allowed "
                                "(maxAge) (412 advisories)"));
        // A configured maxAge of 8 days accepts it.
        auto relaxed = test::runToEnd(connector(QStringLiteral("STELLA_TEST_MIRROR_TOKEN"),
                                                {{QStringLiteral("maxAge"), QStringLiteral("8d")}})
                                          ->checkHealth(nullptr));
        STELLA_COMPARE_ENUM(relaxed->healthStatus(), HealthStatus::Healthy);
    }

    void aPublicDomainNeedsNoToken()
    {
        auto op = test::runToEnd(
            connector(QString(), {{QStringLiteral("domain"), QStringLiteral("community")}})
                ->checkHealth(nullptr));
        STELLA_COMPARE_ENUM(op->healthStatus(), HealthStatus::Healthy);
        QCOMPARE(m_server->requests().last().path(),
                 QByteArray("/concelier/exports/mirror/community/manifest.json"));
    }

    void aDomainTheMirrorDoesNotPublishIsNamed()
    {
        auto op = test::runToEnd(connector(QStringLiteral("STELLA_TEST_MIRROR_TOKEN"),
                                           {{QStringLiteral("domain"), QStringLiteral("stable")}})
                                     ->testConnection(nullptr));
        QVERIFY(op->outcome() == ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->steps().last().id, StepId::Permission);
        QCOMPARE(op->error().message,
                 QStringLiteral("The mirror publishes no domain 'stable' (it has: primary, "
                                "community)"));
        auto health =
            test::runToEnd(connector(QStringLiteral("STELLA_TEST_MIRROR_TOKEN"),
                                     {{QStringLiteral("domain"), QStringLiteral("stable")}})
                               ->checkHealth(nullptr));
        QVERIFY2(health->error().message.contains(QLatin1String("no domain 'stable' (404)")),
                 qPrintable(health->error().toText()));
    }

    void aWrongTokenIsRefusedWithTheAuthRef()
    {
        auto op = test::runToEnd(
            connector(QStringLiteral("STELLA_TEST_MIRROR_WRONG"))->checkHealth(nullptr));
        QVERIFY(op->outcome() == ConnectorOperation::Outcome::Failed);
        QVERIFY2(op->error().message.contains(QLatin1String("401")),
                 qPrintable(op->error().toText()));
        QVERIFY2(op->error().hint.contains(QLatin1String("authref://env/STELLA_TEST_MIRROR_WRONG")),
                 qPrintable(op->error().hint));
        QVERIFY(op->error().hint.contains(QLatin1String("concelier.mirror.read")));
    }

    void aGatewayPasswordGoesAsBasic()
    {
        test::runToEnd(connector(QStringLiteral("STELLA_TEST_MIRROR_BASIC"))->checkHealth(nullptr));
        QCOMPARE(m_server->requests().last().header("Authorization"),
                 "Basic " + QByteArray("mirror-reader:htpasswd-pw").toBase64());
    }

    // Bad input: an HTML page.
    void anHtmlPageIsNotAMirror()
    {
        m_mirror.html = true;
        auto op = test::runToEnd(
            connector(QStringLiteral("STELLA_TEST_MIRROR_TOKEN"))->testConnection(nullptr));
        QVERIFY(op->outcome() == ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->steps().last().id, StepId::Identify);
        QVERIFY2(op->error().message.contains(QLatin1String("HTML page")),
                 qPrintable(op->error().toText()));
    }

    void aManifestWithoutATimeIsNotAMirrorsManifest()
    {
        Server other([](const Server::Request &) {
            return Server::Response::json(200, R"({"domainId":"primary","advisories":3})");
        });
        QVERIFY(other.listen());
        Integration i = test::integrationFor(QStringLiteral("StellaOpsMirror"),
                                             other.url().toString(), QString());
        auto op = test::runToEnd(m_harness.make<StellaOpsMirrorConnector>(i)->checkHealth(nullptr));
        QVERIFY(op->outcome() == ConnectorOperation::Outcome::Failed);
        QVERIFY2(op->error().message.contains(QLatin1String("the manifest has no created time")),
                 qPrintable(op->error().toText()));
    }
};

QTEST_GUILESS_MAIN(TestStellaOpsMirrorConnector)
#include "tst_stellaopsmirrorconnector.moc"
