// SPDX-License-Identifier: Apache-2.0
#include "FakeVault.h"

#include "TestSupport.h"
#include "core/common/Clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

namespace stella::test {

namespace {
using Response = LoopbackHttpServer::Response;
using Request = LoopbackHttpServer::Request;

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

// sys/health's status-code parameter: absent (the default), an integer, or a 400.
std::optional<int> codeParameter(const QUrlQuery &query, const char *name, int fallback, bool *bad)
{
    const QString key = QLatin1String(name);
    if (!query.hasQueryItem(key))
        return fallback;
    bool ok = false;
    const int code = query.queryItemValue(key).toInt(&ok);
    if (!ok)
        *bad = true;
    return ok ? std::optional<int>(code) : std::nullopt;
}

// parseutil.ParseBool, as Vault reads standbyok and perfstandbyok.
std::optional<bool> boolParameter(const QUrlQuery &query, const char *name, bool *bad)
{
    const QString key = QLatin1String(name);
    if (!query.hasQueryItem(key))
        return false;
    const QString v = query.queryItemValue(key).toLower();
    if (v == QLatin1String("1") || v == QLatin1String("t") || v == QLatin1String("true"))
        return true;
    if (v == QLatin1String("0") || v == QLatin1String("f") || v == QLatin1String("false"))
        return false;
    *bad = true;
    return std::nullopt;
}
} // namespace

FakeVault::FakeVault(QByteArray token, QString mount, QObject *parent)
    : QObject(parent), m_http([this](const auto &r) { return answer(r); }),
      m_token(std::move(token)), m_mount(std::move(mount))
{
    addMount(m_mount + QLatin1Char('/'), QStringLiteral("kv"), QStringLiteral("2"));
    addMount(QStringLiteral("cubbyhole/"), QStringLiteral("cubbyhole"));
}

void FakeVault::addMount(const QString &path, const QString &type, const QString &kvVersion)
{
    m_mounts.insert(path.endsWith(QLatin1Char('/')) ? path : path + QLatin1Char('/'),
                    {type, kvVersion});
}

int FakeVault::defaultStatus(NodeState state)
{
    switch (state) {
    case NodeState::Active:
        return 200;
    case NodeState::Standby:
        return 429;
    case NodeState::DrSecondary:
        return 472;
    case NodeState::PerformanceStandby:
        return 473;
    case NodeState::StandbyWithoutActive:
        return 474;
    case NodeState::Uninitialized:
        return 501;
    case NodeState::Sealed:
        return 503;
    case NodeState::Removed:
        return 530;
    }
    return 500;
}

Response FakeVault::health(const Request &request) const
{
    const QUrlQuery query(QString::fromUtf8(request.target.mid(request.path().size() + 1)));
    bool bad = false;
    const auto standbyOk = boolParameter(query, "standbyok", &bad);
    const auto perfStandbyOk = boolParameter(query, "perfstandbyok", &bad);
    const auto activeCode = codeParameter(query, "activecode", 200, &bad);
    const auto standbyCode = codeParameter(query, "standbycode", 429, &bad);
    const auto drCode = codeParameter(query, "drsecondarycode", 472, &bad);
    const auto perfCode = codeParameter(query, "performancestandbycode", 473, &bad);
    const auto haCode = codeParameter(query, "haunhealthycode", 474, &bad);
    const auto uninitCode = codeParameter(query, "uninitcode", 501, &bad);
    const auto sealedCode = codeParameter(query, "sealedcode", 503, &bad);
    const auto removedCode = codeParameter(query, "removedcode", 530, &bad);
    if (bad)
        return errors(400, {});

    const bool initialized = m_state != NodeState::Uninitialized;
    const bool sealed = m_state == NodeState::Uninitialized || m_state == NodeState::Sealed ||
                        m_state == NodeState::Removed;
    const bool perfStandby = m_state == NodeState::PerformanceStandby;
    // A sealed node reports itself a standby; so do the standbys.
    const bool standby = sealed || m_state == NodeState::Standby || perfStandby ||
                         m_state == NodeState::StandbyWithoutActive;
    int code = *activeCode;
    switch (m_state) {
    case NodeState::Uninitialized:
        code = *uninitCode;
        break;
    case NodeState::Sealed:
        code = *sealedCode;
        break;
    case NodeState::Removed:
        code = *removedCode;
        break;
    case NodeState::DrSecondary:
        code = *drCode;
        break;
    case NodeState::PerformanceStandby:
        code = *perfStandbyOk ? *activeCode : *perfCode;
        break;
    case NodeState::StandbyWithoutActive:
        code = *haCode;
        break;
    case NodeState::Standby:
        code = *standbyOk ? *activeCode : *standbyCode;
        break;
    case NodeState::Active:
        break;
    }
    QJsonObject body{{QStringLiteral("initialized"), initialized},
                     {QStringLiteral("sealed"), sealed},
                     {QStringLiteral("standby"), standby},
                     {QStringLiteral("performance_standby"), perfStandby},
                     {QStringLiteral("replication_performance_mode"),
                      sealed ? QStringLiteral("unknown") : QStringLiteral("disabled")},
                     {QStringLiteral("replication_dr_mode"),
                      sealed ? QStringLiteral("unknown")
                             : (m_state == NodeState::DrSecondary ? QStringLiteral("secondary")
                                                                  : QStringLiteral("disabled"))},
                     {QStringLiteral("server_time_utc"), fixedNow().toSecsSinceEpoch()},
                     {QStringLiteral("version"), m_version},
                     {QStringLiteral("enterprise"), m_version.contains(QLatin1String("+ent"))},
                     {QStringLiteral("echo_duration_ms"), 0},
                     {QStringLiteral("clock_skew_ms"), 0},
                     {QStringLiteral("removed_from_cluster"), m_state == NodeState::Removed}};
    if (!sealed) {
        body.insert(QStringLiteral("cluster_name"), QStringLiteral("vault-cluster-stella"));
        body.insert(QStringLiteral("cluster_id"),
                    QStringLiteral("995f749a-9bc3-fbe0-a185-ccba6999fc73"));
    }
    if (standby && !sealed) {
        const bool connected = m_state != NodeState::StandbyWithoutActive;
        body.insert(QStringLiteral("ha_connection_healthy"), connected);
        body.insert(QStringLiteral("last_request_forwarding_heartbeat_ms"),
                    connected ? 412 : 31000);
    }
    Response response = Response::json(code, QJsonDocument(body).toJson(QJsonDocument::Compact));
    // Vault sends the status line and headers only for HEAD.
    if (request.method == "HEAD")
        response.body.clear();
    return response;
}

Response FakeVault::lookupSelf() const
{
    if (!m_tokenInfo.mayLookUpSelf)
        return errors(403, {QStringLiteral("permission denied")});
    const QDateTime now = fixedNow();
    const bool expires = m_tokenInfo.ttlSeconds > 0;
    const QJsonValue expireTime = expires
                                      ? QJsonValue(formatUtc(now.addSecs(m_tokenInfo.ttlSeconds)))
                                      : QJsonValue(QJsonValue::Null);
    // As Vault answers lookup-self: the token's own id included, which a client must never show.
    return envelope(
        {{QStringLiteral("accessor"), QStringLiteral("8609694a-cdbc-db9b-d345-e782dbb562ed")},
         {QStringLiteral("creation_time"), now.toSecsSinceEpoch() - 3600},
         {QStringLiteral("creation_ttl"), expires ? m_tokenInfo.ttlSeconds + 3600 : 0},
         {QStringLiteral("display_name"), m_tokenInfo.displayName},
         {QStringLiteral("entity_id"), QString()},
         {QStringLiteral("expire_time"), expireTime},
         {QStringLiteral("explicit_max_ttl"), 0},
         {QStringLiteral("id"), QString::fromUtf8(m_token)},
         {QStringLiteral("issue_time"), formatUtc(now.addSecs(-3600))},
         {QStringLiteral("meta"), QJsonValue::Null},
         {QStringLiteral("num_uses"), 0},
         {QStringLiteral("orphan"), false},
         {QStringLiteral("path"),
          expires ? QStringLiteral("auth/token/create") : QStringLiteral("auth/token/root")},
         {QStringLiteral("policies"), QJsonArray::fromStringList(m_tokenInfo.policies)},
         {QStringLiteral("renewable"), m_tokenInfo.renewable},
         {QStringLiteral("ttl"), m_tokenInfo.ttlSeconds},
         {QStringLiteral("type"), m_tokenInfo.type}});
}

Response FakeVault::mount(const QString &path) const
{
    // The mount serving the path: "secret" and "secret/app/db" both name secret/.
    const QString asked = path.endsWith(QLatin1Char('/')) ? path : path + QLatin1Char('/');
    QString best;
    for (auto it = m_mounts.begin(); it != m_mounts.end(); ++it)
        if (asked.startsWith(it.key()) && it.key().size() > best.size())
            best = it.key();
    // The same 403 whether the mount is missing or the token may not use it.
    if (best.isEmpty())
        return errors(403, {QStringLiteral("preflight capability check returned 403, please "
                                           "ensure client's policies grant access to path \"%1\"")
                                .arg(asked)});
    const Mount &m = m_mounts.value(best);
    return envelope(
        {{QStringLiteral("accessor"), m.type + QStringLiteral("_a2b353d8")},
         {QStringLiteral("config"), QJsonObject{{QStringLiteral("default_lease_ttl"), 0},
                                                {QStringLiteral("force_no_cache"), false},
                                                {QStringLiteral("max_lease_ttl"), 0}}},
         {QStringLiteral("description"), QStringLiteral("key/value secret storage")},
         {QStringLiteral("external_entropy_access"), false},
         {QStringLiteral("local"), false},
         {QStringLiteral("options"),
          m.kvVersion.isEmpty()
              ? QJsonValue(QJsonValue::Null)
              : QJsonValue(QJsonObject{{QStringLiteral("version"), m.kvVersion}})},
         {QStringLiteral("path"), best},
         {QStringLiteral("seal_wrap"), false},
         {QStringLiteral("type"), m.type},
         {QStringLiteral("uuid"), QStringLiteral("4bb40403-d9ba-d2ee-087a-4c6d371db5f2")}});
}

LoopbackHttpServer::Response FakeVault::answer(const Request &request)
{
    const QString path = QUrl::fromPercentEncoding(request.path());
    if (path == QLatin1String("/v1/sys/health"))
        return health(request);
    if (m_state == NodeState::Uninitialized || m_state == NodeState::Sealed ||
        m_state == NodeState::Removed)
        return errors(503, {QStringLiteral("Vault is sealed")});
    if (request.header("X-Vault-Token") != m_token)
        return errors(403, {QStringLiteral("permission denied")});
    if (!m_namespace.isEmpty() && request.header("X-Vault-Namespace") != m_namespace)
        return errors(403, {QStringLiteral("permission denied")});
    if (m_state == NodeState::StandbyWithoutActive)
        return errors(500, {QStringLiteral("local node not active but active cluster node not "
                                           "found")});
    if (path == QLatin1String("/v1/auth/token/lookup-self") && request.method == "GET")
        return lookupSelf();
    const QString uiMounts = QStringLiteral("/v1/sys/internal/ui/mounts/");
    if (path.startsWith(uiMounts) && request.method == "GET")
        return mount(path.mid(uiMounts.size()));
    return kv(request);
}

LoopbackHttpServer::Response FakeVault::kv(const Request &request)
{
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
