// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectors/registry/RegistryConnector.h"

#include <QHash>

namespace stella {

// The OCI distribution API (Docker Registry v2 and every registry that speaks it):
// GET /v2/ with Basic auth or the WWW-Authenticate: Bearer token exchange, _catalog and
// tags/list with n/last and Link pagination.
class DockerRegistryConnector : public RegistryConnector
{
public:
    DockerRegistryConnector(const Integration &integration, const ConnectorContext &context);

    ConnectorOperation *testConnection(QObject *parent) override;
    ConnectorOperation *checkHealth(QObject *parent) override;

    static constexpr int kDefaultPageSize = 100;

protected:
    // GET with this registry's credentials: answers a 401 challenge once (Basic, or a Bearer
    // token for `scope` from the challenge's realm) and then delivers whatever comes back.
    void authorizedGet(ConnectorOperation *op, const QUrl &url, const QString &scope,
                       ResponseHandler handler);

    void listRepositories(ConnectorOperation *op, RepositoriesHandler onPage,
                          std::function<void()> onEnd) override;
    void listTags(ConnectorOperation *op, const RepositoryRef &repository, TagsHandler onPage,
                  std::function<void()> onEnd) override;
    std::optional<RepositoryRef> repositoryByName(const QString &name) const override
    {
        return RepositoryRef{name, {}};
    }

private:
    void exchangeToken(ConnectorOperation *op, const QUrl &url, const QString &scope,
                       const struct AuthChallenge &challenge, ResponseHandler handler);
    QUrl catalogUrl() const;
    QUrl tagsUrl(const QString &repository) const;

    int m_pageSize = kDefaultPageSize;
    QHash<QString, QByteArray> m_authorization; // by scope ("" for Basic, which covers all)
};

} // namespace stella
