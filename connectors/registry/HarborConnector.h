// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectors/registry/RegistryConnector.h"

namespace stella {

// Harbor's API v2.0: /health (per component), /systeminfo (harbor_version), /users/current,
// repositories of all projects or of the configured `project`, artifacts with their tags;
// page/page_size with Link (" , " between links) and X-Total-Count; Basic auth with a robot
// account (name:secret) or a user; repository names with '/' encoded twice in paths.
class HarborConnector : public RegistryConnector
{
public:
    HarborConnector(const Integration &integration, const ConnectorContext &context);

    ConnectorOperation *testConnection(QObject *parent) override;
    ConnectorOperation *checkHealth(QObject *parent) override;

    static constexpr int kDefaultPageSize = 100; // Harbor's maximum page_size

    // "team/app" -> "team%252Fapp": Harbor wants a '/' inside a repository name encoded twice.
    static QString encodeRepositoryName(const QString &name);

protected:
    Result<HttpHeaders> credentialHeaders() const override { return basicCredentialHeaders(); }
    void listRepositories(ConnectorOperation *op, RepositoriesHandler onPage,
                          std::function<void()> onEnd) override;
    void listTags(ConnectorOperation *op, const RepositoryRef &repository, TagsHandler onPage,
                  std::function<void()> onEnd) override;

private:
    QUrl api(const QString &pathAndQuery) const;
    QUrl repositoriesUrl(int pageSize) const;
    // Link rel="next"; without one, the next page number while X-Total-Count says more remain.
    PageReader harborPages(const QString &what,
                           std::function<void(const QJsonArray &)> onItems) const;
    void identify(ConnectorOperation *op);
    void authenticate(ConnectorOperation *op);
    void checkPermission(ConnectorOperation *op);

    int m_pageSize = kDefaultPageSize;
    QString m_project;
};

} // namespace stella
