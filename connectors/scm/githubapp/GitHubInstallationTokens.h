// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "GitHubAppJwt.h"
#include "core/credentials/SecretValue.h"
#include "core/http/HttpTypes.h"

#include <QDateTime>
#include <QJsonObject>
#include <QPointer>
#include <functional>
#include <memory>

class QObject;

namespace stella {

class Clock;
class HttpCall;

// The installation an app acts as (GET /app/installations/{id}, or found from its owner).
struct GitHubInstallation
{
    qint64 id = 0;
    QString account;     // the login it is installed on
    QString accountType; // "Organization" or "User"
    QString repositorySelection;
};

// An installation access token: the value (never logged, never stored), when GitHub says it
// expires, and the permissions it carries.
struct GitHubInstallationToken
{
    SecretValue value;
    QDateTime expiresAt;
    QJsonObject permissions; // {"checks":"write","metadata":"read",...}
    GitHubInstallation installation;
};

// Mints and caches one installation's access tokens: the installation looked up with the app
// JWT (by id, or by owner through GET /orgs/{org}/installation then /users/{user}/installation),
// then POST /app/installations/{id}/access_tokens. A token is held in memory only, and only
// until kRefreshMarginSeconds before its expires_at; invalidate() after a 401 drops it so the
// next token() mints again. Requests callers make at once share one mint. Works with any
// sender, so it needs no connector: the connector and the annotation client each give theirs.
class GitHubInstallationTokens : public std::enable_shared_from_this<GitHubInstallationTokens>
{
public:
    static constexpr qint64 kRefreshMarginSeconds = 300;

    // Sends one request (the caller adds its session's default headers); the call finishes
    // once.
    using Sender = std::function<HttpCall *(const HttpRequest &, QObject *parent)>;
    using Callback = std::function<void(const Result<GitHubInstallationToken> &)>;

    struct Target
    {
        QUrl apiBase; // https://api.github.com, https://HOST/api/v3
        QString appId;
        qint64 installationId = 0; // 0: find it from the owner
        QString owner;
    };

    static std::shared_ptr<GitHubInstallationTokens> create(Sender sender, const Clock &clock,
                                                            Target target, GitHubAppJwt jwt);
    ~GitHubInstallationTokens();

    // The current token, minted first when there is none or it is about to expire. The
    // callback runs once, later, unless `context` (not null) is destroyed first.
    void token(QObject *context, Callback callback);
    void invalidate();

    const GitHubAppJwt &jwt() const { return m_jwt; }
    // A fresh app JWT, for the calls GitHub authenticates as the app (GET /app).
    Result<QByteArray> appJwt() const;
    QUrl url(const QString &path) const;

private:
    GitHubInstallationTokens(Sender sender, const Clock &clock, Target target, GitHubAppJwt jwt);
    void mint();
    void lookUpInstallation(const QByteArray &jwt, std::function<void()> then);
    void lookUpByOwner(const QByteArray &jwt, const QStringList &paths,
                       std::function<void(const QJsonObject &)> found);
    QString accountOrId() const;
    void requestToken(const QByteArray &jwt);
    void send(const QByteArray &method, const QString &path, const QByteArray &jwt,
              std::function<void(const HttpResponse &)> onAnswer);
    void deliver(const Result<GitHubInstallationToken> &result);
    bool isFresh() const;

    Sender m_sender;
    const Clock &m_clock;
    Target m_target;
    GitHubAppJwt m_jwt;
    std::unique_ptr<QObject> m_calls; // parent of the requests in flight
    std::optional<GitHubInstallation> m_installation;
    std::optional<GitHubInstallationToken> m_token;
    struct Waiter
    {
        QPointer<QObject> context;
        Callback callback;
    };
    QList<Waiter> m_waiting;
    bool m_minting = false;
};

} // namespace stella
