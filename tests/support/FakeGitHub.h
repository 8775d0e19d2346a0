// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "LoopbackHttpServer.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMap>
#include <optional>

namespace stella::test {

// Keys for GitHub App tests, made by OpenSSL in the test process: nothing secret is checked in.
struct GitHubTestKeys
{
    static QByteArray rsaPrivatePem(int bits = 2048); // PKCS#8, unencrypted
    static QByteArray publicPemOf(const QByteArray &privatePem);
    static QByteArray encryptedPem(const QByteArray &privatePem, const QByteArray &passphrase);
    static QByteArray ecPrivatePem(); // P-256, "-----BEGIN PRIVATE KEY-----" (PKCS#8)
};

// GitHub's REST API for GitHub Apps as docs.github.com publishes it, on loopback: the app JWT
// verified (RS256 signature with the app's public key, iss, iat no later than now + 60 s,
// exp - iat ≤ 600, exp not passed), GET /app, installations by id and by owner
// (/orgs/{org}/installation, /users/{user}/installation), POST
// /app/installations/{id}/access_tokens (201 with token, expires_at, permissions; 404; 403 when
// suspended), GET /installation/repositories (per_page ≤ 100, page, Link with prev/next/last/
// first as GitHub sends it), GET /rate_limit, GET /repos/{owner}/{repo} (404 for a repository
// the installation cannot see). Every answer has GitHub's headers (x-github-request-id,
// x-ratelimit-*, X-GitHub-Media-Type; X-GitHub-Enterprise-Version and the /api/v3 prefix when
// playing GHES) and its error bodies ({"message","documentation_url"}). A request without a
// User-Agent is refused (403), one with another X-GitHub-Api-Version too (400), as GitHub does.
// Recorded exchanges (octokit fixtures) replay as recorded; tests add routes of their own.
class FakeGitHub : public QObject
{
    Q_OBJECT

public:
    using Request = LoopbackHttpServer::Request;
    using Response = LoopbackHttpServer::Response;

    struct App
    {
        qint64 id = 0;
        QString slug;
        QString name;
        QString owner;
        QByteArray publicKeyPem;
    };
    struct Installation
    {
        qint64 id = 0;
        QString account;
        QString accountType = QStringLiteral("Organization");
        QJsonObject permissions;
        bool suspended = false;
        QString repositorySelection = QStringLiteral("all");
    };
    struct Repository
    {
        QString owner;
        QString name;
        QString ownerType = QStringLiteral("Organization");
        bool isPrivate = true;
        QString fullName() const { return owner + QLatin1Char('/') + name; }
    };
    // Who a request authenticated as.
    struct Caller
    {
        enum class Kind
        {
            Anonymous,
            App,
            Installation
        } kind = Kind::Anonymous;
        qint64 installationId = 0;
    };
    // One recorded exchange being replayed, with the length GitHub sent (to compare).
    struct Recorded
    {
        QByteArray method;
        QByteArray target;
        Response response;
        qint64 recordedContentLength = -1;
    };
    using Route = std::function<std::optional<Response>(const Request &, const Caller &)>;

    explicit FakeGitHub(QObject *parent = nullptr);

    bool listen() { return m_http.listen(); }
    // The API base: the server's URL, plus /api/v3 when playing GHES.
    QUrl apiUrl() const;
    LoopbackHttpServer &http() { return m_http; }
    QList<Request> requests() const { return m_http.requests(); }

    // Plays GitHub Enterprise Server of that version (the /api/v3 prefix and its header).
    void setEnterpriseVersion(const QString &version) { m_enterpriseVersion = version; }
    void setApp(App app) { m_app = std::move(app); }
    void addInstallation(const Installation &installation);
    Installation &installation(qint64 id) { return m_installations[id]; }
    void setRepositories(qint64 installationId, const QList<Repository> &repositories)
    {
        m_repositories[installationId] = repositories;
    }
    // Answers one request as GitHub would: for a server of the caller's (the conformance
    // scenario's) that sets its own URL with setServerUrl().
    Response handle(const Request &request) { return route(request); }
    void setServerUrl(const QUrl &url) { m_serverUrl = url; }
    // The last page of /installation/repositories names the second page as next again.
    void setPaginationLoops(bool loops) { m_paginationLoops = loops; }
    // "now" for the JWT checks and the tokens' expires_at.
    void setNow(const QDateTime &now) { m_now = now; }
    void setTokenLifetimeSeconds(qint64 seconds) { m_tokenLifetime = seconds; }
    // Every token issued so far answers 401 "Bad credentials" from now on.
    void revokeTokens() { m_tokens.clear(); }
    int tokensIssued() const { return m_issued; }
    // A token for the installation without the JWT dance, for a client that cannot sign one
    // (the curl baseline of bench/github-discovery).
    QByteArray issueToken(qint64 installationId);
    // x-ratelimit-* of every answer; `remaining` goes down by one per authenticated request.
    void setRateLimit(int limit, int remaining, qint64 resetEpochSeconds);
    // The next `times` requests whose path (after the GHES prefix) is `path` get `response`.
    void overrideNext(const QByteArray &path, const Response &response, int times = 1);
    // The exchanges of an octokit "normalized fixture" file, answered as recorded, the body's
    // bytes as GitHub sent them; absolute links to https://api.github.com point here instead.
    // Empty, and `error` set, when the file is not such a fixture.
    QList<Recorded> replay(const QByteArray &fixtureFile, QString *error);
    // A route the tests of another feature add (comments, statuses, check runs): asked after
    // the built-in ones, with who the caller authenticated as.
    void setExtraRoute(Route route) { m_extra = std::move(route); }
    // Why refused JWTs were refused, in order.
    QStringList jwtProblems() const { return m_jwtProblems; }
    // The installation a token was issued for (0: no such token).
    qint64 installationOfToken(const QByteArray &token) const { return m_tokens.value(token); }

    // GitHub's error answer: {"message","documentation_url"} with its headers.
    Response error(int status, const QByteArray &message,
                   const QByteArray &documentationUrl = "https://docs.github.com/rest") const;
    // A JSON answer with GitHub's headers.
    Response json(int status, const QJsonValue &body) const;

    // What is wrong with an app JWT (signature, iss, iat, exp), nothing when GitHub would take
    // it.
    std::optional<QString> jwtProblem(const QByteArray &jwt) const;

private:
    Response route(const Request &request);
    Response answer(const Request &request, const QByteArray &path);
    Response installationAnswer(const Installation &installation) const;
    Response repositoriesPage(const Request &request, qint64 installationId);
    QJsonObject repositoryJson(const Repository &repository, int index) const;
    void addGitHubHeaders(Response &response) const;

    LoopbackHttpServer m_http{[this](const Request &r) { return route(r); }};
    QString m_enterpriseVersion;
    QUrl m_serverUrl;
    bool m_paginationLoops = false;
    App m_app;
    QMap<qint64, Installation> m_installations;
    QMap<qint64, QList<Repository>> m_repositories;
    QDateTime m_now;
    qint64 m_tokenLifetime = 3600;
    QHash<QByteArray, qint64> m_tokens;
    int m_issued = 0;
    int m_rateLimit = 5000;
    int m_rateRemaining = 5000;
    qint64 m_rateReset = 0;
    mutable int m_requestCounter = 0;
    QList<QPair<QByteArray, Response>> m_overrides;
    QList<Recorded> m_recorded;
    Route m_extra;
    QStringList m_jwtProblems;
};

} // namespace stella::test
