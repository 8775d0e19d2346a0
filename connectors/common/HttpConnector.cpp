// SPDX-License-Identifier: Apache-2.0
#include "HttpConnector.h"

#include "core/common/Clock.h"
#include "core/common/LogRedaction.h"
#include "core/credentials/CredentialResolver.h"
#include "core/http/PageCursor.h"
#include "core/providers/ConfigSchema.h"

#include <QPointer>
#include <QUrlQuery>

namespace stella {

HttpConnector::HttpConnector(const Integration &integration, const ConnectorContext &context)
    : m_integration(integration), m_context(context)
{
    TlsOptions tls;
    tls.extraCaPath = integration.config.value(QStringLiteral("caCertificatePath")).toString();
    tls.insecureSkipVerify =
        integration.config.value(QStringLiteral("insecureSkipTlsVerify")).toBool();
    HttpPolicy policy;
    if (auto ms = parseDurationMs(integration.config.value(QStringLiteral("timeout")).toString()))
        policy.timeoutMs = int(std::clamp<qint64>(*ms, 100, 600000));
    m_client = std::make_unique<HttpClient>(*context.clock, tls, policy);
    if (const QString problem = validateHttpUrl(integration.endpoint); !problem.isEmpty())
        m_endpointProblem = Error::invalidInput(
            QStringLiteral("The endpoint of '%1' is not usable: %2").arg(integration.name, problem),
            QStringLiteral(
                "Give the server's URL with its scheme, e.g. https://registry.example.com"));
    else if (auto prepared = m_client->prepare(); !prepared)
        m_endpointProblem = prepared.error();
}

ConnectorOperation *HttpConnector::newOperation(ConnectorOperation::Kind kind,
                                                QObject *parent) const
{
    auto *op = new ConnectorOperation(kind, parent);
    op->setCancelHandler([op] {
        for (HttpCall *call : op->findChildren<HttpCall *>())
            call->cancel();
    });
    return op;
}

ConnectorOperation *HttpConnector::start(ConnectorOperation::Kind kind, QObject *parent,
                                         std::function<void(ConnectorOperation *)> body)
{
    ConnectorOperation *op = newOperation(kind, parent);
    if (m_endpointProblem) {
        op->beginStep(QStringLiteral("endpoint"), QStringLiteral("Check the endpoint"));
        op->fail(*m_endpointProblem);
        return op;
    }
    resolveCredential(op, [this, op, body = std::move(body)](std::optional<SecretValue> secret) {
        m_credential = std::move(secret);
        body(op);
    });
    return op;
}

ConnectorOperation *HttpConnector::unsupportedResourceType(const QString &resourceType,
                                                           const QStringList &supported,
                                                           QObject *parent) const
{
    ConnectorOperation *op = newOperation(ConnectorOperation::Kind::Discovery, parent);
    op->fail(Error::invalidInput(
        QStringLiteral("%1 has no resource type '%2'").arg(m_integration.provider, resourceType),
        QStringLiteral("Supported: %1").arg(supported.join(QStringLiteral(", ")))));
    return op;
}

void HttpConnector::resolveCredential(ConnectorOperation *op,
                                      std::function<void(std::optional<SecretValue>)> next)
{
    op->beginStep(QStringLiteral("credential"), QStringLiteral("Resolve credential"));
    if (m_integration.authRefUri.isEmpty()) {
        op->endStep(ConnectorStep::State::Skipped, QStringLiteral("no AuthRef: anonymous access"));
        return next(std::nullopt);
    }
    if (!m_context.credentials)
        return op->fail(
            Error::failed(QStringLiteral("No credential store is available to resolve %1")
                              .arg(m_integration.authRefUri)));
    QPointer<ConnectorOperation> guard(op);
    m_context.credentials->resolve(m_integration.authRefUri, [this, guard, next = std::move(next)](
                                                                 Result<SecretValue> secret) {
        if (!guard || guard->isFinished())
            return;
        if (!secret)
            return guard->fail(secret.error());
        guard->endStep(ConnectorStep::State::Passed, QStringLiteral("%1 resolved (%2 bytes)")
                                                         .arg(m_integration.authRefUri)
                                                         .arg(secret->size()));
        next(*secret);
    });
}

void HttpConnector::fetch(ConnectorOperation *op, HttpRequest request,
                          std::function<void(const HttpResponse &)> onResponse,
                          std::function<void(const Error &)> onError)
{
    HttpCall *call = m_client->send(request, op);
    QObject::connect(call, &HttpCall::finished, op,
                     [op, call, onResponse = std::move(onResponse), onError = std::move(onError)] {
                         call->deleteLater();
                         if (op->isFinished())
                             return;
                         const Result<HttpResponse> &result = call->result();
                         if (!result) {
                             if (result.error().kind == ErrorKind::Cancelled)
                                 return;
                             return onError ? onError(result.error()) : op->fail(result.error());
                         }
                         onResponse(*result);
                     });
}

void HttpConnector::get(ConnectorOperation *op, const QUrl &url, ResponseHandler onResponse,
                        bool withCredentials)
{
    HttpRequest request;
    request.url = url;
    request.headers = {{"Accept", "application/json"}};
    if (withCredentials) {
        auto headers = credentialHeaders();
        if (!headers)
            return op->fail(headers.error());
        request.credentialHeaders = *headers;
    }
    fetch(op, request, std::move(onResponse));
}

Result<HttpHeaders> HttpConnector::basicCredentialHeaders() const
{
    if (!m_credential)
        return HttpHeaders{};
    if (!m_credential->isBasic())
        return Error::invalidInput(
            QStringLiteral("%1 holds a token, and %2 needs username:password")
                .arg(m_integration.authRefUri, m_integration.provider),
            QStringLiteral("Store username:password (for a robot account name:secret) at that "
                           "AuthRef"));
    return HttpHeaders{{"Authorization", "Basic " + m_credential->exposeForRequest().toBase64()}};
}

namespace {
// One page of a walk, then the next: each answer is read before the next request goes out.
void walkFrom(ConnectorOperation *op, const QUrl &url, std::shared_ptr<PageCursor> cursor,
              const HttpConnector::PageSender &send, const HttpConnector::PageReader &read,
              const std::function<void()> &onEnd)
{
    send(url, [op, cursor, send, read, onEnd](const HttpResponse &response) {
        auto next = read(response, *cursor);
        if (!next)
            return op->fail(next.error());
        if (op->isFinished())
            return;
        if (!next->has_value())
            return onEnd();
        walkFrom(op, **next, cursor, send, read, onEnd);
    });
}
} // namespace

void HttpConnector::walkPages(ConnectorOperation *op, const QUrl &first, PageSender send,
                              PageReader read, std::function<void()> onEnd)
{
    walkFrom(op, first, std::make_shared<PageCursor>(first), send, read, onEnd);
}

void HttpConnector::walkPages(ConnectorOperation *op, const QUrl &first, PageReader read,
                              std::function<void()> onEnd)
{
    walkPages(
        op, first, [this, op](const QUrl &url, ResponseHandler handler) { get(op, url, handler); },
        std::move(read), std::move(onEnd));
}

QString HttpConnector::authRefForMessages() const
{
    return m_integration.authRefUri.isEmpty() ? QStringLiteral("(no AuthRef: anonymous)")
                                              : m_integration.authRefUri;
}

void HttpConnector::setAccessHints(QString unauthorized, QString forbidden)
{
    m_unauthorizedHint = std::move(unauthorized);
    m_forbiddenHint = std::move(forbidden);
}

Error HttpConnector::accessError(const HttpResponse &response, const QString &what) const
{
    const QString said = serverMessage(response);
    const QString tail =
        said.isEmpty() ? QString() : QStringLiteral(" (the server says: %1)").arg(said);
    if (response.status == 401)
        return Error::failed(
            QStringLiteral("%1: the server rejected the credentials (401 Unauthorized)%2")
                .arg(what, tail),
            m_unauthorizedHint.arg(authRefForMessages()));
    if (response.status == 403)
        return Error::failed(
            QStringLiteral("%1: authenticated, but not allowed (403 Forbidden)%2").arg(what, tail),
            m_forbiddenHint.arg(authRefForMessages()));
    return Error::failed(QStringLiteral("%1: HTTP %2 from %3%4")
                             .arg(what)
                             .arg(response.status)
                             .arg(response.url.path(), tail),
                         QStringLiteral("Check the server's logs"));
}

int HttpConnector::configInt(const QString &key, int fallback) const
{
    const int value = m_integration.config.value(key).toInt();
    return value > 0 ? value : fallback;
}

QString HttpConnector::configString(const QString &key) const
{
    return m_integration.config.value(key).toString().trimmed();
}

QUrl HttpConnector::endpointUrl(const QString &pathAndQuery) const
{
    QUrl base(m_integration.endpoint);
    QString path = base.path();
    if (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    const qsizetype q = pathAndQuery.indexOf(QLatin1Char('?'));
    base.setPath(path + (q < 0 ? pathAndQuery : pathAndQuery.left(q)), QUrl::TolerantMode);
    base.setQuery(q < 0 ? QString() : pathAndQuery.mid(q + 1), QUrl::TolerantMode);
    return base;
}

QString HttpConnector::describe(const HttpRequest &request, const HttpResponse &response)
{
    return QStringLiteral("%1 %2 → %3 in %4 ms")
        .arg(QString::fromLatin1(request.method), response.url.path())
        .arg(response.status)
        .arg(response.elapsedMs);
}

QString HttpConnector::bodyHint(const HttpResponse &response)
{
    const QByteArray type = response.header("Content-Type").toLower();
    if (type.contains("html") || response.body.trimmed().startsWith('<'))
        return QStringLiteral(
            "the server answered with an HTML page (a login page or a proxy?), not the API's JSON");
    if (response.body.isEmpty())
        return QStringLiteral("the answer was empty");
    return QStringLiteral("the answer was not the expected JSON");
}

} // namespace stella

namespace stella {

Result<QJsonDocument> HttpConnector::parseJson(const HttpResponse &response, const QString &what)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(response.body, &error);
    if (error.error != QJsonParseError::NoError)
        return Error::failed(
            QStringLiteral("%1: %2 (%3)").arg(what, bodyHint(response), error.errorString()),
            QStringLiteral("Check that the endpoint is the server's API address"));
    return doc;
}

Result<QJsonObject> HttpConnector::jsonObject(const HttpResponse &response, const QString &what)
{
    auto doc = parseJson(response, what);
    if (!doc)
        return doc.error();
    if (!doc->isObject())
        return Error::failed(QStringLiteral("%1: %2 (not an object)").arg(what, bodyHint(response)),
                             QStringLiteral("Check that the endpoint is the server's API address"));
    return doc->object();
}

Result<QJsonArray> HttpConnector::jsonArray(const HttpResponse &response, const QString &what)
{
    auto doc = parseJson(response, what);
    if (!doc)
        return doc.error();
    if (!doc->isArray())
        return Error::failed(QStringLiteral("%1: %2 (not a list)").arg(what, bodyHint(response)),
                             QStringLiteral("Check that the endpoint is the server's API address"));
    return doc->array();
}

QString HttpConnector::serverMessage(const HttpResponse &response)
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

void HttpConnector::reportStatusHealth(ConnectorOperation *op, const HttpResponse &response)
{
    if (response.status == 200) {
        op->reportHealth(HealthStatus::Healthy);
        op->endStep(ConnectorStep::State::Passed,
                    QStringLiteral("200 in %1 ms").arg(response.elapsedMs));
    } else if (response.status == 401 || response.status == 403) {
        op->reportHealth(HealthStatus::Degraded);
        op->endStep(ConnectorStep::State::Warning,
                    QStringLiteral("%1: the server is up, but the credentials are not accepted")
                        .arg(response.status));
    } else {
        op->reportHealth(HealthStatus::Unhealthy);
        op->endStep(
            ConnectorStep::State::Failed,
            QStringLiteral("HTTP %1 in %2 ms").arg(response.status).arg(response.elapsedMs));
    }
}

QUrl HttpConnector::withQueryItem(const QUrl &url, const QString &key, const QString &value)
{
    QUrlQuery query(url);
    query.removeAllQueryItems(key);
    query.addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    QUrl out = url;
    out.setQuery(query);
    return out;
}

Result<std::optional<QUrl>> HttpConnector::nextPage(PageCursor &cursor, const QUrl &url,
                                                    const QString &key, const QString &value)
{
    auto accepted = cursor.accept(withQueryItem(url, key, value));
    if (!accepted)
        return accepted.error();
    return std::optional<QUrl>(*accepted);
}

QRegularExpression HttpConnector::globFilter(const QString &glob)
{
    return QRegularExpression(glob.isEmpty() ? QStringLiteral(".*") : globToRegularExpression(glob),
                              QRegularExpression::CaseInsensitiveOption);
}

bool HttpConnector::hasWildcard(const QString &glob)
{
    return glob.contains(QLatin1Char('*')) || glob.contains(QLatin1Char('?')) ||
           glob.contains(QLatin1Char('['));
}

} // namespace stella
