// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectors/http/HttpConnector.h"

namespace stella {

class GitHubAppAuth;

// A GitHub App on github.com or GitHub Enterprise Server (the endpoint is the API base:
// https://api.github.com, https://HOST/api/v3). Signs app JWTs with the RSA key stored at the
// AuthRef (GitHubAppJwt), acts as one installation through short-lived installation tokens
// (GitHubInstallationTokens), checks the permissions annotations need, and discovers the
// installation's repositories (GET /installation/repositories, Link pagination) and their
// owners. Every request carries GitHub's User-Agent, X-GitHub-Api-Version and Accept.
class GitHubAppConnector : public HttpConnector
{
public:
    GitHubAppConnector(const Integration &integration, const ConnectorContext &context);
    ~GitHubAppConnector() override;

    static ProviderDefinition definition();

    ConnectorOperation *testConnection(QObject *parent) override;
    ConnectorOperation *checkHealth(QObject *parent) override;

    static constexpr int kPageSize = 100; // GitHub's maximum per_page
    // What posting comments, commit statuses and check runs needs: name → access.
    static const QList<QPair<QString, QString>> &requiredPermissions();

protected:
    DiscoveryBody discovery(const QString &resourceType) const override;

private:
    std::shared_ptr<GitHubAppAuth> m_auth;
};

} // namespace stella
