// SPDX-License-Identifier: Apache-2.0
// The GitHubApp connector against FakeGitHub, a loopback server that follows GitHub's REST API
// for GitHub Apps as docs.github.com publishes it (the app JWT verified with the public key of
// a key pair made here, installations, access tokens with expires_at, Link pagination,
// x-ratelimit-* and Retry-After, {"message","documentation_url"} errors), and the octokit
// fixtures of tests/fixtures/github replayed as recorded.
#include "ConnectorTestSupport.h"
#include "FakeGitHub.h"
#include "ScmAnnotationTestSupport.h"
#include "connectors/scm/githubapp/GitHubAnnotationClient.h"
#include "connectors/scm/githubapp/GitHubAppConnector.h"
#include "connectors/scm/githubapp/GitHubAppJwt.h"
#include "connectors/scm/githubapp/GitHubInstallationTokens.h"
#include "connectors/scm/githubapp/GitHubRest.h"
#include "core/connectors/StepIds.h"
#include "core/credentials/CredentialResolver.h"
#include "core/http/HttpClient.h"
#include "core/http/PageCursor.h"
#include "core/model/ResourceTypes.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QTest>

using namespace stella;
using test::FakeGitHub;
using Response = FakeGitHub::Response;

namespace {
constexpr qint64 kAppId = 4242;
constexpr qint64 kInstallation = 7;
const QByteArray kEnv = "STELLA_TEST_GITHUB_APP_KEY";

QJsonObject allPermissions()
{
    return {{QStringLiteral("checks"), QStringLiteral("write")},
            {QStringLiteral("pull_requests"), QStringLiteral("write")},
            {QStringLiteral("statuses"), QStringLiteral("write")},
            {QStringLiteral("metadata"), QStringLiteral("read")}};
}

QList<FakeGitHub::Repository> repositories(const QString &owner, int count)
{
    QList<FakeGitHub::Repository> out;
    for (int n = 0; n < count; ++n)
        out.append({owner, QStringLiteral("service-%1").arg(n, 4, 10, QLatin1Char('0'))});
    return out;
}

QByteArray fixture(const QString &name)
{
    QFile file(QStringLiteral(STELLA_FIXTURES "/github/") + name);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Every log line written while a test runs, debug included.
QStringList g_logged;
void captureLog(QtMsgType, const QMessageLogContext &, const QString &message)
{
    g_logged.append(message);
}

QJsonObject claimsOf(const QByteArray &jwt)
{
    return QJsonDocument::fromJson(
               QByteArray::fromBase64(jwt.split('.').value(1), QByteArray::Base64UrlEncoding))
        .object();
}
} // namespace

class TestGitHubAppConnector : public QObject
{
    Q_OBJECT

    // A clock the test moves (token expiry), and credentials from the environment.
    ManualClock m_clock{test::fixedNow()};
    QNetworkAccessManager m_network;
    CredentialResolver m_credentials{m_network, {}, {}};
    QByteArray m_key;      // the app's private key (PKCS#1, as GitHub hands it out)
    QByteArray m_otherKey; // a key of no app
    std::unique_ptr<FakeGitHub> m_github;

    ConnectorContext context()
    {
        ConnectorContext c;
        c.clock = &m_clock;
        c.credentials = &m_credentials;
        return c;
    }

    Integration integration(QJsonObject config = {}, const QString &endpoint = {})
    {
        if (!config.contains(QStringLiteral("appId")))
            config.insert(QStringLiteral("appId"), kAppId);
        if (!config.contains(QStringLiteral("installationId")) &&
            !config.contains(QStringLiteral("owner")))
            config.insert(QStringLiteral("installationId"), kInstallation);
        Integration i =
            test::integrationFor(QStringLiteral("GitHubApp"),
                                 endpoint.isEmpty() ? m_github->apiUrl().toString() : endpoint,
                                 QString::fromLatin1(kEnv), config);
        return i;
    }

    std::unique_ptr<GitHubAppConnector> connector(QJsonObject config = {})
    {
        return std::make_unique<GitHubAppConnector>(integration(std::move(config)), context());
    }

    std::unique_ptr<ConnectorOperation> check(Connector &c)
    {
        return test::runToEnd(c.testConnection(nullptr));
    }

    static QString text(const ConnectorOperation &op) { return test::stepsText(op); }

    // Nothing of the key or of a token anywhere the operator reads.
    bool leaks(const ConnectorOperation &op) const
    {
        const QString all = text(op) + op.error().hint + op.error().details.join(QLatin1Char(' '));
        const QList<QByteArray> lines = m_key.split('\n');
        return all.contains(QLatin1String("ghs_")) || all.contains(QLatin1String("eyJ")) ||
               all.contains(QString::fromLatin1(lines.value(1)));
    }

