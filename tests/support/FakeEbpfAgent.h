// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "LoopbackHttpServer.h"

namespace stella {
class ManualClock;
}

namespace stella::test {

// The Stella Ops eBPF agent's health endpoint as docs/providers.md decides it (Stella Ops
// publishes no agent API; its doctor probes an agent's /health): GET /health → 200
// {"status": "healthy"|"degraded", "version", "node", "message"}, 503 {"status": "unhealthy"};
// a Bearer token: 401 with WWW-Authenticate: Bearer to a missing or wrong one, 403 with
// error="insufficient_scope" to one without the read scope; JSON error bodies.
class FakeEbpfAgent : public QObject
{
    Q_OBJECT

public:
    explicit FakeEbpfAgent(QByteArray token, QString node = QStringLiteral("node-1"),
                           QObject *parent = nullptr);

    bool listen() { return m_http.listen(); }
    QUrl url() const { return m_http.url(); }
    QList<LoopbackHttpServer::Request> requests() const { return m_http.requests(); }

    // healthy, degraded or unhealthy, with the agent's reason.
    void setStatus(const QString &status, const QString &message = {})
    {
        m_status = status;
        m_message = message;
    }
    // A token the agent knows that lacks the read scope.
    void setScopelessToken(const QByteArray &token) { m_scopeless = token; }
    // Each answer first moves `clock` on by `ms`: the time the connector sees it take.
    void setAnswerTime(ManualClock *clock, qint64 ms)
    {
        m_clock = clock;
        m_answerMs = ms;
    }

    // The answer to one request, for a scenario that serves the agent from its own server.
    LoopbackHttpServer::Response answer(const LoopbackHttpServer::Request &request);

    static constexpr const char *kVersion = "1.4.2";

private:
    LoopbackHttpServer m_http;
    QByteArray m_token;
    QByteArray m_scopeless;
    QString m_node;
    QString m_status = QStringLiteral("healthy");
    QString m_message;
    ManualClock *m_clock = nullptr;
    qint64 m_answerMs = 0;
};

} // namespace stella::test
