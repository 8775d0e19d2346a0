// SPDX-License-Identifier: Apache-2.0
// The DockerRegistry connector against Debian's real docker-registry (htpasswd Basic auth),
// filled here with 2,500+ repositories and multi-page tag lists, and against loopback servers
// for what a real registry here cannot show: the Bearer token flow and broken servers.
#include "LoopbackHttpServer.h"
#include "RealDockerRegistry.h"
#include "TestSupport.h"
#include "connectors/registry/dockerregistry/DockerRegistryConnector.h"
#include "core/connectors/StepIds.h"
#include "core/credentials/CredentialResolver.h"
#include "core/model/ResourceTypes.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace stella;
using Server = test::LoopbackHttpServer;
using Response = Server::Response;

namespace {
constexpr int kRepositories = 2500;
constexpr int kTags = 250;

// Pushes images through the registry's own API (blob upload, cross-repository mount, manifest
// PUT), six requests at a time, as a real client would.
class RegistryFiller
{
public:
    RegistryFiller(QUrl url, const QString &user, const QString &password)
        : m_url(std::move(url)),
          m_auth("Basic " + (user + QLatin1Char(':') + password).toUtf8().toBase64())
    {}

    bool fill(const QStringList &repositories, const QString &tagged, int tags)
    {
        const QByteArray config =
            R"({"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}})";
        m_digest = "sha256:" + QCryptographicHash::hash(config, QCryptographicHash::Sha256).toHex();
        m_manifest =
            QByteArray(
                R"({"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",)"
                R"("config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":)") +
            QByteArray::number(config.size()) + R"(,"digest":")" + m_digest + R"("},"layers":[]})";
        // The first repository gets the blob by upload; every other one mounts it.
        QNetworkReply *start =
            send("POST", QStringLiteral("/v2/%1/blobs/uploads/").arg(repositories.first()), {});
        if (!waitFor(start, 202))
            return false;
        QUrl upload = m_url.resolved(QUrl::fromEncoded(start->rawHeader("Location")));
        QUrlQuery q(upload);
        q.addQueryItem(QStringLiteral("digest"), QString::fromLatin1(m_digest));
        upload.setQuery(q);
        QNetworkRequest put(upload);
        put.setRawHeader("Authorization", m_auth);
        put.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/octet-stream"));
        if (!waitFor(m_network.put(put, config), 201))
            return false;
        for (const QString &repository : repositories) {
            if (repository != repositories.first())
                m_queue.append(
                    {"POST",
                     QStringLiteral("/v2/%1/blobs/uploads/?mount=%2&from=%3")
                         .arg(repository, QString::fromLatin1(m_digest), repositories.first()),
                     {},
                     201});
            m_queue.append({"PUT", QStringLiteral("/v2/%1/manifests/latest").arg(repository),
                            m_manifest, 201});
        }
        // Mounts must land before their manifests, and repositories before their extra tags.
        if (!drain())
            return false;
        m_queue.clear();
        for (int t = 0; t < tags; ++t)
            m_queue.append(
                {"PUT",
                 QStringLiteral("/v2/%1/manifests/v%2").arg(tagged).arg(t, 3, 10, QLatin1Char('0')),
                 m_manifest, 201});
        return drain();
    }

