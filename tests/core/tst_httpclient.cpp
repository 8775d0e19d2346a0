// SPDX-License-Identifier: Apache-2.0
// Every behaviour of the HTTP client against loopback servers started here.
#include "LoopbackHttpServer.h"
#include "TestSupport.h"
#include "core/http/HttpClient.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace stella;
using Server = test::LoopbackHttpServer;
using Response = Server::Response;

class TestHttpClient : public QObject
{
    Q_OBJECT

    ManualClock m_clock{test::fixedNow()};
    QTemporaryDir m_dir;

    static HttpPolicy fastPolicy()
    {
        HttpPolicy p;
        p.timeoutMs = 2000;
        p.baseBackoffMs = 10;
        p.maxBackoffMs = 3000;
        return p;
    }

    Result<HttpResponse> get(HttpClient &client, const QUrl &url, HttpHeaders credentials = {},
                             int *retries = nullptr)
    {
        HttpRequest request;
        request.url = url;
        request.credentialHeaders = std::move(credentials);
        std::unique_ptr<HttpCall> call(client.send(request));
        QSignalSpy retried(call.get(), &HttpCall::retrying);
        QSignalSpy done(call.get(), &HttpCall::finished);
        if (!call->isFinished())
            [&] { QVERIFY(done.wait(30000)); }();
        if (retries)
            *retries = int(retried.size());
        return call->result();
    }

    // A self-signed certificate for 127.0.0.1, made by the test with openssl.
    bool makeCertificate(QByteArray &cert, QByteArray &key)
    {
        QProcess openssl;
        openssl.setWorkingDirectory(m_dir.path());
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                       QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
                       QStringLiteral("-keyout"), QStringLiteral("key.pem"), QStringLiteral("-out"),
                       QStringLiteral("cert.pem"), QStringLiteral("-days"), QStringLiteral("2"),
                       QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
                       QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1")});
        if (!openssl.waitForFinished(60000) || openssl.exitCode() != 0)
            return false;
        QFile c(m_dir.filePath(QStringLiteral("cert.pem"))),
            k(m_dir.filePath(QStringLiteral("key.pem")));
        if (!c.open(QIODevice::ReadOnly) || !k.open(QIODevice::ReadOnly))
            return false;
        cert = c.readAll();
        key = k.readAll();
        return true;
    }

private Q_SLOTS:
    void plainGetAndHeaders()
    {
        Server server([](const auto &r) {
            return Response{
                200,
                {{"X-Echo", r.header("X-Custom")}, {"Content-Type", "application/json"}},
                "{\"ok\":true}"};
        });
        QVERIFY(server.listen());
        HttpClient client(m_clock, {}, fastPolicy());
        HttpRequest request;
        request.url = server.url().resolved(QUrl(QStringLiteral("/api?x=1")));
        request.headers = {{"X-Custom", "hello"}};
        std::unique_ptr<HttpCall> call(client.send(request));
        QSignalSpy done(call.get(), &HttpCall::finished);
        QVERIFY(done.wait());
        QVERIFY(call->result().ok());
        QCOMPARE(call->result()->status, 200);
        QCOMPARE(call->result()->header("x-echo"), QByteArrayLiteral("hello"));
        QCOMPARE(call->result()->body, QByteArrayLiteral("{\"ok\":true}"));
        QCOMPARE(server.requests().first().target, QByteArrayLiteral("/api?x=1"));
    }

    // Clients with the same TLS options share one manager (a health sweep made one per
    // integration); one integration's cookies must still never reach another's requests.
    void clientsShareAManagerButNeverCookies()
    {
        Server server([](const auto &r) {
            if (r.path() == "/login")
                return Response{200, {{"Set-Cookie", "sid=integration-a-session; Path=/"}}, "ok"};
            return Response{200, {{"X-Cookie", r.header("Cookie")}}, "ok"};
        });
        QVERIFY(server.listen());
        HttpClient a(m_clock, {}, fastPolicy());
        HttpClient b(m_clock, {}, fastPolicy());
        QVERIFY(get(a, server.url().resolved(QUrl(QStringLiteral("/login")))).ok());
        auto fromA = get(a, server.url().resolved(QUrl(QStringLiteral("/echo"))));
        auto fromB = get(b, server.url().resolved(QUrl(QStringLiteral("/echo"))));
        QVERIFY(fromA.ok() && fromB.ok());
        QCOMPARE(fromA->header("x-cookie"), QByteArray());
        QCOMPARE(fromB->header("x-cookie"), QByteArray());
        QCOMPARE(server.requests().size(), 3);
        for (const auto &request : server.requests())
            QVERIFY(request.header("Cookie").isEmpty());
    }

