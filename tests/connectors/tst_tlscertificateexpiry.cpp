// SPDX-License-Identifier: Apache-2.0
// TLS certificate expiry for every HTTPS integration: the server's certificate is read on each
// answer (core/http), the operation keeps the earliest expiry (connectors/http), and the health
// record turns it into a verdict against the injected clock (core/health/CertificateExpiry):
// within 30 days Degraded, expired Unhealthy; Qt refuses an expired certificate or one for
// another host, and the error says which. Certificates are made by the test with openssl
// (expired, 10 days, 90 days, another host), served by the loopback server over TLS, trusted
// through the integration's caCertificatePath; the connector is the Stella Ops mirror's, but
// nothing here is particular to it.
#include "ConnectorTestSupport.h"
#include "connectors/feeds/stellaopsmirror/StellaOpsMirrorConnector.h"
#include "core/common/Clock.h"
#include "core/health/CertificateExpiry.h"
#include "core/health/HealthCheckResult.h"
#include "feeds/FeedFakes.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace stella;
using Server = test::LoopbackHttpServer;

namespace {
// A self-signed certificate valid from `notBefore` to `notAfter` for `subjectAltName`
// ("IP:127.0.0.1", "DNS:stella.example.com"), made with `openssl ca -selfsign`, which, unlike
// `openssl req -x509`, takes explicit start and end dates (so one can be in the past).
struct TestCertificate
{
    QString certificatePath;
    QByteArray certificatePem;
    QByteArray keyPem;
    QSslCertificate certificate;
    QString problem;

    static TestCertificate make(const QTemporaryDir &dir, const QString &name,
                                const QDateTime &notBefore, const QDateTime &notAfter,
                                const QString &subjectAltName)
    {
        TestCertificate out;
        const QString base = dir.filePath(name);
        QDir().mkpath(base + QStringLiteral("/certs"));
        QFile(base + QStringLiteral("/index.txt")).open(QIODevice::WriteOnly);
        QFile serial(base + QStringLiteral("/serial"));
        serial.open(QIODevice::WriteOnly);
        serial.write("01\n");
        serial.close();
        QFile config(base + QStringLiteral("/ca.cnf"));
        config.open(QIODevice::WriteOnly);
        config.write("[ca]\ndefault_ca = test\n[test]\ndatabase = " +
                     (base + QStringLiteral("/index.txt")).toUtf8() +
                     "\nnew_certs_dir = " + (base + QStringLiteral("/certs")).toUtf8() +
                     "\nserial = " + (base + QStringLiteral("/serial")).toUtf8() +
                     "\ndefault_md = sha256\npolicy = any\nunique_subject = no\n"
                     "copy_extensions = copy\n[any]\ncommonName = supplied\n"
                     "[req]\ndistinguished_name = dn\nprompt = no\n[dn]\nCN = stella-test\n");
        config.close();
        const auto openssl = [&](const QStringList &args) {
            QProcess p;
            p.start(QStringLiteral("openssl"), args);
            if (!p.waitForFinished(60000) || p.exitCode() != 0)
                out.problem =
                    QStringLiteral("openssl %1 failed: %2")
                        .arg(args.first(), QString::fromLocal8Bit(p.readAllStandardError()));
            return out.problem.isEmpty();
        };
        const auto date = [](const QDateTime &t) {
            return t.toUTC().toString(QStringLiteral("yyyyMMddHHmmss")) + QLatin1Char('Z');
        };
        out.certificatePath = base + QStringLiteral("/cert.pem");
        if (!openssl({QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-newkey"),
                      QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
                      QStringLiteral("-keyout"), base + QStringLiteral("/key.pem"),
                      QStringLiteral("-out"), base + QStringLiteral("/req.csr"),
                      QStringLiteral("-config"), base + QStringLiteral("/ca.cnf"),
                      QStringLiteral("-addext"),
                      QStringLiteral("subjectAltName=") + subjectAltName}) ||
            !openssl({QStringLiteral("ca"), QStringLiteral("-batch"), QStringLiteral("-config"),
                      base + QStringLiteral("/ca.cnf"), QStringLiteral("-selfsign"),
                      QStringLiteral("-keyfile"), base + QStringLiteral("/key.pem"),
                      QStringLiteral("-in"), base + QStringLiteral("/req.csr"),
                      QStringLiteral("-out"), out.certificatePath, QStringLiteral("-notext"),
                      QStringLiteral("-startdate"), date(notBefore), QStringLiteral("-enddate"),
                      date(notAfter)}))
            return out;
        QFile cert(out.certificatePath);
        QFile key(base + QStringLiteral("/key.pem"));
        cert.open(QIODevice::ReadOnly);
        key.open(QIODevice::ReadOnly);
        out.certificatePem = cert.readAll();
        out.keyPem = key.readAll();
        out.certificate = QSslCertificate(out.certificatePem, QSsl::Pem);
        if (out.certificate.isNull())
            out.problem = QStringLiteral("openssl made no readable certificate");
        return out;
    }
};
} // namespace

