// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/connectors/ConnectorOperation.h"
#include "core/credentials/SecretValue.h"
#include "core/http/HttpClient.h"
#include "core/model/Integration.h"
#include "core/providers/ProviderDefinition.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <memory>
#include <optional>

namespace stella {

class PageCursor;

// What every HTTP connector shares: the integration's HTTP client (timeout, extra CA, insecure
// flag from its config), the "resolve credential" step, HTTP calls tied to an operation (so
// cancelling the operation aborts every request it has in flight), JSON answers read with a
// reason when they are not JSON, 401/403 told apart, and safe page walking.
class HttpConnector : public Connector
{
public:
    // "GET /v2/ → 401 in 12 ms" for step messages.
    static QString describe(const HttpRequest &request, const HttpResponse &response);
    // What was wrong with an unexpected body (HTML login page, empty, not JSON), never the body.
    static QString bodyHint(const HttpResponse &response);
    // The body as JSON, or why it is not (HTML login page, truncated...), naming `what`.
    static Result<QJsonDocument> parseJson(const HttpResponse &response, const QString &what);
    static Result<QJsonObject> jsonObject(const HttpResponse &response, const QString &what);
    static Result<QJsonArray> jsonArray(const HttpResponse &response, const QString &what);
    // The server's own words from a JSON error body: {"errors":[{"code","message"}]} (Harbor,
    // OCI), {"message": ...} (GitLab), {"error": ...}; empty when there are none. Short.
    static QString serverMessage(const HttpResponse &response);
    // The URL with one query item set (replacing any of the same name): page=N,
    // continuationToken=...
    static QUrl withQueryItem(const QUrl &url, const QString &key, const QString &value);
    // The next page at `url` with key=value set, through the cursor's same-origin and loop
    // checks: for page numbers (X-Next-Page, X-Total-Count) and continuation tokens.
    static Result<std::optional<QUrl>> nextPage(PageCursor &cursor, const QUrl &url,
                                                const QString &key, const QString &value);
    // A case-insensitive anchored glob ("" matches everything), and whether it has wildcards.
    static QRegularExpression globFilter(const QString &glob);
    static bool hasWildcard(const QString &glob);

    // Ends the running step and reports health from a plain status probe: 200 Healthy; 401/403
    // Degraded (up, but this integration cannot use it); anything else Unhealthy.
    static void reportStatusHealth(ConnectorOperation *op, const HttpResponse &response);

    using ResponseHandler = std::function<void(const HttpResponse &)>;
    using PageSender = std::function<void(const QUrl &, ResponseHandler)>;
    using PageReader =
        std::function<Result<std::optional<QUrl>>(const HttpResponse &, PageCursor &)>;

protected:
    HttpConnector(const Integration &integration, const ConnectorContext &context);

    // A new operation whose cancel() cancels its requests.
    ConnectorOperation *newOperation(ConnectorOperation::Kind kind, QObject *parent) const;
    // A new operation that checks the endpoint (step "endpoint" when it is unusable), resolves
    // the credential into credential() and then runs `body`. Either failure fails it.
    ConnectorOperation *start(ConnectorOperation::Kind kind, QObject *parent,
                              std::function<void(ConnectorOperation *)> body);
    // A failed discovery for a resource type the provider does not have, listing its types.
    ConnectorOperation *unsupportedResourceType(const QString &resourceType,
                                                const QStringList &supported,
                                                QObject *parent) const;

    // Step "resolve credential": the integration's AuthRef through the credential resolver.
    // No AuthRef means anonymous access (the step is skipped). A failure fails the operation.
    void resolveCredential(ConnectorOperation *op,
                           std::function<void(std::optional<SecretValue>)> next);

    // One HTTP exchange for the operation. A transport failure fails the operation (naming the
    // request) unless onError is given; a cancelled operation calls nothing.
    void fetch(ConnectorOperation *op, HttpRequest request, ResponseHandler onResponse,
               std::function<void(const Error &)> onError = {});
    // GET of a JSON API with this connector's credential headers (credentialHeaders()).
    void get(ConnectorOperation *op, const QUrl &url, ResponseHandler onResponse,
             bool withCredentials = true);
    // The headers that carry the credential (Authorization: Basic, PRIVATE-TOKEN...). None by
    // default; a credential of the wrong shape fails the operation with what to store.
    virtual Result<HttpHeaders> credentialHeaders() const { return HttpHeaders{}; }
    // Authorization: Basic from a "username:password" credential; none when anonymous.
    Result<HttpHeaders> basicCredentialHeaders() const;

    // Walks a paginated listing from `first`: `send` fetches one page, `read` takes its items
    // and says where the next page is (nothing at the end), using the cursor's same-origin and
    // loop checks. Any error fails the operation; `onEnd` runs after the last page.
    void walkPages(ConnectorOperation *op, const QUrl &first, PageSender send, PageReader read,
                   std::function<void()> onEnd);
    // The same with get() as the sender.
    void walkPages(ConnectorOperation *op, const QUrl &first, PageReader read,
                   std::function<void()> onEnd);

    // 401 and 403 told apart, with what to do about each (the hints set below, %1 being the
    // AuthRef), and the server's own message when it sent one.
    Error accessError(const HttpResponse &response, const QString &what) const;
    void setAccessHints(QString unauthorized, QString forbidden);

    // The endpoint with a path (and query) appended, keeping any base path of the endpoint.
    QUrl endpointUrl(const QString &pathAndQuery) const;
    // The endpoint without scheme problems: validated when the connector is made.
    std::optional<Error> endpointProblem() const { return m_endpointProblem; }
    // A positive int config value, or the fallback.
    int configInt(const QString &key, int fallback) const;
    QString configString(const QString &key) const;

    HttpClient &client() { return *m_client; }
    const Integration &integration() const { return m_integration; }
    const ConnectorContext &context() const { return m_context; }
    const std::optional<SecretValue> &credential() const { return m_credential; }
    void setCredential(std::optional<SecretValue> credential)
    {
        m_credential = std::move(credential);
    }
    QString authRefForMessages() const;

private:
    Integration m_integration;
    ConnectorContext m_context;
    std::unique_ptr<HttpClient> m_client;
    std::optional<Error> m_endpointProblem;
    std::optional<SecretValue> m_credential;
    QString m_unauthorizedHint = QStringLiteral("Check the secret stored at %1");
    QString m_forbiddenHint = QStringLiteral("Grant the account behind %1 read access");
};

} // namespace stella
