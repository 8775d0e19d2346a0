// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectors/http/HttpConnector.h"

namespace stella {

// Gitea's API v1 (its published swagger, /api/swagger): /api/healthz for health,
// /api/v1/version, /api/v1/user, repositories by /api/v1/repos/search paged by page/limit with
// X-Total-Count and a Link header whose links are joined by "," without a space, one
// repository by /api/v1/repos/{owner}/{repo}, owners by /api/v1/users/{username}; errors as
// {"message","url"}; `Authorization: token …` (or Basic user:token).
//
// Projects are the owners (users and organisations) of the repositories the token sees, not
// /api/v1/user/orgs, which leaves out the user's own repositories and every organisation the
// user reads without being a member of it (docs/providers.md, Gitea).
class GiteaConnector : public HttpConnector
{
public:
    GiteaConnector(const Integration &integration, const ConnectorContext &context);

    ConnectorOperation *testConnection(QObject *parent) override;
    ConnectorOperation *checkHealth(QObject *parent) override;

    // Gitea's [api] MAX_RESPONSE_ITEMS default: a larger limit is cut to it by the server.
    static constexpr int kDefaultPageSize = 50;

    static Result<HttpHeaders> tokenHeaders(const HttpSession &session,
                                            const std::optional<SecretValue> &credential);

protected:
    // Gitea's own, whatever type the integration was given.
    QStringList resourceTypes() const override;
    DiscoveryBody discovery(const QString &resourceType) const override;

private:
    int m_pageSize;
    QString m_owner;
};

} // namespace stella
