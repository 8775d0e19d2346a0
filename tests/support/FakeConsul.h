// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "LoopbackHttpServer.h"

namespace stella::test {

// HashiCorp Consul's HTTP API as published, on loopback: /v1/status/leader (the leader's
// address as a JSON string, "" without one; `dc`), /v1/agent/self (agent:read),
// /v1/acl/token/self (no ACL needed); X-Consul-Token or Authorization: Bearer; the
// X-Consul-Default-Acl-Policy header on every answer, ACLs disabled too; plain-text errors:
// 403 "ACL not found" to an unknown token, 403 "Permission denied: …" to a token that lacks a
// permission, 401 "ACL support disabled" from the ACL endpoints when ACLs are off, 500 "No path
// to datacenter" for an unknown `dc`.
class FakeConsul : public QObject
{
    Q_OBJECT

public:
    enum class Acl
    {
        Disabled,
        DefaultAllow,
        DefaultDeny,
    };

    explicit FakeConsul(QByteArray token, QObject *parent = nullptr);

    bool listen() { return m_http.listen(); }
    QUrl url() const { return m_http.url(); }
    QList<LoopbackHttpServer::Request> requests() const { return m_http.requests(); }

    // The leader's address; "" for a cluster without one.
    void setLeader(const QString &leader) { m_leader = leader; }
    void setAcl(Acl acl) { m_acl = acl; }
    // false: the token exists but its policies grant no agent:read.
    void setTokenMayReadAgent(bool may) { m_tokenMayReadAgent = may; }

    // The answer to one request, for a scenario that serves Consul from its own server.
    LoopbackHttpServer::Response answer(const LoopbackHttpServer::Request &request) const;

    static constexpr const char *kNode = "consul-server-1";
    static constexpr const char *kVersion = "1.20.2";

private:
    LoopbackHttpServer::Response withPolicyHeader(LoopbackHttpServer::Response response) const;
    // Empty when the caller may read the agent, else Consul's refusal.
    std::optional<LoopbackHttpServer::Response>
    refuseAgentRead(const LoopbackHttpServer::Request &request) const;
    QByteArray tokenOf(const LoopbackHttpServer::Request &request) const;

    LoopbackHttpServer m_http;
    QByteArray m_token;
    QString m_leader = QStringLiteral("10.1.10.12:8300");
    Acl m_acl = Acl::DefaultDeny;
    bool m_tokenMayReadAgent = true;
};

} // namespace stella::test
