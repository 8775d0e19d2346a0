// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/credentials/SecretValue.h"
#include "core/scm/ScmAnnotation.h"

#include <QElapsedTimer>
#include <QObject>
#include <functional>
#include <memory>

namespace stella {

class CredentialResolver;

// One delivery in flight: finishes exactly once with a DeliveryResult; reports progress after
// each request that changed something on the provider (so the outbox can store how far it
// got in the same step); cancel() aborts the request in flight at once and finishes as a
// transient result, since nothing was refused. The caller owns it.
class AnnotationOperation : public QObject
{
    Q_OBJECT

public:
    explicit AnnotationOperation(AnnotationKind kind, DeliveryProgress startFrom,
                                 QObject *parent = nullptr);

    AnnotationKind kind() const { return m_kind; }
    bool isFinished() const { return m_finished; }
    const DeliveryResult &result() const { return m_result; }
    const DeliveryProgress &progress() const { return m_progress; }
    void cancel();

    // The client's side.
    void reportProgress(const DeliveryProgress &progress);
    void countRequest() { ++m_requests; }
    void succeed(const QString &url = {});
    void fail(DeliveryOutcome outcome, const Error &error);

Q_SIGNALS:
    void progressed(const stella::DeliveryProgress &progress);
    void finished();
    void cancelRequested(); // the client aborts its request in flight

private:
    void finish(DeliveryResult result);

    AnnotationKind m_kind;
    DeliveryProgress m_progress;
    DeliveryResult m_result;
    QElapsedTimer m_elapsed;
    int m_requests = 0;
    bool m_finished = false;
};

// Where a client's bearer token comes from: GitLab and Gitea read the integration's AuthRef;
// GitHub mints an installation access token from the app's JWT (GitHubInstallationTokens,
// connectors/scm/githubapp/). Asynchronous; invalidate() after the provider refused a token
// (401), so the next token() fetches or mints a fresh one.
class ScmTokenSource
{
public:
    using TokenCallback = std::function<void(Result<SecretValue>)>;
    virtual ~ScmTokenSource() = default;
    virtual void token(TokenCallback done) = 0;
    virtual void invalidate() = 0;
};

// The integration's AuthRef through the CredentialResolver, resolved again after invalidate().
class AuthRefTokenSource final : public ScmTokenSource
{
public:
    AuthRefTokenSource(CredentialResolver *resolver, QString authRefUri);
    void token(TokenCallback done) override;
    void invalidate() override;

private:
    CredentialResolver *m_resolver;
    QString m_authRefUri;
    std::shared_ptr<std::optional<SecretValue>> m_cached =
        std::make_shared<std::optional<SecretValue>>();
};

// One provider's annotation API (docs/contracts.md §19.1). Made by the provider definition's
// annotationClientFactory; the operations never block and may outlive nothing: destroying
// the client's operations aborts their requests.
class ScmAnnotationClient
{
public:
    virtual ~ScmAnnotationClient() = default;

    virtual QString provider() const = 0;

    // Creates the comment, or edits the one of earlier runs with the same key (found by its
    // marker), so re-running a pipeline leaves one comment.
    virtual AnnotationOperation *postComment(const AnnotationTarget &target,
                                             const CommentRequest &comment, QObject *parent) = 0;
    virtual AnnotationOperation *setCommitStatus(const AnnotationTarget &target,
                                                 const StatusRequest &status, QObject *parent) = 0;
    // Goes on from `resume` (what an earlier, interrupted delivery already did).
    virtual AnnotationOperation *createCheckRun(const AnnotationTarget &target,
                                                const CheckRunRequest &run,
                                                const DeliveryProgress &resume,
                                                QObject *parent) = 0;

    // The operation the request's kind names.
    AnnotationOperation *deliver(const AnnotationRequest &request, const DeliveryProgress &resume,
                                 QObject *parent);
};

} // namespace stella
