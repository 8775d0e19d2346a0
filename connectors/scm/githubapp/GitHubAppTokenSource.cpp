// SPDX-License-Identifier: Apache-2.0
#include "GitHubAppTokenSource.h"

#include "GitHubInstallationTokens.h"
#include "GitHubRest.h"
#include "connectors/http/HttpSession.h"
#include "core/http/HttpClient.h"

#include <QCoreApplication>
#include <QObject>

namespace stella {

namespace {
struct GitHubAppTokenSourceText
{
    Q_DECLARE_TR_FUNCTIONS(stella::GitHubAppConnector)
};
} // namespace

struct GitHubAppTokenSource::State
{
    AuthRefTokenSource secret;
    std::shared_ptr<HttpSession> session;
    GitHubInstallationTokens::Target target;
    std::shared_ptr<GitHubInstallationTokens> tokens; // made from the key, once it is read
    // The context of the minting callbacks: they are dropped with the state, never run late.
    std::unique_ptr<QObject> anchor = std::make_unique<QObject>();

    // The minting cache for `pem`, a new one when the key changed (as the connector keeps it).
    Result<std::shared_ptr<GitHubInstallationTokens>> tokensFor(const SecretValue &pem)
    {
        if (target.appId.isEmpty())
            return Error::invalidInput(
                GitHubAppTokenSourceText::tr(
                    "appId is not configured, and minting an installation token "
                    "needs it"),
                GitHubAppTokenSourceText::tr("Set appId to the App ID on the app's settings page"));
        auto jwt = GitHubAppJwt::fromPem(pem);
        if (!jwt)
            return jwt.error();
        if (!tokens || tokens->jwt().publicKeyFingerprint() != jwt->publicKeyFingerprint()) {
            const std::shared_ptr<const HttpSession> sender = session;
            tokens = GitHubInstallationTokens::create(
                [sender](const HttpRequest &request, QObject *parent) {
                    return sender->client().send(sender->withDefaultHeaders(request), parent);
                },
                *sender->context().clock, target, *jwt);
        }
        return tokens;
    }
};

namespace {
bool isPrivateKey(const SecretValue &secret)
{
    return secret.exposeForRequest().trimmed().startsWith("-----BEGIN");
}
} // namespace

GitHubAppTokenSource::GitHubAppTokenSource(const Integration &integration,
                                           const ConnectorContext &context)
    : m_state(std::make_shared<State>(
          State{AuthRefTokenSource(context.credentials, integration.authRefUri),
                std::make_shared<HttpSession>(integration, context),
                {},
                {},
                std::make_unique<QObject>()}))
{
    m_state->session->setDefaultHeaders(github::defaultHeaders());
    m_state->target.apiBase = QUrl(integration.endpoint);
    const int appId = m_state->session->configInt(QStringLiteral("appId"), 0);
    m_state->target.appId = appId > 0 ? QString::number(appId) : QString();
    m_state->target.installationId =
        m_state->session->configInt(QStringLiteral("installationId"), 0);
    m_state->target.owner = m_state->session->configString(QStringLiteral("owner"));
}

GitHubAppTokenSource::~GitHubAppTokenSource() = default;

void GitHubAppTokenSource::token(TokenCallback done)
{
    m_state->secret.token([state = m_state, done](Result<SecretValue> secret) {
        if (!secret || !isPrivateKey(*secret))
            return done(std::move(secret));
        auto tokens = state->tokensFor(*secret);
        if (!tokens)
            return done(tokens.error());
        (*tokens)->token(state->anchor.get(),
                         [done](const Result<GitHubInstallationToken> &minted) {
                             if (!minted)
                                 return done(minted.error());
                             done(minted->value);
                         });
    });
}

void GitHubAppTokenSource::invalidate()
{
    m_state->secret.invalidate();
    if (m_state->tokens)
        m_state->tokens->invalidate();
}

} // namespace stella
