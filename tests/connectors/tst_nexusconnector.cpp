// SPDX-License-Identifier: Apache-2.0
// The Nexus connector against a loopback server that follows Nexus Repository 3's REST API as
// published (help.sonatype.com, Swagger at /service/rest/swagger.json): the Server: Nexus/...
// header, /service/rest/v1/status and status/writable (200 or 503, empty bodies),
// /service/rest/v1/repositories (every visible repository, not paginated), and
// /service/rest/v1/components?repository=X in pages of 10 with continuationToken (null on the
// last page); 401 with WWW-Authenticate: BASIC and an empty body for wrong credentials, 403
// without privileges.
#include "ConnectorTestSupport.h"
#include "connectors/registry/nexus/NexusConnector.h"
#include "core/connectors/StepIds.h"
#include "core/model/ResourceTypes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace stella;
using Server = test::LoopbackHttpServer;
using Request = Server::Request;
using Response = Server::Response;

namespace {
constexpr int kTags = 253;
constexpr int kNexusPage = 10;
const QByteArray kServer = "Nexus/3.68.1-02 (OSS)";

// Users "admin" (every privilege) and "viewer" (may list repositories, but holds no
// nx-repository-view privilege for docker-hosted). Repositories: docker-hosted (253 tags of
// library/app and 3 of tools/ci), docker-proxy (empty), maven-releases.
class FakeNexus
{
public:
    std::optional<test::BadServer> bad;
    bool writable = true;
    bool readable = true;
    QList<QPair<QString, QString>> components; // image, version in docker-hosted

    FakeNexus()
    {
        for (int t = 0; t < kTags; ++t)
            components.append({QStringLiteral("library/app"), QStringLiteral("2.%1").arg(t)});
        for (const char *v : {"1.0", "1.1", "latest"})
            components.append({QStringLiteral("tools/ci"), QString::fromLatin1(v)});
    }

    Response handle(const Request &r, const QUrl &base)
    {
        Response response = route(r, base);
        response.headers.append({"Server", kServer});
        return response;
    }

private:
    Response route(const Request &r, const QUrl &base)
    {
        if (r.path() == "/service/rest/v1/status")
            return Response{readable ? 200 : 503, {}, {}};
        if (r.path() == "/service/rest/v1/status/writable")
            return Response{writable ? 200 : 503, {}, {}};
        const QString user = authenticatedUser(r);
        if (user.isEmpty())
            return Response{
                401,
                {{"WWW-Authenticate", "BASIC realm=\"Sonatype Nexus Repository Manager\""}},
                {}};
        if (r.path() == "/service/rest/v1/repositories") {
            const auto repo = [&](const char *name, const char *format, const char *type) {
                return QJsonObject{
                    {QStringLiteral("name"), QString::fromLatin1(name)},
                    {QStringLiteral("format"), QString::fromLatin1(format)},
                    {QStringLiteral("type"), QString::fromLatin1(type)},
                    {QStringLiteral("url"),
                     base.toString() + QStringLiteral("/repository/") + QString::fromLatin1(name)},
                    {QStringLiteral("attributes"), QJsonObject{}}};
            };
            const QByteArray body =
                QJsonDocument(QJsonArray{repo("docker-hosted", "docker", "hosted"),
                                         repo("maven-releases", "maven2", "hosted"),
                                         repo("docker-proxy", "docker", "proxy")})
                    .toJson(QJsonDocument::Compact);
            return bad == test::BadServer::HtmlLoginPage ? test::badResponse(*bad, body, r.target)
                                                         : Response::json(200, body);
        }
        if (r.path() == "/service/rest/v1/components") {
            const QString repository = test::queryValue(r, QStringLiteral("repository"));
            if (repository != QLatin1String("docker-hosted") &&
                repository != QLatin1String("docker-proxy") &&
                repository != QLatin1String("maven-releases"))
                return Response{404, {{"Content-Type", "text/plain"}}, "Repository not found"};
            if (user != QLatin1String("admin"))
                return Response{403, {}, {}};
            return componentsPage(r, repository == QLatin1String("docker-hosted")
                                         ? components
                                         : decltype(components){});
        }
        return Response{404, {}, {}};
    }

