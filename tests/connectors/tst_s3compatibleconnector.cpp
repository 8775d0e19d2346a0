// SPDX-License-Identifier: Apache-2.0
// The S3Compatible connector against a real S3 server (@20minutes/s3rver, which checks SigV4
// signatures; started by scripts/test) and against a loopback S3 (tests/support/FakeS3) for
// what the real server cannot do: a wrong region, SlowDown, an HTML page, a JSON API,
// malformed XML.
#include "ConnectorTestSupport.h"
#include "FakeS3.h"
#include "RealS3Server.h"
#include "connectors/storage/s3compatible/S3CompatibleConnector.h"
#include "connectors/storage/s3compatible/S3Xml.h"
#include "core/aws/SigV4Signer.h"
#include "core/common/Clock.h"
#include "core/connectors/StepIds.h"
#include "core/credentials/CredentialResolver.h"

#include <QTest>

using namespace stella;
using test::FakeS3;

namespace {
const QByteArray kKey = "AKIAIOSFODNN7EXAMPLE";
const QByteArray kSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const char *kEnv = "STELLA_TEST_S3_CREDENTIAL";

Integration s3Integration(const QString &endpoint, const QString &bucket,
                          const QString &region = QStringLiteral("us-east-1"),
                          bool pathStyle = true)
{
    Integration i =
        test::integrationFor(QStringLiteral("S3Compatible"), endpoint, QString::fromLatin1(kEnv),
                             {{QStringLiteral("bucket"), bucket},
                              {QStringLiteral("region"), region},
                              {QStringLiteral("pathStyle"), pathStyle}});
    return i;
}

bool mentionsSecret(const ConnectorOperation &op, const QByteArray &secret)
{
    const QString text = test::stepsText(op) + op.error().message + op.error().hint;
    return text.contains(QString::fromLatin1(secret));
}
} // namespace

class TestS3CompatibleConnector : public QObject
{
    Q_OBJECT

    test::ConnectorHarness m_harness;
    // The real server checks the request's time against its own clock: its tests sign with
    // the system clock.
    QNetworkAccessManager m_network;
    CredentialResolver m_credentials{m_network, {}, {}};
    ConnectorContext realTimeContext() { return {&SystemClock::instance(), &m_credentials}; }

    std::unique_ptr<FakeS3> fake()
    {
        auto s3 = std::make_unique<FakeS3>(kKey, kSecret);
        s3->buckets = {{"stella-evidence", "us-east-1"}, {"eu-evidence", "eu-west-1"}};
        if (!s3->server().listen())
            qFatal("the loopback server cannot listen");
        return s3;
    }
    std::unique_ptr<ConnectorOperation> testConnection(const Integration &integration)
    {
        auto connector = m_harness.make<S3CompatibleConnector>(integration);
        return test::runToEnd(connector->testConnection(nullptr));
    }
    std::unique_ptr<ConnectorOperation> health(const Integration &integration)
    {
        auto connector = m_harness.make<S3CompatibleConnector>(integration);
        return test::runToEnd(connector->checkHealth(nullptr));
    }

private Q_SLOTS:
    void init() { qputenv(kEnv, kKey + ':' + kSecret); }

    void testConnectionSignsEveryCallAndPasses()
    {
        auto s3 = fake();
        auto op =
            testConnection(s3Integration(s3->url().toString(), QStringLiteral("stella-evidence")));
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        QCOMPARE(test::stepIds(*op),
                 (QStringList{StepId::Credential, StepId::Reach, StepId::Identify,
                              StepId::Authenticate, StepId::Permission}));
        QCOMPARE(op->server().product, QStringLiteral("Amazon S3"));
        const QString text = test::stepsText(*op);
        QVERIFY2(text.contains(QLatin1String("as stella-ci: 2 buckets")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("HeadBucket stella-evidence → 200")),
                 qPrintable(text));
        // ListBuckets and HeadBucket, both signed and accepted by the fake's own check.
        QCOMPARE(s3->signedRequests(), 2);
        const auto last = s3->lastSigned();
        QCOMPARE(last.method, QByteArray("HEAD"));
        QCOMPARE(last.target, QByteArray("/stella-evidence"));
        QCOMPARE(last.header("x-amz-content-sha256"), QByteArray(SigV4Signer::kEmptyPayloadSha256));
        // The time comes from the injected clock (2026-01-15T10:00:00Z).
        QCOMPARE(last.header("x-amz-date"), QByteArray("20260115T100000Z"));
        QVERIFY(last.header("x-amz-security-token").isEmpty());
        QVERIFY(!mentionsSecret(*op, kSecret));
        STELLA_COMPARE_ENUM(op->healthStatus(), HealthStatus::Healthy);
    }

