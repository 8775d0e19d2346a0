// SPDX-License-Identifier: Apache-2.0
#include "HttpAnswers.h"

#include "connectors/base/StepSequence.h"
#include "core/common/LogRedaction.h"
#include "core/http/PageCursor.h"

#include <QCoreApplication>
#include <QUrlQuery>

namespace stella::http {

namespace {
struct HttpAnswersText
{
    Q_DECLARE_TR_FUNCTIONS(stella::HttpAnswers)
};
} // namespace

QString describe(const HttpRequest &request, const HttpResponse &response)
{
    return HttpAnswersText::tr("%1 %2 → %3 in %4 ms")
        .arg(QString::fromLatin1(request.method), response.url.path())
        .arg(response.status)
        .arg(response.elapsedMs);
}

QString bodyHint(const HttpResponse &response)
{
    const QByteArray type = response.header("Content-Type").toLower();
    if (type.contains("html") || response.body.trimmed().startsWith('<'))
        return HttpAnswersText::tr(
            "the server answered with an HTML page (a login page or a proxy?), not the API's JSON");
    if (response.body.isEmpty())
        return HttpAnswersText::tr("the answer was empty");
    return HttpAnswersText::tr("the answer was not the expected JSON");
}

namespace {
// Deeper than any API answer: the cap stops a hostile body before QJsonDocument recurses into
// it (docs/contracts.md, the HTTP limits section).
constexpr int kMaxJsonDepth = 512;

// Whether the brackets outside strings nest deeper than the cap, in one pass without
// allocating.
bool nestsDeeperThan(const QByteArray &body, int limit)
{
    int depth = 0;
    bool inString = false;
    for (qsizetype i = 0; i < body.size(); ++i) {
        const char c = body.at(i);
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > limit)
                return true;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return false;
}
} // namespace

Result<QJsonDocument> parseJson(const HttpResponse &response, const QString &what)
{
    if (nestsDeeperThan(response.body, kMaxJsonDepth))
        return Error::failed(
            HttpAnswersText::tr(
                "%1: the answer's JSON is nested deeper than %2 levels, which is not "
                "an API answer")
                .arg(what)
                .arg(kMaxJsonDepth),
            HttpAnswersText::tr("Check that the endpoint is the server's API address"));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(response.body, &error);
    if (error.error == QJsonParseError::IllegalUTF8String)
        return Error::failed(
            HttpAnswersText::tr("%1: the answer is not valid UTF-8 text at byte %2, so not JSON")
                .arg(what)
                .arg(error.offset),
            HttpAnswersText::tr("Check that the endpoint is the server's API address, and the "
                                "server's character encoding"));
    if (error.error != QJsonParseError::NoError)
        return Error::failed(
            QStringLiteral("%1: %2 (%3)").arg(what, bodyHint(response), error.errorString()),
            HttpAnswersText::tr("Check that the endpoint is the server's API address"));
    return doc;
}

Result<QJsonObject> jsonObject(const HttpResponse &response, const QString &what)
{
    auto doc = parseJson(response, what);
    if (!doc)
        return doc.error();
    if (!doc->isObject())
        return Error::failed(
            HttpAnswersText::tr("%1: %2 (not an object)").arg(what, bodyHint(response)),
            HttpAnswersText::tr("Check that the endpoint is the server's API address"));
    return doc->object();
}

Result<QJsonArray> jsonArray(const HttpResponse &response, const QString &what)
{
    auto doc = parseJson(response, what);
    if (!doc)
        return doc.error();
    if (!doc->isArray())
        return Error::failed(
            HttpAnswersText::tr("%1: %2 (not a list)").arg(what, bodyHint(response)),
            HttpAnswersText::tr("Check that the endpoint is the server's API address"));
    return doc->array();
}

QString serverMessage(const HttpResponse &response)
{
    constexpr qsizetype kMax = 200;
    const QJsonDocument doc = QJsonDocument::fromJson(response.body);
    QString said;
    const auto fromItem = [](const QJsonObject &item) {
        const QString code = item.value(QStringLiteral("code")).toString();
        const QString message = item.value(QStringLiteral("message")).toString();
        return code.isEmpty() ? message : code + QStringLiteral(": ") + message;
    };
    if (doc.isObject()) {
        const QJsonObject o = doc.object();
        const QJsonValue errors = o.value(QStringLiteral("errors"));
        const QJsonValue message = o.value(QStringLiteral("message"));
        if (errors.isArray() && !errors.toArray().isEmpty())
            said = fromItem(errors.toArray().first().toObject());
        else if (message.isString())
            said = message.toString();
        else if (message.isObject() || message.isArray())
            said = QString::fromUtf8(
                QJsonDocument::fromVariant(message.toVariant()).toJson(QJsonDocument::Compact));
        else if (o.value(QStringLiteral("error")).isString())
            said = o.value(QStringLiteral("error")).toString();
    } else if (doc.isArray() && !doc.array().isEmpty()) {
        said = fromItem(doc.array().first().toObject());
    } else if (!response.body.trimmed().startsWith('<') && response.body.size() <= kMax &&
               !response.header("Content-Type").toLower().contains("html")) {
        said = QString::fromUtf8(response.body).simplified();
    }
    said = redactSecrets(said.simplified());
    return said.size() > kMax ? said.left(kMax) + QStringLiteral("…") : said;
}

QUrl withQueryItem(const QUrl &url, const QString &key, const QString &value)
{
    QUrlQuery query(url);
    query.removeAllQueryItems(key);
    query.addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    QUrl out = url;
    out.setQuery(query);
    return out;
}

Result<std::optional<QUrl>> nextPage(PageCursor &cursor, const QUrl &url, const QString &key,
                                     const QString &value)
{
    auto accepted = cursor.accept(withQueryItem(url, key, value));
    if (!accepted)
        return accepted.error();
    return std::optional<QUrl>(*accepted);
}

QRegularExpression globFilter(const QString &glob)
{
    return QRegularExpression(glob.isEmpty() ? QStringLiteral(".*") : globToRegularExpression(glob),
                              QRegularExpression::CaseInsensitiveOption);
}

bool hasWildcard(const QString &glob)
{
    return glob.contains(QLatin1Char('*')) || glob.contains(QLatin1Char('?')) ||
           glob.contains(QLatin1Char('['));
}

StatusVerdict statusVerdict(const HttpResponse &response)
{
    if (response.status == 200)
        return {HealthStatus::Healthy, ConnectorStep::State::Passed,
                HttpAnswersText::tr("200 in %1 ms").arg(response.elapsedMs)};
    if (response.status == 401 || response.status == 403)
        return {HealthStatus::Degraded, ConnectorStep::State::Warning,
                HttpAnswersText::tr("%1: the server is up, but the credentials are not accepted")
                    .arg(response.status)};
    return {HealthStatus::Unhealthy, ConnectorStep::State::Failed,
            HttpAnswersText::tr("HTTP %1 in %2 ms").arg(response.status).arg(response.elapsedMs)};
}

void finishWithStatusHealth(const Step &step, const HttpResponse &response)
{
    const StatusVerdict verdict = statusVerdict(response);
    if (ConnectorOperation *op = step.operation())
        op->reportHealth(verdict.health);
    step.finish(verdict.state, verdict.message);
}

} // namespace stella::http
