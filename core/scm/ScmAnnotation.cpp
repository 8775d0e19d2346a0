// SPDX-License-Identifier: Apache-2.0
#include "ScmAnnotation.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>
#include <array>

namespace stella {

namespace {
template <typename E, size_t N>
std::optional<E> parseName(const QString &text,
                           const std::array<std::pair<E, const char *>, N> &names)
{
    for (const auto &[value, name] : names)
        if (text.compare(QLatin1String(name), Qt::CaseInsensitive) == 0)
            return value;
    return std::nullopt;
}

template <typename E, size_t N>
QString nameOf(E value, const std::array<std::pair<E, const char *>, N> &names)
{
    for (const auto &[v, name] : names)
        if (v == value)
            return QLatin1String(name);
    return {};
}

constexpr std::array<std::pair<AnnotationKind, const char *>, 3> kKinds{
    {{AnnotationKind::Comment, "comment"},
     {AnnotationKind::Status, "status"},
     {AnnotationKind::CheckRun, "check-run"}}};
constexpr std::array<std::pair<CommitState, const char *>, 4> kStates{
    {{CommitState::Pending, "pending"},
     {CommitState::Success, "success"},
     {CommitState::Failure, "failure"},
     {CommitState::Error, "error"}}};
constexpr std::array<std::pair<AnnotationLevel, const char *>, 3> kLevels{
    {{AnnotationLevel::Notice, "notice"},
     {AnnotationLevel::Warning, "warning"},
     {AnnotationLevel::Failure, "failure"}}};
constexpr std::array<std::pair<DeliveryOutcome, const char *>, 4> kOutcomes{
    {{DeliveryOutcome::Success, "success"},
     {DeliveryOutcome::Transient, "transient"},
     {DeliveryOutcome::Permanent, "permanent"},
     {DeliveryOutcome::Offline, "offline"}}};

struct ScmAnnotationText
{
    Q_DECLARE_TR_FUNCTIONS(stella::ScmAnnotation)
};
} // namespace

QString toString(AnnotationKind kind)
{
    return nameOf(kind, kKinds);
}
std::optional<AnnotationKind> parseAnnotationKind(const QString &text)
{
    return parseName(text, kKinds);
}
QString toString(CommitState state)
{
    return nameOf(state, kStates);
}
std::optional<CommitState> parseCommitState(const QString &text)
{
    return parseName(text, kStates);
}
QString toString(AnnotationLevel level)
{
    return nameOf(level, kLevels);
}
std::optional<AnnotationLevel> parseAnnotationLevel(const QString &text)
{
    return parseName(text, kLevels);
}
QString toString(DeliveryOutcome outcome)
{
    return nameOf(outcome, kOutcomes);
}
std::optional<DeliveryOutcome> parseDeliveryOutcome(const QString &text)
{
    return parseName(text, kOutcomes);
}

std::optional<AnnotationLevel> levelForSeverity(const QString &severity)
{
    const QString s = severity.trimmed().toLower();
    if (s == QLatin1String("critical") || s == QLatin1String("high"))
        return AnnotationLevel::Failure;
    if (s == QLatin1String("medium"))
        return AnnotationLevel::Warning;
    if (s == QLatin1String("low") || s == QLatin1String("info"))
        return AnnotationLevel::Notice;
    return std::nullopt;
}

QString AnnotationTarget::problemFor(AnnotationKind kind) const
{
    if (repository.trimmed().isEmpty())
        return ScmAnnotationText::tr(
            "no repository given (OWNER/NAME, or the GitLab project's path)");
    if (!repository.contains(QLatin1Char('/')))
        return ScmAnnotationText::tr("the repository '%1' is not OWNER/NAME").arg(repository);
    if (kind == AnnotationKind::Comment && pullRequest <= 0)
        return ScmAnnotationText::tr("a comment goes on a pull or merge request: give its number");
    if (kind != AnnotationKind::Comment && sha.trimmed().isEmpty())
        return ScmAnnotationText::tr("a %1 goes on a commit: give its SHA").arg(toString(kind));
    if (!sha.isEmpty()) {
        static const QRegularExpression hex(QStringLiteral("^[0-9a-fA-F]{7,64}$"));
        if (!hex.match(sha).hasMatch())
            return ScmAnnotationText::tr("'%1' is not a commit SHA (7 to 64 hex digits)").arg(sha);
    }
    return {};
}

QString AnnotationTarget::describe() const
{
    QString text = repository;
    if (pullRequest > 0)
        text += QStringLiteral("#%1").arg(pullRequest);
    if (!sha.isEmpty())
        text += QLatin1Char('@') + sha.left(12);
    return text;
}

QString CommentRequest::markerFor(const QString &key)
{
    return QStringLiteral("<!-- stella-ops:annotation:%1 -->").arg(key);
}

QString CommentRequest::bodyWithMarker() const
{
    return body + QStringLiteral("\n\n") + markerFor(key);
}

QJsonObject CheckAnnotation::toJson() const
{
    QJsonObject o{{QStringLiteral("path"), path},
                  {QStringLiteral("startLine"), startLine},
                  {QStringLiteral("endLine"), endLine},
                  {QStringLiteral("level"), toString(level)},
                  {QStringLiteral("message"), message}};
    if (startColumn > 0)
        o.insert(QStringLiteral("startColumn"), startColumn);
    if (endColumn > 0)
        o.insert(QStringLiteral("endColumn"), endColumn);
    if (!title.isEmpty())
        o.insert(QStringLiteral("title"), title);
    return o;
}

CheckAnnotation CheckAnnotation::fromJson(const QJsonObject &o)
{
    CheckAnnotation a;
    a.path = o.value(QStringLiteral("path")).toString();
    a.startLine = std::max(1, o.value(QStringLiteral("startLine")).toInt(1));
    a.endLine = std::max(a.startLine, o.value(QStringLiteral("endLine")).toInt(a.startLine));
    a.startColumn = o.value(QStringLiteral("startColumn")).toInt();
    a.endColumn = o.value(QStringLiteral("endColumn")).toInt();
    a.level = parseAnnotationLevel(o.value(QStringLiteral("level")).toString())
                  .value_or(AnnotationLevel::Notice);
    a.title = o.value(QStringLiteral("title")).toString();
    a.message = o.value(QStringLiteral("message")).toString();
    return a;
}

QString CheckRunRequest::conclusion() const
{
    bool any = false;
    for (const CheckAnnotation &a : annotations) {
        if (a.level == AnnotationLevel::Failure)
            return QStringLiteral("failure");
        any = true;
    }
    return any ? QStringLiteral("neutral") : QStringLiteral("success");
}

CommitState CheckRunRequest::commitState() const
{
    return conclusion() == QLatin1String("failure") ? CommitState::Failure : CommitState::Success;
}

QJsonObject AnnotationRequest::toJson() const
{
    QJsonObject where{{QStringLiteral("repository"), target.repository}};
    if (target.pullRequest > 0)
        where.insert(QStringLiteral("pullRequest"), target.pullRequest);
    if (!target.sha.isEmpty())
        where.insert(QStringLiteral("sha"), target.sha);
    QJsonObject o{{QStringLiteral("kind"), toString(kind)}, {QStringLiteral("target"), where}};
    switch (kind) {
    case AnnotationKind::Comment:
        o.insert(QStringLiteral("comment"), QJsonObject{{QStringLiteral("key"), comment.key},
                                                        {QStringLiteral("body"), comment.body}});
        break;
    case AnnotationKind::Status:
        o.insert(QStringLiteral("status"),
                 QJsonObject{{QStringLiteral("state"), toString(status.state)},
                             {QStringLiteral("context"), status.context},
                             {QStringLiteral("description"), status.description},
                             {QStringLiteral("targetUrl"), status.targetUrl}});
        break;
    case AnnotationKind::CheckRun: {
        QJsonArray annotations;
        for (const CheckAnnotation &a : checkRun.annotations)
            annotations.append(a.toJson());
        o.insert(QStringLiteral("checkRun"),
                 QJsonObject{{QStringLiteral("name"), checkRun.name},
                             {QStringLiteral("title"), checkRun.title},
                             {QStringLiteral("summary"), checkRun.summary},
                             {QStringLiteral("detailsUrl"), checkRun.detailsUrl},
                             {QStringLiteral("conclusion"), checkRun.conclusion()},
                             {QStringLiteral("annotations"), annotations}});
        break;
    }
    }
    return o;
}

Result<AnnotationRequest> AnnotationRequest::fromJson(const QJsonObject &o)
{
    AnnotationRequest r;
    const auto kind = parseAnnotationKind(o.value(QStringLiteral("kind")).toString());
    if (!kind)
        return Error::invalidInput(
            ScmAnnotationText::tr("The annotation's kind '%1' is not comment, status or check-run")
                .arg(o.value(QStringLiteral("kind")).toString()),
            ScmAnnotationText::tr("Export the outbox entry and post it by hand, or discard it"));
    r.kind = *kind;
    const QJsonObject where = o.value(QStringLiteral("target")).toObject();
    r.target.repository = where.value(QStringLiteral("repository")).toString();
    r.target.pullRequest = where.value(QStringLiteral("pullRequest")).toInt();
    r.target.sha = where.value(QStringLiteral("sha")).toString();
    const QJsonObject comment = o.value(QStringLiteral("comment")).toObject();
    r.comment.key = comment.value(QStringLiteral("key")).toString();
    r.comment.body = comment.value(QStringLiteral("body")).toString();
    const QJsonObject status = o.value(QStringLiteral("status")).toObject();
    r.status.state = parseCommitState(status.value(QStringLiteral("state")).toString())
                         .value_or(CommitState::Pending);
    r.status.context = status.value(QStringLiteral("context")).toString(r.status.context);
    r.status.description = status.value(QStringLiteral("description")).toString();
    r.status.targetUrl = status.value(QStringLiteral("targetUrl")).toString();
    const QJsonObject run = o.value(QStringLiteral("checkRun")).toObject();
    r.checkRun.name = run.value(QStringLiteral("name")).toString(r.checkRun.name);
    r.checkRun.title = run.value(QStringLiteral("title")).toString();
    r.checkRun.summary = run.value(QStringLiteral("summary")).toString();
    r.checkRun.detailsUrl = run.value(QStringLiteral("detailsUrl")).toString();
    for (const QJsonValue &a : run.value(QStringLiteral("annotations")).toArray())
        r.checkRun.annotations.append(CheckAnnotation::fromJson(a.toObject()));
    if (const QString problem = r.target.problemFor(r.kind); !problem.isEmpty())
        return Error::invalidInput(
            ScmAnnotationText::tr("The annotation cannot be delivered: %1").arg(problem));
    return r;
}

QString AnnotationRequest::summaryLine() const
{
    switch (kind) {
    case AnnotationKind::Comment:
        return ScmAnnotationText::tr("comment '%1' on %2").arg(comment.key, target.describe());
    case AnnotationKind::Status:
        return ScmAnnotationText::tr("status %1 '%2' on %3")
            .arg(toString(status.state), status.context, target.describe());
    case AnnotationKind::CheckRun:
        return ScmAnnotationText::tr("check run '%1' on %2, %3 annotations")
            .arg(checkRun.name, target.describe())
            .arg(checkRun.annotations.size());
    }
    return {};
}

QJsonObject DeliveryProgress::toJson() const
{
    QJsonObject o;
    if (!remoteId.isEmpty())
        o.insert(QStringLiteral("remoteId"), remoteId);
    if (annotationsDelivered > 0)
        o.insert(QStringLiteral("annotationsDelivered"), annotationsDelivered);
    if (statusDone)
        o.insert(QStringLiteral("statusDone"), true);
    if (summaryDone)
        o.insert(QStringLiteral("summaryDone"), true);
    return o;
}

DeliveryProgress DeliveryProgress::fromJson(const QJsonObject &o)
{
    DeliveryProgress p;
    p.remoteId = o.value(QStringLiteral("remoteId")).toString();
    p.annotationsDelivered = o.value(QStringLiteral("annotationsDelivered")).toInt();
    p.statusDone = o.value(QStringLiteral("statusDone")).toBool();
    p.summaryDone = o.value(QStringLiteral("summaryDone")).toBool();
    return p;
}

} // namespace stella