    void sessionTokenIsSentAndSigned()
    {
        auto s3 = fake();
        s3->sessionToken = "FQoGZXIvYXdzEPT//////////wEaDEXAMPLETOKEN";
        qputenv(kEnv, kKey + ':' + kSecret + ':' + s3->sessionToken);
        auto op =
            testConnection(s3Integration(s3->url().toString(), QStringLiteral("stella-evidence")));
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        QCOMPARE(s3->lastSigned().header("x-amz-security-token"), s3->sessionToken);
        QVERIFY(
            s3->lastSigned()
                .header("Authorization")
                .contains(
                    "SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,"));
        QVERIFY(!mentionsSecret(*op, s3->sessionToken));
    }

    void credentialThatIsNotS3KeysIsExplained()
    {
        auto s3 = fake();
        qputenv(kEnv, "just-a-token");
        auto op =
            testConnection(s3Integration(s3->url().toString(), QStringLiteral("stella-evidence")));
        QVERIFY(op->outcome() == ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->steps().last().id, StepId::Authenticate);
        QVERIFY2(op->error().message.contains(QLatin1String("ACCESS_KEY_ID:SECRET_ACCESS_KEY")),
                 qPrintable(op->error().message));
        QVERIFY(!op->error().message.contains(QLatin1String("just-a-token")));
    }

    void healthReadsTheBucket()
    {
        auto s3 = fake();
        auto op = health(s3Integration(s3->url().toString(), QStringLiteral("stella-evidence")));
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        STELLA_COMPARE_ENUM(op->healthStatus(), HealthStatus::Healthy);
        QCOMPARE(s3->lastSigned().target, QByteArray("/stella-evidence?list-type=2&max-keys=1"));
    }

    // S3 answers a request signed for another region with the region it expects.
    void wrongRegionIsExplainedWithTheRegionS3Names()
    {
        auto s3 = fake();
        s3->serverRegion = "eu-central-1";
        s3->buckets = {{"stella-evidence", "eu-central-1"}};
        auto op =
            testConnection(s3Integration(s3->url().toString(), QStringLiteral("stella-evidence")));
        QVERIFY(op->outcome() == ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->steps().last().id, StepId::Authenticate);
        const Error &e = op->error();
        QVERIFY2(e.message.contains(QLatin1String("AuthorizationHeaderMalformed")),
                 qPrintable(e.toText()));
        QVERIFY2(e.message.contains(QLatin1String("region eu-central-1")) &&
                     e.message.contains(QLatin1String("signed for region us-east-1")),
                 qPrintable(e.toText()));
        QVERIFY2(e.hint.contains(QLatin1String("Set the integration's region to eu-central-1")),
                 qPrintable(e.hint));
    }

    // A bucket in another region: S3's 301 PermanentRedirect (no Location), to HEAD with
    // x-amz-bucket-region only, to GET with the Endpoint in its XML.
    void bucketInAnotherRegionIsExplained()
    {
        auto s3 = fake();
        auto op =
            testConnection(s3Integration(s3->url().toString(), QStringLiteral("eu-evidence")));
        QVERIFY(op->outcome() == ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->steps().last().id, StepId::Permission);
        QVERIFY2(op->error().message.contains(QLatin1String("is in region eu-west-1")),
                 qPrintable(op->error().toText()));
        QVERIFY2(op->error().message.contains(QLatin1String("301")),
                 qPrintable(op->error().toText()));
        QVERIFY(op->error().hint.contains(QLatin1String("region to eu-west-1")));

        auto checked = health(s3Integration(s3->url().toString(), QStringLiteral("eu-evidence")));
        QVERIFY(checked->outcome() == ConnectorOperation::Outcome::Failed);
        const QString message = checked->error().message;
        QVERIFY2(message.contains(QLatin1String("301 PermanentRedirect")) &&
                     message.contains(QLatin1String("eu-evidence.s3.eu-west-1.amazonaws.com")),
                 qPrintable(message));
        STELLA_COMPARE_ENUM(checked->healthStatus(), HealthStatus::Unhealthy);
    }

