// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "common/HttpConnector.h"

#include <QHash>

namespace stella {

// The OCI distribution API (Docker Registry v2 and every registry that speaks it):
// GET /v2/ with Basic auth or the WWW-Authenticate: Bearer token exchange, _catalog and
// tags/list with n/last and Link pagination.
class DockerRegistryConnector : public HttpConnector
{
public:
    DockerRegistryConnector(const Integration &integration, const ConnectorContext &context);

    ConnectorOperation *testConnection(QObject *parent) override;
    ConnectorOperation *checkHealth(QObject *parent) override;
    ConnectorOperation *discover(const QString &resourceType, const QString &namePattern,
                                 QObject *parent) override;

    static constexpr int kDefaultPageSize = 100;

protected:
    using ResponseHandler = std::function<void(const HttpResponse &)>;
    // GET with this registry's credentials: answers a 401 challenge once (Basic, or a Bearer
    // token for `scope` from the challenge's realm) and then delivers whatever comes back.
    void authorizedGet(ConnectorOperation *op, const QUrl &url, const QString &scope,
                       ResponseHandler handler);
    // 401 and 403 told apart, with what to do about each.
    Error accessError(const HttpResponse &response, const QString &what) const;

private:
    void exchangeToken(ConnectorOperation *op, const QUrl &url, const QString &scope,
                       const struct AuthChallenge &challenge, ResponseHandler handler);
    void walkCatalog(ConnectorOperation *op, const QUrl &page,
                     std::shared_ptr<class PageCursor> cursor,
                     std::function<void(const QStringList &)> onPage, std::function<void()> onEnd);
    void walkTags(ConnectorOperation *op, const QString &repository, const QUrl &page,
                  std::shared_ptr<class PageCursor> cursor,
                  std::function<void(const QStringList &)> onPage, std::function<void()> onEnd);
    void discoverTags(ConnectorOperation *op, const QString &pattern);
    QUrl catalogUrl() const;
    QUrl tagsUrl(const QString &repository) const;

    int m_pageSize = kDefaultPageSize;
    std::optional<SecretValue> m_credential;
    QHash<QString, QByteArray> m_authorization; // by scope ("" for Basic, which covers all)
};

} // namespace stella