private:
    struct Job
    {
        QByteArray verb;
        QString path;
        QByteArray body;
        int expected;
    };

    QNetworkReply *send(const QByteArray &verb, const QString &path, const QByteArray &body)
    {
        QNetworkRequest request(m_url.resolved(QUrl(path)));
        request.setRawHeader("Authorization", m_auth);
        if (!body.isEmpty())
            request.setHeader(
                QNetworkRequest::ContentTypeHeader,
                QByteArrayLiteral("application/vnd.docker.distribution.manifest.v2+json"));
        return m_network.sendCustomRequest(request, verb, body);
    }

    bool waitFor(QNetworkReply *reply, int status)
    {
        QSignalSpy done(reply, &QNetworkReply::finished);
        if (!reply->isFinished() && !done.wait(30000))
            return false;
        reply->deleteLater();
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == status;
    }

    bool drain()
    {
        // A repository's mount and manifest go in order: jobs of one repository are adjacent
        // pairs, so run pairs in sequence and up to six repositories at once.
        int inFlight = 0;
        bool ok = true;
        qsizetype next = 0;
        QEventLoop loop;
        std::function<void(qsizetype)> run = [&](qsizetype index) {
            ++inFlight;
            const Job job = m_queue[index];
            QNetworkReply *reply = send(job.verb, job.path, job.body);
            QObject::connect(reply, &QNetworkReply::finished, reply, [&, reply, index, job] {
                reply->deleteLater();
                --inFlight;
                if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() !=
                    job.expected) {
                    qWarning("%s %s -> %d", job.verb.constData(), qPrintable(job.path),
                             reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt());
                    ok = false;
                }
                // The manifest after a mount waits for the mount.
                if (job.verb == "POST" && index + 1 < m_queue.size() &&
                    m_queue[index + 1].verb == "PUT") {
                    run(index + 1);
                    return;
                }
                while (inFlight < 6 && next < m_queue.size()) {
                    const qsizetype i = next;
                    next += (m_queue[i].verb == "POST") ? 2 : 1;
                    run(i);
                }
                if (inFlight == 0 && next >= m_queue.size())
                    loop.quit();
            });
        };
        while (inFlight < 6 && next < m_queue.size()) {
            const qsizetype i = next;
            next += (m_queue[i].verb == "POST") ? 2 : 1;
            run(i);
        }
        if (inFlight > 0)
            loop.exec();
        return ok;
    }

    QUrl m_url;
    QByteArray m_auth;
    QByteArray m_digest;
    QByteArray m_manifest;
    QList<Job> m_queue;
    QNetworkAccessManager m_network;
};
} // namespace

