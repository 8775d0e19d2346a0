// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectors/scm/AnnotationHttp.h"
#include "core/providers/ProviderDefinition.h"

namespace stella::scm {

// How one provider's REST API takes the token, and what to do when it is refused.
struct AnnotationApi
{
    QString providerName; // "GitHub", in messages
    std::function<HttpHeaders(const SecretValue &)> credentialHeaders;
    HttpHeaders headers;
    // HttpSession::setAccessHints (401, 403; %1 the AuthRef).
    QString refusedTokenHint;
    QString missingRightsHint;
};

// What the REST annotation clients (GitHub, GitLab, Gitea) are built on: the integration's
// session with the provider's access hints, the token source, one AnnotationExchange per
// operation, and the commit status, which every provider posts the same way.
class HttpAnnotationClient : public ScmAnnotationClient
{
public:
    AnnotationOperation *setCommitStatus(const AnnotationTarget &target,
                                         const StatusRequest &status, QObject *parent) final;

protected:
    using Exchange = std::shared_ptr<AnnotationExchange>;

    HttpAnnotationClient(const Integration &integration, const ConnectorContext &context,
                         std::shared_ptr<ScmTokenSource> tokens, AnnotationApi api);

    // A new operation, and the exchange its requests go through.
    Exchange begin(AnnotationKind kind, QObject *parent, const DeliveryProgress &resume = {}) const;

    // The provider's commit status request; target_url is added when the request has one.
    struct StatusPost
    {
        QString path;
        QJsonObject body;
        QString notFoundHint;
    };
    virtual StatusPost statusPost(const AnnotationTarget &target,
                                  const StatusRequest &status) const = 0;
    // Posts it; `then` once the provider took it.
    void postStatus(const Exchange &ex, const AnnotationTarget &target, const StatusRequest &status,
                    std::function<void()> then) const;
    // A check run emulated by a commit status and what comes after it (Gitea's summary
    // comment, GitLab's discussions): the status, unless an earlier attempt set it
    // (`progress->statusDone`), recorded in `progress`; then `rest`.
    void statusThen(const Exchange &ex, const AnnotationTarget &target, const StatusRequest &status,
                    std::shared_ptr<DeliveryProgress> progress, std::function<void()> rest) const;

private:
    AnnotationHttpConfig m_config;
};

// The provider definition's annotationClientFactory for a client whose token is the
// integration's AuthRef, unless the context brings a token source (GitLab, Gitea).
template <class Client>
std::unique_ptr<ScmAnnotationClient> makeWithAuthRef(const Integration &integration,
                                                     const AnnotationClientContext &context)
{
    std::shared_ptr<ScmTokenSource> tokens = context.tokens;
    if (!tokens)
        tokens = std::make_shared<AuthRefTokenSource>(context.connector.credentials,
                                                      integration.authRefUri);
    return std::make_unique<Client>(integration, context.connector, std::move(tokens));
}

} // namespace stella::scm
