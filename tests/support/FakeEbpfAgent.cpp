// SPDX-License-Identifier: Apache-2.0
#include "FakeEbpfAgent.h"

#include "core/common/Clock.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace stella::test {

namespace {
using Response = LoopbackHttpServer::Response;

Response refused(int status, const QByteArray &challenge, const QString &error)
{
    Response r = Response::json(status, QJsonDocument(QJsonObject{{QStringLiteral("error"), error}})
                                            .toJson(QJsonDocument::Compact));
    r.headers.append({"WWW-Authenticate", challenge});
    return r;
}
} // namespace

FakeEbpfAgent::FakeEbpfAgent(QByteArray token, QString node, QObject *parent)
    : QObject(parent), m_http([this](const auto &r) { return answer(r); }),
      m_token(std::move(token)), m_node(std::move(node))
{}

LoopbackHttpServer::Response FakeEbpfAgent::answer(const LoopbackHttpServer::Request &request)
{
    if (m_clock)
        m_clock->advanceMs(m_answerMs);
    if (request.path() != "/health")
        return Response::json(404, R"({"error":"not found"})");
    if (request.method != "GET" && request.method != "HEAD")
        return Response::json(405, R"({"error":"method not allowed"})");
    const QByteArray authorization = request.header("Authorization");
    const QByteArray token =
        authorization.startsWith("Bearer ") ? authorization.mid(7) : QByteArray();
    if (!m_token.isEmpty()) {
        if (token.isEmpty())
            return refused(401, "Bearer realm=\"stella-ops-agent\"",
                           QStringLiteral("unauthorized"));
        if (!m_scopeless.isEmpty() && token == m_scopeless)
            return refused(403,
                           "Bearer realm=\"stella-ops-agent\", error=\"insufficient_scope\", "
                           "scope=\"agent:read\"",
                           QStringLiteral("insufficient_scope"));
        if (token != m_token)
            return refused(401, "Bearer realm=\"stella-ops-agent\", error=\"invalid_token\"",
                           QStringLiteral("invalid_token"));
    }
    QJsonObject body{{QStringLiteral("status"), m_status},
                     {QStringLiteral("version"), QLatin1String(kVersion)},
                     {QStringLiteral("node"), m_node}};
    if (!m_message.isEmpty())
        body.insert(QStringLiteral("message"), m_message);
    return Response::json(m_status == QLatin1String("unhealthy") ? 503 : 200,
                          QJsonDocument(body).toJson(QJsonDocument::Compact));
}

} // namespace stella::test
