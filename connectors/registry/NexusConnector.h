// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectors/registry/RegistryConnector.h"

namespace stella {

// Sonatype Nexus Repository 3 REST API: /service/rest/v1/status and status/writable for health,
// the Server header (Nexus/3.x.y) to identify it, /service/rest/v1/repositories (the docker-
// format ones are the registries, or the configured `repository`), and components with
// continuationToken pagination for tags (a docker component is an image name and a version,
// which is the tag). Basic auth.
class NexusConnector : public RegistryConnector
{
public:
    NexusConnector(const Integration &integration, const ConnectorContext &context);

    ConnectorOperation *testConnection(QObject *parent) override;
    ConnectorOperation *checkHealth(QObject *parent) override;

    // "Nexus/3.61.0-02 (OSS)" -> "3.61.0-02 (OSS)"; empty when the header is not Nexus's.
    static QString versionFromServerHeader(const QByteArray &server);

protected:
    Result<HttpHeaders> credentialHeaders() const override { return basicCredentialHeaders(); }
    void listRepositories(ConnectorOperation *op, RepositoriesHandler onPage,
                          std::function<void()> onEnd) override;
    void listTags(ConnectorOperation *op, const RepositoryRef &repository, TagsHandler onPage,
                  std::function<void()> onEnd) override;
    bool repositoriesHoldImages() const override { return true; }

private:
    QUrl rest(const QString &pathAndQuery) const;
    QUrl componentsUrl(const QString &repository) const;
    // The docker-format repositories of a /repositories answer (only the configured one when
    // set), or why there are none to use.
    Result<QList<RepositoryRef>> dockerRepositories(const HttpResponse &response) const;
    void checkPermission(ConnectorOperation *op, const QList<RepositoryRef> &docker);

    QString m_repository;
};

} // namespace stella