class TestTlsCertificateExpiry : public QObject
{
    Q_OBJECT

    test::ConnectorHarness m_harness;
    QTemporaryDir m_dir;
    test::feeds::FakeStellaOpsMirror m_mirror;
    // Certificates are valid (or not) for the machine's real clock, which is what TLS checks;
    // the verdict is then computed at a chosen instant, so the assertions never read that clock.
    const QDateTime m_realNow = QDateTime::currentDateTimeUtc();

    // A health check of a mirror served over TLS with `certificate`, and its record as the
    // monitor would write it at `checkedAt`.
    HealthCheckRecord check(const TestCertificate &certificate, const QDateTime &checkedAt,
                            bool skipVerification = false, Error *error = nullptr)
    {
        Server server([this](const Server::Request &r) { return m_mirror.handle(r); });
        if (!server.listenTls(certificate.certificatePem, certificate.keyPem))
            qFatal("cannot listen with TLS");
        QJsonObject config{{QStringLiteral("domain"), QStringLiteral("community")}};
        if (skipVerification)
            config.insert(QStringLiteral("insecureSkipTlsVerify"), true);
        else
            config.insert(QStringLiteral("caCertificatePath"), certificate.certificatePath);
        Integration i = test::integrationFor(QStringLiteral("StellaOpsMirror"),
                                             server.url().toString(), QString(), config);
        i.id = QUuid::createUuid();
        auto op = test::runToEnd(m_harness.make<StellaOpsMirrorConnector>(i)->checkHealth(nullptr));
        if (error)
            *error = op->error();
        return healthCheckRecordFor(i.id, checkedAt, *op);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_mirror.domains = {{QStringLiteral("community"), QStringLiteral("Community"),
                             test::fixedNow().addSecs(-3600), 9, false}};
    }

    void aCertificateFor90DaysIsFine()
    {
        const TestCertificate c =
            TestCertificate::make(m_dir, QStringLiteral("ninety"), m_realNow.addSecs(-3600),
                                  m_realNow.addDays(90), QStringLiteral("IP:127.0.0.1"));
        QVERIFY2(c.problem.isEmpty(), qPrintable(c.problem));
        const QDateTime checkedAt = c.certificate.effectiveDate().addSecs(3600);
        const HealthCheckRecord record = check(c, checkedAt);
        STELLA_COMPARE_ENUM(record.status, HealthStatus::Healthy);
        QCOMPARE(record.certificateExpiresAt, c.certificate.expiryDate().toUTC());
        QVERIFY2(record.errorMessage.isEmpty(), qPrintable(record.errorMessage));
        QCOMPARE(CertificateExpiry::describe(record.certificateExpiresAt, checkedAt),
                 QStringLiteral("valid for 90 days"));
    }

    void aCertificateFor10DaysIsDegraded()
    {
        const TestCertificate c =
            TestCertificate::make(m_dir, QStringLiteral("ten"), m_realNow.addSecs(-3600),
                                  m_realNow.addDays(10), QStringLiteral("IP:127.0.0.1"));
        QVERIFY2(c.problem.isEmpty(), qPrintable(c.problem));
        const QDateTime checkedAt = c.certificate.effectiveDate().addSecs(3600);
        const HealthCheckRecord record = check(c, checkedAt);
        STELLA_COMPARE_ENUM(record.status, HealthStatus::Degraded);
        QCOMPARE(record.errorMessage, QStringLiteral("certificate expires in 10 days"));
        QCOMPARE(CertificateExpiry::describe(record.certificateExpiresAt, checkedAt),
                 QStringLiteral("expires in 10 days"));
        // The JSON of `health --json` and `monitor --json` carries the expiry.
        QCOMPARE(record.toJson().value(QStringLiteral("certificateExpiresAt")).toString(),
                 formatUtc(c.certificate.expiryDate()));
    }

