// SPDX-License-Identifier: Apache-2.0
// The endpoint probe against the loopback fakes of every fingerprinted provider (the
// conformance scenarios' servers, which answer like each provider's published API): which
// product answers, its version where anonymous callers are told it, never a credential sent;
// and what it says for an endpoint that is not a URL, a server like none of them, a closed
// port, and a probe cancelled while the server holds its answers.
#include "ConnectorTestSupport.h"
#include "FakeGitHub.h"
#include "FakeGitLab.h"
#include "conformance/ConnectorScenario.h"
#include "connectors/base/EndpointProbe.h"

#include <QSignalSpy>
#include <QTest>
#include <functional>

using namespace stella;
using namespace stella::test;
using namespace stella::test::conformance;
using Kind = EndpointProbeResult::Kind;

Q_DECLARE_METATYPE(std::function<std::unique_ptr<ConnectorScenario>()>)

class TestEndpointProbe : public QObject
{
    Q_OBJECT

private:
    ManualClock m_clock{fixedNow()};

    EndpointProbeResult probe(const QString &endpoint)
    {
        EndpointProbe p(m_clock);
        QSignalSpy done(&p, &EndpointProbe::finished);
        p.start(endpoint);
        if (done.isEmpty())
            done.wait(15'000);
        if (done.size() != 1)
            qFatal("the probe finished %d times", int(done.size()));
        return p.result();
    }

private Q_SLOTS:
    void identifiesEachProviderFromItsAnonymousAnswers_data()
    {
        using Factory = std::function<std::unique_ptr<ConnectorScenario>()>;
        QTest::addColumn<Factory>("scenario");
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("product");
        QTest::addColumn<QString>("version");
        QTest::newRow("Harbor") << Factory(harborScenario) << QStringLiteral("Harbor")
                                << QStringLiteral("Harbor")
                                << QString(); // version for signed-in callers only
        QTest::newRow("DockerRegistry")
            << Factory(dockerRegistryScenario) << QStringLiteral("DockerRegistry")
            << QStringLiteral("OCI distribution registry") << QString();
        QTest::newRow("Nexus") << Factory(nexusScenario) << QStringLiteral("Nexus")
                               << QStringLiteral("Sonatype Nexus Repository") << QString();
        QTest::newRow("GitLabServer")
            << Factory(gitLabServerScenario) << QStringLiteral("GitLabServer")
            << QStringLiteral("GitLab") << QString();
        QTest::newRow("GitLabCi") << Factory(gitLabCiScenario) << QStringLiteral("GitLabCi")
                                  << QStringLiteral("GitLab") << QString();
        QTest::newRow("GitHubApp") << Factory(gitHubAppScenario) << QStringLiteral("GitHubApp")
                                   << QStringLiteral("GitHub") << QString();
        QTest::newRow("Gitea") << Factory(giteaScenario) << QStringLiteral("Gitea")
                               << QStringLiteral("Gitea") << QString();
        QTest::newRow("Jenkins") << Factory(jenkinsScenario) << QStringLiteral("Jenkins")
                                 << QStringLiteral("Jenkins") << QString();
        QTest::newRow("Vault") << Factory(vaultScenario) << QStringLiteral("Vault")
                               << QStringLiteral("HashiCorp Vault") << QString();
        QTest::newRow("Consul") << Factory(consulScenario) << QStringLiteral("Consul")
                                << QStringLiteral("HashiCorp Consul") << QString();
        QTest::newRow("S3Compatible")
            << Factory(s3CompatibleScenario) << QStringLiteral("S3Compatible")
            << QStringLiteral("Amazon S3") << QString();
    }

    void identifiesEachProviderFromItsAnonymousAnswers()
    {
        QFETCH(std::function<std::unique_ptr<ConnectorScenario>()>, scenario);
        QFETCH(QString, provider);
        QFETCH(QString, product);
        auto world = scenario();
        const QString started = world->start();
        QVERIFY2(started.isEmpty(), qPrintable(started));
        const EndpointProbeResult r = probe(world->integration().endpoint);
        QVERIFY2(r.kind == Kind::Identified, qPrintable(r.message + r.evidence));
        QCOMPARE(r.product, product);
        QVERIFY2(r.identifies(provider), qPrintable(r.providerIds.join(QLatin1Char(','))));
        QVERIFY(!r.evidence.isEmpty());
        // Unauthenticated: the scenario's secret never travels, in no header.
        QVERIFY(world->server());
        for (const LoopbackHttpServer::Request &request : world->server()->requests()) {
            QVERIFY2(request.header("Authorization").isEmpty(), request.target.constData());
            QVERIFY(request.header("PRIVATE-TOKEN").isEmpty());
            QVERIFY(request.header("X-Vault-Token").isEmpty());
            QVERIFY(request.header("X-Consul-Token").isEmpty());
            QVERIFY(!request.headers.values().join(' ').contains(world->secret()));
        }
    }

    void tellsTheVersionWhereAnonymousCallersAreToldIt()
    {
        FakeGitHub github;
        github.setEnterpriseVersion(QStringLiteral("3.12.4"));
        QVERIFY(github.listen());
        const EndpointProbeResult r = probe(github.apiUrl().toString());
        QCOMPARE(int(r.kind), int(Kind::Identified));
        QCOMPARE(r.product, QStringLiteral("GitHub Enterprise Server"));
        QCOMPARE(r.version, QStringLiteral("3.12.4"));

        // Harbor < 2.x told anyone its version; the probe shows it without the build's commit.
        LoopbackHttpServer harbor([](const LoopbackHttpServer::Request &request) {
            if (request.path() == "/api/v2.0/systeminfo")
                return LoopbackHttpServer::Response::json(
                    200, R"({"auth_mode":"db_auth","harbor_version":"v2.10.2-1a741cb7"})");
            if (request.path() == "/v2/")
                return LoopbackHttpServer::Response{
                    401,
                    {{"Docker-Distribution-Api-Version", "registry/2.0"},
                     {"Www-Authenticate", "Basic realm=\"harbor\""}},
                    R"({"errors":[{"code":"UNAUTHORIZED","message":"unauthorized"}]})"};
            return LoopbackHttpServer::Response::json(
                404, R"({"errors":[{"code":"NOT_FOUND","message":"not found"}]})");
        });
        QVERIFY(harbor.listen());
        const EndpointProbeResult h = probe(harbor.url().toString());
        // Harbor answers /v2/ like any registry too: the more specific answer wins.
        QCOMPARE(h.product, QStringLiteral("Harbor"));
        QCOMPARE(h.version, QStringLiteral("2.10.2"));
        QCOMPARE(h.providerIds, QStringList{QStringLiteral("Harbor")});
    }

    void gitLabIsKnownByItsHealthCheckAndItsVersionRefusal()
    {
        FakeGitLab gitlab;
        QVERIFY(gitlab.listen());
        const EndpointProbeResult r = probe(gitlab.url().toString());
        QCOMPARE(int(r.kind), int(Kind::Identified));
        QCOMPARE(r.product, QStringLiteral("GitLab"));
        QVERIFY(r.identifies(QStringLiteral("GitLabContainerRegistry")));
        QVERIFY(r.version.isEmpty()); // /api/v4/version wants a token
        bool asked = false;
        for (const auto &request : gitlab.requests())
            asked = asked || request.path() == "/-/health";
        QVERIFY(asked);
    }

    void anEndpointThatIsNotAUrlFinishesAtOnce_data()
    {
        QTest::addColumn<QString>("endpoint");
        QTest::newRow("no scheme") << QStringLiteral("harbor.example.com");
        QTest::newRow("ftp") << QStringLiteral("ftp://harbor.example.com");
        QTest::newRow("no host") << QStringLiteral("https://");
        QTest::newRow("words") << QStringLiteral("my harbor");
        QTest::newRow("empty") << QString();
    }

    void anEndpointThatIsNotAUrlFinishesAtOnce()
    {
        QFETCH(QString, endpoint);
        EndpointProbe p(m_clock);
        QSignalSpy done(&p, &EndpointProbe::finished);
        p.start(endpoint);
        QCOMPARE(done.size(), 1);
        QCOMPARE(int(p.result().kind), int(Kind::NotAUrl));
        QVERIFY2(p.result().message.contains(QLatin1String("http:// or https://")),
                 qPrintable(p.result().message));
        QVERIFY(!p.isRunning());
    }

    void aServerLikeNoneOfThemIsUnrecognised()
    {
        LoopbackHttpServer nginx([](const LoopbackHttpServer::Request &) {
            return LoopbackHttpServer::Response{
                404, {{"Server", "nginx"}, {"Content-Type", "text/html"}}, "<h1>404</h1>"};
        });
        QVERIFY(nginx.listen());
        const EndpointProbeResult r = probe(nginx.url().toString());
        QCOMPARE(int(r.kind), int(Kind::Unrecognised));
        QVERIFY(r.providerIds.isEmpty());
        QVERIFY2(r.evidence.contains(QLatin1String("404")), qPrintable(r.evidence));
    }

    void aClosedPortIsUnreachable()
    {
        QUrl closed;
        {
            LoopbackHttpServer gone([](const LoopbackHttpServer::Request &) {
                return LoopbackHttpServer::Response::json(200, "{}");
            });
            QVERIFY(gone.listen());
            closed = gone.url();
        }
        const EndpointProbeResult r = probe(closed.toString());
        QCOMPARE(int(r.kind), int(Kind::Unreachable));
        QVERIFY(!r.message.isEmpty());
    }

    void cancelStopsEveryRequestAndSaysCancelled()
    {
        LoopbackHttpServer holding([](const LoopbackHttpServer::Request &) {
            LoopbackHttpServer::Response r;
            r.noAnswer = true;
            return r;
        });
        QVERIFY(holding.listen());
        EndpointProbe p(m_clock);
        QSignalSpy done(&p, &EndpointProbe::finished);
        QSignalSpy closed(&holding, &LoopbackHttpServer::connectionClosed);
        p.start(holding.url().toString());
        QVERIFY(p.isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(!holding.requests().isEmpty(), 10'000);
        p.cancel();
        QCOMPARE(done.size(), 1);
        QCOMPARE(int(p.result().kind), int(Kind::Cancelled));
        QVERIFY(!p.isRunning());
        QVERIFY(closed.wait(10'000)); // the requests were aborted, not left hanging
        // A new probe after a cancel starts clean.
        p.start(QStringLiteral("not a url"));
        QCOMPARE(done.size(), 2);
        QCOMPARE(int(p.result().kind), int(Kind::NotAUrl));
    }
};

QTEST_GUILESS_MAIN(TestEndpointProbe)
#include "tst_endpointprobe.moc"
