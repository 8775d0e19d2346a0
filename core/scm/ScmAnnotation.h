// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace stella {

// The value types of the SCM annotation client (docs/contracts.md §19): what is posted where,
// how far a delivery got, and how it ended. Plain values with a JSON form, because the outbox
// keeps them in the catalog and exports them for manual posting.

enum class AnnotationKind
{
    Comment,
    Status,
    CheckRun
};
QString toString(AnnotationKind kind); // comment, status, check-run
std::optional<AnnotationKind> parseAnnotationKind(const QString &text);

// The four states every provider understands in some spelling (GitLab: failed for both).
enum class CommitState
{
    Pending,
    Success,
    Failure,
    Error
};
QString toString(CommitState state); // pending, success, failure, error
std::optional<CommitState> parseCommitState(const QString &text);

// GitHub's annotation_level; GitLab and Gitea show it as a word in the note.
enum class AnnotationLevel
{
    Notice,
    Warning,
    Failure
};
QString toString(AnnotationLevel level); // notice, warning, failure
std::optional<AnnotationLevel> parseAnnotationLevel(const QString &text);
// StellaOps severities (critical, high, medium, low, info) as annotation levels.
std::optional<AnnotationLevel> levelForSeverity(const QString &severity);

// How one delivery ended (docs/contracts.md §19.2).
enum class DeliveryOutcome
{
    Success,
    Transient, // rate limited, 5xx: worth another try later
    Permanent, // auth, not found, validation: needs the operator
    Offline    // the provider could not be reached at all
};
QString toString(DeliveryOutcome outcome); // success, transient, permanent, offline
std::optional<DeliveryOutcome> parseDeliveryOutcome(const QString &text);

// Where an annotation goes: a repository (GitHub/Gitea owner/name, GitLab the project's path)
// and a pull/merge request number or a commit.
struct AnnotationTarget
{
    QString repository;
    int pullRequest = 0; // 0: none
    QString sha;

    // What is wrong with it for `kind` (a comment needs a PR, a status a SHA...), or empty.
    QString problemFor(AnnotationKind kind) const;
    QString describe() const; // "acme/app#12", "acme/app@0123abc"
};

struct CommentRequest
{
    QString key; // which of the client's comments this is: one comment per key and PR
    QString body;

    // The hidden line that finds this comment again: <!-- stella-ops:annotation:KEY -->.
    static QString markerFor(const QString &key);
    QString bodyWithMarker() const;
};

struct StatusRequest
{
    CommitState state = CommitState::Pending;
    QString context = QStringLiteral("stella-ops");
    QString description;
    QString targetUrl;
};

struct CheckAnnotation
{
    QString path;
    int startLine = 1;
    int endLine = 1;
    int startColumn = 0; // 0: none
    int endColumn = 0;
    AnnotationLevel level = AnnotationLevel::Notice;
    QString title;
    QString message;

    QJsonObject toJson() const;
    static CheckAnnotation fromJson(const QJsonObject &o);
};

struct CheckRunRequest
{
    QString name = QStringLiteral("StellaOps");
    QString title;
    QString summary;
    QString detailsUrl;
    QList<CheckAnnotation> annotations;

    // failure when any annotation is a failure, neutral when there are others, else success.
    QString conclusion() const;
    CommitState commitState() const; // the same for providers that emulate check runs
};

// One annotation to deliver: the kind picks which of the three payloads counts.
struct AnnotationRequest
{
    AnnotationKind kind = AnnotationKind::Comment;
    AnnotationTarget target;
    CommentRequest comment;
    StatusRequest status;
    CheckRunRequest checkRun;

    QJsonObject toJson() const;
    static Result<AnnotationRequest> fromJson(const QJsonObject &o);
    QString summaryLine() const; // "check-run StellaOps on acme/app@0123abc, 120 annotations"
};

// How far a delivery got, so a retry goes on from there instead of posting twice: the remote
// object made (check run id, comment id), the annotations already sent, the steps done.
struct DeliveryProgress
{
    QString remoteId;
    int annotationsDelivered = 0;
    bool statusDone = false;
    bool summaryDone = false;

    QJsonObject toJson() const;
    static DeliveryProgress fromJson(const QJsonObject &o);
    bool operator==(const DeliveryProgress &) const = default;
};

struct DeliveryResult
{
    DeliveryOutcome outcome = DeliveryOutcome::Success;
    Error error; // when not Success: what is wrong and what to do
    DeliveryProgress progress;
    QString url; // the comment's or check run's page, when the provider said
    int requests = 0;
    qint64 elapsedMs = 0;
};

} // namespace stella