    void timeoutIsReportedAndRetried()
    {
        Server server([](const auto &) { return Response{200, {}, {}, -1, true}; });
        QVERIFY(server.listen());
        HttpPolicy policy = fastPolicy();
        policy.timeoutMs = 200;
        policy.maxAttempts = 2;
        HttpClient client(m_clock, {}, policy);
        int retries = 0;
        auto r = get(client, server.url(), {}, &retries);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind, ErrorKind::BackendUnavailable);
        QVERIFY2(r.error().message.contains(QLatin1String("did not answer within 0.2 s")),
                 qPrintable(r.error().message));
        QVERIFY(r.error().message.contains(QLatin1String("2 attempts")));
        QCOMPARE(retries, 1);
    }

    void refusedConnection()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close(); // nothing listens there now
        HttpPolicy policy = fastPolicy();
        policy.maxAttempts = 2;
        HttpClient client(m_clock, {}, policy);
        auto r = get(client, QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port)));
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains(QLatin1String("connection refused")),
                 qPrintable(r.error().message));
        QVERIFY(r.error().message.contains(QStringLiteral("127.0.0.1:%1").arg(port)));
        QVERIFY(!r.error().hint.isEmpty());
    }

    void dnsFailureIsNotRetried()
    {
        HttpClient client(m_clock, {}, fastPolicy());
        int retries = -1;
        auto r = get(client, QUrl(QStringLiteral("http://no-such-host.invalid/")), {}, &retries);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains(QLatin1String("cannot be resolved")),
                 qPrintable(r.error().message));
        QCOMPARE(retries, 0);
    }

    void resetMidBody()
    {
        Server server([](const auto &) { return Response{200, {}, QByteArray(1000, 'x'), 10}; });
        QVERIFY(server.listen());
        HttpPolicy policy = fastPolicy();
        policy.maxAttempts = 2;
        HttpClient client(m_clock, {}, policy);
        auto r = get(client, server.url());
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains(QLatin1String("closed the connection")),
                 qPrintable(r.error().message));
        QCOMPARE(server.requests().size(), 2); // a transient failure: tried again
    }

    void tooManyRequestsHonoursRetryAfter_data()
    {
        QTest::addColumn<QByteArray>("retryAfter");
        QTest::newRow("seconds") << QByteArray("1");
        // fixedNow() is 2026-01-15T10:00:00Z; one second later, as an HTTP-date.
        QTest::newRow("http-date") << QByteArray("Thu, 15 Jan 2026 10:00:01 GMT");
    }

    void tooManyRequestsHonoursRetryAfter()
    {
        QFETCH(QByteArray, retryAfter);
        int calls = 0;
        Server server([&](const auto &) {
            return ++calls == 1 ? Response{429, {{"Retry-After", retryAfter}}, "slow down"}
                                : Response{200, {}, "ok"};
        });
        QVERIFY(server.listen());
        HttpClient client(m_clock, {}, fastPolicy());
        HttpRequest request;
        request.url = server.url();
        std::unique_ptr<HttpCall> call(client.send(request));
        QSignalSpy retried(call.get(), &HttpCall::retrying);
        QSignalSpy done(call.get(), &HttpCall::finished);
        QVERIFY(done.wait(10000));
        QCOMPARE(call->result()->status, 200);
        QCOMPARE(call->result()->attempts, 2);
        QCOMPARE(retried.size(), 1);
        QCOMPARE(retried.first().at(1).toLongLong(), 1000); // waited what the server asked
    }

    void retryAfterBeyondTheCapReturnsTheAnswer()
    {
        Server server([](const auto &) {
            return Response{429, {{"Retry-After", "3600"}}, "later"};
        });
        QVERIFY(server.listen());
        HttpClient client(m_clock, {}, fastPolicy());
        auto r = get(client, server.url());
        QVERIFY(r.ok());
        QCOMPARE(r->status, 429);
        QCOMPARE(server.requests().size(), 1);
    }

    // A probe whose 429 and 503 are states (Vault's standby, a sealed node) takes them as
    // they come.
    void aStatusThatIsTheAnswerIsNotRetried_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("429") << 429;
        QTest::newRow("503") << 503;
    }

    void aStatusThatIsTheAnswerIsNotRetried()
    {
        QFETCH(int, status);
        Server server([status](const auto &) { return Response{status, {}, "state"}; });
        QVERIFY(server.listen());
        HttpClient client(m_clock, {}, fastPolicy());
        HttpRequest request;
        request.url = server.url();
        request.statusIsTheAnswer = true;
        std::unique_ptr<HttpCall> call(client.send(request));
        QSignalSpy retried(call.get(), &HttpCall::retrying);
        QSignalSpy done(call.get(), &HttpCall::finished);
        QVERIFY(done.wait(10000));
        QCOMPARE(call->result()->status, status);
        QCOMPARE(call->result()->attempts, 1);
        QCOMPARE(retried.size(), 0);
        QCOMPARE(server.requests().size(), 1);
    }

    // GitHub's primary limit: 403 with x-ratelimit-remaining 0, retried once the reset
    // (epoch seconds, read against the client's clock) has come, when that is within the cap.
    void exhaustedRateLimitWaitsForTheReset()
    {
        int calls = 0;
        const QByteArray reset = QByteArray::number(m_clock.now().toSecsSinceEpoch() + 1);
        Server server([&](const auto &) {
            return ++calls == 1
                       ? Response{403,
                                  {{"x-ratelimit-remaining", "0"}, {"x-ratelimit-reset", reset}},
                                  "{\"message\":\"API rate limit exceeded\"}"}
                       : Response{200, {}, "ok"};
        });
        QVERIFY(server.listen());
        HttpClient client(m_clock, {}, fastPolicy());
        int retries = 0;
        auto r = get(client, server.url(), {}, &retries);
        QCOMPARE(r->status, 200);
        QCOMPARE(retries, 1);
        QCOMPARE(server.requests().size(), 2);
    }

    void plainForbiddenIsTheAnswer()
    {
        Server server([](const auto &) {
            return Response{403, {{"x-ratelimit-remaining", "4999"}}, "{}"};
        });
        QVERIFY(server.listen());
        HttpClient client(m_clock, {}, fastPolicy());
        auto r = get(client, server.url());
        QCOMPARE(r->status, 403);
        QCOMPARE(server.requests().size(), 1);
    }

    void serverErrorThenSuccess()
    {
        int calls = 0;
        Server server([&](const auto &) {
            return ++calls < 3 ? Response{503, {}, "busy"} : Response{200, {}, "ok"};
        });
        QVERIFY(server.listen());
        HttpClient client(m_clock, {}, fastPolicy());
        auto r = get(client, server.url());
        QCOMPARE(r->status, 200);
        QCOMPARE(r->attempts, 3);
    }

    void clientErrorsAreNotRetried_data()
    {
        QTest::addColumn<int>("status");
        for (int s : {400, 401, 403, 404, 500})
            QTest::newRow(qPrintable(QString::number(s))) << s;
    }

    void clientErrorsAreNotRetried()
    {
        QFETCH(int, status);
        Server server([&](const auto &) { return Response{status, {}, "no"}; });
        QVERIFY(server.listen());
        HttpClient client(m_clock, {}, fastPolicy());
        auto r = get(client, server.url());
        QCOMPARE(r->status, status);
        QCOMPARE(server.requests().size(), 1);
    }

    void oversizedBodyIsRefused()
    {
        Server server([](const auto &) { return Response{200, {}, QByteArray(3 << 20, 'a')}; });
        QVERIFY(server.listen());
        HttpPolicy policy = fastPolicy();
        policy.maxResponseBytes = 1 << 20;
        HttpClient client(m_clock, {}, policy);
        auto r = get(client, server.url());
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains(QLatin1String("more than 1 MiB")),
                 qPrintable(r.error().message));
        QCOMPARE(server.requests().size(), 1); // not retried
    }

    void credentialsAreDroppedOnACrossOriginRedirect()
    {
        Server other([](const auto &) { return Response{200, {}, "elsewhere"}; });
        QVERIFY(other.listen());
        Server sameHostRedirect([&](const auto &r) {
            if (r.path() == "/start")
                return Response{302, {{"Location", "/moved"}}, {}};
            if (r.path() == "/moved")
                return Response{307, {{"Location", other.url().toEncoded() + "/final"}}, {}};
            return Response{404, {}, {}};
        });
        QVERIFY(sameHostRedirect.listen());
        HttpClient client(m_clock, {}, fastPolicy());
        auto r = get(client, sameHostRedirect.url().resolved(QUrl(QStringLiteral("/start"))),
                     {{"Authorization", "Bearer s3cret"}});
        QVERIFY(r.ok());
        QCOMPARE(r->body, QByteArrayLiteral("elsewhere"));
        QCOMPARE(sameHostRedirect.requests().size(), 2);
        QCOMPARE(sameHostRedirect.requests().at(1).header("Authorization"),
                 QByteArrayLiteral("Bearer s3cret")); // same origin
        QCOMPARE(other.requests().size(), 1);
        QVERIFY(other.requests().first().header("Authorization").isEmpty());
    }

    // S3's 301 PermanentRedirect has no Location: it names the endpoint in its body.
    void redirectWithoutLocationIsAnAnswer()
    {
        Server server([](const auto &) {
            return Response{301, {{"x-amz-bucket-region", "eu-west-1"}}, "<Error>moved</Error>"};
        });
        QVERIFY(server.listen());
        HttpClient client(m_clock, {}, fastPolicy());
        auto r = get(client, server.url());
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        QCOMPARE(r->status, 301);
        QCOMPARE(r->body, QByteArrayLiteral("<Error>moved</Error>"));
        QCOMPARE(server.requests().size(), 1);
    }

    // A HEAD answer announces a Content-Length and sends no body: the call must not wait for it.
    void headAnswerWithContentLengthIsComplete()
    {
        Server server([](const auto &) { return Response{404, {}, QByteArray(241, 'x')}; });
        QVERIFY(server.listen());
        HttpClient client(m_clock, {}, fastPolicy());
        HttpRequest request;
        request.method = "HEAD";
        request.url = server.url();
        std::unique_ptr<HttpCall> call(client.send(request));
        QSignalSpy done(call.get(), &HttpCall::finished);
        QVERIFY(done.wait(10000));
        QVERIFY2(call->result().ok(),
                 qPrintable(call->result().ok() ? QString() : call->result().error().message));
        QCOMPARE(call->result()->status, 404);
        QVERIFY(call->result()->body.isEmpty());
        QCOMPARE(server.requests().size(), 1);
    }

    void redirectLoopStops()
    {
        Server loop([](const auto &) { return Response{302, {{"Location", "/again"}}, {}}; });
        QVERIFY(loop.listen());
        HttpClient client(m_clock, {}, fastPolicy());
        auto r = get(client, loop.url());
        QVERIFY(!r.ok());
        QVERIFY(r.error().message.contains(QLatin1String("redirects")));
    }

    void selfSignedTlsRefusedByDefaultAcceptedWithTheCa()
    {
        QByteArray cert, key;
        QVERIFY2(makeCertificate(cert, key), "openssl could not make a certificate");
        Server server([](const auto &) { return Response{200, {}, "secure"}; });
        QVERIFY(server.listenTls(cert, key));

        HttpClient strict(m_clock, {}, fastPolicy());
        auto refused = get(strict, server.url());
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(QLatin1String("TLS")),
                 qPrintable(refused.error().message));
        QVERIFY(refused.error().hint.contains(QLatin1String("caCertificatePath")));

        TlsOptions withCa;
        withCa.extraCaPath = m_dir.filePath(QStringLiteral("cert.pem"));
        HttpClient trusting(m_clock, withCa, fastPolicy());
        QVERIFY(trusting.prepare().ok());
        auto accepted = get(trusting, server.url());
        QVERIFY2(accepted.ok(), qPrintable(accepted.ok() ? QString() : accepted.error().toText()));
        QCOMPARE(accepted->body, QByteArrayLiteral("secure"));

        TlsOptions insecure;
        insecure.insecureSkipVerify = true;
        HttpClient skipping(m_clock, insecure, fastPolicy());
        QVERIFY(get(skipping, server.url()).ok());
    }

    void unreadableCaIsAnError()
    {
        TlsOptions missing;
        missing.extraCaPath = m_dir.filePath(QStringLiteral("absent.pem"));
        HttpClient a(m_clock, missing);
        QVERIFY(a.prepare().error().message.contains(QLatin1String("absent.pem")));
        QFile junk(m_dir.filePath(QStringLiteral("junk.pem")));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("not a certificate");
        junk.close();
        TlsOptions notPem;
        notPem.extraCaPath = junk.fileName();
        HttpClient b(m_clock, notPem);
        QVERIFY(b.prepare().error().message.contains(QLatin1String("no PEM certificate")));
    }

    void cancelAbortsAtOnce()
    {
        Server server([](const auto &) { return Response{200, {}, {}, -1, true}; });
        QVERIFY(server.listen());
        HttpClient client(m_clock, {}, fastPolicy());
        HttpRequest request;
        request.url = server.url();
        std::unique_ptr<HttpCall> call(client.send(request));
        QSignalSpy done(call.get(), &HttpCall::finished);
        QTRY_COMPARE(server.requests().size(), 1);
        call->cancel();
        QCOMPARE(done.size(), 1);
        QCOMPARE(call->result().error().kind, ErrorKind::Cancelled);
        call->cancel(); // twice is harmless
        QCOMPARE(done.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestHttpClient)
#include "tst_httpclient.moc"
