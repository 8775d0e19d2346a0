// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/credentials/SecretValue.h"
#include "core/http/HttpClient.h"
#include "core/model/Integration.h"
#include "core/providers/ProviderDefinition.h"

#include <functional>
#include <memory>
#include <optional>

namespace stella {

// What an HTTP connector and every operation it starts share, co-owned by all of them (so an
// operation may outlive its connector): the integration, the HTTP client built from its
// `timeout`, `caCertificatePath` and `insecureSkipTlsVerify`, the endpoint's problem if it
// has one, how the credential goes into requests, and the provider's 401/403 hints. Set up
// by the connector's constructor; read-only afterwards.
class HttpSession
{
public:
    // The headers that carry a resolved credential (Authorization: Basic, PRIVATE-TOKEN...);
    // a credential of the wrong shape is an error saying what to store.
    using CredentialHeaders =
        std::function<Result<HttpHeaders>(const HttpSession &, const std::optional<SecretValue> &)>;

    HttpSession(const Integration &integration, const ConnectorContext &context);

    const Integration &integration() const { return m_integration; }
    const ConnectorContext &context() const { return m_context; }
    HttpClient &client() const { return *m_client; }
    // Why the endpoint cannot be used (validated once, when the connector is made).
    const std::optional<Error> &endpointProblem() const { return m_endpointProblem; }

    // The endpoint with a path (and query) appended, keeping any base path of the endpoint.
    QUrl endpointUrl(const QString &pathAndQuery) const;
    // A positive int config value, or the fallback.
    int configInt(const QString &key, int fallback) const;
    QString configString(const QString &key) const;
    QString authRefForMessages() const;

    // 401 and 403 told apart, with what to do about each (the hints, %1 being the AuthRef),
    // and the server's own message when it sent one.
    Error accessError(const HttpResponse &response, const QString &what) const;
    void setAccessHints(QString unauthorized, QString forbidden);

    Result<HttpHeaders> credentialHeaders(const std::optional<SecretValue> &credential) const;
    void setCredentialHeaders(CredentialHeaders headers)
    {
        m_credentialHeaders = std::move(headers);
    }
    // Headers every request of the session carries (User-Agent, an API version), replacing any
    // of the same name the request set.
    const HttpHeaders &defaultHeaders() const { return m_defaultHeaders; }
    void setDefaultHeaders(HttpHeaders headers) { m_defaultHeaders = std::move(headers); }
    HttpRequest withDefaultHeaders(HttpRequest request) const;
    // What the "resolve credential" step checks in the secret it resolved (a PEM that must be
    // an RSA key): a description for the step's message, or why the secret is unusable.
    using CredentialCheck = std::function<Result<QString>(const SecretValue &)>;
    const CredentialCheck &credentialCheck() const { return m_credentialCheck; }
    void setCredentialCheck(CredentialCheck check) { m_credentialCheck = std::move(check); }

    // Authorization: Basic from a "username:password" credential; none when anonymous.
    static Result<HttpHeaders> basicHeaders(const HttpSession &session,
                                            const std::optional<SecretValue> &credential);

private:
    Integration m_integration;
    ConnectorContext m_context;
    std::unique_ptr<HttpClient> m_client;
    std::optional<Error> m_endpointProblem;
    CredentialHeaders m_credentialHeaders;
    HttpHeaders m_defaultHeaders;
    CredentialCheck m_credentialCheck;
    QString m_unauthorizedHint = QStringLiteral("Check the secret stored at %1");
    QString m_forbiddenHint = QStringLiteral("Grant the account behind %1 read access");
};

} // namespace stella