    QList<FakeGitHub::Request> requestsTo(const QByteArray &path) const
    {
        QList<FakeGitHub::Request> out;
        for (const auto &r : m_github->requests())
            if (r.path().endsWith(path))
                out.append(r);
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<QList<DiscoveredResource>>();
        m_key = test::GitHubTestKeys::rsaPrivatePem();
        m_otherKey = test::GitHubTestKeys::rsaPrivatePem();
        QVERIFY(m_key.startsWith("-----BEGIN RSA PRIVATE KEY-----"));
    }

    void init()
    {
        m_clock.set(test::fixedNow());
        qputenv(kEnv.constData(), m_key);
        m_github = std::make_unique<FakeGitHub>();
        m_github->setNow(m_clock.now());
        m_github->setApp({kAppId, QStringLiteral("stella-guard"), QStringLiteral("Stella Guard"),
                          QStringLiteral("stella-ops"), test::GitHubTestKeys::publicPemOf(m_key)});
        m_github->addInstallation({kInstallation, QStringLiteral("octo-org"),
                                   QStringLiteral("Organization"), allPermissions()});
        m_github->setRepositories(kInstallation, repositories(QStringLiteral("octo-org"), 5));
        QVERIFY(m_github->listen());
    }

    void cleanup() { m_github.reset(); }

    // GitHub's recipe: RS256 header, iat 60 s back, exp ≤ 10 minutes after, iss the app id,
    // base64url without padding; the signature verifies with the public key.
    void jwtIsSignedAsGitHubAsks()
    {
        auto jwt = GitHubAppJwt::fromPem(SecretValue(m_key));
        QVERIFY2(jwt.ok(), qPrintable(jwt.ok() ? QString() : jwt.error().toText()));
        QCOMPARE(jwt->description(), QStringLiteral("RSA 2048-bit private key"));
        auto signed_ = jwt->sign(QString::number(kAppId), m_clock.now());
        QVERIFY(signed_.ok());
        const QByteArray token = *signed_;
        QVERIFY(!token.contains('='));
        QCOMPARE(QByteArray::fromBase64(token.split('.').first(), QByteArray::Base64UrlEncoding),
                 QByteArray(R"({"alg":"RS256","typ":"JWT"})"));
        const QJsonObject claims = claimsOf(token);
        const qint64 now = m_clock.now().toSecsSinceEpoch();
        QCOMPARE(claims.value(QStringLiteral("iat")).toInteger(), now - 60);
        QCOMPARE(claims.value(QStringLiteral("exp")).toInteger(), now - 60 + 600);
        QCOMPARE(claims.value(QStringLiteral("iss")).toString(), QString::number(kAppId));
        QCOMPARE(m_github->jwtProblem(token), std::nullopt);
        // The checks have teeth: another key's JWT, or one far from now, is refused.
        auto other = GitHubAppJwt::fromPem(SecretValue(m_otherKey));
        QVERIFY(other.ok());
        QVERIFY(m_github->jwtProblem(*other->sign(QString::number(kAppId), m_clock.now())));
        QVERIFY(
            m_github->jwtProblem(*jwt->sign(QString::number(kAppId), m_clock.now().addSecs(-700))));
        QVERIFY(m_github->jwtProblem(*jwt->sign(QStringLiteral("1"), m_clock.now())));
    }

    void badKeys_data()
    {
        QTest::addColumn<QByteArray>("pem");
        QTest::addColumn<QString>("says");
        const QByteArray key = test::GitHubTestKeys::rsaPrivatePem();
        QTest::newRow("garbage") << QByteArray("not a key at all") << QStringLiteral("not a PEM");
        QTest::newRow("encrypted") << test::GitHubTestKeys::encryptedPem(key, "correct horse")
                                   << QStringLiteral("encrypted with a passphrase");
        QTest::newRow("EC key") << test::GitHubTestKeys::ecPrivatePem()
                                << QStringLiteral("EC key; GitHub Apps sign with RSA");
        QTest::newRow("public key")
            << test::GitHubTestKeys::publicPemOf(key) << QStringLiteral("public key");
        QTest::newRow("damaged PEM")
            << key.left(key.size() / 2) + "\n-----END RSA PRIVATE KEY-----\n"
            << QStringLiteral("cannot be read");
        QTest::newRow("OpenSSH key")
            << QByteArray("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n"
                          "-----END OPENSSH PRIVATE KEY-----\n")
            << QStringLiteral("OpenSSH key");
    }

    // Each wrong key is refused by the credential step, with its own message and what to do,
    // before any request goes out.
    void badKeys()
    {
        QFETCH(QByteArray, pem);
        QFETCH(QString, says);
        QVERIFY(!pem.isEmpty());
        qputenv(kEnv.constData(), pem);
        auto c = connector();
        auto op = check(*c);
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Failed, qPrintable(text(*op)));
        QCOMPARE(op->steps().last().id, StepId::Credential);
        QVERIFY2(op->error().message.contains(says), qPrintable(text(*op)));
        QVERIFY(!op->error().hint.isEmpty());
        if (pem.size() > 80)
            QVERIFY(!text(*op).contains(QString::fromLatin1(pem.mid(60, 20))));
        QVERIFY(m_github->requests().isEmpty());
    }

