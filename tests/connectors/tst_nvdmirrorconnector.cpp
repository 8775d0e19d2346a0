// SPDX-License-Identifier: Apache-2.0
// The NVD mirror connector against a loopback server that follows NVD's CVE API 2.0 as
// published (nvd.nist.gov/developers/vulnerabilities, developers/start-here): /rest/json/cves/2.0
// with resultsPerPage, startIndex and lastModStartDate/lastModEndDate, the apiKey header,
// records in publication order, errors as a 404 with a "message" header and 403 from the
// firewall when a client goes over the rate limit. And the rolling-window limit itself.
#include "ConnectorTestSupport.h"
#include "connectors/feeds/nvdmirror/NvdMirrorConnector.h"
#include "connectors/feeds/nvdmirror/RollingWindowLimit.h"
#include "core/connectors/StepIds.h"
#include "feeds/FeedFakes.h"

#include <QTest>
#include <QUrlQuery>

using namespace stella;
using test::feeds::FakeNvd;
using Server = test::LoopbackHttpServer;

namespace {
const QByteArray kKey = "0a1b2c3d-nvd-api-key-4e5f";

// One NVD per test: its own origin, so its own rolling window.
struct World
{
    FakeNvd nvd;
    Server server{[this](const Server::Request &r) { return nvd.handle(r); }};
};
} // namespace

class TestNvdMirrorConnector : public QObject
{
    Q_OBJECT

    test::ConnectorHarness m_harness;

    std::unique_ptr<NvdMirrorConnector> connector(const World &world, const QString &envVar,
                                                  QJsonObject config = {})
    {
        Integration i = test::integrationFor(QStringLiteral("NvdMirror"),
                                             world.server.url().toString(), envVar, config);
        return m_harness.make<NvdMirrorConnector>(i);
    }

    std::unique_ptr<ConnectorOperation> health(const World &world, QJsonObject config = {})
    {
        return test::runToEnd(
            connector(world, QStringLiteral("STELLA_TEST_NVD_KEY"), config)->checkHealth(nullptr));
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("STELLA_TEST_NVD_KEY", kKey);
        qputenv("STELLA_TEST_NVD_WRONG", "not-an-activated-key");
    }

    void testConnectionWithAKey()
    {
        World w;
        w.nvd.validKey = kKey;
        w.nvd.fill(30, test::fixedNow().addSecs(-3600), 6);
        QVERIFY(w.server.listen());
        auto op = test::runToEnd(
            connector(w, QStringLiteral("STELLA_TEST_NVD_KEY"))->testConnection(nullptr));
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        QCOMPARE(test::stepIds(*op),
                 (QStringList{StepId::Credential, StepId::Reach, StepId::Identify,
                              StepId::Authenticate, StepId::Permission}));
        QCOMPARE(test::stepStates(*op), QStringList(5, QStringLiteral("passed")));
        QCOMPARE(op->server().product, QStringLiteral("NVD CVE API"));
        QCOMPARE(op->server().version, QStringLiteral("2.0"));
        const QList<Server::Request> sent = w.server.requests();
        QCOMPARE(sent.size(), 3);
        // The reach probe goes anonymous; the key only in the apiKey header, never the URL.
        QVERIFY(sent.at(0).header("apiKey").isEmpty());
        QCOMPARE(sent.at(1).header("apiKey"), kKey);
        QCOMPARE(sent.at(2).header("apiKey"), kKey);
        for (const Server::Request &r : sent)
            QVERIFY(!r.target.contains(kKey));
        // The recent window: the last 48 h, in NVD's date format with an explicit offset.
        QCOMPARE(test::queryValue(sent.at(2), QStringLiteral("lastModStartDate")),
                 QStringLiteral("2026-01-13T10:00:00.000+00:00"));
        QCOMPARE(test::queryValue(sent.at(2), QStringLiteral("lastModEndDate")),
                 QStringLiteral("2026-01-15T10:00:00.000+00:00"));
        QVERIFY2(op->steps().last().message.contains(QLatin1String("8 CVE records modified in "
                                                                   "the last 2 days")),
                 qPrintable(test::stepsText(*op)));
    }

