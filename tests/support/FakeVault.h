// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "LoopbackHttpServer.h"

#include <QJsonObject>

namespace stella::test {

// HashiCorp Vault's HTTP API as published, on loopback: KV version 2 (GET/POST/PATCH
// /v1/<mount>/data/<path>), sys/health in each of the node states it documents with the query
// parameters that change their status codes, auth/token/lookup-self, and
// sys/internal/ui/mounts/<path>; X-Vault-Token, X-Vault-Namespace, {"errors": [...]} bodies,
// 403 for a wrong token, 404 with an empty errors list, 503 while sealed.
class FakeVault : public QObject
{
    Q_OBJECT

public:
    // What sys/health tells apart, each with its default status code.
    enum class NodeState
    {
        Active,               // 200
        Standby,              // 429
        DrSecondary,          // 472
        PerformanceStandby,   // 473
        StandbyWithoutActive, // 474: a standby whose heartbeats to the active node fail
        Uninitialized,        // 501
        Sealed,               // 503
        Removed,              // 530: removed from its HA cluster
    };
    // What auth/token/lookup-self says about the token.
    struct Token
    {
        QString displayName = QStringLiteral("token-stella-integrations");
        QString type = QStringLiteral("service");
        QStringList policies{QStringLiteral("default"), QStringLiteral("stella-read")};
        qint64 ttlSeconds = 32 * 86400; // 0: no TTL (a root token)
        bool renewable = true;
        bool mayLookUpSelf = true; // false: created with -no-default-policy
    };

    explicit FakeVault(QByteArray token, QString mount = QStringLiteral("secret"),
                       QObject *parent = nullptr);

    bool listen() { return m_http.listen(); }
    QUrl url() const { return m_http.url(); }
    QList<LoopbackHttpServer::Request> requests() const { return m_http.requests(); }

    void put(const QString &path, const QJsonObject &data) { m_secrets.insert(path, data); }
    QJsonObject secret(const QString &path) const { return m_secrets.value(path); }
    void setSealed(bool sealed) { m_state = sealed ? NodeState::Sealed : NodeState::Active; }
    void setState(NodeState state) { m_state = state; }
    void setRequiredNamespace(const QByteArray &ns) { m_namespace = ns; }
    void setToken(const Token &token) { m_tokenInfo = token; }
    void setVersion(const QString &version) { m_version = version; }
    // A secrets engine at `path` ("kv/"): a KV mount of version "1" or "2", or another type.
    void addMount(const QString &path, const QString &type, const QString &kvVersion = {});
    void removeMount(const QString &path) { m_mounts.remove(path); }

    // The answer to one request, for a scenario that serves Vault from its own server.
    LoopbackHttpServer::Response answer(const LoopbackHttpServer::Request &request);

    // The default status code of a state.
    static int defaultStatus(NodeState state);

private:
    LoopbackHttpServer::Response health(const LoopbackHttpServer::Request &request) const;
    LoopbackHttpServer::Response lookupSelf() const;
    LoopbackHttpServer::Response mount(const QString &path) const;
    LoopbackHttpServer::Response kv(const LoopbackHttpServer::Request &request);

    struct Mount
    {
        QString type;
        QString kvVersion;
    };

    LoopbackHttpServer m_http;
    QByteArray m_token;
    QString m_mount;
    QByteArray m_namespace;
    NodeState m_state = NodeState::Active;
    Token m_tokenInfo;
    QString m_version = QStringLiteral("1.17.2");
    QHash<QString, Mount> m_mounts;
    QHash<QString, QJsonObject> m_secrets;
    QHash<QString, int> m_versions;
};

} // namespace stella::test
