// SPDX-License-Identifier: Apache-2.0
#include "FakeConsul.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace stella::test {

namespace {
using Response = LoopbackHttpServer::Response;
using Request = LoopbackHttpServer::Request;

const QByteArray kAccessorId = "e1f3a2b4-6c5d-4e7f-8a9b-0c1d2e3f4a5b";

Response text(int status, const QByteArray &body)
{
    return Response{status, {{"Content-Type", "text/plain; charset=utf-8"}}, body};
}

QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}
} // namespace

FakeConsul::FakeConsul(QByteArray token, QObject *parent)
    : QObject(parent), m_http([this](const auto &r) { return answer(r); }),
      m_token(std::move(token))
{}

QByteArray FakeConsul::tokenOf(const Request &request) const
{
    const QByteArray header = request.header("X-Consul-Token");
    if (!header.isEmpty())
        return header;
    const QByteArray authorization = request.header("Authorization");
    return authorization.startsWith("Bearer ") ? authorization.mid(7) : QByteArray();
}

Response FakeConsul::withPolicyHeader(Response response) const
{
    // Every answer since Consul 1.9, ACLs disabled too (then "allow").
    response.headers.append({QByteArray("X-Consul-Default-Acl-Policy"),
                             QByteArray(m_acl == Acl::DefaultDeny ? "deny" : "allow")});
    return response;
}

std::optional<Response> FakeConsul::refuseAgentRead(const Request &request) const
{
    if (m_acl == Acl::Disabled)
        return std::nullopt;
    const QByteArray token = tokenOf(request);
    if (!token.isEmpty() && token != m_token)
        return text(403, "ACL not found");
    const bool anonymous = token.isEmpty();
    const bool allowed = anonymous ? m_acl == Acl::DefaultAllow : m_tokenMayReadAgent;
    if (allowed)
        return std::nullopt;
    return text(403, QByteArray("Permission denied: ") +
                         (anonymous ? QByteArray("anonymous token")
                                    : QByteArray("token with AccessorID '") + kAccessorId + "'") +
                         " lacks permission 'agent:read' on \"" + kNode + "\"");
}

Response FakeConsul::answer(const Request &request) const
{
    const QByteArray path = request.path();
    const QUrlQuery query(QString::fromUtf8(request.target.mid(path.size() + 1)));
    if (request.method != "GET")
        return withPolicyHeader(text(405, "method not allowed"));
    if (path == "/v1/status/leader") {
        // No ACL needed; another datacenter is reached through the servers' WAN pool.
        const QString dc = query.queryItemValue(QStringLiteral("dc"));
        if (!dc.isEmpty() && dc != QLatin1String("dc1") && dc != QLatin1String("dc2"))
            return withPolicyHeader(text(500, "No path to datacenter"));
        return withPolicyHeader(Response::json(200, '"' + m_leader.toUtf8() + '"'));
    }
    if (path == "/v1/agent/self") {
        if (auto refused = refuseAgentRead(request))
            return withPolicyHeader(*refused);
        const QJsonObject config{
            {QStringLiteral("Datacenter"), QStringLiteral("dc1")},
            {QStringLiteral("PrimaryDatacenter"), QStringLiteral("dc1")},
            {QStringLiteral("NodeName"), QLatin1String(kNode)},
            {QStringLiteral("NodeID"), QStringLiteral("9d754d17-d864-b1d3-e758-f3fe25a9874f")},
            {QStringLiteral("Revision"), QStringLiteral("33e5727a")},
            {QStringLiteral("Server"), true},
            {QStringLiteral("Version"), QLatin1String(kVersion)},
            {QStringLiteral("BuildDate"), QStringLiteral("2025-01-03T14:38:40Z")}};
        const QJsonObject member{{QStringLiteral("Name"), QLatin1String(kNode)},
                                 {QStringLiteral("Addr"), QStringLiteral("10.1.10.12")},
                                 {QStringLiteral("Port"), 8301},
                                 {QStringLiteral("Status"), 1}};
        return withPolicyHeader(
            Response::json(200, compactJson({{QStringLiteral("Config"), config},
                                             {QStringLiteral("DebugConfig"), QJsonObject{}},
                                             {QStringLiteral("Coord"), QJsonObject{}},
                                             {QStringLiteral("Member"), member},
                                             {QStringLiteral("Stats"), QJsonObject{}},
                                             {QStringLiteral("Meta"), QJsonObject{}}})));
    }
    if (path == "/v1/acl/token/self") {
        if (m_acl == Acl::Disabled)
            return withPolicyHeader(text(401, "ACL support disabled"));
        const QByteArray token = tokenOf(request);
        if (!token.isEmpty() && token != m_token)
            return withPolicyHeader(text(403, "ACL not found"));
        const bool anonymous = token.isEmpty();
        QJsonArray policies;
        if (!anonymous)
            policies.append(QJsonObject{
                {QStringLiteral("ID"), QStringLiteral("165d4317-e379-f732-ce70-86278c4558f7")},
                {QStringLiteral("Name"), QStringLiteral("stella-read")}});
        return withPolicyHeader(Response::json(
            200,
            compactJson(
                {{QStringLiteral("AccessorID"),
                  anonymous ? QStringLiteral("00000000-0000-0000-0000-000000000002")
                            : QString::fromLatin1(kAccessorId)},
                 // As Consul answers: the caller's own secret, which a client must never show.
                 {QStringLiteral("SecretID"),
                  anonymous ? QStringLiteral("anonymous") : QString::fromUtf8(m_token)},
                 {QStringLiteral("Description"), anonymous ? QStringLiteral("Anonymous Token")
                                                           : QStringLiteral("stella-integrations")},
                 {QStringLiteral("Policies"), policies},
                 {QStringLiteral("Local"), false},
                 {QStringLiteral("CreateTime"), QStringLiteral("2026-01-10T09:00:00Z")},
                 {QStringLiteral("Hash"),
                  QStringLiteral("UuiRkOQPRCvoRZHRtUxxbrmwZ5crYrOdZ0Z1FTFbTbA=")},
                 {QStringLiteral("CreateIndex"), 59},
                 {QStringLiteral("ModifyIndex"), 59}})));
    }
    return withPolicyHeader(text(404, "404 page not found"));
}

} // namespace stella::test
