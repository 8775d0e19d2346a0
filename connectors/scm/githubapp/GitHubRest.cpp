// SPDX-License-Identifier: Apache-2.0
#include "GitHubRest.h"

#include "connectors/http/HttpAnswers.h"
#include "core/http/RetryPolicy.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace stella::github {

namespace {
struct GitHubRestText
{
    Q_DECLARE_TR_FUNCTIONS(stella::GitHubRest)
};

bool isHtml(const HttpResponse &response)
{
    return response.header("Content-Type").toLower().contains("html") ||
           response.body.trimmed().startsWith('<');
}

// One errors[] entry of a 422 as GitHub documents its codes.
QString validationEntry(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    const QJsonObject e = value.toObject();
    const QString resource = e.value(QStringLiteral("resource")).toString();
    const QString field = e.value(QStringLiteral("field")).toString();
    const QString code = e.value(QStringLiteral("code")).toString();
    const QString message = e.value(QStringLiteral("message")).toString();
    QString subject = resource;
    if (!field.isEmpty())
        subject += (subject.isEmpty() ? QString() : QStringLiteral(".")) + field;
    if (code == QLatin1String("custom") || (!message.isEmpty() && code.isEmpty()))
        return subject.isEmpty() ? message : QStringLiteral("%1: %2").arg(subject, message);
    QString verdict;
    if (code == QLatin1String("missing"))
        verdict = GitHubRestText::tr("does not exist");
    else if (code == QLatin1String("missing_field"))
        verdict = GitHubRestText::tr("is required and missing");
    else if (code == QLatin1String("invalid"))
        verdict = GitHubRestText::tr("is invalid");
    else if (code == QLatin1String("already_exists"))
        verdict = GitHubRestText::tr("already exists");
    else if (code == QLatin1String("unprocessable"))
        verdict = GitHubRestText::tr("cannot be processed");
    else
        verdict = code;
    QString text = QStringLiteral("%1 %2").arg(
        subject.isEmpty() ? GitHubRestText::tr("a field") : subject, verdict);
    if (!message.isEmpty())
        text += QStringLiteral(" (%1)").arg(message);
    return text;
}
} // namespace

HttpHeaders defaultHeaders()
{
    const QByteArray agent =
        "StellaOps-Integrations/" + (QCoreApplication::applicationVersion().isEmpty()
                                         ? QByteArray("0")
                                         : QCoreApplication::applicationVersion().toUtf8());
    return {{"User-Agent", agent}, {"X-GitHub-Api-Version", kApiVersion}, {"Accept", kMediaType}};
}

HttpHeaders bearer(const QByteArray &token)
{
    return {{"Authorization", "Bearer " + token}};
}

QString errorText(const HttpResponse &response)
{
    const QJsonDocument doc = QJsonDocument::fromJson(response.body);
    if (!doc.isObject())
        return {};
    const QJsonObject body = doc.object();
    QString text = body.value(QStringLiteral("message")).toString().left(300);
    QStringList entries;
    for (const QJsonValue &e : body.value(QStringLiteral("errors")).toArray())
        entries.append(validationEntry(e));
    if (!entries.isEmpty())
        text += (text.isEmpty() ? QString() : QStringLiteral(": ")) +
                entries.join(QStringLiteral("; "));
    const QString docs = body.value(QStringLiteral("documentation_url")).toString();
    if (!docs.isEmpty())
        text += QStringLiteral(" (%1)").arg(docs);
    return text;
}