    void withoutAKeyTheCallWithTheKeyIsSkipped()
    {
        World w;
        w.nvd.fill(3, test::fixedNow().addSecs(-3600), 1);
        QVERIFY(w.server.listen());
        auto op = test::runToEnd(connector(w, QString())->testConnection(nullptr));
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        QCOMPARE(test::stepStates(*op),
                 (QStringList{QStringLiteral("skipped"), QStringLiteral("passed"),
                              QStringLiteral("passed"), QStringLiteral("skipped"),
                              QStringLiteral("passed")}));
        QVERIFY(op->steps().at(3).message.contains(QLatin1String("5 requests per 30 s")));
    }

    void aFreshFeedIsHealthy()
    {
        World w;
        w.nvd.fill(40, test::fixedNow().addSecs(-600), 3);
        QVERIFY(w.server.listen());
        auto op = health(w);
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        STELLA_COMPARE_ENUM(op->healthStatus(), HealthStatus::Healthy);
        QCOMPARE(w.server.requests().size(), 1);
        QVERIFY2(op->steps().last().message.startsWith(QLatin1String("16 CVE records modified")),
                 qPrintable(test::stepsText(*op)));
    }

    // Bad input: a mirror whose newest record is a week old.
    void aMirrorWhoseNewestRecordIsAWeekOldIsDegraded()
    {
        World w;
        w.nvd.fill(20, test::fixedNow().addDays(-7), 5);
        QVERIFY(w.server.listen());
        auto op = health(w);
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        STELLA_COMPARE_ENUM(op->healthStatus(), HealthStatus::Degraded);
        STELLA_COMPARE_ENUM(op->steps().last().state, ConnectorStep::State::Warning);
        QCOMPARE(op->steps().last().message,
                 QStringLiteral("newest record modified 7 days ago, older than the 2 days "
                                "allowed (maxAge)"));
        // The wider window is NVD's longest: 120 days.
        const Server::Request wide = w.server.requests().last();
        QCOMPARE(test::queryValue(wide, QStringLiteral("lastModStartDate")),
                 QStringLiteral("2025-09-17T10:00:00.000+00:00"));
        QCOMPARE(test::queryValue(wide, QStringLiteral("resultsPerPage")), QStringLiteral("2000"));

        // The same feed within a configured maxAge of 10 days is fresh enough.
        auto relaxed = health(w, {{QStringLiteral("maxAge"), QStringLiteral("10d")}});
        STELLA_COMPARE_ENUM(relaxed->healthStatus(), HealthStatus::Healthy);
        QVERIFY2(relaxed->steps().last().message.contains(QLatin1String("in the last 10 days")),
                 qPrintable(test::stepsText(*relaxed)));
    }

    // NVD orders a window by publication: the newest modification may be on the last page.
    void theNewestRecordIsFoundOnTheLastPage()
    {
        World w;
        for (int i = 0; i < 2100; ++i)
            w.nvd.records.append({QStringLiteral("CVE-2025-%1").arg(10000 + i),
                                  test::fixedNow().addDays(-300).addSecs(i * 60),
                                  test::fixedNow().addDays(-30).addSecs(-i * 60)});
        w.nvd.records.last().lastModified = test::fixedNow().addDays(-4);
        QVERIFY(w.server.listen());
        auto op = health(w);
        STELLA_COMPARE_ENUM(op->healthStatus(), HealthStatus::Degraded);
        QVERIFY2(op->steps().last().message.startsWith(
                     QLatin1String("newest record modified 4 days ago")),
                 qPrintable(test::stepsText(*op)));
        QCOMPARE(w.server.requests().size(), 3);
        QCOMPARE(test::queryValue(w.server.requests().last(), QStringLiteral("startIndex")),
                 QStringLiteral("100"));
    }

