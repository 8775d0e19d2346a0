// SPDX-License-Identifier: Apache-2.0
#include "GitHubAnnotationClient.h"

#include "GitHubAppTokenSource.h"
#include "GitHubRest.h"
#include "connectors/http/HttpAnswers.h"
#include "core/http/PageCursor.h"

#include <QCoreApplication>
#include <QTimer>

namespace stella {

namespace {
struct GitHubAnnotationClientText
{
    Q_DECLARE_TR_FUNCTIONS(stella::GitHubAnnotationClient)
};
} // namespace

namespace {
using scm::AnnotationExchange;

QString repoPath(const AnnotationTarget &t)
{
    const qsizetype slash = t.repository.indexOf(QLatin1Char('/'));
    return QStringLiteral("/repos/%1/%2")
        .arg(scm::segment(t.repository.left(slash)), scm::segment(t.repository.mid(slash + 1)));
}

QJsonArray annotationsJson(const QList<CheckAnnotation> &annotations)
{
    QJsonArray out;
    for (const CheckAnnotation &a : annotations) {
        QJsonObject o{{QStringLiteral("path"), a.path},
                      {QStringLiteral("start_line"), a.startLine},
                      {QStringLiteral("end_line"), a.endLine},
                      {QStringLiteral("annotation_level"), toString(a.level)},
                      {QStringLiteral("message"), a.message.left(64 * 1024)}};
        if (!a.title.isEmpty())
            o.insert(QStringLiteral("title"), a.title.left(255));
        // GitHub: columns only when the annotation starts and ends on one line.
        if (a.startLine == a.endLine && a.startColumn > 0) {
            o.insert(QStringLiteral("start_column"), a.startColumn);
            o.insert(QStringLiteral("end_column"), std::max(a.startColumn, a.endColumn));
        }
        out.append(o);
    }
    return out;
}

QString githubState(CommitState state)
{
    return toString(state); // GitHub's own four: error, failure, pending, success
}

void writeComment(std::shared_ptr<AnnotationExchange> ex, const AnnotationTarget &target,
                  const CommentRequest &comment, const QString &existingId)
{
    const QJsonObject body{{QStringLiteral("body"), comment.bodyWithMarker()}};
    const bool update = !existingId.isEmpty();
    const QUrl url =
        update ? ex->url(repoPath(target) + QStringLiteral("/issues/comments/%1").arg(existingId))
               : ex->url(repoPath(target) +
                         QStringLiteral("/issues/%1/comments").arg(target.pullRequest));
    ex->send(update ? "PATCH" : "POST", url, body, [ex, update](const HttpResponse &r) {
        if (!r.isSuccess())
            return ex->failWith(r, update ? GitHubAnnotationClientText::tr("Updating the comment")
                                          : GitHubAnnotationClientText::tr("Posting the comment"));
        auto o =
            http::jsonObject(r, GitHubAnnotationClientText::tr("The comment GitHub answered with"));
        DeliveryProgress p;
        if (o)
            p.remoteId = scm::idOf(*o);
        ex->progress(p);
        ex->operation()->succeed(o ? o->value(QStringLiteral("html_url")).toString() : QString());
    });
}

// Walks the PR's comments (Link: rel="next", per_page=100) for the marker.
void findMarked(std::shared_ptr<AnnotationExchange> ex, std::shared_ptr<PageCursor> cursor,
                const QUrl &page, const QString &marker, std::function<void(const QString &)> found)
{
    ex->get(page, [ex, cursor, marker, found](const HttpResponse &r) {
        if (!r.isSuccess())
            return ex->failWith(
                r, GitHubAnnotationClientText::tr("Listing the pull request's comments"));
        auto list =
            http::jsonArray(r, GitHubAnnotationClientText::tr("The comments GitHub listed"));
        if (!list)
            return ex->fail(DeliveryOutcome::Transient, list.error());
        if (const QString id = scm::markedCommentId(*list, marker); !id.isEmpty())
            return found(id);
        auto next = cursor->nextFromLink(r.url, r.headers);
        if (!next)
            return ex->fail(DeliveryOutcome::Permanent, next.error());
        if (!*next)
            return found({});
        findMarked(ex, cursor, **next, marker, found);
    });
}

void sendRemainingAnnotations(std::shared_ptr<AnnotationExchange> ex, QString path,
                              CheckRunRequest run, DeliveryProgress progress, QString htmlUrl)
{
    const int total = int(run.annotations.size());
    if (progress.annotationsDelivered >= total)
        return ex->operation()->succeed(htmlUrl);
    const QList<CheckAnnotation> next = scm::batch(run.annotations, progress.annotationsDelivered,
                                                   GitHubAnnotationClient::kAnnotationsPerRequest);
    const QJsonObject body{{QStringLiteral("output"),
                            QJsonObject{{QStringLiteral("title"), run.title},
                                        {QStringLiteral("summary"), run.summary},
                                        {QStringLiteral("annotations"), annotationsJson(next)}}}};
    const int sent = int(next.size());
    ex->send("PATCH", ex->url(path + QStringLiteral("/check-runs/") + progress.remoteId), body,
             [ex, path, run, progress, htmlUrl, sent](const HttpResponse &r) mutable {
                 if (!r.isSuccess())
                     return ex->failWith(
                         r,
                         GitHubAnnotationClientText::tr("Adding annotations %1-%2 to check run %3")
                             .arg(progress.annotationsDelivered + 1)
                             .arg(progress.annotationsDelivered + sent)
                             .arg(progress.remoteId),
                         GitHubAnnotationClientText::tr(
                             "The check run is gone from GitHub; discard the entry "
                             "and annotate again"));
                 progress.annotationsDelivered += sent;
                 ex->progress(progress);
                 if (htmlUrl.isEmpty())
                     if (auto o =
                             http::jsonObject(r, GitHubAnnotationClientText::tr("The check run")))
                         htmlUrl = o->value(QStringLiteral("html_url")).toString();
                 sendRemainingAnnotations(ex, path, run, progress, htmlUrl);
             });
}
} // namespace

GitHubAnnotationClient::GitHubAnnotationClient(const Integration &integration,
                                               const ConnectorContext &context,
                                               std::shared_ptr<ScmTokenSource> tokens)
    : HttpAnnotationClient(
          integration, context, std::move(tokens),
          {QStringLiteral("GitHub"),
           [](const SecretValue &token) {
               return HttpHeaders{{"Authorization", "Bearer " + token.exposeForRequest()}};
           },
           github::defaultHeaders(),
           GitHubAnnotationClientText::tr(
               "The installation token was refused: check the app's id and private "
               "key at %1, and that the installation is not suspended"),
           GitHubAnnotationClientText::tr(
               "Give the GitHub App the checks, pull requests and statuses write "
               "permissions (%1), and accept them on the installation")})
{}

GitHubAnnotationClient::StatusPost
GitHubAnnotationClient::statusPost(const AnnotationTarget &target,
                                   const StatusRequest &status) const
{
    return {repoPath(target) + QStringLiteral("/statuses/") + target.sha,
            QJsonObject{{QStringLiteral("state"), githubState(status.state)},
                        {QStringLiteral("context"), status.context},
                        {QStringLiteral("description"), status.description.left(140)}},
            GitHubAnnotationClientText::tr("Check OWNER/NAME and that the app is installed on it")};
}

AnnotationOperation *GitHubAnnotationClient::postComment(const AnnotationTarget &target,
                                                         const CommentRequest &comment,
                                                         QObject *parent)
{
    const Exchange ex = begin(AnnotationKind::Comment, parent);
    const QString path = repoPath(target);
    // The number must be a pull request: the issue-comment endpoints take plain issues too.
    scm::getPullRequest(
        ex, ex->url(path + QStringLiteral("/pulls/%1").arg(target.pullRequest)),
        GitHubAnnotationClientText::tr("Reading pull request #%1").arg(target.pullRequest),
        {ex->url(path), GitHubAnnotationClientText::tr("The repository %1").arg(target.repository),
         GitHubAnnotationClientText::tr(
             "Check OWNER/NAME, and that the GitHub App is installed on it (the "
             "installation's repository access)"),
         GitHubAnnotationClientText::tr("#%1 in %2 is not a pull request")
             .arg(target.pullRequest)
             .arg(target.repository),
         GitHubAnnotationClientText::tr("Give the number of an open pull request with --pr")},
        [ex, target, comment, path](const HttpResponse &) {
            const QUrl first = ex->url(
                path + QStringLiteral("/issues/%1/comments?per_page=100").arg(target.pullRequest));
            auto cursor = std::make_shared<PageCursor>(first);
            findMarked(ex, cursor, first, CommentRequest::markerFor(comment.key),
                       [ex, target, comment](const QString &existing) {
                           writeComment(ex, target, comment, existing);
                       });
        });
    return ex->operation();
}

AnnotationOperation *GitHubAnnotationClient::createCheckRun(const AnnotationTarget &target,
                                                            const CheckRunRequest &run,
                                                            const DeliveryProgress &resume,
                                                            QObject *parent)
{
    const Exchange ex = begin(AnnotationKind::CheckRun, parent, resume);
    AnnotationOperation *op = ex->operation();
    const QString path = repoPath(target);
    if (!resume.remoteId.isEmpty()) {
        // Created by an earlier attempt: only the annotations it did not send are left.
        QTimer::singleShot(0, op, [ex, path, run, resume] {
            sendRemainingAnnotations(ex, path, run, resume, {});
        });
        return op;
    }
    const QList<CheckAnnotation> first = scm::batch(run.annotations, 0, kAnnotationsPerRequest);
    QJsonObject body{{QStringLiteral("name"), run.name},
                     {QStringLiteral("head_sha"), target.sha},
                     {QStringLiteral("status"), QStringLiteral("completed")},
                     {QStringLiteral("conclusion"), run.conclusion()},
                     {QStringLiteral("output"),
                      QJsonObject{{QStringLiteral("title"), run.title},
                                  {QStringLiteral("summary"), run.summary},
                                  {QStringLiteral("annotations"), annotationsJson(first)}}}};
    if (!run.detailsUrl.isEmpty())
        body.insert(QStringLiteral("details_url"), run.detailsUrl);
    const int sent = int(first.size());
    ex->send(
        "POST", ex->url(path + QStringLiteral("/check-runs")), body,
        [ex, path, run, target, sent](const HttpResponse &r) {
            if (!r.isSuccess())
                return ex->failWith(r,
                                    GitHubAnnotationClientText::tr("Creating check run '%1' on %2")
                                        .arg(run.name, target.describe()),
                                    GitHubAnnotationClientText::tr(
                                        "Check OWNER/NAME and that the app is installed on it"));
            auto o =
                http::jsonObject(r, GitHubAnnotationClientText::tr("The check run GitHub created"));
            if (!o)
                return ex->fail(DeliveryOutcome::Permanent, o.error());
            DeliveryProgress p;
            p.remoteId = scm::idOf(*o);
            p.annotationsDelivered = sent;
            ex->progress(p);
            sendRemainingAnnotations(ex, path, run, p,
                                     o->value(QStringLiteral("html_url")).toString());
        });
    return op;
}

} // namespace stella

namespace stella {

std::unique_ptr<ScmAnnotationClient>
GitHubAnnotationClient::make(const Integration &integration, const AnnotationClientContext &context)
{
    std::shared_ptr<ScmTokenSource> tokens = context.tokens;
    if (!tokens)
        tokens = std::make_shared<GitHubAppTokenSource>(integration, context.connector);
    return std::make_unique<GitHubAnnotationClient>(integration, context.connector,
                                                    std::move(tokens));
}

} // namespace stella
