// SPDX-License-Identifier: Apache-2.0
#include "GitLabAnnotationClient.h"

#include "connectors/http/HttpAnswers.h"
#include "core/http/PageCursor.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QSet>
#include <QTimer>

namespace stella {

namespace {
struct GitLabAnnotationClientText
{
    Q_DECLARE_TR_FUNCTIONS(stella::GitLabAnnotationClient)
};
} // namespace

namespace {
using scm::AnnotationExchange;
using Ex = std::shared_ptr<AnnotationExchange>;

QString projectPath(const AnnotationTarget &t)
{
    return QStringLiteral("/api/v4/projects/") + scm::segment(t.repository);
}

QString mrPath(const AnnotationTarget &t)
{
    return projectPath(t) + QStringLiteral("/merge_requests/%1").arg(t.pullRequest);
}

// Link rel="next", else X-Next-Page (GitLab sends both on offset pagination).
Result<std::optional<QUrl>> nextPage(PageCursor &cursor, const HttpResponse &r)
{
    auto next = cursor.nextFromLink(r.url, r.headers);
    if (!next || *next)
        return next;
    if (auto page = PageCursor::nextPageNumber(r.headers))
        return http::nextPage(cursor, r.url, QStringLiteral("page"), QString::number(*page));
    return std::optional<QUrl>();
}

// Every body of a paginated list of notes or discussions (a discussion's first note).
void collectBodies(Ex ex, std::shared_ptr<PageCursor> cursor, const QUrl &page, bool discussions,
                   std::shared_ptr<QList<QPair<QString, QString>>> bodies,
                   std::function<void()> done)
{
    ex->get(page, [=](const HttpResponse &r) {
        if (!r.isSuccess())
            return ex->failWith(
                r, discussions ? GitLabAnnotationClientText::tr("Listing the MR's discussions")
                               : GitLabAnnotationClientText::tr("Listing the MR's notes"));
        auto list =
            http::jsonArray(r, GitLabAnnotationClientText::tr("The list GitLab answered with"));
        if (!list)
            return ex->fail(DeliveryOutcome::Transient, list.error());
        for (const QJsonValue &v : *list) {
            QJsonObject note = v.toObject();
            if (discussions)
                note = note.value(QStringLiteral("notes")).toArray().first().toObject();
            bodies->append({scm::idOf(note), note.value(QStringLiteral("body")).toString()});
        }
        auto next = nextPage(*cursor, r);
        if (!next)
            return ex->fail(DeliveryOutcome::Permanent, next.error());
        if (!*next)
            return done();
        collectBodies(ex, cursor, **next, discussions, bodies, done);
    });
}

void listAll(Ex ex, const QUrl &first, bool discussions,
             std::function<void(QList<QPair<QString, QString>>)> done)
{
    auto bodies = std::make_shared<QList<QPair<QString, QString>>>();
    collectBodies(ex, std::make_shared<PageCursor>(first), first, discussions, bodies,
                  [bodies, done] { done(*bodies); });
}

// The MR, or why not: a missing project and a missing MR told apart.
void withMergeRequest(Ex ex, const AnnotationTarget &target,
                      std::function<void(const QJsonObject &)> then)
{
    scm::getPullRequest(
        ex, ex->url(mrPath(target)),
        GitLabAnnotationClientText::tr("Reading merge request !%1").arg(target.pullRequest),
        {ex->url(projectPath(target)),
         GitLabAnnotationClientText::tr("The project %1").arg(target.repository),
         GitLabAnnotationClientText::tr(
             "Check the project's full path, and that the token's user is a member of "
             "it"),
         GitLabAnnotationClientText::tr("!%1 in %2 is not a merge request")
             .arg(target.pullRequest)
             .arg(target.repository),
         GitLabAnnotationClientText::tr(
             "Give the merge request's IID (the number after !) with --pr")},
        [ex, then](const HttpResponse &mr) {
            auto o = http::jsonObject(
                mr, GitLabAnnotationClientText::tr("The merge request GitLab answered with"));
            if (!o)
                return ex->fail(DeliveryOutcome::Transient, o.error());
            then(*o);
        });
}

struct DiscussionRun
{
    Ex ex;
    AnnotationTarget target;
    CheckRunRequest run;
    QJsonObject diffRefs;
    QSet<QString> existing; // markers of discussions earlier runs made
    DeliveryProgress progress;
};

void postDiscussions(std::shared_ptr<DiscussionRun> d, bool positioned = true)
{
    while (d->progress.annotationsDelivered < d->run.annotations.size()) {
        const CheckAnnotation &a = d->run.annotations[d->progress.annotationsDelivered];
        const QString marker = GitLabAnnotationClient::discussionMarker(d->run.name, a);
        if (!d->existing.contains(marker))
            break;
        ++d->progress.annotationsDelivered;
    }
    if (d->progress.annotationsDelivered >= d->run.annotations.size()) {
        d->ex->progress(d->progress);
        return d->ex->operation()->succeed();
    }
    const CheckAnnotation &a = d->run.annotations[d->progress.annotationsDelivered];
    const QString marker = GitLabAnnotationClient::discussionMarker(d->run.name, a);
    QString body = QStringLiteral("**%1** %2%3\n\n%4\n\n%5")
                       .arg(toString(a.level),
                            a.title.isEmpty() ? QString() : QStringLiteral("[%1] ").arg(a.title),
                            d->run.name, a.message, marker);
    if (!positioned)
        body.prepend(QStringLiteral("`%1:%2`: ").arg(a.path).arg(a.startLine));
    QJsonObject payload{{QStringLiteral("body"), body}};
    if (positioned)
        payload.insert(
            QStringLiteral("position"),
            QJsonObject{
                {QStringLiteral("position_type"), QStringLiteral("text")},
                {QStringLiteral("base_sha"), d->diffRefs.value(QStringLiteral("base_sha"))},
                {QStringLiteral("start_sha"), d->diffRefs.value(QStringLiteral("start_sha"))},
                {QStringLiteral("head_sha"), d->diffRefs.value(QStringLiteral("head_sha"))},
                {QStringLiteral("old_path"), a.path},
                {QStringLiteral("new_path"), a.path},
                {QStringLiteral("new_line"), a.startLine}});
    d->ex->send("POST", d->ex->url(mrPath(d->target) + QStringLiteral("/discussions")), payload,
                [d, positioned](const HttpResponse &r) {
                    if (r.status == 400 && positioned)
                        // The line is not in the MR's diff: GitLab refuses the position, so
                        // the finding goes on the MR as a thread naming file and line.
                        return postDiscussions(d, false);
                    if (!r.isSuccess())
                        return d->ex->failWith(r, GitLabAnnotationClientText::tr(
                                                      "Posting annotation %1 as an MR discussion")
                                                      .arg(d->progress.annotationsDelivered + 1));
                    ++d->progress.annotationsDelivered;
                    d->ex->progress(d->progress);
                    postDiscussions(d);
                });
}
} // namespace

GitLabAnnotationClient::GitLabAnnotationClient(const Integration &integration,
                                               const ConnectorContext &context,
                                               std::shared_ptr<ScmTokenSource> tokens)
    : HttpAnnotationClient(
          integration, context, std::move(tokens),
          {QStringLiteral("GitLab"),
           [](const SecretValue &token) {
               return HttpHeaders{{"PRIVATE-TOKEN", token.exposeForRequest()}};
           },
           {{"Accept", "application/json"}},
           GitLabAnnotationClientText::tr(
               "Check the access token stored at %1: it may be expired or revoked"),
           GitLabAnnotationClientText::tr(
               "Give the token behind %1 the api scope and at least the Developer role "
               "on the project")})
{}

GitLabAnnotationClient::StatusPost
GitLabAnnotationClient::statusPost(const AnnotationTarget &target,
                                   const StatusRequest &status) const
{
    return {projectPath(target) + QStringLiteral("/statuses/") + target.sha,
            QJsonObject{{QStringLiteral("state"), gitLabState(status.state)},
                        {QStringLiteral("name"), status.context},
                        {QStringLiteral("description"), status.description}},
            GitLabAnnotationClientText::tr("Check the project's path and the commit SHA")};
}

QString GitLabAnnotationClient::gitLabState(CommitState state)
{
    switch (state) {
    case CommitState::Pending:
        return QStringLiteral("pending");
    case CommitState::Success:
        return QStringLiteral("success");
    case CommitState::Failure:
    case CommitState::Error:
        break;
    }
    return QStringLiteral("failed");
}

QString GitLabAnnotationClient::discussionMarker(const QString &runName, const CheckAnnotation &a)
{
    const QByteArray identity = (a.path + QLatin1Char('\n') + QString::number(a.startLine) +
                                 QLatin1Char('\n') + a.title + QLatin1Char('\n') + a.message)
                                    .toUtf8();
    const QString digest = QString::fromLatin1(
        QCryptographicHash::hash(identity, QCryptographicHash::Sha256).toHex().left(16));
    return CommentRequest::markerFor(runName + QLatin1Char(':') + digest);
}

AnnotationOperation *GitLabAnnotationClient::postComment(const AnnotationTarget &target,
                                                         const CommentRequest &comment,
                                                         QObject *parent)
{
    const Exchange ex = begin(AnnotationKind::Comment, parent);
    withMergeRequest(ex, target, [ex, target, comment](const QJsonObject &) {
        const QUrl first = ex->url(mrPath(target) + QStringLiteral("/notes?per_page=100"));
        listAll(ex, first, false, [ex, target, comment](QList<QPair<QString, QString>> notes) {
            QString existing;
            for (const auto &[id, body] : notes)
                if (body.contains(CommentRequest::markerFor(comment.key))) {
                    existing = id;
                    break;
                }
            const bool update = !existing.isEmpty();
            const QUrl url = ex->url(mrPath(target) + QStringLiteral("/notes") +
                                     (update ? QLatin1Char('/') + existing : QString()));
            ex->send(update ? "PUT" : "POST", url,
                     QJsonObject{{QStringLiteral("body"), comment.bodyWithMarker()}},
                     [ex, update](const HttpResponse &r) {
                         if (!r.isSuccess())
                             return ex->failWith(
                                 r, update ? GitLabAnnotationClientText::tr("Updating the note")
                                           : GitLabAnnotationClientText::tr("Posting the note"));
                         auto o = http::jsonObject(
                             r, GitLabAnnotationClientText::tr("The note GitLab answered"));
                         DeliveryProgress p;
                         if (o)
                             p.remoteId = scm::idOf(*o);
                         ex->progress(p);
                         ex->operation()->succeed();
                     });
        });
    });
    return ex->operation();
}

AnnotationOperation *GitLabAnnotationClient::createCheckRun(const AnnotationTarget &target,
                                                            const CheckRunRequest &run,
                                                            const DeliveryProgress &resume,
                                                            QObject *parent)
{
    auto d = std::make_shared<DiscussionRun>();
    d->ex = begin(AnnotationKind::CheckRun, parent, resume);
    AnnotationOperation *op = d->ex->operation();
    d->target = target;
    d->run = run;
    d->progress = resume;
    if (!run.annotations.isEmpty() && target.pullRequest <= 0) {
        QTimer::singleShot(0, op, [d] {
            d->ex->fail(
                DeliveryOutcome::Permanent,
                Error::invalidInput(
                    GitLabAnnotationClientText::tr("GitLab shows line annotations as merge request "
                                                   "discussions, and no merge request was given"),
                    GitLabAnnotationClientText::tr("Give the MR's IID with --pr")));
        });
        return op;
    }
    const auto discussions = [d] {
        if (d->run.annotations.isEmpty())
            return d->ex->operation()->succeed();
        withMergeRequest(d->ex, d->target, [d](const QJsonObject &mr) {
            d->diffRefs = mr.value(QStringLiteral("diff_refs")).toObject();
            if (d->diffRefs.value(QStringLiteral("head_sha")).toString().isEmpty())
                return d->ex->fail(
                    DeliveryOutcome::Permanent,
                    Error::failed(
                        GitLabAnnotationClientText::tr("Merge request !%1 has no diff yet (no "
                                                       "diff_refs), so lines cannot be annotated")
                            .arg(d->target.pullRequest),
                        GitLabAnnotationClientText::tr(
                            "Retry once GitLab has prepared the MR's diff")));
            listAll(d->ex,
                    d->ex->url(mrPath(d->target) + QStringLiteral("/discussions?per_page=100")),
                    true, [d](QList<QPair<QString, QString>> bodies) {
                        static const QRegularExpression marker(
                            QStringLiteral("<!-- stella-ops:annotation:[^>]* -->"));
                        for (const auto &entry : bodies) {
                            auto it = marker.globalMatch(entry.second);
                            while (it.hasNext())
                                d->existing.insert(it.next().captured(0));
                        }
                        postDiscussions(d);
                    });
        });
    };
    StatusRequest status = scm::statusFor(run);
    status.description.truncate(255);
    // The progress inside d, shared as long as d is.
    statusThen(d->ex, target, status, std::shared_ptr<DeliveryProgress>(d, &d->progress),
               discussions);
    return op;
}

} // namespace stella
