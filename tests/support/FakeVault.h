// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "LoopbackHttpServer.h"

#include <QJsonObject>

namespace stella::test {

// HashiCorp Vault's KV version 2 HTTP API as published (GET/POST/PATCH
// /v1/<mount>/data/<path>, X-Vault-Token, X-Vault-Namespace, {"errors": [...]} bodies,
// 403 for a wrong token, 404 with an empty errors list, 503 while sealed), on loopback.
class FakeVault : public QObject
{
    Q_OBJECT

public:
    explicit FakeVault(QByteArray token, QString mount = QStringLiteral("secret"),
                       QObject *parent = nullptr);

    bool listen() { return m_http.listen(); }
    QUrl url() const { return m_http.url(); }
    QList<LoopbackHttpServer::Request> requests() const { return m_http.requests(); }

    void put(const QString &path, const QJsonObject &data) { m_secrets.insert(path, data); }
    QJsonObject secret(const QString &path) const { return m_secrets.value(path); }
    void setSealed(bool sealed) { m_sealed = sealed; }
    void setRequiredNamespace(const QByteArray &ns) { m_namespace = ns; }

private:
    LoopbackHttpServer::Response handle(const LoopbackHttpServer::Request &request);

    LoopbackHttpServer m_http;
    QByteArray m_token;
    QString m_mount;
    QByteArray m_namespace;
    bool m_sealed = false;
    QHash<QString, QJsonObject> m_secrets;
    QHash<QString, int> m_versions;
};

} // namespace stella::test
