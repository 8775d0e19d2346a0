// SPDX-License-Identifier: Apache-2.0
#include "HttpSession.h"

#include "connectors/http/HttpAnswers.h"
#include "core/providers/ConfigSchema.h"

#include <QCoreApplication>

namespace stella {

namespace {
struct HttpSessionText
{
    Q_DECLARE_TR_FUNCTIONS(stella::HttpSession)
};
} // namespace

HttpSession::HttpSession(const Integration &integration, const ConnectorContext &context)
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
            HttpSessionText::tr("The endpoint of '%1' is not usable: %2")
                .arg(integration.name, problem),
            HttpSessionText::tr(
                "Give the server's URL with its scheme, e.g. https://registry.example.com"));
    else if (auto prepared = m_client->prepare(); !prepared)
        m_endpointProblem = prepared.error();
}

QUrl HttpSession::endpointUrl(const QString &pathAndQuery) const
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

int HttpSession::configInt(const QString &key, int fallback) const
{
    const int value = m_integration.config.value(key).toInt();
    return value > 0 ? value : fallback;
}

QString HttpSession::configString(const QString &key) const
{
    return m_integration.config.value(key).toString().trimmed();
}

QString HttpSession::authRefForMessages() const
{
    return m_integration.authRefUri.isEmpty() ? HttpSessionText::tr("(no AuthRef: anonymous)")
                                              : m_integration.authRefUri;
}

void HttpSession::setAccessHints(QString unauthorized, QString forbidden)
{
    m_unauthorizedHint = std::move(unauthorized);
    m_forbiddenHint = std::move(forbidden);
}

Error HttpSession::accessError(const HttpResponse &response, const QString &what) const
{
    const QString said = http::serverMessage(response);
    const QString tail =
        said.isEmpty() ? QString() : HttpSessionText::tr(" (the server says: %1)").arg(said);
    if (response.status == 401)
        return Error::failed(
            HttpSessionText::tr("%1: the server rejected the credentials (401 Unauthorized)%2")
                .arg(what, tail),
            m_unauthorizedHint.arg(authRefForMessages()));
    if (response.status == 403)
        return Error::failed(
            HttpSessionText::tr("%1: authenticated, but not allowed (403 Forbidden)%2")
                .arg(what, tail),
            m_forbiddenHint.arg(authRefForMessages()));
    return Error::failed(HttpSessionText::tr("%1: HTTP %2 from %3%4")
                             .arg(what)
                             .arg(response.status)
                             .arg(response.url.path(), tail),
                         HttpSessionText::tr("Check the server's logs"));
}

HttpRequest HttpSession::withDefaultHeaders(HttpRequest request) const
{
    // Not a structured binding: clang before 16 (the fuzz build's) cannot capture one.
    for (const auto &header : m_defaultHeaders) {
        const QByteArray &name = header.first;
        request.headers.removeIf(
            [&name](const auto &h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
        request.headers.append(header);
    }
    return request;
}

Result<HttpHeaders>
HttpSession::credentialHeaders(const std::optional<SecretValue> &credential) const
{
    if (!m_credentialHeaders)
        return HttpHeaders{};
    return m_credentialHeaders(*this, credential);
}

Result<HttpHeaders> HttpSession::basicHeaders(const HttpSession &session,
                                              const std::optional<SecretValue> &credential)
{
    if (!credential)
        return HttpHeaders{};
    if (!credential->isBasic())
        return Error::invalidInput(
            HttpSessionText::tr("%1 holds a token, and %2 needs username:password")
                .arg(session.integration().authRefUri, session.integration().provider),
            HttpSessionText::tr("Store username:password (for a robot account name:secret) at that "
                                "AuthRef"));
    return HttpHeaders{{"Authorization", "Basic " + credential->exposeForRequest().toBase64()}};
}

} // namespace stella
