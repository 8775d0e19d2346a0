// SPDX-License-Identifier: Apache-2.0
#include "GiteaAnnotationClient.h"

#include "connectors/http/HttpAnswers.h"

#include <QCoreApplication>

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

// The marked comment created or edited; `then` gets its id.
void upsertComment(Ex ex, const AnnotationTarget &target, const CommentRequest &comment,
                   std::function<void(const QString &)> then)
{
    scm::getPullRequest(
        ex, ex->url(repoPath(target) + QStringLiteral("/pulls/%1").arg(target.pullRequest)),
        GiteaAnnotationClientText::tr("Reading pull request #%1").arg(target.pullRequest),
        {ex->url(repoPath(target)),
         GiteaAnnotationClientText::tr("The repository %1").arg(target.repository),
         GiteaAnnotationClientText::tr("Check OWNER/NAME, and that the token's user can see it"),
         GiteaAnnotationClientText::tr("#%1 in %2 is not a pull request")
             .arg(target.pullRequest)
             .arg(target.repository),
         GiteaAnnotationClientText::tr("Give the number of a pull request with --pr")},
        [=](const HttpResponse &) {
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
                    const QString existing =
                        scm::markedCommentId(*list, CommentRequest::markerFor(comment.key));
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
                            then(o ? scm::idOf(*o) : existing);
                        });
                });
        });
}
} // namespace

GiteaAnnotationClient::GiteaAnnotationClient(const Integration &integration,
                                             const ConnectorContext &context,
                                             std::shared_ptr<ScmTokenSource> tokens)
    : HttpAnnotationClient(
          integration, context, std::move(tokens),
          {QStringLiteral("Gitea"),
           [](const SecretValue &token) {
               return HttpHeaders{{"Authorization", "token " + token.exposeForRequest()}};
           },
           {{"Accept", "application/json"}},
           GiteaAnnotationClientText::tr(
               "Check the access token stored at %1: it may be deleted or mistyped"),
           GiteaAnnotationClientText::tr(
               "Give the token behind %1 the write:repository and write:issue scopes, "
               "and its user write access to the repository")})
{}

GiteaAnnotationClient::StatusPost
GiteaAnnotationClient::statusPost(const AnnotationTarget &target, const StatusRequest &status) const
{
    return {repoPath(target) + QStringLiteral("/statuses/") + target.sha,
            QJsonObject{{QStringLiteral("state"), toString(status.state)},
                        {QStringLiteral("context"), status.context},
                        {QStringLiteral("description"), status.description}},
            GiteaAnnotationClientText::tr("Check OWNER/NAME and the commit SHA")};
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
    const Exchange ex = begin(AnnotationKind::Comment, parent);
    upsertComment(ex, target, comment, [ex](const QString &id) {
        DeliveryProgress p;
        p.remoteId = id;
        ex->progress(p);
        ex->operation()->succeed();
    });
    return ex->operation();
}

AnnotationOperation *GiteaAnnotationClient::createCheckRun(const AnnotationTarget &target,
                                                           const CheckRunRequest &run,
                                                           const DeliveryProgress &resume,
                                                           QObject *parent)
{
    const Exchange ex = begin(AnnotationKind::CheckRun, parent, resume);
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
    statusThen(ex, target, scm::statusFor(run), progress, summary);
    return ex->operation();
}

} // namespace stella