    void noSuchBucketIsExplained()
    {
        auto s3 = fake();
        auto op = testConnection(s3Integration(s3->url().toString(), QStringLiteral("missing")));
        QVERIFY(op->outcome() == ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->steps().last().id, StepId::Permission);
        QVERIFY2(op->error().message.contains(QLatin1String("no bucket 'missing'")),
                 qPrintable(op->error().toText()));
        auto checked = health(s3Integration(s3->url().toString(), QStringLiteral("missing")));
        QVERIFY2(checked->error().message.contains(QLatin1String("404 NoSuchBucket")),
                 qPrintable(checked->error().toText()));
        QVERIFY(checked->error().hint.contains(QLatin1String("create the bucket")));
    }

    void forbiddenBucketIsExplained()
    {
        auto s3 = fake();
        s3->forbidden = {"stella-evidence"};
        auto op =
            testConnection(s3Integration(s3->url().toString(), QStringLiteral("stella-evidence")));
        QCOMPARE(op->steps().last().id, StepId::Permission);
        QVERIFY2(op->error().message.contains(QLatin1String("403 Forbidden, without a reason")),
                 qPrintable(op->error().toText()));
        QVERIFY(op->error().hint.contains(QLatin1String("s3:ListBucket")));
        auto checked =
            health(s3Integration(s3->url().toString(), QStringLiteral("stella-evidence")));
        QVERIFY2(checked->error().message.contains(QLatin1String("403 AccessDenied")),
                 qPrintable(checked->error().toText()));
        STELLA_COMPARE_ENUM(checked->healthStatus(), HealthStatus::Degraded);
    }

    void slowDownIsExplained()
    {
        auto s3 = fake();
        s3->mode = FakeS3::Mode::SlowDown;
        auto op = health(s3Integration(s3->url().toString(), QStringLiteral("stella-evidence")));
        QVERIFY(op->outcome() == ConnectorOperation::Outcome::Failed);
        const Error &e = op->error();
        QVERIFY2(e.message.contains(QLatin1String("503 SlowDown")) &&
                     e.message.contains(QLatin1String("attempts")),
                 qPrintable(e.toText()));
        QVERIFY(e.hint.contains(QLatin1String("health-check interval")));
        STELLA_COMPARE_ENUM(op->healthStatus(), HealthStatus::Unhealthy);
        // The client backed off and retried S3's 503 before giving up.
        QCOMPARE(s3->server().requests().size(), HttpPolicy{}.maxAttempts);
    }

    void htmlPageIsNotS3()
    {
        auto s3 = fake();
        s3->mode = FakeS3::Mode::HtmlPage;
        auto op =
            testConnection(s3Integration(s3->url().toString(), QStringLiteral("stella-evidence")));
        QVERIFY(op->outcome() == ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->steps().last().id, StepId::Identify);
        QVERIFY2(
            op->error().message.contains(QLatin1String("is not S3: GET / answered an HTML page")),
            qPrintable(op->error().toText()));
        QVERIFY(!test::stepsText(*op).contains(QLatin1String("<form")));
        QVERIFY(!op->error().hint.isEmpty());
    }

    void jsonApiIsNotS3()
    {
        auto s3 = fake();
        s3->mode = FakeS3::Mode::JsonApi;
        auto op =
            testConnection(s3Integration(s3->url().toString(), QStringLiteral("stella-evidence")));
        QCOMPARE(op->steps().last().id, StepId::Identify);
        QVERIFY2(op->error().message.contains(QLatin1String("is not S3: GET / answered JSON")),
                 qPrintable(op->error().toText()));
    }

    void malformedXmlIsExplained()
    {
        auto s3 = fake();
        s3->mode = FakeS3::Mode::MalformedXml;
        auto op =
            testConnection(s3Integration(s3->url().toString(), QStringLiteral("stella-evidence")));
        QCOMPARE(op->steps().last().id, StepId::Authenticate);
        QVERIFY2(op->error().message.contains(QLatin1String("not the expected XML (malformed")),
                 qPrintable(op->error().toText()));
    }