std::optional<Error> rateLimitError(const HttpResponse &response, const QString &what,
                                    const QDateTime &now)
{
    if (response.status != 403 && response.status != 429)
        return std::nullopt;
    const QString said =
        QJsonDocument::fromJson(response.body).object().value(QStringLiteral("message")).toString();
    if (auto wait = RetryPolicy::retryAfterMs(response.header("Retry-After"), now))
        return Error::failed(
            GitHubRestText::tr(
                "%1: GitHub's secondary rate limit: it asks to wait %2 s (Retry-After) before "
                "the next request")
                .arg(what)
                .arg(*wait / 1000 +
                     (*wait % 1000 != 0 ? 1 : 0)), // no +999: a saturated wait overflows
            GitHubRestText::tr(
                "Run the operation again after that; many requests at once (several pipelines "
                "sharing one installation) reach this limit"));
    if (auto reset = RetryPolicy::rateLimitResetMs(response.headers, now)) {
        const QDateTime until = now.addMSecs(*reset);
        const QByteArray limit = response.header("x-ratelimit-limit");
        return Error::failed(
            GitHubRestText::tr("%1: rate limited until %2 UTC: GitHub's hourly limit%3 is used up "
                               "(x-ratelimit-remaining: 0)")
                .arg(what, until.toString(QStringLiteral("HH:mm")),
                     limit.isEmpty()
                         ? QString()
                         : GitHubRestText::tr(" of %1 requests").arg(QString::fromLatin1(limit))),
            GitHubRestText::tr("Wait until %1 UTC, or spread the work over time")
                .arg(until.toString(QStringLiteral("HH:mm"))));
    }
    if (said.contains(QLatin1String("secondary rate limit"), Qt::CaseInsensitive))
        return Error::failed(
            GitHubRestText::tr("%1: GitHub's secondary rate limit was hit, without a Retry-After")
                .arg(what),
            GitHubRestText::tr(
                "Wait at least one minute before trying again, as GitHub's docs ask"));
    return std::nullopt;
}

Error describe(const HttpResponse &response, const QString &what, const QDateTime &now,
               const QString &unauthorizedHint, const QString &forbiddenHint)
{
    if (auto limited = rateLimitError(response, what, now))
        return *limited;
    if (isHtml(response))
        return Error::failed(
            GitHubRestText::tr("%1: HTTP %2, and %3")
                .arg(what)
                .arg(response.status)
                .arg(http::bodyHint(response)),
            GitHubRestText::tr(
                "Check the endpoint (https://api.github.com, or https://HOST/api/v3 for GitHub "
                "Enterprise Server) and any proxy between this machine and GitHub"));
    const QString said = errorText(response);
    const QString tail =
        said.isEmpty() ? QString() : GitHubRestText::tr(" (GitHub says: %1)").arg(said);
    switch (response.status) {
    case 401:
        return Error::failed(
            GitHubRestText::tr("%1: GitHub rejected the credentials (401 Unauthorized)%2")
                .arg(what, tail),
            unauthorizedHint);
    case 403:
        return Error::failed(
            GitHubRestText::tr("%1: authenticated, but not allowed (403 Forbidden)%2")
                .arg(what, tail),
            forbiddenHint);
    case 404:
        return Error::notFound(
            GitHubRestText::tr("%1: not found (404)%2").arg(what, tail),
            GitHubRestText::tr("GitHub answers 404 both for what does not exist and for what "
                               "this installation may not see: check the name and the "
                               "installation's repository access"));
    case 422:
        return Error::invalidInput(
            GitHubRestText::tr("%1: GitHub refused the request (422)%2").arg(what, tail),
            GitHubRestText::tr("Correct the fields GitHub names"));
    default:
        return Error::failed(
            GitHubRestText::tr("%1: HTTP %2 from %3%4")
                .arg(what)
                .arg(response.status)
                .arg(response.url.path(), tail),
            response.status >= 500
                ? GitHubRestText::tr("GitHub or a proxy failed; try again later")
                : GitHubRestText::tr("Check the request against GitHub's REST docs"));
    }
}

Result<QJsonArray> pageItems(const HttpResponse &response, const QString &key, const QString &what)
{
    if (key.isEmpty())
        return http::jsonArray(response, what);
    auto page = http::jsonObject(response, what);
    if (!page)
        return page.error();
    const QJsonValue items = page->value(key);
    if (!items.isArray())
        return Error::failed(GitHubRestText::tr("%1: the answer has no \"%2\" list (%3)")
                                 .arg(what, key, http::bodyHint(response)),
                             GitHubRestText::tr("Check that the endpoint is GitHub's REST API"));
    return items.toArray();
}

} // namespace stella::github