    // Pages of ten; the token is opaque to clients (here: the offset in hex).
    Response componentsPage(const Request &r, const QList<QPair<QString, QString>> &all) const
    {
        const QString token = test::queryValue(r, QStringLiteral("continuationToken"));
        bool ok = true;
        const int offset = token.isEmpty() ? 0 : token.toInt(&ok, 16);
        if (!ok)
            return Response{400, {{"Content-Type", "text/plain"}}, "Invalid continuation token"};
        QJsonArray items;
        for (const auto &[image, version] : all.mid(offset, kNexusPage))
            items.append(QJsonObject{
                {QStringLiteral("id"), QString::fromLatin1((image + version).toUtf8().toBase64())},
                {QStringLiteral("repository"), QStringLiteral("docker-hosted")},
                {QStringLiteral("format"), QStringLiteral("docker")},
                {QStringLiteral("group"), QJsonValue()},
                {QStringLiteral("name"), image},
                {QStringLiteral("version"), version},
                {QStringLiteral("assets"), QJsonArray{}}});
        const bool more = offset + kNexusPage < all.size();
        QString next = more ? QString::number(offset + kNexusPage, 16) : QString();
        if (bad == test::BadServer::PaginationLoop && more)
            next = QStringLiteral("a"); // the same token again and again
        const QByteArray body =
            QJsonDocument(QJsonObject{{QStringLiteral("items"), items},
                                      {QStringLiteral("continuationToken"),
                                       next.isEmpty() ? QJsonValue() : QJsonValue(next)}})
                .toJson(QJsonDocument::Compact);
        if (bad && bad != test::BadServer::PaginationLoop && bad != test::BadServer::HtmlLoginPage)
            return test::badResponse(*bad, body, r.target);
        return Response::json(200, body);
    }

    static QString authenticatedUser(const Request &r)
    {
        const QByteArray header = r.header("Authorization");
        const QByteArray pair = QByteArray::fromBase64(header.mid(6));
        if (header.startsWith("Basic ") && (pair == "admin:adm1n-pw" || pair == "viewer:v1ewer-pw"))
            return QString::fromUtf8(pair.left(pair.indexOf(':')));
        return {};
    }
};
} // namespace

class TestNexusConnector : public QObject
{
    Q_OBJECT

    test::ConnectorHarness m_harness;
    FakeNexus m_nexus;
    Server m_server{[this](const Request &r) { return m_nexus.handle(r, m_server.url()); }};

    std::unique_ptr<NexusConnector> connector(const QString &envVar, const QString &repository = {},
                                              const QString &endpoint = {})
    {
        QJsonObject config;
        if (!repository.isEmpty())
            config.insert(QStringLiteral("repository"), repository);
        return m_harness.make<NexusConnector>(test::integrationFor(
            QStringLiteral("Nexus"), endpoint.isEmpty() ? m_server.url().toString() : endpoint,
            envVar, config));
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<QList<DiscoveredResource>>();
        qputenv("STELLA_TEST_NEXUS_ADMIN", "admin:adm1n-pw");
        qputenv("STELLA_TEST_NEXUS_VIEWER", "viewer:v1ewer-pw");
        qputenv("STELLA_TEST_NEXUS_WRONG", "admin:not-the-pw");
        QVERIFY(m_server.listen());
    }

    void init()
    {
        m_nexus.bad.reset();
        m_nexus.readable = m_nexus.writable = true;
    }

