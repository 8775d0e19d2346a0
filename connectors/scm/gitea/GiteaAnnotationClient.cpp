// SPDX-License-Identifier: Apache-2.0
#include "GiteaAnnotationClient.h"

#include "connectors/http/HttpAnswers.h"

#include <QCoreApplication>
#include <QTimer>

namespace stella {

namespace {
struct GiteaAnnotationClientText
{
    Q_DECLARE_TR_FUNCTIONS(stella::GiteaAnnotationClient)
};
} // namespace

namespace {
using scm::AnnotationExchange;
using Ex = std::shared_ptr<AnnotationExchange>;

QString repoPath(const AnnotationTarget &t)
{
    const qsizetype slash = t.repository.indexOf(QLatin1Char('/'));
    return QStringLiteral("/api/v1/repos/%1/%2")
        .arg(scm::segment(t.repository.left(slash)), scm::segment(t.repository.mid(slash + 1)));
}

void postStatus(Ex ex, const AnnotationTarget &target, const StatusRequest &status,
                std::function<void()> then)
{
    QJsonObject body{{QStringLiteral("state"), toString(status.state)},
                     {QStringLiteral("context"), status.context},
                     {QStringLiteral("description"), status.description}};
    if (!status.targetUrl.isEmpty())
        body.insert(QStringLiteral("target_url"), status.targetUrl);
    ex->send("POST", ex->url(repoPath(target) + QStringLiteral("/statuses/") + target.sha), body,
             [ex, target, then](const HttpResponse &r) {
                 if (!r.isSuccess())
                     return ex->failWith(
                         r,
                         GiteaAnnotationClientText::tr("Setting the status of %1")
                             .arg(target.describe()),
                         GiteaAnnotationClientText::tr("Check OWNER/NAME and the commit SHA"));
                 then();
             });
}

// The marked comment created or edited; `then` gets its id.
void upsertComment(Ex ex, const AnnotationTarget &target, const CommentRequest &comment,
                   std::function<void(const QString &)> then)
{
    ex->get(
        ex->url(repoPath(target) + QStringLiteral("/pulls/%1").arg(target.pullRequest)),
        [=](const HttpResponse &pull) {
            if (pull.status == 404)
                return ex->get(ex->url(repoPath(target)), [=](const HttpResponse &repo) {
                    if (repo.status == 404)
                        return ex->failWith(repo,
                                            GiteaAnnotationClientText::tr("The repository %1")
                                                .arg(target.repository),
                                            GiteaAnnotationClientText::tr(
                                                "Check OWNER/NAME, and that the token's user can "
                                                "see it"));
                    ex->failWith(pull,
                                 GiteaAnnotationClientText::tr("#%1 in %2 is not a pull request")
                                     .arg(target.pullRequest)
                                     .arg(target.repository),
                                 GiteaAnnotationClientText::tr(
                                     "Give the number of a pull request with --pr"));
                });
            if (!pull.isSuccess())
                return ex->failWith(pull, GiteaAnnotationClientText::tr("Reading pull request #%1")
                                              .arg(target.pullRequest));
            // Gitea lists an issue's comments in one answer (since/before, no pages).
            ex->get(
                ex->url(repoPath(target) +
                        QStringLiteral("/issues/%1/comments").arg(target.pullRequest)),
                [=](const HttpResponse &r) {
                    if (!r.isSuccess())
                        return ex->failWith(r,
                                            GiteaAnnotationClientText::tr("Listing the comments"));
                    auto list = http::jsonArray(
                        r, GiteaAnnotationClientText::tr("The comments Gitea listed"));
                    if (!list)
                        return ex->fail(DeliveryOutcome::Transient, list.error());
                    QString existing;
                    for (const QJsonValue &c : *list)
                        if (c.toObject()
                                .value(QStringLiteral("body"))
                                .toString()
                                .contains(CommentRequest::markerFor(comment.key))) {
                            existing = QString::number(
                                c.toObject().value(QStringLiteral("id")).toVariant().toLongLong());
                            break;
                        }
                    const bool update = !existing.isEmpty();
                    const QUrl url =
                        update ? ex->url(repoPath(target) + QStringLiteral("/issues/comments/") +
                                         existing)
                               : ex->url(
                                     repoPath(target) +
                                     QStringLiteral("/issues/%1/comments").arg(target.pullRequest));
                    ex->send(
                        update ? "PATCH" : "POST", url,
                        QJsonObject{{QStringLiteral("body"), comment.bodyWithMarker()}},
                        [=](const HttpResponse &w) {
                            if (!w.isSuccess())
                                return ex->failWith(
                                    w, update
                                           ? GiteaAnnotationClientText::tr("Updating the comment")
                                           : GiteaAnnotationClientText::tr("Posting the comment"));
                            auto o = http::jsonObject(
                                w, GiteaAnnotationClientText::tr("The comment Gitea answered"));
                            then(o ? QString::number(
                                         o->value(QStringLiteral("id")).toVariant().toLongLong())
                                   : existing);
                        });
                });
        });
}
} // namespace

GiteaAnnotationClient::GiteaAnnotationClient(const Integration &integration,
                                             const ConnectorContext &context,
                                             std::shared_ptr<ScmTokenSource> tokens)
{
    auto session = std::make_shared<HttpSession>(integration, context);
    session->setAccessHints(
        GiteaAnnotationClientText::tr(
            "Check the access token stored at %1: it may be deleted or mistyped"),
        GiteaAnnotationClientText::tr(
            "Give the token behind %1 the write:repository and write:issue scopes, "
            "and its user write access to the repository"));
    m_config.session = session;
    m_config.tokens = std::move(tokens);
    m_config.providerName = QStringLiteral("Gitea");
    m_config.credentialHeaders = [](const SecretValue &token) {
        return HttpHeaders{{"Authorization", "token " + token.exposeForRequest()}};
    };
    m_config.headers = {{"Accept", "application/json"}};
}

std::unique_ptr<ScmAnnotationClient>
GiteaAnnotationClient::make(const Integration &integration, const AnnotationClientContext &context)
{
    std::shared_ptr<ScmTokenSource> tokens = context.tokens;
    if (!tokens)
        tokens = std::make_shared<AuthRefTokenSource>(context.connector.credentials,
                                                      integration.authRefUri);
    return std::make_unique<GiteaAnnotationClient>(integration, context.connector,
                                                   std::move(tokens));
}

CommentRequest GiteaAnnotationClient::summaryComment(const CheckRunRequest &run)
{
    CommentRequest c;
    c.key = QStringLiteral("check-run:") + run.name;
    QStringList lines{QStringLiteral("### %1 — %2").arg(run.name, run.title), QString(),
                      run.summary, QString()};
    const int listed = std::min<int>(kListedAnnotations, int(run.annotations.size()));
    for (int i = 0; i < listed; ++i)
        lines.append(scm::annotationMarkdown(run.annotations[i]));
    if (run.annotations.size() > listed)
        lines.append(QStringLiteral("\n… and %1 more").arg(run.annotations.size() - listed));
    c.body = lines.join(QLatin1Char('\n'));
    return c;
}

AnnotationOperation *GiteaAnnotationClient::postComment(const AnnotationTarget &target,
                                                        const CommentRequest &comment,
                                                        QObject *parent)
{
    auto *op = new AnnotationOperation(AnnotationKind::Comment, {}, parent);
    auto ex = std::make_shared<AnnotationExchange>(m_config, op);
    upsertComment(ex, target, comment, [ex](const QString &id) {
        DeliveryProgress p;
        p.remoteId = id;
        ex->progress(p);
        ex->operation()->succeed();
    });
    return op;
}

AnnotationOperation *GiteaAnnotationClient::setCommitStatus(const AnnotationTarget &target,
                                                            const StatusRequest &status,
                                                            QObject *parent)
{
    auto *op = new AnnotationOperation(AnnotationKind::Status, {}, parent);
    auto ex = std::make_shared<AnnotationExchange>(m_config, op);
    postStatus(ex, target, status, [ex] {
        DeliveryProgress p;
        p.statusDone = true;
        ex->progress(p);
        ex->operation()->succeed();
    });
    return op;
}

AnnotationOperation *GiteaAnnotationClient::createCheckRun(const AnnotationTarget &target,
                                                           const CheckRunRequest &run,
                                                           const DeliveryProgress &resume,
                                                           QObject *parent)
{
    auto *op = new AnnotationOperation(AnnotationKind::CheckRun, resume, parent);
    auto ex = std::make_shared<AnnotationExchange>(m_config, op);
    auto progress = std::make_shared<DeliveryProgress>(resume);
    const auto summary = [ex, target, run, progress] {
        if (target.pullRequest <= 0)
            return ex->operation()->succeed(); // no PR to comment on: the status says it all
        upsertComment(ex, target, summaryComment(run), [ex, progress, run](const QString &id) {
            progress->remoteId = id;
            progress->summaryDone = true;
            progress->annotationsDelivered = int(run.annotations.size());
            ex->progress(*progress);
            ex->operation()->succeed();
        });
    };
    if (resume.statusDone) {
        QTimer::singleShot(0, op, summary);
        return op;
    }
    StatusRequest status;
    status.state = run.commitState();
    status.context = run.name;
    status.description = run.title;
    status.targetUrl = run.detailsUrl;
    postStatus(ex, target, status, [ex, progress, summary] {
        progress->statusDone = true;
        ex->progress(*progress);
        summary();
    });
    return op;
}

} // namespace stella