    void truncatedListingIsExplained()
    {
        auto s3 = fake();
        s3->mode = FakeS3::Mode::TruncatedXml;
        auto op = health(s3Integration(s3->url().toString(), QStringLiteral("stella-evidence")));
        QVERIFY(op->outcome() == ConnectorOperation::Outcome::Failed);
        QVERIFY2(op->error().message.contains(QLatin1String("not the expected XML")),
                 qPrintable(op->error().toText()));
        STELLA_COMPARE_ENUM(op->healthStatus(), HealthStatus::Unhealthy);
    }

    void wrongSessionTokenIsExplained()
    {
        auto s3 = fake();
        s3->sessionToken = "the-token-the-server-issued";
        qputenv(kEnv, kKey + ':' + kSecret + ":an-expired-token");
        auto op =
            testConnection(s3Integration(s3->url().toString(), QStringLiteral("stella-evidence")));
        QCOMPARE(op->steps().last().id, StepId::Authenticate);
        QVERIFY2(op->error().message.contains(QLatin1String("session token is expired or invalid")),
                 qPrintable(op->error().toText()));
        QVERIFY(op->error().hint.contains(
            QLatin1String("ACCESS_KEY_ID:SECRET_ACCESS_KEY:SESSION_TOKEN")));
        QVERIFY(!mentionsSecret(*op, "an-expired-token"));
    }

    // The XML reader is bounded: S3 answers are small and flat.
    void xmlReadingIsBounded()
    {
        HttpResponse deep;
        deep.status = 200;
        deep.body = QByteArray("<a>").repeated(s3::kMaxXmlDepth + 4) +
                    QByteArray("</a>").repeated(s3::kMaxXmlDepth + 4);
        auto nested = s3::readXml(deep, QStringLiteral("GET /"));
        QVERIFY(!nested);
        QVERIFY2(nested.error().message.contains(QLatin1String("nested deeper than 16")),
                 qPrintable(nested.error().message));

        HttpResponse huge;
        huge.status = 200;
        huge.body =
            "<ListBucketResult>" + QByteArray(s3::kMaxXmlBytes, 'x') + "</ListBucketResult>";
        auto big = s3::readXml(huge, QStringLiteral("GET /"));
        QVERIFY(!big);
        QVERIFY2(big.error().message.contains(QLatin1String("not the expected XML")),
                 qPrintable(big.error().message));

        HttpResponse other;
        other.status = 200;
        other.body = "<?xml version=\"1.0\"?><rss><channel/></rss>";
        auto rss = s3::readXml(other, QStringLiteral("GET /"), QStringLiteral("ListBucketResult"));
        QVERIFY(!rss);
        QVERIFY2(rss.error().message.contains(
                     QLatin1String("<rss>, where S3 answers <ListBucketResult>")),
                 qPrintable(rss.error().message));
    }

    void addressingStyles()
    {
        const QString aws = QStringLiteral("https://s3.eu-west-1.amazonaws.com");
        QCOMPARE(S3CompatibleConnector::bucketUrl(aws, QStringLiteral("evidence"), false),
                 QUrl(QStringLiteral("https://evidence.s3.eu-west-1.amazonaws.com/")));
        QCOMPARE(S3CompatibleConnector::bucketUrl(aws, QStringLiteral("evidence"), false,
                                                  QStringLiteral("list-type=2&max-keys=1")),
                 QUrl(QStringLiteral(
                     "https://evidence.s3.eu-west-1.amazonaws.com/?list-type=2&max-keys=1")));
        QCOMPARE(S3CompatibleConnector::bucketUrl(QStringLiteral("http://minio.local:9000/"),
                                                  QStringLiteral("evidence"), true),
                 QUrl(QStringLiteral("http://minio.local:9000/evidence")));
        QCOMPARE(S3CompatibleConnector::serviceUrl(aws), QUrl(aws + QLatin1Char('/')));
    }

    // --- the real server -----------------------------------------------------------------