class TestDockerRegistryConnector : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::RealDockerRegistry> m_registry;
    QStringList m_repositories;
    ManualClock m_clock{test::fixedNow()};
    QNetworkAccessManager m_network;
    CredentialResolver m_credentials{m_network, {}, {}};

    Integration integration(const QString &endpoint,
                            const QString &envVar = QStringLiteral("STELLA_TEST_REGISTRY_BASIC"),
                            int pageSize = 100) const
    {
        Integration i;
        i.name = QStringLiteral("registry under test");
        i.provider = QStringLiteral("DockerRegistry");
        i.endpoint = endpoint;
        if (!envVar.isEmpty())
            i.authRefUri = QStringLiteral("authref://env/") + envVar;
        i.config.insert(QStringLiteral("pageSize"), pageSize);
        i.config.insert(QStringLiteral("timeout"), QStringLiteral("10s"));
        return i;
    }

    std::unique_ptr<DockerRegistryConnector> connector(const Integration &i)
    {
        ConnectorContext context;
        context.clock = &m_clock;
        context.credentials = &m_credentials;
        return std::make_unique<DockerRegistryConnector>(i, context);
    }

    static void finish(ConnectorOperation *op)
    {
        QSignalSpy done(op, &ConnectorOperation::finished);
        if (!op->isFinished())
            QVERIFY(done.wait(120000));
    }

    static QStringList names(ConnectorOperation *op, QSignalSpy &pages)
    {
        QStringList all;
        for (const QList<QVariant> &signal : std::as_const(pages))
            for (const DiscoveredResource &r : signal.first().value<QList<DiscoveredResource>>())
                all.append(r.name);
        Q_UNUSED(op);
        return all;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<QList<DiscoveredResource>>();
        qputenv("STELLA_TEST_REGISTRY_BASIC", "stella:s3cret-pw");
        qputenv("STELLA_TEST_REGISTRY_WRONG", "stella:wrong");
    }

    void realRegistryTestConnection()
    {
        STELLA_REQUIRE_DOCKER_REGISTRY();
        m_registry = std::make_unique<test::RealDockerRegistry>(QStringLiteral("stella"),
                                                                QStringLiteral("s3cret-pw"));
        const QString problem = m_registry->start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        for (int n = 0; n < kRepositories; ++n)
            m_repositories.append(QStringLiteral("team-%1/app-%2")
                                      .arg(n % 25, 2, 10, QLatin1Char('0'))
                                      .arg(n, 4, 10, QLatin1Char('0')));
        m_repositories.append(QStringLiteral("big/one"));
        RegistryFiller filler(m_registry->url(), m_registry->user(), m_registry->password());
        QVERIFY(filler.fill(m_repositories, QStringLiteral("big/one"), kTags));
        m_repositories.sort();

        auto c = connector(integration(m_registry->url().toString()));
        std::unique_ptr<ConnectorOperation> op(c->testConnection(nullptr));
        finish(op.get());
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(op->error().toText()));
        QCOMPARE(op->server().version, QStringLiteral("registry/2.0"));
        QStringList ids, states;
        for (const ConnectorStep &s : op->steps()) {
            ids.append(s.id);
            states.append(toString(s.state));
        }
        QCOMPARE(ids, (QStringList{StepId::Credential, StepId::Reach, StepId::Identify,
                                   StepId::Authenticate, StepId::Permission}));
        QCOMPARE(states, QStringList(5, QStringLiteral("passed")));
        QVERIFY2(op->steps().at(1).message.startsWith(QStringLiteral("GET /v2/ → 401 in ")),
                 qPrintable(op->steps().at(1).message));
    }

    void realRegistryWrongPassword()
    {
        STELLA_REQUIRE_DOCKER_REGISTRY();
        QVERIFY(m_registry);
        auto c = connector(integration(m_registry->url().toString(),
                                       QStringLiteral("STELLA_TEST_REGISTRY_WRONG")));
        std::unique_ptr<ConnectorOperation> op(c->testConnection(nullptr));
        finish(op.get());
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->steps().last().id, StepId::Authenticate);
        QVERIFY2(op->error().message.contains(QLatin1String("401 Unauthorized")),
                 qPrintable(op->error().message));
        QVERIFY(
            op->error().hint.contains(QLatin1String("authref://env/STELLA_TEST_REGISTRY_WRONG")));
        QVERIFY(!op->error().toText().contains(QLatin1String("wrong")));

        std::unique_ptr<ConnectorOperation> health(c->checkHealth(nullptr));
        finish(health.get());
        STELLA_COMPARE_ENUM(health->healthStatus(), HealthStatus::Degraded);
    }

    void realRegistryDiscoversEveryRepository()
    {
        STELLA_REQUIRE_DOCKER_REGISTRY();
        QVERIFY(m_registry);
        auto c = connector(integration(m_registry->url().toString()));
        std::unique_ptr<ConnectorOperation> op(
            c->discover(ResourceType::Repositories, {}, nullptr));
        QSignalSpy pages(op.get(), &ConnectorOperation::pageReady);
        finish(op.get());
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(op->error().toText()));
        QStringList found = names(op.get(), pages);
        QCOMPARE(found.size(), m_repositories.size());
        found.sort();
        QCOMPARE(found, m_repositories);
        QVERIFY(pages.size() >= kRepositories / 100); // streamed page by page

        std::unique_ptr<ConnectorOperation> some(
            c->discover(ResourceType::Repositories, QStringLiteral("TEAM-07/*"), nullptr));
        QSignalSpy somePages(some.get(), &ConnectorOperation::pageReady);
        finish(some.get());
        QCOMPARE(names(some.get(), somePages).size(), kRepositories / 25);
    }

    void realRegistryMultiPageTags()
    {
        STELLA_REQUIRE_DOCKER_REGISTRY();
        QVERIFY(m_registry);
        auto c = connector(integration(m_registry->url().toString(),
                                       QStringLiteral("STELLA_TEST_REGISTRY_BASIC"), 40));
        std::unique_ptr<ConnectorOperation> op(
            c->discover(ResourceType::Tags, QStringLiteral("big/one"), nullptr));
        QSignalSpy pages(op.get(), &ConnectorOperation::pageReady);
        finish(op.get());
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(op->error().toText()));
        const QStringList tags = names(op.get(), pages);
        QCOMPARE(tags.size(), kTags + 1); // v000..v249 and latest
        QVERIFY(tags.contains(QStringLiteral("big/one:v249")));
        // Debian's distribution 2.8 answers tags/list in one page whatever n says (tag
        // pagination came with distribution 3); multiPageTagsAsTheSpecDescribes covers paging.

        std::unique_ptr<ConnectorOperation> filtered(
            c->discover(ResourceType::Tags, QStringLiteral("big/*:v1?0"), nullptr));
        QSignalSpy filteredPages(filtered.get(), &ConnectorOperation::pageReady);
        finish(filtered.get());
        QCOMPARE(names(filtered.get(), filteredPages).size(), 10); // v100, v110, ... v190
    }

    void multiPageTagsAsTheSpecDescribes()
    {
        // OCI distribution spec, "Listing Tags": n and last, and a Link to the next page.
        QStringList all;
        for (int t = 0; t < kTags; ++t)
            all.append(QStringLiteral("1.%1.0").arg(t));
        all.sort();
        Server server([&](const auto &r) -> Response {
            if (r.path() != "/v2/big/one/tags/list")
                return Response{200, {{"Docker-Distribution-Api-Version", "registry/2.0"}}, "{}"};
            const QUrlQuery q(QString::fromLatin1(r.target.mid(r.target.indexOf('?') + 1)));
            const int n = q.queryItemValue(QStringLiteral("n")).toInt();
            const QString last = q.queryItemValue(QStringLiteral("last"));
            const qsizetype start = last.isEmpty() ? 0 : all.indexOf(last) + 1;
            const QStringList page = all.mid(start, n);
            QJsonObject body{{QStringLiteral("name"), QStringLiteral("big/one")},
                             {QStringLiteral("tags"), QJsonArray::fromStringList(page)}};
            Response response =
                Response::json(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
            if (start + n < all.size())
                response.headers.append(
                    {"Link", "</v2/big/one/tags/list?n=" + QByteArray::number(n) +
                                 "&last=" + page.last().toUtf8() + ">; rel=\"next\""});
            return response;
        });
        QVERIFY(server.listen());
        auto c = connector(integration(server.url().toString(), {}, 40));
        std::unique_ptr<ConnectorOperation> op(
            c->discover(ResourceType::Tags, QStringLiteral("big/one"), nullptr));
        QSignalSpy pages(op.get(), &ConnectorOperation::pageReady);
        finish(op.get());
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(op->error().toText()));
        QStringList found = names(op.get(), pages);
        QCOMPARE(found.size(), kTags);
        QCOMPARE(pages.size(), (kTags + 39) / 40);
        QCOMPARE(server.requests().size(), (kTags + 39) / 40);
    }

    void cancelStopsDiscoveryAtOnce()
    {
        STELLA_REQUIRE_DOCKER_REGISTRY();
        QVERIFY(m_registry);
        auto c = connector(integration(m_registry->url().toString(),
                                       QStringLiteral("STELLA_TEST_REGISTRY_BASIC"), 10));
        std::unique_ptr<ConnectorOperation> op(
            c->discover(ResourceType::Repositories, {}, nullptr));
        QSignalSpy pages(op.get(), &ConnectorOperation::pageReady);
        QVERIFY(pages.wait(30000));
        op->cancel();
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Cancelled);
        const qsizetype seen = pages.size();
        QSignalSpy more(op.get(), &ConnectorOperation::pageReady);
        QVERIFY(!more.wait(300)); // nothing arrives after a cancel
        QCOMPARE(pages.size(), seen);
    }

    void bearerTokenFlow()
    {
        // The OCI token flow as the spec's example shows it: 401 with a Bearer challenge, a
        // token from the realm for the scope, then the call with the token.
        QFile tokenFile(QStringLiteral(STELLA_FIXTURES "/oci/token_200.json"));
        QVERIFY(tokenFile.open(QIODevice::ReadOnly));
        const QByteArray tokenAnswer = tokenFile.readAll();
        const QByteArray token = QJsonDocument::fromJson(tokenAnswer)
                                     .object()
                                     .value(QStringLiteral("token"))
                                     .toString()
                                     .toUtf8();
        Server auth([&](const auto &r) {
            if (r.header("Authorization") != "Basic " + QByteArray("stella:s3cret-pw").toBase64())
                return Response::json(401, R"({"details":"incorrect username or password"})");
            return Response::json(200, tokenAnswer);
        });
        QVERIFY(auth.listen());
        Server registry([&](const auto &r) {
            if (r.header("Authorization") != "Bearer " + token)
                return Response{
                    401,
                    {{"Content-Type", "application/json"},
                     {"Docker-Distribution-Api-Version", "registry/2.0"},
                     {"Www-Authenticate",
                      "Bearer realm=\"" + auth.url().toEncoded() +
                          "/token\",service=\"registry.test\",scope=\"registry:catalog:*\""}},
                    R"({"errors":[{"code":"UNAUTHORIZED","message":"authentication required","detail":null}]})"};
            if (r.path() == "/v2/_catalog")
                return Response::json(200, R"({"repositories":["samalba/my-app"]})");
            return Response{200, {{"Docker-Distribution-Api-Version", "registry/2.0"}}, "{}"};
        });
        QVERIFY(registry.listen());
        auto c = connector(integration(registry.url().toString()));
        std::unique_ptr<ConnectorOperation> op(c->testConnection(nullptr));
        finish(op.get());
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(op->error().toText()));
        const auto tokenRequest = auth.requests().first();
        QVERIFY(tokenRequest.target.contains("service=registry.test"));
        QVERIFY(tokenRequest.target.contains("scope="));

        std::unique_ptr<ConnectorOperation> found(
            c->discover(ResourceType::Repositories, {}, nullptr));
        QSignalSpy pages(found.get(), &ConnectorOperation::pageReady);
        finish(found.get());
        QCOMPARE(names(found.get(), pages), QStringList{QStringLiteral("samalba/my-app")});
    }

    void badServers_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("says");
        QTest::newRow("HTML login page") << 0 << QStringLiteral("HTML page");
        QTest::newRow("truncated JSON") << 1 << QStringLiteral("not the expected JSON");
        QTest::newRow("Link to another host") << 2 << QStringLiteral("another host");
        QTest::newRow("pagination loop") << 3 << QStringLiteral("loop");
        QTest::newRow("100 MB body") << 4 << QStringLiteral("more than 32 MiB");
        QTest::newRow("403") << 5 << QStringLiteral("403 Forbidden");
    }

    void badServers()
    {
        QFETCH(int, kind);
        QFETCH(QString, says);
        Server server([&](const auto &r) -> Response {
            if (r.path() != "/v2/_catalog")
                return Response{200, {{"Docker-Distribution-Api-Version", "registry/2.0"}}, "{}"};
            switch (kind) {
            case 0:
                return Response{
                    200, {{"Content-Type", "text/html"}}, "<html><body>Sign in</body></html>"};
            case 1:
                return Response::json(200, R"({"repositories":["a","b")");
            case 2:
                return Response{
                    200,
                    {{"Link", "<http://elsewhere.example.net/v2/_catalog?last=a>; rel=\"next\""}},
                    R"({"repositories":["a"]})"};
            case 3:
                return Response{200,
                                {{"Link", "</v2/_catalog?last=a&n=100>; rel=\"next\""}},
                                R"({"repositories":["a"]})"};
            case 4:
                return Response::json(200, QByteArray(100 << 20, ' '));
            default:
                return Response::json(
                    403,
                    R"({"errors":[{"code":"DENIED","message":"requested access to the resource is denied"}]})");
            }
        });
        QVERIFY(server.listen());
        auto c = connector(integration(server.url().toString()));
        std::unique_ptr<ConnectorOperation> op(
            c->discover(ResourceType::Repositories, {}, nullptr));
        finish(op.get());
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QVERIFY2(op->error().message.contains(says), qPrintable(op->error().toText()));
        STELLA_COMPARE_ENUM(op->steps().last().state, ConnectorStep::State::Failed);
    }

    void badEndpoints_data()
    {
        QTest::addColumn<QString>("endpoint");
        QTest::addColumn<QString>("says");
        QTest::newRow("no scheme")
            << QStringLiteral("registry.example.com") << QStringLiteral("not usable");
        QTest::newRow("unreachable")
            << QStringLiteral("http://127.0.0.1:1") << QStringLiteral("connection refused");
        QTest::newRow("dns") << QStringLiteral("http://registry.invalid")
                             << QStringLiteral("cannot be resolved");
    }

    void badEndpoints()
    {
        QFETCH(QString, endpoint);
        QFETCH(QString, says);
        auto c = connector(integration(endpoint));
        std::unique_ptr<ConnectorOperation> op(c->testConnection(nullptr));
        finish(op.get());
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QVERIFY2(op->error().message.contains(says), qPrintable(op->error().toText()));
        STELLA_COMPARE_ENUM(op->steps().last().state, ConnectorStep::State::Failed);
    }

    void unsupportedResourceTypeListsTheSupportedOnes()
    {
        auto c = connector(integration(QStringLiteral("http://127.0.0.1:1")));
        std::unique_ptr<ConnectorOperation> op(c->discover(ResourceType::Pipelines, {}, nullptr));
        finish(op.get());
        QCOMPARE(op->error().kind, ErrorKind::InvalidInput);
        QVERIFY(op->error().hint.contains(QLatin1String("repositories, tags")));
    }
};

QTEST_GUILESS_MAIN(TestDockerRegistryConnector)
#include "tst_dockerregistryconnector.moc"
