// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectors/gitlab/GitLabApiConnector.h"

namespace stella {

// GitLab CI/CD (REST API v4, a PRIVATE-TOKEN with read_api): the configured projectPath is a
// project (its pipelines and jobs) or a group (the pipelines and jobs of its projects and its
// subgroups' projects). Test-connection ends with the latest pipeline on the project's default
// branch ("latest pipeline on main: success, 3 h ago"). Pipelines page by offset (GitLab
// offers nothing else there), jobs by keyset (order_by=id, sort=desc), so a project past
// GitLab's 50,000-offset limit lists all of them. See docs/providers.md, "GitLab".
class GitLabCiConnector : public GitLabApiConnector
{
public:
    GitLabCiConnector(const Integration &integration, const ConnectorContext &context);

    ConnectorOperation *testConnection(QObject *parent) override;
    ConnectorOperation *checkHealth(QObject *parent) override;

    static constexpr int kDefaultPageSize = 100; // GitLab's maximum per_page

protected:
    DiscoveryBody discovery(const QString &resourceType) const override;

private:
    Result<QString> m_projectPath;
    int m_pageSize;
};

} // namespace stella