    void realServerAcceptsTheRightKeys()
    {
        const auto real = test::RealS3Server::fromEnvironment();
        STELLA_REQUIRE_REAL_S3(real);
        qputenv(kEnv, (real.accessKeyId + QLatin1Char(':') + real.secret).toUtf8());
        S3CompatibleConnector connector(s3Integration(real.url.toString(), real.bucket),
                                        realTimeContext());
        auto op = test::runToEnd(connector.testConnection(nullptr));
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        QCOMPARE(op->server().product, QStringLiteral("S3-compatible"));
        QVERIFY(!mentionsSecret(*op, real.secret.toUtf8()));
        auto checked = test::runToEnd(connector.checkHealth(nullptr));
        QVERIFY2(checked->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*checked)));
        STELLA_COMPARE_ENUM(checked->healthStatus(), HealthStatus::Healthy);
    }

    void realServerRefusesAWrongSecret()
    {
        const auto real = test::RealS3Server::fromEnvironment();
        STELLA_REQUIRE_REAL_S3(real);
        const QByteArray wrong = "not-the-secret-0123456789";
        qputenv(kEnv, real.accessKeyId.toUtf8() + ':' + wrong);
        S3CompatibleConnector connector(s3Integration(real.url.toString(), real.bucket),
                                        realTimeContext());
        auto op = test::runToEnd(connector.testConnection(nullptr));
        QVERIFY(op->outcome() == ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->steps().last().id, StepId::Authenticate);
        const Error &e = op->error();
        QVERIFY2(e.message.contains(QLatin1String("403 SignatureDoesNotMatch")) &&
                     e.message.contains(QLatin1String("does not belong to access key id ") +
                                        real.accessKeyId),
                 qPrintable(e.toText()));
        QVERIFY2(e.hint.contains(QLatin1String("authref://env/") + QLatin1String(kEnv)),
                 qPrintable(e.hint));
        QVERIFY(!mentionsSecret(*op, wrong));
    }

    void realServerRefusesAnUnknownKey()
    {
        const auto real = test::RealS3Server::fromEnvironment();
        STELLA_REQUIRE_REAL_S3(real);
        qputenv(kEnv, "AKIDNOTKNOWNHERE:" + real.secret.toUtf8());
        S3CompatibleConnector connector(s3Integration(real.url.toString(), real.bucket),
                                        realTimeContext());
        auto op = test::runToEnd(connector.testConnection(nullptr));
        QVERIFY2(
            op->error().message.contains(QLatin1String("no access key id AKIDNOTKNOWNHERE (403 "
                                                       "InvalidAccessKeyId)")),
            qPrintable(op->error().toText()));
    }

    void realServerHasNoSuchBucket()
    {
        const auto real = test::RealS3Server::fromEnvironment();
        STELLA_REQUIRE_REAL_S3(real);
        qputenv(kEnv, (real.accessKeyId + QLatin1Char(':') + real.secret).toUtf8());
        S3CompatibleConnector connector(
            s3Integration(real.url.toString(), QStringLiteral("no-such-bucket")),
            realTimeContext());
        auto op = test::runToEnd(connector.testConnection(nullptr));
        QCOMPARE(op->steps().last().id, StepId::Permission);
        QVERIFY2(op->error().message.contains(QLatin1String("no bucket 'no-such-bucket'")),
                 qPrintable(op->error().toText()));
        auto checked = test::runToEnd(connector.checkHealth(nullptr));
        QVERIFY2(checked->error().message.contains(QLatin1String("NoSuchBucket")),
                 qPrintable(checked->error().toText()));
    }

    // The harness's fixed clock is far from now: the real server refuses the signature's time.
    void realServerRefusesASkewedClock()
    {
        const auto real = test::RealS3Server::fromEnvironment();
        STELLA_REQUIRE_REAL_S3(real);
        qputenv(kEnv, (real.accessKeyId + QLatin1Char(':') + real.secret).toUtf8());
        auto op = testConnection(s3Integration(real.url.toString(), real.bucket));
        QCOMPARE(op->steps().last().id, StepId::Authenticate);
        QVERIFY2(op->error().message.contains(QLatin1String("RequestTimeTooSkewed")),
                 qPrintable(op->error().toText()));
        QVERIFY(op->error().hint.contains(QLatin1String("NTP")));
    }
};

QTEST_GUILESS_MAIN(TestS3CompatibleConnector)
#include "tst_s3compatibleconnector.moc"