    void aFeedWithNothingIn120DaysSaysSo()
    {
        World w;
        w.nvd.fill(5, test::fixedNow().addDays(-200), 1);
        QVERIFY(w.server.listen());
        auto op = health(w);
        STELLA_COMPARE_ENUM(op->healthStatus(), HealthStatus::Degraded);
        QVERIFY2(op->steps().last().message.contains(
                     QLatin1String("no CVE record modified in the last 120 days")),
                 qPrintable(test::stepsText(*op)));
    }

    // Bad input: NVD's firewall answers 403 to a client over the rate limit.
    void a403IsThrottlingNotABadKey()
    {
        World w;
        w.nvd.throttleFrom = 0;
        QVERIFY(w.server.listen());
        auto op = health(w);
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Failed,
                 qPrintable(test::stepsText(*op)));
        const Error &e = op->error();
        QVERIFY2(e.message.contains(QLatin1String("403")) &&
                     e.message.contains(QLatin1String("throttles")) &&
                     e.message.contains(QLatin1String("50 requests per rolling 30 s")),
                 qPrintable(e.toText()));
        QVERIFY2(e.message.contains(QLatin1String("not a sign of a bad key")),
                 qPrintable(e.toText()));
        QVERIFY2(e.hint.startsWith(QLatin1String("Wait 30 s")), qPrintable(e.hint));
        QCOMPARE(op->steps().last().id, StepId::Health);
        // After a 403 the limit holds the next request back for a whole window.
        RollingWindowLimit &limit = RollingWindowLimit::forNvd(
            w.server.url().toString(QUrl::RemovePath | QUrl::RemoveQuery), true);
        QCOMPARE(limit.reserve(RollingWindowLimit::monotonicNowMs()) > 25000, true);

