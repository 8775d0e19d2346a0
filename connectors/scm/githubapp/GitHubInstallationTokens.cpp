// SPDX-License-Identifier: Apache-2.0
#include "GitHubInstallationTokens.h"

#include "GitHubRest.h"
#include "connectors/http/HttpAnswers.h"
#include "core/common/Clock.h"
#include "core/common/Logging.h"
#include "core/http/HttpClient.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace stella {

namespace {
struct GitHubInstallationTokensText
{
    Q_DECLARE_TR_FUNCTIONS(stella::GitHubInstallationTokens)
};

QString keyHint()
{
    return GitHubInstallationTokensText::tr(
        "The app private key does not belong to the app whose appId is configured: check "
        "appId (the App ID on the app's settings page, not its client id), that the key "
        "is one of that app's current private keys, and this machine's clock");
}

QString accountOf(const QJsonObject &installation)
{
    return installation.value(QStringLiteral("account"))
        .toObject()
        .value(QStringLiteral("login"))
        .toString();
}
} // namespace

std::shared_ptr<GitHubInstallationTokens>
GitHubInstallationTokens::create(Sender sender, const Clock &clock, Target target, GitHubAppJwt jwt)
{
    return std::shared_ptr<GitHubInstallationTokens>(
        new GitHubInstallationTokens(std::move(sender), clock, std::move(target), std::move(jwt)));
}

GitHubInstallationTokens::GitHubInstallationTokens(Sender sender, const Clock &clock, Target target,
                                                   GitHubAppJwt jwt)
    : m_sender(std::move(sender)), m_clock(clock), m_target(std::move(target)),
      m_jwt(std::move(jwt)), m_calls(std::make_unique<QObject>())
{}

GitHubInstallationTokens::~GitHubInstallationTokens() = default;

QUrl GitHubInstallationTokens::url(const QString &path) const
{
    QUrl base = m_target.apiBase;
    QString prefix = base.path();
    if (prefix.endsWith(QLatin1Char('/')))
        prefix.chop(1);
    const qsizetype q = path.indexOf(QLatin1Char('?'));
    base.setPath(prefix + (q < 0 ? path : path.left(q)), QUrl::TolerantMode);
    base.setQuery(q < 0 ? QString() : path.mid(q + 1), QUrl::TolerantMode);
    return base;
}

Result<QByteArray> GitHubInstallationTokens::appJwt() const
{
    return m_jwt.sign(m_target.appId, m_clock.now());
}

bool GitHubInstallationTokens::isFresh() const
{
    return m_token && m_clock.now().secsTo(m_token->expiresAt) > kRefreshMarginSeconds;
}

void GitHubInstallationTokens::invalidate()
{
    m_token.reset();
}

void GitHubInstallationTokens::token(QObject *context, Callback callback)
{
    Q_ASSERT(context);
    if (m_token && !isFresh())
        m_token.reset(); // not kept past its use: SecretValue wipes it
    if (isFresh()) {
        // Later, as promised: a caller never sees its callback run inside its own call.
        QMetaObject::invokeMethod(
            context,
            [self = shared_from_this(), context, callback] {
                if (self->isFresh())
                    return callback(*self->m_token);
                self->token(context, callback);
            },
            Qt::QueuedConnection);
        return;
    }
    m_waiting.append({context, std::move(callback)});
    if (!m_minting)
        mint();
}

void GitHubInstallationTokens::deliver(const Result<GitHubInstallationToken> &result)
{
    m_minting = false;
    const QList<Waiter> waiting = std::exchange(m_waiting, {});
    for (const Waiter &w : waiting)
        if (w.context) // a caller that has gone (a cancelled operation) hears nothing
            w.callback(result);
}

