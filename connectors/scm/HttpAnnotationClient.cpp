// SPDX-License-Identifier: Apache-2.0
#include "HttpAnnotationClient.h"

#include <QCoreApplication>
#include <QTimer>

namespace stella::scm {

namespace {
struct HttpAnnotationClientText
{
    Q_DECLARE_TR_FUNCTIONS(stella::scm::HttpAnnotationClient)
};
} // namespace

HttpAnnotationClient::HttpAnnotationClient(const Integration &integration,
                                           const ConnectorContext &context,
                                           std::shared_ptr<ScmTokenSource> tokens,
                                           AnnotationApi api)
{
    auto session = std::make_shared<HttpSession>(integration, context);
    session->setAccessHints(std::move(api.refusedTokenHint), std::move(api.missingRightsHint));
    m_config.session = std::move(session);
    m_config.tokens = std::move(tokens);
    m_config.providerName = std::move(api.providerName);
    m_config.credentialHeaders = std::move(api.credentialHeaders);
    m_config.headers = std::move(api.headers);
}

HttpAnnotationClient::Exchange HttpAnnotationClient::begin(AnnotationKind kind, QObject *parent,
                                                           const DeliveryProgress &resume) const
{
    return std::make_shared<AnnotationExchange>(m_config,
                                                new AnnotationOperation(kind, resume, parent));
}

void HttpAnnotationClient::postStatus(const Exchange &ex, const AnnotationTarget &target,
                                      const StatusRequest &status, std::function<void()> then) const
{
    StatusPost post = statusPost(target, status);
    if (!status.targetUrl.isEmpty())
        post.body.insert(QStringLiteral("target_url"), status.targetUrl);
    ex->send(
        "POST", ex->url(post.path), post.body,
        [ex, target, hint = post.notFoundHint, then](const HttpResponse &r) {
            if (!r.isSuccess())
                return ex->failWith(
                    r,
                    HttpAnnotationClientText::tr("Setting the status of %1").arg(target.describe()),
                    hint);
            then();
        });
}

AnnotationOperation *HttpAnnotationClient::setCommitStatus(const AnnotationTarget &target,
                                                           const StatusRequest &status,
                                                           QObject *parent)
{
    const Exchange ex = begin(AnnotationKind::Status, parent);
    postStatus(ex, target, status, [ex] {
        DeliveryProgress p;
        p.statusDone = true;
        ex->progress(p);
        ex->operation()->succeed();
    });
    return ex->operation();
}

void HttpAnnotationClient::statusThen(const Exchange &ex, const AnnotationTarget &target,
                                      const StatusRequest &status,
                                      std::shared_ptr<DeliveryProgress> progress,
                                      std::function<void()> rest) const
{
    if (progress->statusDone) {
        QTimer::singleShot(0, ex->operation(), std::move(rest));
        return;
    }
    postStatus(ex, target, status, [ex, progress, rest] {
        progress->statusDone = true;
        ex->progress(*progress);
        rest();
    });
}

} // namespace stella::scm