        // Without a key, the hint says what a key would change.
        World anonymous;
        anonymous.nvd.throttleFrom = 0;
        QVERIFY(anonymous.server.listen());
        auto op2 = test::runToEnd(connector(anonymous, QString())->checkHealth(nullptr));
        QVERIFY2(op2->error().message.contains(QLatin1String("5 requests per rolling 30 s")),
                 qPrintable(op2->error().toText()));
        QVERIFY2(op2->error().hint.contains(QLatin1String("request an NVD API key")),
                 qPrintable(op2->error().hint));
    }

    void aKeyNvdDoesNotKnowIsNamed()
    {
        World w;
        w.nvd.validKey = kKey;
        QVERIFY(w.server.listen());
        auto op = test::runToEnd(
            connector(w, QStringLiteral("STELLA_TEST_NVD_WRONG"))->testConnection(nullptr));
        QVERIFY(op->outcome() == ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->steps().last().id, StepId::Authenticate);
        QVERIFY2(op->error().message.contains(QLatin1String("NVD refused the API key (404: "
                                                            "Invalid apiKey)")),
                 qPrintable(op->error().toText()));
        QVERIFY2(op->error().hint.contains(QLatin1String("authref://env/STELLA_TEST_NVD_WRONG")),
                 qPrintable(op->error().hint));
        QVERIFY(!test::stepsText(*op).contains(QLatin1String("not-an-activated-key")));
    }

    // Bad input: an HTML page where the API should be.
    void anHtmlPageIsNotTheApi()
    {
        World w;
        w.nvd.html = true;
        QVERIFY(w.server.listen());
        auto op = test::runToEnd(
            connector(w, QStringLiteral("STELLA_TEST_NVD_KEY"))->testConnection(nullptr));
        QVERIFY(op->outcome() == ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->steps().last().id, StepId::Identify);
        QVERIFY2(op->error().message.contains(QLatin1String("HTML page")),
                 qPrintable(op->error().toText()));
        QVERIFY(!op->error().hint.isEmpty());
    }

    void anotherJsonApiIsNotNvd()
    {
        Server other([](const Server::Request &) {
            return Server::Response::json(200, R"({"status":"ok","items":[]})");
        });
        QVERIFY(other.listen());
        Integration i =
            test::integrationFor(QStringLiteral("NvdMirror"), other.url().toString(), QString());
        auto op = test::runToEnd(m_harness.make<NvdMirrorConnector>(i)->checkHealth(nullptr));
        QVERIFY(op->outcome() == ConnectorOperation::Outcome::Failed);
        QVERIFY2(op->error().message.contains(QLatin1String(
                     "does not answer like NVD's CVE API 2.0 (no format, no totalResults, no "
                     "vulnerabilities list)")),
                 qPrintable(op->error().toText()));
    }

    void theEndpointMayBeTheApiPathItself()
    {
        World w;
        w.nvd.fill(3, test::fixedNow().addSecs(-60), 1);
        QVERIFY(w.server.listen());
        Integration i = test::integrationFor(
            QStringLiteral("NvdMirror"),
            w.server.url().toString() + QStringLiteral("/rest/json/cves/2.0"), QString());
        auto op = test::runToEnd(m_harness.make<NvdMirrorConnector>(i)->checkHealth(nullptr));
        STELLA_COMPARE_ENUM(op->healthStatus(), HealthStatus::Healthy);
        QCOMPARE(w.server.requests().first().path(), QByteArray("/rest/json/cves/2.0"));
    }

    void theRollingWindowHoldsRequestsBack()
    {
        RollingWindowLimit limit(5, 30000);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(limit.reserve(1000 + i), qint64(0));
        // The sixth waits until the first leaves the window, the seventh for the second.
        QCOMPARE(limit.reserve(2000), qint64(29000));
        QCOMPARE(limit.reserve(2000), qint64(29001));
        // Once the window has rolled on, requests go at once again.
        QCOMPARE(limit.reserve(100000), qint64(0));
        limit.throttled(200000);
        QCOMPARE(limit.reserve(200000), qint64(30000));
        QCOMPARE(RollingWindowLimit::forNvd(QStringLiteral("https://services.nvd.nist.gov"), false)
                     .limit(),
                 5);
        QCOMPARE(RollingWindowLimit::forNvd(QStringLiteral("https://services.nvd.nist.gov"), true)
                     .limit(),
                 50);
    }

    // NVD's documented window binds NVD, not a mirror: a mirror's requests go at once until
    // the mirror itself throttles (403), then the window holds until it has been quiet.
    void aMirrorIsHeldToTheWindowOnlyAfterItThrottled()
    {
        RollingWindowLimit mirror(5, 30000, RollingWindowLimit::Mode::AfterThrottle);
        for (int i = 0; i < 20; ++i)
            QCOMPARE(mirror.reserve(1000 + i), qint64(0));
        mirror.throttled(2000);
        QCOMPARE(mirror.reserve(2000), qint64(30000));
        QCOMPARE(mirror.reserve(100000), qint64(0)); // quiet for a window: free again
        QCOMPARE(mirror.reserve(100001), qint64(0));

        RollingWindowLimit &nvd =
            RollingWindowLimit::forNvd(QStringLiteral("https://services.nvd.nist.gov"), false);
        RollingWindowLimit &local =
            RollingWindowLimit::forNvd(QStringLiteral("http://127.0.0.1:8080"), false);
        const qint64 now = RollingWindowLimit::monotonicNowMs();
        qint64 nvdWaits = 0, localWaits = 0;
        for (int i = 0; i < 6; ++i) {
            nvdWaits += nvd.reserve(now);
            localWaits += local.reserve(now);
        }
        QVERIFY(nvdWaits > 0);
        QCOMPARE(localWaits, qint64(0));
    }

    void discoveryIsNotOffered()
    {
        World w;
        QVERIFY(w.server.listen());
        auto op = test::runToEnd(
            connector(w, QString())->discover(QStringLiteral("repositories"), {}, nullptr));
        QVERIFY(op->outcome() == ConnectorOperation::Outcome::Failed);
        QVERIFY(op->error().message.contains(QLatin1String("has no resource type")));
        QCOMPARE(w.server.requests().size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestNvdMirrorConnector)
#include "tst_nvdmirrorconnector.moc"