void GitHubInstallationTokens::send(const QByteArray &method, const QString &path,
                                    const QByteArray &jwt,
                                    std::function<void(const HttpResponse &)> onAnswer)
{
    HttpRequest request;
    request.method = method;
    request.url = url(path);
    request.credentialHeaders = github::bearer(jwt);
    HttpCall *call = m_sender(request, m_calls.get());
    // Weakly: the call is a child of this object (destroying it aborts the call), and a strong
    // hold in the call's own connection would make the call delete its owner.
    const std::weak_ptr<GitHubInstallationTokens> weak = weak_from_this();
    QObject::connect(call, &HttpCall::finished, m_calls.get(),
                     [weak, call, onAnswer = std::move(onAnswer)] {
                         call->deleteLater();
                         const auto self = weak.lock();
                         if (!self)
                             return;
                         const Result<HttpResponse> &result = call->result();
                         if (!result)
                             return self->deliver(result.error());
                         onAnswer(*result);
                     });
}

void GitHubInstallationTokens::mint()
{
    m_minting = true;
    auto jwt = appJwt();
    if (!jwt)
        return deliver(jwt.error());
    if (m_installation)
        return requestToken(*jwt);
    lookUpInstallation(*jwt, [this, jwt = *jwt] { requestToken(jwt); });
}

void GitHubInstallationTokens::lookUpInstallation(const QByteArray &jwt, std::function<void()> then)
{
    const auto found = [this, then](const QJsonObject &body) {
        GitHubInstallation installation;
        installation.id = body.value(QStringLiteral("id")).toInteger();
        installation.account = accountOf(body);
        installation.accountType = body.value(QStringLiteral("account"))
                                       .toObject()
                                       .value(QStringLiteral("type"))
                                       .toString();
        installation.repositorySelection =
            body.value(QStringLiteral("repository_selection")).toString();
        const QString suspended = body.value(QStringLiteral("suspended_at")).toString();
        if (!suspended.isEmpty())
            return deliver(Error::failed(
                GitHubInstallationTokensText::tr(
                    "Installation %1 of the app on %2 is suspended (since %3)")
                    .arg(installation.id)
                    .arg(installation.account, suspended),
                GitHubInstallationTokensText::tr(
                    "An owner of %1 unsuspends it under Settings → GitHub Apps → Configure")
                    .arg(installation.account)));
        m_installation = installation;
        then();
    };
    if (m_target.installationId <= 0) {
        if (m_target.owner.isEmpty())
            return deliver(Error::invalidInput(
                GitHubInstallationTokensText::tr(
                    "Neither installationId nor owner is configured: the connector cannot tell "
                    "which installation of the app to act as"),
                GitHubInstallationTokensText::tr(
                    "Set installationId (the number at the end of the installation's settings "
                    "URL) or owner (the organisation or user the app is installed on)")));
        const QString owner = QString::fromLatin1(QUrl::toPercentEncoding(m_target.owner));
        return lookUpByOwner(jwt,
                             {QStringLiteral("/orgs/%1/installation").arg(owner),
                              QStringLiteral("/users/%1/installation").arg(owner)},
                             found);
    }
    const QString path = QStringLiteral("/app/installations/%1").arg(m_target.installationId);
    send("GET", path, jwt, [this, found, path](const HttpResponse &response) {
        if (response.status == 404)
            return deliver(Error::notFound(
                GitHubInstallationTokensText::tr("The app has no installation %1 (GET %2 → 404)")
                    .arg(m_target.installationId)
                    .arg(path),
                GitHubInstallationTokensText::tr(
                    "Check installationId: it is the number at the end of the installation's "
                    "settings URL (…/settings/installations/ID); or set owner instead")));
        if (!response.isSuccess())
            return deliver(github::describe(
                response, QStringLiteral("GET ") + path, m_clock.now(), keyHint(),
                GitHubInstallationTokensText::tr("The app may not read this installation")));
        auto body = http::jsonObject(response, QStringLiteral("GET ") + path);
        if (!body)
            return deliver(body.error());
        found(*body);
    });
}