    // Qt refuses an expired certificate: the check fails, saying so.
    void anExpiredCertificateIsRefused()
    {
        const TestCertificate c =
            TestCertificate::make(m_dir, QStringLiteral("expired"), m_realNow.addDays(-60),
                                  m_realNow.addDays(-2), QStringLiteral("IP:127.0.0.1"));
        QVERIFY2(c.problem.isEmpty(), qPrintable(c.problem));
        Error error;
        const HealthCheckRecord record = check(c, m_realNow, false, &error);
        STELLA_COMPARE_ENUM(record.status, HealthStatus::Unhealthy);
        QVERIFY2(error.message.contains(
                     QStringLiteral("expired on %1").arg(formatUtc(c.certificate.expiryDate()))),
                 qPrintable(error.toText()));
        QVERIFY2(error.message.contains(QLatin1String("127.0.0.1:")), qPrintable(error.message));
        QVERIFY2(error.hint.contains(QLatin1String("Renew")), qPrintable(error.hint));
    }

    // With verification off the connection is made: the expiry still makes it Unhealthy.
    void anExpiredCertificateWithVerificationOffIsUnhealthy()
    {
        const TestCertificate c = TestCertificate::make(
            m_dir, QStringLiteral("expired-unverified"), m_realNow.addDays(-60),
            m_realNow.addDays(-2), QStringLiteral("IP:127.0.0.1"));
        QVERIFY2(c.problem.isEmpty(), qPrintable(c.problem));
        const HealthCheckRecord record = check(c, c.certificate.expiryDate().addDays(2), true);
        STELLA_COMPARE_ENUM(record.status, HealthStatus::Unhealthy);
        QVERIFY2(record.errorMessage.contains(
                     QLatin1String("certificate expired 2 days ago (accepted only because TLS "
                                   "verification is off")),
                 qPrintable(record.errorMessage));
    }

    // Bad input: a certificate for the wrong host.
    void aCertificateForAnotherHostNamesTheHost()
    {
        const TestCertificate c =
            TestCertificate::make(m_dir, QStringLiteral("wrong-host"), m_realNow.addSecs(-3600),
                                  m_realNow.addDays(90), QStringLiteral("DNS:stella.example.com"));
        QVERIFY2(c.problem.isEmpty(), qPrintable(c.problem));
        Error error;
        const HealthCheckRecord record = check(c, m_realNow, false, &error);
        STELLA_COMPARE_ENUM(record.status, HealthStatus::Unhealthy);
        QVERIFY2(error.message.contains(
                     QLatin1String("is for stella.example.com, not for the host '127.0.0.1'")),
                 qPrintable(error.toText()));
        QVERIFY2(error.hint.contains(QLatin1String("reissued for '127.0.0.1'")),
                 qPrintable(error.hint));
    }

    void theVerdictAgainstTheClock()
    {
        const QDateTime now = test::fixedNow();
        QCOMPARE(CertificateExpiry::judge({}, now).message, QString());
        QCOMPARE(CertificateExpiry::judge(now.addDays(31), now).message, QString());
        const auto at30 = CertificateExpiry::judge(now.addDays(30), now);
        STELLA_COMPARE_ENUM(at30.health, HealthStatus::Degraded);
        QCOMPARE(at30.message, QStringLiteral("certificate expires in 30 days"));
        QCOMPARE(CertificateExpiry::judge(now.addSecs(3600), now).message,
                 QStringLiteral("certificate expires in less than a day"));
        const auto gone = CertificateExpiry::judge(now.addDays(-1), now);
        STELLA_COMPARE_ENUM(gone.health, HealthStatus::Unhealthy);
        QCOMPARE(gone.message, QStringLiteral("certificate expired 1 day ago"));
        QCOMPARE(CertificateExpiry::describe({}, now), QStringLiteral("—"));
        QCOMPARE(CertificateExpiry::describe(now.addDays(-3), now),
                 QStringLiteral("expired 3 days ago"));
    }

    // The certificate's verdict joins the connector's: the worse status, both messages.
    void aStaleFeedWithAnExpiringCertificateSaysBoth()
    {
        ConnectorOperation op(ConnectorOperation::Kind::HealthCheck);
        op.beginStep(QStringLiteral("health"), QStringLiteral("freshness"));
        op.reportHealth(HealthStatus::Degraded);
        op.endStep(ConnectorStep::State::Warning, QStringLiteral("bundle created 7 days ago"));
        op.reportCertificate(test::fixedNow().addDays(12), true);
        op.reportCertificate(test::fixedNow().addDays(40), true); // the earliest counts
        op.succeed();
        const HealthCheckRecord record =
            healthCheckRecordFor(QUuid::createUuid(), test::fixedNow(), op);
        STELLA_COMPARE_ENUM(record.status, HealthStatus::Degraded);
        QCOMPARE(record.errorMessage,
                 QStringLiteral("bundle created 7 days ago; certificate expires in 12 days"));
        QCOMPARE(record.certificateExpiresAt, test::fixedNow().addDays(12));
    }
};

QTEST_GUILESS_MAIN(TestTlsCertificateExpiry)
#include "tst_tlscertificateexpiry.moc"
