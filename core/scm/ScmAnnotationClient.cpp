// SPDX-License-Identifier: Apache-2.0
#include "ScmAnnotationClient.h"

#include "core/credentials/CredentialResolver.h"

#include <QCoreApplication>
#include <QPointer>

namespace stella {

namespace {
struct ScmAnnotationClientText
{
    Q_DECLARE_TR_FUNCTIONS(stella::ScmAnnotationClient)
};
} // namespace

AnnotationOperation::AnnotationOperation(AnnotationKind kind, DeliveryProgress startFrom,
                                         QObject *parent)
    : QObject(parent), m_kind(kind), m_progress(std::move(startFrom))
{
    m_elapsed.start();
}

void AnnotationOperation::cancel()
{
    if (m_finished)
        return;
    Q_EMIT cancelRequested();
    fail(DeliveryOutcome::Transient, Error::cancelled(ScmAnnotationClientText::tr(
                                         "The delivery was cancelled; it stays in the outbox")));
}

void AnnotationOperation::reportProgress(const DeliveryProgress &progress)
{
    if (m_finished)
        return;
    m_progress = progress;
    Q_EMIT progressed(m_progress);
}

void AnnotationOperation::succeed(const QString &url)
{
    DeliveryResult r;
    r.outcome = DeliveryOutcome::Success;
    r.url = url;
    finish(std::move(r));
}

void AnnotationOperation::fail(DeliveryOutcome outcome, const Error &error)
{
    DeliveryResult r;
    r.outcome = outcome;
    r.error = error;
    finish(std::move(r));
}

void AnnotationOperation::finish(DeliveryResult result)
{
    if (m_finished)
        return;
    m_finished = true;
    result.progress = m_progress;
    result.requests = m_requests;
    result.elapsedMs = m_elapsed.elapsed();
    m_result = std::move(result);
    Q_EMIT finished();
}

AuthRefTokenSource::AuthRefTokenSource(CredentialResolver *resolver, QString authRefUri)
    : m_resolver(resolver), m_authRefUri(std::move(authRefUri))
{}

void AuthRefTokenSource::token(TokenCallback done)
{
    if (*m_cached)
        return done(**m_cached);
    if (m_authRefUri.isEmpty())
        return done(Error::invalidInput(
            ScmAnnotationClientText::tr(
                "The integration has no AuthRef, and annotations need a token"),
            ScmAnnotationClientText::tr(
                "Store a token with `secret set` and give it with `update --authref`")));
    if (!m_resolver)
        return done(Error::backend(
            ScmAnnotationClientText::tr("No credential resolver to read %1").arg(m_authRefUri)));
    // The cache, not this: the resolver may answer after the source is gone.
    m_resolver->resolve(m_authRefUri, [cache = m_cached, done](Result<SecretValue> secret) {
        if (secret)
            *cache = *secret;
        done(std::move(secret));
    });
}

void AuthRefTokenSource::invalidate()
{
    m_cached->reset();
}

AnnotationOperation *ScmAnnotationClient::deliver(const AnnotationRequest &request,
                                                  const DeliveryProgress &resume, QObject *parent)
{
    switch (request.kind) {
    case AnnotationKind::Comment:
        return postComment(request.target, request.comment, parent);
    case AnnotationKind::Status:
        return setCommitStatus(request.target, request.status, parent);
    case AnnotationKind::CheckRun:
        break;
    }
    return createCheckRun(request.target, request.checkRun, resume, parent);
}

} // namespace stella
