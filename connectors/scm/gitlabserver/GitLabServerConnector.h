// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectors/gitlab/GitLabApiConnector.h"

namespace stella {

// GitLab as an SCM (REST API v4, a PRIVATE-TOKEN personal, project or group access token):
// /version to identify, /user for the token's owner, /personal_access_tokens/self for its
// scopes (read_api for discovery, api for annotations), and discovery of `projects` and
// `repositories` (each project's Git repository) of the token's memberships by keyset
// pagination, or of one group and its subgroups (`group`) by offset pagination, the only kind
// GitLab offers there. See docs/providers.md, "GitLab".
class GitLabServerConnector : public GitLabApiConnector
{
public:
    GitLabServerConnector(const Integration &integration, const ConnectorContext &context);

    ConnectorOperation *testConnection(QObject *parent) override;
    ConnectorOperation *checkHealth(QObject *parent) override;

    static constexpr int kDefaultPageSize = 100; // GitLab's maximum per_page

protected:
    DiscoveryBody discovery(const QString &resourceType) const override;

private:
    Result<QString> m_group;
    int m_pageSize;
};

} // namespace stella