    void testConnectionPassesEveryStep()
    {
        auto c =
            connector(QStringLiteral("STELLA_TEST_NEXUS_ADMIN"), QStringLiteral("docker-hosted"));
        auto op = test::runToEnd(c->testConnection(nullptr));
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*op)));
        QCOMPARE(test::stepIds(*op),
                 (QStringList{StepId::Credential, StepId::Reach, StepId::Identify,
                              StepId::Authenticate, StepId::Permission}));
        QCOMPARE(test::stepStates(*op), QStringList(5, QStringLiteral("passed")));
        QCOMPARE(op->server().product, QStringLiteral("Sonatype Nexus Repository"));
        QCOMPARE(op->server().version, QStringLiteral("3.68.1-02 (OSS)"));
        QVERIFY(m_server.requests().last().target ==
                "/service/rest/v1/components?repository=docker-hosted");
    }

    void wrongCredentials_data()
    {
        QTest::addColumn<QString>("env");
        QTest::addColumn<QString>("step");
        QTest::addColumn<QString>("says");
        QTest::newRow("wrong password: 401")
            << QStringLiteral("STELLA_TEST_NEXUS_WRONG") << StepId::Authenticate
            << QStringLiteral("401 Unauthorized");
        QTest::newRow("no privilege: 403") << QStringLiteral("STELLA_TEST_NEXUS_VIEWER")
                                           << StepId::Permission << QStringLiteral("403 Forbidden");
    }

    void wrongCredentials()
    {
        QFETCH(QString, env);
        QFETCH(QString, step);
        QFETCH(QString, says);
        auto c = connector(env);
        auto op = test::runToEnd(c->testConnection(nullptr));
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->steps().last().id, step);
        QVERIFY2(op->error().message.contains(says), qPrintable(op->error().toText()));
        QVERIFY(op->error().hint.contains(QLatin1String("authref://env/") + env));
        QVERIFY(!test::stepsText(*op).contains(QLatin1String("-pw")));
    }

    void configuredRepositoryMustBeDocker_data()
    {
        QTest::addColumn<QString>("repository");
        QTest::addColumn<QString>("says");
        QTest::newRow("maven") << QStringLiteral("maven-releases")
                               << QStringLiteral("not a docker one");
        QTest::newRow("missing") << QStringLiteral("nope")
                                 << QStringLiteral("no repository 'nope'");
    }

    void configuredRepositoryMustBeDocker()
    {
        QFETCH(QString, repository);
        QFETCH(QString, says);
        auto c = connector(QStringLiteral("STELLA_TEST_NEXUS_ADMIN"), repository);
        auto op = test::runToEnd(c->testConnection(nullptr));
        QCOMPARE(op->steps().last().id, StepId::Permission);
        QVERIFY2(op->error().message.contains(says), qPrintable(op->error().toText()));
    }

    void discoversDockerRepositories()
    {
        auto c = connector(QStringLiteral("STELLA_TEST_NEXUS_ADMIN"));
        QCOMPARE(test::discoverNames(*c, ResourceType::Repositories, {}),
                 (QStringList{QStringLiteral("docker-hosted"), QStringLiteral("docker-proxy")}));
        QCOMPARE(test::discoverNames(*c, ResourceType::Repositories, QStringLiteral("*proxy")),
                 QStringList{QStringLiteral("docker-proxy")});
    }

    void discoversEveryTagThroughContinuationTokens()
    {
        auto c = connector(QStringLiteral("STELLA_TEST_NEXUS_ADMIN"));
        const qsizetype before = m_server.requests().size();
        const QStringList tags = test::discoverNames(*c, ResourceType::Tags, {});
        QCOMPARE(tags.size(), kTags + 3);
        QCOMPARE(QSet<QString>(tags.begin(), tags.end()).size(), tags.size());
        QVERIFY(tags.contains(QStringLiteral("library/app:2.252")));
        QVERIFY(tags.contains(QStringLiteral("tools/ci:latest")));
        // 26 pages of docker-hosted, 1 of docker-proxy, the repository list.
        QCOMPARE(m_server.requests().size() - before, 26 + 1 + 1);
        QCOMPARE(test::discoverNames(*c, ResourceType::Tags, QStringLiteral("tools/*")).size(), 3);
        QCOMPARE(
            test::discoverNames(*c, ResourceType::Tags, QStringLiteral("library/app:2.1?")).size(),
            10);
    }

    void healthReadsStatusAndWritable_data()
    {
        QTest::addColumn<bool>("readable");
        QTest::addColumn<bool>("writable");
        QTest::addColumn<QString>("health");
        QTest::newRow("read-write") << true << true << QStringLiteral("Healthy");
        QTest::newRow("read-only") << true << false << QStringLiteral("Degraded");
        QTest::newRow("unavailable") << false << false << QStringLiteral("Unhealthy");
    }

    void healthReadsStatusAndWritable()
    {
        QFETCH(bool, readable);
        QFETCH(bool, writable);
        QFETCH(QString, health);
        m_nexus.readable = readable;
        m_nexus.writable = writable;
        auto c = connector(QStringLiteral("STELLA_TEST_NEXUS_ADMIN"));
        auto op = test::runToEnd(c->checkHealth(nullptr));
        QCOMPARE(toString(op->healthStatus()), health);
    }

    void badServers_data() { test::addBadServerRows(false); } // no Link headers in Nexus's API

    void badServers()
    {
        QFETCH(test::BadServer, bad);
        QFETCH(QString, says);
        m_nexus.bad = bad;
        auto c = connector(QStringLiteral("STELLA_TEST_NEXUS_ADMIN"));
        auto op = test::runToEnd(c->discover(ResourceType::Tags, {}, nullptr));
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QVERIFY2(op->error().message.contains(says), qPrintable(op->error().toText()));
        STELLA_COMPARE_ENUM(op->steps().last().state, ConnectorStep::State::Failed);
    }

    void badEndpoints_data()
    {
        QTest::addColumn<QString>("endpoint");
        QTest::addColumn<QString>("says");
        QTest::newRow("no scheme")
            << QStringLiteral("nexus.example.com") << QStringLiteral("not usable");
        QTest::newRow("unreachable")
            << QStringLiteral("http://127.0.0.1:1") << QStringLiteral("connection refused");
    }

    void badEndpoints()
    {
        QFETCH(QString, endpoint);
        QFETCH(QString, says);
        auto c = connector(QStringLiteral("STELLA_TEST_NEXUS_ADMIN"), {}, endpoint);
        auto op = test::runToEnd(c->testConnection(nullptr));
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QVERIFY2(op->error().message.contains(says), qPrintable(op->error().toText()));
    }
};

QTEST_GUILESS_MAIN(TestNexusConnector)
#include "tst_nexusconnector.moc"
