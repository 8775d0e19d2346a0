// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectors/ConnectorOperation.h"
#include "credentials/SecretValue.h"
#include "http/HttpClient.h"
#include "model/Integration.h"
#include "providers/ProviderDefinition.h"

#include <optional>

namespace stella {

// What every HTTP connector shares: the integration's HTTP client (timeout, extra CA, insecure
// flag from its config), the "resolve credential" step, and HTTP calls tied to an operation, so
// cancelling the operation aborts every request it has in flight.
class HttpConnector : public Connector
{
public:
    // "GET /v2/ → 401 in 12 ms" for step messages.
    static QString describe(const HttpRequest &request, const HttpResponse &response);
    // What was wrong with an unexpected body (HTML login page, empty, not JSON), never the body.
    static QString bodyHint(const HttpResponse &response);

protected:
    HttpConnector(const Integration &integration, const ConnectorContext &context);

    // A new operation whose cancel() cancels its requests.
    ConnectorOperation *newOperation(ConnectorOperation::Kind kind, QObject *parent) const;

    // Step "resolve credential": the integration's AuthRef through the credential resolver.
    // No AuthRef means anonymous access (the step is skipped). A failure fails the operation.
    void resolveCredential(ConnectorOperation *op,
                           std::function<void(std::optional<SecretValue>)> next);

    // One HTTP exchange for the operation. A transport failure fails the operation (naming the
    // request) unless onError is given; a cancelled operation calls nothing.
    void fetch(ConnectorOperation *op, HttpRequest request,
               std::function<void(const HttpResponse &)> onResponse,
               std::function<void(const Error &)> onError = {});

    // The endpoint with a path (and query) appended, keeping any base path of the endpoint.
    QUrl endpointUrl(const QString &pathAndQuery) const;
    // The endpoint without scheme problems: validated when the connector is made.
    std::optional<Error> endpointProblem() const { return m_endpointProblem; }

    HttpClient &client() { return *m_client; }
    const Integration &integration() const { return m_integration; }
    const ConnectorContext &context() const { return m_context; }

private:
    Integration m_integration;
    ConnectorContext m_context;
    std::unique_ptr<HttpClient> m_client;
    std::optional<Error> m_endpointProblem;
};

} // namespace stella
