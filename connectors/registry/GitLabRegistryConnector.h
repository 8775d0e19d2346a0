// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectors/registry/RegistryConnector.h"

namespace stella {

// GitLab's container registry API (REST v4): /api/v4/version to identify and authenticate,
// registry repositories of the configured project or group (projectPath, URL-encoded as :id,
// a project tried first, then a group) and their tags; page/per_page with Link rel="next"
// (keyset pagination) or X-Next-Page; a PRIVATE-TOKEN access token with read_api.
class GitLabRegistryConnector : public RegistryConnector
{
public:
    GitLabRegistryConnector(const Integration &integration, const ConnectorContext &context);

    ConnectorOperation *testConnection(QObject *parent) override;
    ConnectorOperation *checkHealth(QObject *parent) override;

    static constexpr int kDefaultPageSize = 100; // GitLab's maximum per_page

protected:
    Result<HttpHeaders> credentialHeaders() const override;
    void listRepositories(ConnectorOperation *op, RepositoriesHandler onPage,
                          std::function<void()> onEnd) override;
    void listTags(ConnectorOperation *op, const RepositoryRef &repository, TagsHandler onPage,
                  std::function<void()> onEnd) override;

private:
    QUrl api(const QString &pathAndQuery) const;
    // The configured path as a project or else a group: calls `found` with the API path of its
    // registry repositories ("/projects/group%2Fproject/registry/repositories") and the answer
    // to a first request for `perPage` of them.
    void locate(ConnectorOperation *op, int perPage,
                std::function<void(const QString &, const HttpResponse &)> found);
    static PageReader gitLabPages(const GitLabRegistryConnector *self, const QString &what,
                                  std::function<void(const QJsonArray &)> onItems);

    int m_pageSize = kDefaultPageSize;
    QString m_projectPath;
};

} // namespace stella
