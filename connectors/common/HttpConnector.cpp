// SPDX-License-Identifier: Apache-2.0
#include "HttpConnector.h"

#include "common/Clock.h"
#include "credentials/CredentialResolver.h"
#include "providers/ConfigSchema.h"

#include <QPointer>

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
