// SPDX-License-Identifier: Apache-2.0
#include "FakeVault.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace stella::test {

namespace {
using Response = LoopbackHttpServer::Response;

Response errors(int status, const QStringList &messages)
{
    return Response::json(status, QJsonDocument(QJsonObject{{QStringLiteral("errors"),
                                                             QJsonArray::fromStringList(messages)}})
                                      .toJson(QJsonDocument::Compact));
}

QJsonObject metadata(int version)
{
    return {{QStringLiteral("created_time"), QStringLiteral("2026-01-15T10:00:00.000000000Z")},
            {QStringLiteral("custom_metadata"), QJsonValue::Null},
            {QStringLiteral("deletion_time"), QString()},
            {QStringLiteral("destroyed"), false},
            {QStringLiteral("version"), version}};
}

Response envelope(const QJsonObject &data)
{
    const QJsonObject body{
        {QStringLiteral("request_id"), QStringLiteral("8d6c1c2e-0000-4000-8000-000000000001")},
        {QStringLiteral("lease_id"), QString()},
        {QStringLiteral("renewable"), false},
        {QStringLiteral("lease_duration"), 0},
        {QStringLiteral("data"), data},
        {QStringLiteral("wrap_info"), QJsonValue::Null},
        {QStringLiteral("warnings"), QJsonValue::Null},
        {QStringLiteral("auth"), QJsonValue::Null}};
    return Response::json(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
}
} // namespace

FakeVault::FakeVault(QByteArray token, QString mount, QObject *parent)
    : QObject(parent), m_http([this](const auto &r) { return handle(r); }),
      m_token(std::move(token)), m_mount(std::move(mount))
{}

LoopbackHttpServer::Response FakeVault::handle(const LoopbackHttpServer::Request &request)
{
    if (m_sealed)
        return errors(503, {QStringLiteral("Vault is sealed")});
    if (request.header("X-Vault-Token") != m_token)
        return errors(403, {QStringLiteral("permission denied")});
    if (!m_namespace.isEmpty() && request.header("X-Vault-Namespace") != m_namespace)
        return errors(403, {QStringLiteral("permission denied")});
    const QString prefix = QStringLiteral("/v1/%1/data/").arg(m_mount);
    const QString path = QUrl::fromPercentEncoding(request.path());
    if (!path.startsWith(prefix))
        return errors(404, {});
    const QString secretPath = path.mid(prefix.size());

    if (request.method == "GET") {
        if (!m_secrets.contains(secretPath))
            return errors(404, {});
        return envelope({{QStringLiteral("data"), m_secrets.value(secretPath)},
                         {QStringLiteral("metadata"), metadata(m_versions.value(secretPath, 1))}});
    }
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    const QJsonObject data = body.value(QStringLiteral("data")).toObject();
    if (request.method == "POST" || request.method == "PUT") {
        m_secrets.insert(secretPath, data);
        m_versions[secretPath] += 1;
        return envelope(metadata(m_versions.value(secretPath)));
    }
    if (request.method == "PATCH") {
        if (request.header("Content-Type") != "application/merge-patch+json")
            return errors(415, {QStringLiteral("Unsupported Media Type")});
        if (!m_secrets.contains(secretPath))
            return errors(404, {});
        QJsonObject merged = m_secrets.value(secretPath);
        for (auto it = data.begin(); it != data.end(); ++it) {
            if (it.value().isNull())
                merged.remove(it.key());
            else
                merged.insert(it.key(), it.value());
        }
        m_secrets.insert(secretPath, merged);
        m_versions[secretPath] += 1;
        return envelope(metadata(m_versions.value(secretPath)));
    }
    return errors(405, {QStringLiteral("unsupported operation")});
}

} // namespace stella::test
