// SPDX-License-Identifier: Apache-2.0
#include "VaultAnswers.h"

#include "connectors/http/HttpAnswers.h"
#include "core/credentials/VaultSecretStore.h"

#include <QCoreApplication>

namespace stella::vault {

namespace {
struct VaultAnswersText
{
    Q_DECLARE_TR_FUNCTIONS(stella::VaultConnector)
};
} // namespace

std::optional<NodeState> stateForStatus(int status)
{
    switch (status) {
    case 200:
        return NodeState::Active;
    case 429:
        return NodeState::Standby;
    case 472:
        return NodeState::DrSecondary;
    case 473:
        return NodeState::PerformanceStandby;
    case 474:
        return NodeState::StandbyWithoutActive;
    case 501:
        return NodeState::Uninitialized;
    case 503:
        return NodeState::Sealed;
    case 530:
        return NodeState::Removed;
    default:
        return std::nullopt;
    }
}

Result<NodeHealth> readHealth(const HttpResponse &response, const QString &endpoint)
{
    auto body = http::jsonObject(response, QStringLiteral("GET /v1/sys/health"));
    if (!body)
        return body.error();
    if (!body->value(QStringLiteral("initialized")).isBool() ||
        !body->value(QStringLiteral("sealed")).isBool())
        return Error::failed(
            VaultAnswersText::tr(
                "%1 is not Vault's HTTP API (GET /v1/sys/health → %2 without Vault's "
                "initialized and sealed fields)")
                .arg(endpoint)
                .arg(response.status),
            VaultAnswersText::tr(
                "Give Vault's address without /v1, e.g. https://vault.example.com:8200"));
    const std::optional<NodeState> state = stateForStatus(response.status);
    if (!state) {
        const QString said = VaultSecretStore::errorsIn(response.body);
        return Error::failed(
            VaultAnswersText::tr(
                "GET /v1/sys/health answered HTTP %1, which is none of Vault's health "
                "states%2")
                .arg(response.status)
                .arg(said.isEmpty() ? QString()
                                    : VaultAnswersText::tr(" (Vault says: %1)").arg(said)),
            VaultAnswersText::tr(
                "Check Vault's logs, or a proxy in front of it that rewrites answers"));
    }
    NodeHealth health;
    health.state = *state;
    health.status = response.status;
    // Vault's note: during cluster instability a DR secondary or a performance standby may
    // answer 429; the body still says which it is.
    if (health.state == NodeState::Standby) {
        if (body->value(QStringLiteral("replication_dr_mode")).toString() ==
            QLatin1String("secondary"))
            health.state = NodeState::DrSecondary;
        else if (body->value(QStringLiteral("performance_standby")).toBool())
            health.state = NodeState::PerformanceStandby;
    }
    health.version = body->value(QStringLiteral("version")).toString();
    health.clusterName = body->value(QStringLiteral("cluster_name")).toString();
    health.enterprise = body->value(QStringLiteral("enterprise")).toBool() ||
                        health.version.contains(QLatin1String("+ent"));
    return health;
}

Result<TokenFields> readTokenFields(const HttpResponse &response)
{
    auto body = http::jsonObject(response, QStringLiteral("GET /v1/auth/token/lookup-self"));
    if (!body)
        return body.error();
    const QJsonObject data = body->value(QStringLiteral("data")).toObject();
    if (data.isEmpty() || !data.contains(QStringLiteral("policies")))
        return Error::failed(
            VaultAnswersText::tr(
                "GET /v1/auth/token/lookup-self answered without the token's data"),
            VaultAnswersText::tr("Check that the endpoint is Vault's address"));
    TokenFields info;
    info.displayName = data.value(QStringLiteral("display_name")).toString();
    info.type = data.value(QStringLiteral("type")).toString();
    for (const QJsonValue &p : data.value(QStringLiteral("policies")).toArray())
        info.policies.append(p.toString());
    info.ttlSeconds = data.value(QStringLiteral("ttl")).toInteger();
    info.renewable = data.value(QStringLiteral("renewable")).toBool();
    return info;
}

} // namespace stella::vault
