// SPDX-License-Identifier: Apache-2.0
#include "AnnotationHttp.h"

#include "connectors/http/HttpAnswers.h"
#include "core/common/Clock.h"
#include "core/common/LogRedaction.h"
#include "core/common/Logging.h"
#include "core/http/RetryPolicy.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QTimer>

namespace stella::scm {

namespace {
struct AnnotationHttpText
{
    Q_DECLARE_TR_FUNCTIONS(stella::scm::AnnotationHttp)
};

bool rateLimited(const HttpResponse &response, const QDateTime &now)
{
    if (response.status != 403 && response.status != 429)
        return false;
    return response.status == 429 || !response.header("Retry-After").isEmpty() ||
           RetryPolicy::rateLimitResetMs(response.headers, now).has_value();
}
} // namespace

AnnotationExchange::AnnotationExchange(AnnotationHttpConfig config, AnnotationOperation *operation)
    : m_config(std::move(config)), m_operation(operation)
{}

void AnnotationExchange::fail(DeliveryOutcome outcome, const Error &error)
{
    if (!isOver())
        m_operation->fail(outcome, error);
}

void AnnotationExchange::progress(const DeliveryProgress &progress)
{
    if (!isOver())
        m_operation->reportProgress(progress);
}

void AnnotationExchange::failWith(const HttpResponse &response, const QString &what,
                                  const QString &notFoundHint)
{
    fail(outcomeFor(response),
         errorFor(response, what, session(), session().context().clock->now(), notFoundHint));
}

void AnnotationExchange::send(const QByteArray &method, const QUrl &url, const QJsonValue &body,
                              ResponseHandler onResponse)
{
    if (isOver())
        return;
    if (const auto &problem = session().endpointProblem())
        return fail(DeliveryOutcome::Permanent, *problem);
    HttpRequest request;
    request.method = method;
    request.url = url;
    request.headers = m_config.headers;
    if (!body.isUndefined()) {
        request.headers.append(
            qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
        request.body = body.isArray()
                           ? QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact)
                           : QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    }
    sendWithToken(std::move(request), std::move(onResponse), false, false);
}

void AnnotationExchange::sendWithToken(HttpRequest request, ResponseHandler onResponse,
                                       bool tokenRetried, bool rateRetried)
{
    std::weak_ptr<AnnotationExchange> weak = shared_from_this();
    m_config.tokens->token([weak, request, onResponse, tokenRetried,
                            rateRetried](Result<SecretValue> token) mutable {
        auto self = weak.lock();
        if (!self || self->isOver())
            return;
        if (!token)
            return self->fail(DeliveryOutcome::Permanent, token.error());
        request.credentialHeaders = self->m_config.credentialHeaders(*token);
        self->m_operation->countRequest();
        HttpCall *call = self->session().client().send(request, self->m_operation);
        QObject::connect(self->m_operation, &AnnotationOperation::cancelRequested, call,
                         &HttpCall::cancel);
        QObject::connect(
            call, &HttpCall::finished, call,
            [weak, call, request, onResponse, tokenRetried, rateRetried] {
                call->deleteLater();
                auto me = weak.lock();
                if (!me || me->isOver())
                    return;
                const Result<HttpResponse> &result = call->result();
                if (!result) {
                    // Nothing answered: refused, DNS, timeout, reset, after the runtime's retries.
                    const Error &e = result.error();
                    return me->fail(e.kind == ErrorKind::Cancelled ? DeliveryOutcome::Transient
                                                                   : DeliveryOutcome::Offline,
                                    e);
                }
                const HttpResponse &response = *result;
                if (response.status == 401 && !tokenRetried) {
                    STELLA_LOG_INFO(lcConnectors).noquote()
                        << me->m_config.providerName << "refused the token (401): fetching a "
                        << "fresh one and trying once more";
                    me->m_config.tokens->invalidate();
                    return me->sendWithToken(request, onResponse, true, rateRetried);
                }
                const QDateTime now = me->session().context().clock->now();
                if (!rateRetried && rateLimited(response, now)) {
                    const qint64 wait =
                        RetryPolicy::retryAfterMs(response.header("Retry-After"), now)
                            .value_or(
                                RetryPolicy::rateLimitResetMs(response.headers, now).value_or(-1));
                    if (wait >= 0 && wait <= me->session().client().policy().maxBackoffMs) {
                        QTimer::singleShot(
                            int(wait), me->m_operation, [weak, request, onResponse, tokenRetried] {
                                if (auto again = weak.lock(); again && !again->isOver())
                                    again->sendWithToken(request, onResponse, tokenRetried, true);
                            });
                        return;
                    }
                }
                onResponse(response);
            });
    });
}

DeliveryOutcome outcomeFor(const HttpResponse &response)
{
    if (response.isSuccess())
        return DeliveryOutcome::Success;
    if (response.status >= 500 || response.status == 429 || response.status == 408)
        return DeliveryOutcome::Transient;
    if (response.status == 403 && (!response.header("Retry-After").isEmpty() ||
                                   response.header("X-RateLimit-Remaining").trimmed() == "0"))
        return DeliveryOutcome::Transient;
    return DeliveryOutcome::Permanent;
}

QStringList validationErrors(const HttpResponse &response)
{
    QStringList lines;
    const QJsonObject o = QJsonDocument::fromJson(response.body).object();
    for (const QJsonValue &v : o.value(QStringLiteral("errors")).toArray()) {
        if (v.isString()) {
            lines.append(v.toString());
            continue;
        }
        const QJsonObject e = v.toObject();
        const QString message = e.value(QStringLiteral("message")).toString();
        QString where = e.value(QStringLiteral("resource")).toString();
        const QString field = e.value(QStringLiteral("field")).toString();
        if (!field.isEmpty())
            where += (where.isEmpty() ? QString() : QStringLiteral(".")) + field;
        const QString code = e.value(QStringLiteral("code")).toString();
        QString line = where;
        if (!code.isEmpty() && code != QLatin1String("custom"))
            line += (line.isEmpty() ? QString() : QStringLiteral(" ")) + code;
        if (!message.isEmpty())
            line += (line.isEmpty() ? QString() : QStringLiteral(": ")) + message;
        if (!line.isEmpty())
            lines.append(line);
    }
    return lines;
}

Error errorFor(const HttpResponse &response, const QString &what, const HttpSession &session,
               const QDateTime &now, const QString &notFoundHint)
{
    const bool html = response.header("Content-Type").toLower().contains("html") ||
                      response.body.trimmed().startsWith('<');
    // GitHub's 422 says what in "message" and which fields in errors[] (the details below).
    const QJsonValue topMessage =
        QJsonDocument::fromJson(response.body).object().value(QStringLiteral("message"));
    const QString said = html                    ? QString()
                         : topMessage.isString() ? redactSecrets(topMessage.toString()).left(200)
                                                 : http::serverMessage(response);
    const QString tail =
        said.isEmpty() ? QString() : AnnotationHttpText::tr(" (the server says: %1)").arg(said);
    const QString htmlTail = html ? QStringLiteral(": ") + http::bodyHint(response) : QString();
    const QString kept =
        AnnotationHttpText::tr("it stays in the outbox: `annotate outbox retry` sends it");

    if (response.isSuccess())
        return Error::failed(QStringLiteral("%1: %2").arg(what, http::bodyHint(response)),
                             AnnotationHttpText::tr("Check that the endpoint is the API's "
                                                    "address; %1")
                                 .arg(kept));
    if (rateLimited(response, now) || response.status == 429) {
        QString message;
        if (auto reset = RetryPolicy::rateLimitResetMs(response.headers, now))
            message = AnnotationHttpText::tr("%1: rate limited (HTTP %2) until %3 UTC")
                          .arg(what)
                          .arg(response.status)
                          .arg(now.addMSecs(*reset).toUTC().toString(QStringLiteral("HH:mm")));
        else if (auto after = RetryPolicy::retryAfterMs(response.header("Retry-After"), now))
            message = AnnotationHttpText::tr("%1: rate limited (HTTP %2) for %3 s more "
                                             "(Retry-After)")
                          .arg(what)
                          .arg(response.status)
                          .arg(*after / 1000 + (*after % 1000 != 0 ? 1 : 0));
        else
            message = AnnotationHttpText::tr("%1: rate limited (HTTP %2), with no word on when "
                                             "to come back")
                          .arg(what)
                          .arg(response.status);
        return Error::failed(message, AnnotationHttpText::tr("Wait, then retry; %1").arg(kept));
    }
    if (response.status >= 500)
        return Error::backend(AnnotationHttpText::tr("%1: HTTP %2 from %3%4%5")
                                  .arg(what)
                                  .arg(response.status)
                                  .arg(response.url.host(), htmlTail, tail),
                              AnnotationHttpText::tr("The provider or a proxy in between is "
                                                     "failing; %1")
                                  .arg(kept));
    if (response.status == 401 || response.status == 403)
        return session.accessError(response, what);
    if (response.status == 404)
        return Error::notFound(
            AnnotationHttpText::tr("%1: not found (404)%2%3").arg(what, htmlTail, tail),
            notFoundHint.isEmpty() ? AnnotationHttpText::tr("Check the repository and the number")
                                   : notFoundHint);
    if (response.status == 422 || response.status == 400) {
        Error e = Error::invalidInput(
            AnnotationHttpText::tr("%1: the provider refused the request (HTTP %2)%3%4")
                .arg(what)
                .arg(response.status)
                .arg(htmlTail, tail),
            AnnotationHttpText::tr("Fix what the details name, then retry or discard the outbox "
                                   "entry"));
        e.details = validationErrors(response);
        return e;
    }
    Error e = Error::failed(AnnotationHttpText::tr("%1: HTTP %2%3%4")
                                .arg(what)
                                .arg(response.status)
                                .arg(htmlTail, tail),
                            AnnotationHttpText::tr("Check the provider's logs; %1").arg(kept));
    if (response.status == 409)
        e.kind = ErrorKind::Conflict;
    return e;
}

QString segment(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

QList<CheckAnnotation> batch(const QList<CheckAnnotation> &all, int from, int count)
{
    return all.mid(from, count);
}

QString annotationMarkdown(const CheckAnnotation &a)
{
    QString where = QStringLiteral("`%1:%2`").arg(a.path).arg(a.startLine);
    return QStringLiteral("- **%1** %2 %3%4")
        .arg(toString(a.level), where,
             a.title.isEmpty() ? QString() : QStringLiteral("[%1] ").arg(a.title), a.message);
}

StatusRequest statusFor(const CheckRunRequest &run)
{
    StatusRequest status;
    status.state = run.commitState();
    status.context = run.name;
    status.description = run.title;
    status.targetUrl = run.detailsUrl;
    return status;
}

QString idOf(const QJsonObject &object)
{
    return QString::number(object.value(QStringLiteral("id")).toVariant().toLongLong());
}

QString markedCommentId(const QJsonArray &comments, const QString &marker)
{
    for (const QJsonValue &c : comments)
        if (c.toObject().value(QStringLiteral("body")).toString().contains(marker))
            return idOf(c.toObject());
    return {};
}

void getPullRequest(const std::shared_ptr<AnnotationExchange> &ex, const QUrl &url,
                    const QString &reading, MissingPullRequest missing,
                    std::function<void(const HttpResponse &)> then)
{
    ex->get(url, [ex, reading, missing, then](const HttpResponse &pull) {
        if (pull.status == 404)
            return ex->get(missing.repositoryUrl, [ex, missing, pull](const HttpResponse &repo) {
                if (repo.status == 404)
                    return ex->failWith(repo, missing.repository, missing.repositoryHint);
                ex->failWith(pull, missing.number, missing.numberHint);
            });
        if (!pull.isSuccess())
            return ex->failWith(pull, reading);
        then(pull);
    });
}

} // namespace stella::scm