void GitHubInstallationTokens::lookUpByOwner(const QByteArray &jwt, const QStringList &paths,
                                             std::function<void(const QJsonObject &)> found)
{
    // An organisation's installation first, then a user's: GitHub answers 404 to the one the
    // owner is not.
    const QString path = paths.first();
    send("GET", path, jwt, [this, jwt, paths, found, path](const HttpResponse &response) {
        if (response.status == 404 && paths.size() > 1)
            return lookUpByOwner(jwt, paths.mid(1), found);
        if (response.status == 404)
            return deliver(Error::notFound(
                GitHubInstallationTokensText::tr(
                    "The app is not installed on '%1' (neither an organisation nor a user "
                    "installation: GitHub answered 404 to both)")
                    .arg(m_target.owner),
                GitHubInstallationTokensText::tr(
                    "Install the app on %1 (the app's public page → Install), or correct "
                    "owner")
                    .arg(m_target.owner)));
        if (!response.isSuccess())
            return deliver(github::describe(
                response, QStringLiteral("GET ") + path, m_clock.now(), keyHint(),
                GitHubInstallationTokensText::tr("The app may not read this installation")));
        auto body = http::jsonObject(response, QStringLiteral("GET ") + path);
        if (!body)
            return deliver(body.error());
        found(*body);
    });
}

void GitHubInstallationTokens::requestToken(const QByteArray &jwt)
{
    const QString path =
        QStringLiteral("/app/installations/%1/access_tokens").arg(m_installation->id);
    send("POST", path, jwt, [this, path](const HttpResponse &response) {
        const QString what = QStringLiteral("POST ") + path;
        const QString said = github::errorText(response);
        if (response.status == 404) {
            m_installation.reset();
            return deliver(Error::notFound(
                GitHubInstallationTokensText::tr(
                    "The app has no installation %1 any more (%2 → 404)")
                    .arg(m_target.installationId)
                    .arg(what),
                GitHubInstallationTokensText::tr(
                    "The app may have been uninstalled: install it again, then update "
                    "installationId")));
        }
        if (response.status == 403 &&
            said.contains(QLatin1String("suspended"), Qt::CaseInsensitive)) {
            m_installation.reset();
            return deliver(Error::failed(
                GitHubInstallationTokensText::tr(
                    "The installation on %1 is suspended (%2 → 403: %3)")
                    .arg(accountOrId(), what, said),
                GitHubInstallationTokensText::tr(
                    "An owner unsuspends it under Settings → GitHub Apps → Configure")));
        }
        if (response.status != 201 && response.status != 200)
            return deliver(github::describe(
                response, what, m_clock.now(), keyHint(),
                GitHubInstallationTokensText::tr("The app may not create tokens for this "
                                                 "installation")));
        auto body = http::jsonObject(response, what);
        if (!body)
            return deliver(body.error());
        const QString value = body->value(QStringLiteral("token")).toString();
        const QDateTime expires = parseUtc(body->value(QStringLiteral("expires_at")).toString());
        if (value.isEmpty() || !expires.isValid())
            return deliver(Error::failed(
                GitHubInstallationTokensText::tr("%1: the answer has no token or no expires_at")
                    .arg(what),
                GitHubInstallationTokensText::tr("Check that the endpoint is GitHub's REST API")));
        GitHubInstallationToken token;
        token.value = SecretValue(value.toUtf8());
        token.expiresAt = expires;
        token.permissions = body->value(QStringLiteral("permissions")).toObject();
        token.installation = *m_installation;
        const QString selection = body->value(QStringLiteral("repository_selection")).toString();
        if (!selection.isEmpty())
            token.installation.repositorySelection = selection;
        STELLA_LOG_DEBUG(lcConnectors).noquote()
            << "GitHub installation token minted for installation" << m_installation->id
            << "expiring" << formatUtc(expires);
        m_token = token;
        deliver(token);
    });
}

QString GitHubInstallationTokens::accountOrId() const
{
    return m_installation && !m_installation->account.isEmpty()
               ? m_installation->account
               : QString::number(m_target.installationId);
}

} // namespace stella