    void checklistOnGitHubCom()
    {
        auto c = connector();
        auto op = check(*c);
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded, qPrintable(text(*op)));
        using namespace StepId;
        QCOMPARE(test::stepIds(*op),
                 (QStringList{Credential, Reach, Identify, Authenticate, Permission}));
        QVERIFY2(op->steps()[0].message.contains(QLatin1String("RSA 2048-bit private key")),
                 qPrintable(text(*op)));
        QVERIFY2(
            op->steps()[2].message.contains(QLatin1String("'stella-guard' owned by stella-ops")),
            qPrintable(text(*op)));
        QVERIFY2(op->steps()[3].message.contains(QLatin1String("installation 7 on octo-org")),
                 qPrintable(text(*op)));
        QVERIFY2(op->steps()[3].message.contains(QLatin1String("until 11:00 UTC")),
                 qPrintable(text(*op)));
        QCOMPARE(op->server().product, QStringLiteral("GitHub.com"));
        QCOMPARE(op->server().version, QStringLiteral("2022-11-28"));
        QVERIFY(!leaks(*op));
        // GitHub's headers on every request, and JWTs GitHub takes.
        for (const auto &r : m_github->requests()) {
            QVERIFY2(r.header("User-Agent").startsWith("StellaOps-Integrations/"), r.target);
            QCOMPARE(r.header("X-GitHub-Api-Version"), QByteArray("2022-11-28"));
            QCOMPARE(r.header("Accept"), QByteArray("application/vnd.github+json"));
        }
        QVERIFY2(m_github->jwtProblems().isEmpty(),
                 qPrintable(m_github->jwtProblems().join(QLatin1Char('\n'))));
        const auto minted = requestsTo("/app/installations/7/access_tokens");
        QCOMPARE(minted.size(), 1);
        QCOMPARE(minted.first().method, QByteArray("POST"));
        QVERIFY(requestsTo("/").first().header("Authorization").isEmpty()); // reach: anonymous
    }

    void checklistOnEnterpriseServer()
    {
        m_github->setEnterpriseVersion(QStringLiteral("3.14.2"));
        QVERIFY(m_github->apiUrl().path() == QLatin1String("/api/v3"));
        auto c = connector();
        auto op = check(*c);
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded, qPrintable(text(*op)));
        QCOMPARE(op->server().product, QStringLiteral("GitHub Enterprise Server"));
        QCOMPARE(op->server().version, QStringLiteral("3.14.2"));
        for (const auto &r : m_github->requests())
            QVERIFY2(r.path().startsWith("/api/v3/"), r.target);
        QVERIFY(!test::discoverNames(*c, ResourceType::Repositories, {}).isEmpty());
    }

    // A server that is not GitHub's API (here: a web server's 404 page): said so, with the
    // endpoints to give.
    void endpointThatIsNotGitHub()
    {
        test::LoopbackHttpServer web([](const test::LoopbackHttpServer::Request &) {
            return Response{404, {{"Content-Type", "text/html"}}, "<html>Not Found</html>"};
        });
        QVERIFY(web.listen());
        GitHubAppConnector c(integration({}, web.url().toString()), context());
        auto op = check(c);
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Failed, qPrintable(text(*op)));
        QCOMPARE(op->steps().last().id, StepId::Identify);
        QVERIFY2(op->error().message.contains(QLatin1String("is not GitHub's REST API")),
                 qPrintable(text(*op)));
        QVERIFY(op->error().hint.contains(QLatin1String("/api/v3")));
    }

    // With an owner and no installationId: the organisation's installation, then the user's.
    void installationFoundFromTheOwner()
    {
        m_github->addInstallation({31, QStringLiteral("octo-user"), QStringLiteral("User"),
                                   allPermissions(), false, QStringLiteral("selected")});
        m_github->setRepositories(31, repositories(QStringLiteral("octo-user"), 2));
        auto c = connector({{QStringLiteral("owner"), QStringLiteral("octo-user")}});
        auto op = check(*c);
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded, qPrintable(text(*op)));
        QVERIFY2(op->steps()[3].message.contains(
                     QLatin1String("installation 31 on octo-user (User, selected")),
                 qPrintable(text(*op)));
        QCOMPARE(requestsTo("/orgs/octo-user/installation").size(), 1);
        QCOMPARE(requestsTo("/users/octo-user/installation").size(), 1);
        QCOMPARE(requestsTo("/app/installations/31/access_tokens").size(), 1);
        QCOMPARE(test::discoverNames(*c, ResourceType::Repositories, {}),
                 (QStringList{QStringLiteral("octo-user/service-0000"),
                              QStringLiteral("octo-user/service-0001")}));
    }

    void ownerWithoutTheApp()
    {
        auto c = connector({{QStringLiteral("owner"), QStringLiteral("nobody-here")}});
        auto op = check(*c);
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Failed, qPrintable(text(*op)));
        QCOMPARE(op->steps().last().id, StepId::Authenticate);
        QVERIFY2(op->error().message.contains(QLatin1String("not installed on 'nobody-here'")),
                 qPrintable(text(*op)));
        QVERIFY(op->error().hint.contains(QLatin1String("Install the app")));
    }

    // The key of another app: GitHub cannot verify the JWT and answers 401, which the identify
    // step explains as a key that does not belong to the configured appId.
    void appIdDoesNotMatchTheKey()
    {
        qputenv(kEnv.constData(), m_otherKey);
        auto c = connector();
        auto op = check(*c);
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Failed, qPrintable(text(*op)));
        QCOMPARE(op->steps().last().id, StepId::Identify);
        const Error &e = op->error();
        QVERIFY2(e.message.contains(QLatin1String("401")) &&
                     e.message.contains(QLatin1String("does not belong to app 4242")) &&
                     e.message.contains(QLatin1String("A JSON web token could not be decoded")),
                 qPrintable(e.toText()));
        QVERIFY2(e.hint.contains(QLatin1String("authref://env/") + QLatin1String(kEnv)),
                 qPrintable(e.hint));
        QCOMPARE(m_github->jwtProblems().size(), 1);
        QVERIFY(!leaks(*op));
    }

    void installationDoesNotExist()
    {
        auto c = connector({{QStringLiteral("installationId"), 999}});
        auto op = check(*c);
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Failed, qPrintable(text(*op)));
        QCOMPARE(op->steps().last().id, StepId::Authenticate);
        QVERIFY2(op->error().message.contains(QLatin1String("no installation 999")),
                 qPrintable(text(*op)));
        QCOMPARE(op->error().kind, ErrorKind::NotFound);
        QVERIFY(op->error().hint.contains(QLatin1String("installationId")));
    }

    void installationIsSuspended_data()
    {
        QTest::addColumn<bool>("whenMinting");
        QTest::newRow("suspended_at on the installation") << false;
        QTest::newRow("403 on access_tokens") << true;
    }

    void installationIsSuspended()
    {
        QFETCH(bool, whenMinting);
        if (whenMinting)
            m_github->overrideNext(
                "/app/installations/7/access_tokens",
                m_github->error(403, "This installation has been suspended",
                                "https://docs.github.com/rest/apps/"
                                "apps#create-an-installation-access-token-for-an-app"));
        else
            m_github->installation(kInstallation).suspended = true;
        auto c = connector();
        auto op = check(*c);
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Failed, qPrintable(text(*op)));
        QCOMPARE(op->steps().last().id, StepId::Authenticate);
        QVERIFY2(op->error().message.contains(QLatin1String("suspended")), qPrintable(text(*op)));
        QVERIFY2(op->error().hint.contains(QLatin1String("unsuspends")),
                 qPrintable(op->error().hint));
    }

    // Each permission annotations need and the token lacks is named, with what it has.
    void missingPermissionsAreNamed()
    {
        m_github->installation(kInstallation).permissions =
            QJsonObject{{QStringLiteral("checks"), QStringLiteral("read")},
                        {QStringLiteral("statuses"), QStringLiteral("write")},
                        {QStringLiteral("metadata"), QStringLiteral("read")}};
        auto c = connector();
        auto op = check(*c);
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Failed, qPrintable(text(*op)));
        QCOMPARE(op->steps().last().id, StepId::Permission);
        const Error &e = op->error();
        QCOMPARE(e.details, (QStringList{QStringLiteral("checks: write (only read)"),
                                         QStringLiteral("pull_requests: write (none granted)")}));
        QVERIFY(e.message.contains(QLatin1String("checks: write (only read)")));
        QVERIFY(!e.message.contains(QLatin1String("statuses")));
        QVERIFY(e.hint.contains(QLatin1String("octo-org")));
    }

    // 250 repositories: three pages of per_page=100 through GitHub's Link header, one token.
    void discoversRepositoriesAcrossPages()
    {
        const auto all = repositories(QStringLiteral("octo-org"), 250);
        m_github->setRepositories(kInstallation, all);
        auto c = connector();
        std::unique_ptr<ConnectorOperation> op(
            c->discover(ResourceType::Repositories, {}, nullptr));
        QSignalSpy pages(op.get(), &ConnectorOperation::pageReady);
        QVERIFY(test::waitFinished(op.get()));
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded, qPrintable(text(*op)));
        QStringList expected;
        for (const auto &r : all)
            expected.append(r.fullName());
        QCOMPARE(test::resourceNames(pages), expected);
        QCOMPARE(pages.size(), 3);
        const auto listed = requestsTo("/installation/repositories");
        QCOMPARE(listed.size(), 3);
        QCOMPARE(listed[0].target, QByteArray("/installation/repositories?per_page=100"));
        QCOMPARE(listed[2].target, QByteArray("/installation/repositories?per_page=100&page=3"));
        QCOMPARE(m_github->tokensIssued(), 1);
        const DiscoveredResource first =
            pages.first().first().value<QList<DiscoveredResource>>().first();
        QCOMPARE(first.attributes.value(QStringLiteral("defaultBranch")).toString(),
                 QStringLiteral("main"));
        QCOMPARE(first.attributes.value(QStringLiteral("private")).toBool(), true);
    }

    void discoverFiltersByPattern()
    {
        auto c = connector();
        QCOMPARE(test::discoverNames(*c, ResourceType::Repositories,
                                     QStringLiteral("octo-org/*-000[12]")),
                 (QStringList{QStringLiteral("octo-org/service-0001"),
                              QStringLiteral("octo-org/service-0002")}));
        QCOMPARE(test::discoverNames(*c, ResourceType::Repositories,
                                     QStringLiteral("OCTO-ORG/service-0003")),
                 QStringList{QStringLiteral("octo-org/service-0003")});
    }

    // An exact name the installation does not list: not "0 found", but why.
    void repositoryTheInstallationCannotSee()
    {
        auto c = connector();
        std::unique_ptr<ConnectorOperation> op(c->discover(
            ResourceType::Repositories, QStringLiteral("octo-org/secret-plans"), nullptr));
        QVERIFY(test::waitFinished(op.get()));
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Failed, qPrintable(text(*op)));
        QCOMPARE(op->error().kind, ErrorKind::NotFound);
        QVERIFY2(op->error().message.contains(
                     QLatin1String("cannot see repository 'octo-org/secret-plans'")),
                 qPrintable(text(*op)));
        QVERIFY(op->error().hint.contains(QLatin1String("Repository access")));
    }

    void projectsAreTheOwners()
    {
        auto list = repositories(QStringLiteral("octo-org"), 3);
        list += repositories(QStringLiteral("octo-partner"), 2);
        m_github->setRepositories(kInstallation, list);
        auto c = connector();
        std::unique_ptr<ConnectorOperation> op(c->discover(ResourceType::Projects, {}, nullptr));
        QSignalSpy pages(op.get(), &ConnectorOperation::pageReady);
        QVERIFY(test::waitFinished(op.get()));
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded, qPrintable(text(*op)));
        QCOMPARE(test::resourceNames(pages),
                 (QStringList{QStringLiteral("octo-org"), QStringLiteral("octo-partner")}));
        const auto resources = pages.first().first().value<QList<DiscoveredResource>>();
        QCOMPARE(resources[0].resourceType, ResourceType::Projects);
        QCOMPARE(resources[0].attributes.value(QStringLiteral("repositoryCount")).toInt(), 3);
        QCOMPARE(resources[0].attributes.value(QStringLiteral("installation")).toInteger(),
                 kInstallation);
        QCOMPARE(resources[1].attributes.value(QStringLiteral("repositoryCount")).toInt(), 2);
        // An installation that sees no repository still has its owner.
        m_github->setRepositories(kInstallation, {});
        QCOMPARE(test::discoverNames(*c, ResourceType::Projects, {}),
                 QStringList{QStringLiteral("octo-org")});
    }

    // One token serves operation after operation until shortly before expires_at; a 401 (the
    // token revoked) mints a new one and the request is made again.
    void tokensAreCachedUntilNearExpiryAndReMintedAfter401()
    {
        auto c = connector();
        QCOMPARE(test::discoverNames(*c, ResourceType::Repositories, {}).size(), 5);
        QCOMPARE(test::discoverNames(*c, ResourceType::Repositories, {}).size(), 5);
        QCOMPARE(m_github->tokensIssued(), 1);
        m_github->revokeTokens();
        QCOMPARE(test::discoverNames(*c, ResourceType::Repositories, {}).size(), 5);
        QCOMPARE(m_github->tokensIssued(), 2);
        // 56 minutes later the token (valid 60) is within the refresh margin: a new one.
        m_clock.advanceMs(56 * 60 * 1000);
        m_github->setNow(m_clock.now());
        QCOMPARE(test::discoverNames(*c, ResourceType::Repositories, {}).size(), 5);
        QCOMPARE(m_github->tokensIssued(), 3);
        // A revoked token answered 401 twice in a row is an error, not a loop.
        m_github->overrideNext("/installation/repositories",
                               m_github->error(401, "Bad credentials"), 2);
        std::unique_ptr<ConnectorOperation> op(
            c->discover(ResourceType::Repositories, {}, nullptr));
        QVERIFY(test::waitFinished(op.get()));
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Failed, qPrintable(text(*op)));
        QVERIFY2(op->error().message.contains(QLatin1String("401")), qPrintable(text(*op)));
        QVERIFY(op->error().hint.contains(QLatin1String(kEnv)));
    }

    // The primary limit used up until long after the HTTP runtime's retry cap: no waiting,
    // a clear "rate limited until HH:MM".
    void primaryRateLimitBeyondTheCap()
    {
        const qint64 reset = m_clock.now().addSecs(3600).toSecsSinceEpoch();
        m_github->setRateLimit(5000, 0, reset);
        Response limited = m_github->error(
            403, "API rate limit exceeded for installation ID 7.",
            "https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting");
        QCOMPARE(limited.headers.contains({QByteArray("x-ratelimit-remaining"), QByteArray("0")}),
                 true);
        m_github->overrideNext("/installation/repositories", limited);
        auto c = connector();
        std::unique_ptr<ConnectorOperation> op(
            c->discover(ResourceType::Repositories, {}, nullptr));
        QVERIFY(test::waitFinished(op.get()));
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Failed, qPrintable(text(*op)));
        QVERIFY2(op->error().message.contains(QLatin1String("rate limited until 11:00 UTC")),
                 qPrintable(text(*op)));
        QVERIFY(op->error().hint.contains(QLatin1String("11:00")));
        QCOMPARE(requestsTo("/installation/repositories").size(), 1);
    }

    // Reset within the cap (a second away): the runtime waits and the listing goes on.
    void primaryRateLimitWithinTheCapIsWaitedFor()
    {
        const qint64 reset = m_clock.now().addSecs(1).toSecsSinceEpoch();
        Response limited = m_github->error(403, "API rate limit exceeded for installation ID 7.");
        limited.headers.removeIf([](const auto &h) { return h.first.startsWith("x-ratelimit"); });
        limited.headers.append({QByteArray("x-ratelimit-remaining"), QByteArray("0")});
        limited.headers.append({QByteArray("x-ratelimit-reset"), QByteArray::number(reset)});
        m_github->overrideNext("/installation/repositories", limited);
        auto c = connector();
        QCOMPARE(test::discoverNames(*c, ResourceType::Repositories, {}).size(), 5);
        QCOMPARE(requestsTo("/installation/repositories").size(), 2);
    }

    void secondaryRateLimit_data()
    {
        QTest::addColumn<QByteArray>("retryAfter");
        QTest::addColumn<bool>("succeeds");
        QTest::addColumn<QString>("says");
        QTest::newRow("retry-after within the cap") << QByteArray("1") << true << QString();
        QTest::newRow("retry-after beyond the cap")
            << QByteArray("120") << false << QStringLiteral("wait 120 s (Retry-After)");
        QTest::newRow("without retry-after")
            << QByteArray() << false
            << QStringLiteral("secondary rate limit was hit, without a Retry-After");
    }

    void secondaryRateLimit()
    {
        QFETCH(QByteArray, retryAfter);
        QFETCH(bool, succeeds);
        QFETCH(QString, says);
        Response limited = m_github->error(
            403,
            "You have exceeded a secondary rate limit. Please wait a few minutes before you try "
            "again. If you reach out to GitHub Support for help, please include the request ID.",
            "https://docs.github.com/rest/overview/"
            "rate-limits-for-the-rest-api#about-secondary-rate-limits");
        if (!retryAfter.isEmpty())
            limited.headers.append({QByteArray("retry-after"), retryAfter});
        m_github->overrideNext("/installation/repositories", limited);
        auto c = connector();
        std::unique_ptr<ConnectorOperation> op(
            c->discover(ResourceType::Repositories, {}, nullptr));
        QVERIFY(test::waitFinished(op.get()));
        if (succeeds) {
            QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded,
                     qPrintable(text(*op)));
            QCOMPARE(requestsTo("/installation/repositories").size(), 2);
            return;
        }
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Failed, qPrintable(text(*op)));
        QVERIFY2(op->error().message.contains(says), qPrintable(text(*op)));
        QVERIFY(!op->error().hint.isEmpty());
        QCOMPARE(requestsTo("/installation/repositories").size(), 1);
    }

    // A proxy's 502 page instead of GitHub's JSON: said as such, without the page's content.
    void htmlErrorPageFromAProxy()
    {
        const Response page{502,
                            {{"Content-Type", "text/html"}, {"Server", "squid/5.7"}},
                            "<html><head><title>ERROR: The requested URL could not be retrieved"
                            "</title></head><body><h1>Bad Gateway</h1></body></html>"};
        m_github->overrideNext("/installation/repositories", page, HttpPolicy{}.maxAttempts);
        auto c = connector();
        std::unique_ptr<ConnectorOperation> op(
            c->discover(ResourceType::Repositories, {}, nullptr));
        QVERIFY(test::waitFinished(op.get()));
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Failed, qPrintable(text(*op)));
        QVERIFY2(op->error().message.contains(QLatin1String("HTTP 502")) &&
                     op->error().message.contains(QLatin1String("HTML page")),
                 qPrintable(text(*op)));
        QVERIFY2(op->error().hint.contains(QLatin1String("proxy")), qPrintable(op->error().hint));
        QVERIFY(!text(*op).contains(QLatin1String("Bad Gateway")));
    }

    void healthReadsTheRateLimit()
    {
        auto c = connector();
        auto op = test::runToEnd(c->checkHealth(nullptr));
        QVERIFY2(op->outcome() == ConnectorOperation::Outcome::Succeeded, qPrintable(text(*op)));
        STELLA_COMPARE_ENUM(op->healthStatus(), HealthStatus::Healthy);
        QVERIFY2(op->steps().last().message.contains(QLatin1String("of 5000 requests left")),
                 qPrintable(text(*op)));
        m_github->setRateLimit(5000, 0, m_clock.now().addSecs(1800).toSecsSinceEpoch());
        op = test::runToEnd(c->checkHealth(nullptr));
        STELLA_COMPARE_ENUM(op->healthStatus(), HealthStatus::Degraded);
        QVERIFY2(op->steps().last().message.contains(QLatin1String("rate limited until 10:30 UTC")),
                 qPrintable(text(*op)));
    }

    // octokit's recorded pagination (5 pages of issues, Link with prev/next/last/first) and
    // 422 (errors[]) replayed as GitHub sent them, read by the connector's GitHub readers.
    void octokitFixturesReplay()
    {
        QString problem;
        const auto pages = m_github->replay(
            fixture(QStringLiteral("paginate-issues.normalized-fixture.json")), &problem);
        const auto errors =
            m_github->replay(fixture(QStringLiteral("errors.normalized-fixture.json")), &problem);
        QVERIFY2(pages.size() == 5 && errors.size() == 1, qPrintable(problem));
        for (const auto &r : pages + errors)
            QCOMPARE(r.response.body.size(), r.recordedContentLength); // byte for byte

        HttpClient client(m_clock);
        const auto send = [&](const QByteArray &method, const QUrl &url) -> Result<HttpResponse> {
            HttpRequest request;
            request.method = method;
            request.url = url;
            std::unique_ptr<HttpCall> call(client.send(request));
            QSignalSpy done(call.get(), &HttpCall::finished);
            if (!call->isFinished() && !done.wait(10000))
                return Error::failed(QStringLiteral("no answer"));
            return call->result();
        };
        QUrl next = m_github->apiUrl().resolved(
            QUrl(QStringLiteral("/repos/octokit-fixture-org/paginate-issues/issues?per_page=3")));
        PageCursor cursor(next);
        QList<int> numbers;
        for (int guard = 0; guard < 10 && !next.isEmpty(); ++guard) {
            auto response = send("GET", next);
            QVERIFY(response.ok());
            QCOMPARE(response->status, 200);
            auto items = github::pageItems(*response, {}, QStringLiteral("issues"));
            QVERIFY(items.ok());
            for (const QJsonValue &v : *items)
                numbers.append(v.toObject().value(QStringLiteral("number")).toInt());
            auto link = cursor.nextFromLink(response->url, response->headers);
            QVERIFY(link.ok());
            next = link->value_or(QUrl());
        }
        QCOMPARE(numbers.size(), 13);
        QCOMPARE(numbers.first(), 13);
        QCOMPARE(numbers.last(), 1);

        auto refused =
            send("POST", m_github->apiUrl().resolved(
                             QUrl(QStringLiteral("/repos/octokit-fixture-org/errors/labels"))));
        QVERIFY(refused.ok());
        QCOMPARE(refused->status, 422);
        const Error e = github::describe(*refused, QStringLiteral("Creating a label"),
                                         m_clock.now(), QString(), QString());
        QCOMPARE(e.kind, ErrorKind::InvalidInput);
        QVERIFY2(e.message.contains(QLatin1String("Validation Failed: Label.color is invalid")) &&
                     e.message.contains(QLatin1String(
                         "https://docs.github.com/rest/reference/issues#create-a-label")),
                 qPrintable(e.message));
    }

    // Every request a test connection and a discovery make, including the token mint: no
    // secret reaches a step, an error, a hint or a log line (debug included), and the token
    // never reaches a URL.
    void noSecretInStepsLogsOrUrls()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("stella.*.debug=true"));
        g_logged.clear();
        const QtMessageHandler previous = qInstallMessageHandler(captureLog);
        auto c = connector();
        auto op = check(*c);
        const QStringList discovered = test::discoverNames(*c, ResourceType::Repositories, {});
        qInstallMessageHandler(previous);
        QLoggingCategory::setFilterRules(QString());
        QVERIFY(op->outcome() == ConnectorOperation::Outcome::Succeeded);
        QVERIFY(!leaks(*op));
        QVERIFY(!discovered.isEmpty());
        QVERIFY2(g_logged.join(QLatin1Char('\n')).contains(QLatin1String("token minted")),
                 "the debug log was not captured");
        const QString logged = g_logged.join(QLatin1Char('\n'));
        QVERIFY2(!logged.contains(QLatin1String("ghs_")) &&
                     !logged.contains(QLatin1String("eyJ")) &&
                     !logged.contains(QString::fromLatin1(m_key.split('\n').value(1))),
                 qPrintable(logged));
        for (const auto &r : m_github->requests())
            QVERIFY2(!r.target.contains("ghs_") && !r.target.contains("eyJ"), r.target);
    }

    // The token cache on its own, with a sender of the caller's (as the annotation client
    // uses it): callers at once share one mint, a caller that has gone hears nothing, and
    // invalidate() mints again.
    void installationTokensWithoutAConnector()
    {
        HttpClient client(m_clock);
        int sent = 0;
        auto jwt = GitHubAppJwt::fromPem(SecretValue(m_key));
        QVERIFY(jwt.ok());
        GitHubInstallationTokens::Target target{
            m_github->apiUrl(), QString::number(kAppId), kInstallation, {}};
        auto tokens = GitHubInstallationTokens::create(
            [&](const HttpRequest &request, QObject *parent) {
                ++sent;
                HttpRequest withHeaders = request;
                withHeaders.headers = github::defaultHeaders();
                return client.send(withHeaders, parent);
            },
            m_clock, target, *jwt);
        QObject first, second;
        auto gone = std::make_unique<QObject>();
        QList<QByteArray> got;
        bool goneCalled = false;
        const auto keep = [&got](const Result<GitHubInstallationToken> &t) {
            got.append(t ? t->value.exposeForRequest() : QByteArray("error"));
        };
        tokens->token(&first, keep);
        tokens->token(&second, keep);
        tokens->token(gone.get(), [&goneCalled](const auto &) { goneCalled = true; });
        gone.reset();
        QTRY_COMPARE(got.size(), 2);
        QCOMPARE(got[0], got[1]);
        QVERIFY(got[0].startsWith("ghs_"));
        QVERIFY(!goneCalled);
        QCOMPARE(m_github->tokensIssued(), 1);
        QCOMPARE(sent, 2);           // GET /app/installations/7, POST .../access_tokens
        tokens->token(&first, keep); // cached: no request
        QTRY_COMPARE(got.size(), 3);
        QCOMPARE(sent, 2);
        tokens->invalidate();
        tokens->token(&first, keep); // the installation is known: the mint only
        QTRY_COMPARE(got.size(), 4);
        QCOMPARE(sent, 3);
        QVERIFY(got[3] != got[0]);
        QCOMPARE(m_github->installationOfToken(got[3]), kInstallation);
    }

    // The annotation client made by the provider definition mints its installation token from
    // the app key at the AuthRef, as the connector does, and posts with it (docs/contracts.md
    // §19): the status arrives as the installation, never as the app's JWT.
    void annotationsPostWithATokenMintedFromTheAppKey()
    {
        const QByteArray sha = "0123456789abcdef0123456789abcdef01234567";
        const QByteArray statusPath = "/repos/octo-org/repo-01/statuses/" + sha;
        QList<FakeGitHub::Caller::Kind> callers;
        m_github->setExtraRoute(
            [&](const FakeGitHub::Request &request,
                const FakeGitHub::Caller &caller) -> std::optional<FakeGitHub::Response> {
                if (request.method != "POST" || !request.path().endsWith(statusPath))
                    return std::nullopt;
                callers.append(caller.kind);
                if (caller.kind != FakeGitHub::Caller::Kind::Installation)
                    return FakeGitHub::Response::json(401, R"({"message":"Bad credentials"})");
                return FakeGitHub::Response::json(
                    201, R"({"id":1,"state":"success","context":"stella-ops","description":"ok"})");
            });
        const ProviderDefinition *definition = test::registry().find(QStringLiteral("GitHubApp"));
        QVERIFY(definition && definition->annotationClientFactory);
        AnnotationClientContext annotationContext;
        annotationContext.connector = context();
        std::unique_ptr<ScmAnnotationClient> client =
            definition->annotationClientFactory(integration(), annotationContext);
        QVERIFY(client);
        AnnotationTarget target;
        target.repository = QStringLiteral("octo-org/repo-01");
        target.sha = QString::fromLatin1(sha);
        StatusRequest status;
        status.state = CommitState::Success;
        status.description = QStringLiteral("ok");
        std::unique_ptr<AnnotationOperation> op(client->setCommitStatus(target, status, nullptr));
        const DeliveryResult result = test::finish(op.get());
        QVERIFY2(result.outcome == DeliveryOutcome::Success, qPrintable(result.error.toText()));
        QCOMPARE(callers, QList<FakeGitHub::Caller::Kind>{FakeGitHub::Caller::Kind::Installation});
        QCOMPARE(requestsTo("/access_tokens").size(), 1);
        QVERIFY(!result.error.toText().contains(QLatin1String("ghs_")));
    }
};

QTEST_GUILESS_MAIN(TestGitHubAppConnector)
#include "tst_githubappconnector.moc"
