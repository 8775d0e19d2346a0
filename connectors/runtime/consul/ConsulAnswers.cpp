// SPDX-License-Identifier: Apache-2.0
#include "ConsulAnswers.h"

#include "connectors/http/HttpAnswers.h"
#include "core/common/LogRedaction.h"

#include <QCoreApplication>

namespace stella::consul {

namespace {
struct ConsulAnswersText
{
    Q_DECLARE_TR_FUNCTIONS(stella::ConsulConnector)
};
} // namespace

QString consulSays(const HttpResponse &response)
{
    QString said = http::serverMessage(response);
    // serverMessage keeps short bodies only; Consul's plain text is its message however long.
    if (said.isEmpty() && response.header("Content-Type").startsWith("text/plain"))
        said = redactSecrets(QString::fromUtf8(response.body.left(400)).simplified()).left(200);
    return said.isEmpty() ? QString() : ConsulAnswersText::tr(" (Consul says: %1)").arg(said);
}

Result<QString> leaderFrom(const HttpResponse &response)
{
    const QString what = QStringLiteral("GET /v1/status/leader");
    // A bare JSON string is not a document QJsonDocument reads: wrap it in a list.
    HttpResponse wrapped = response;
    wrapped.body = '[' + response.body.trimmed() + ']';
    auto list = http::jsonArray(wrapped, what);
    if (!list || list->size() != 1 || !list->first().isString())
        return Error::failed(
            ConsulAnswersText::tr("%1: %2 (Consul answers the leader's address as a "
                                  "JSON string)")
                .arg(what, http::bodyHint(response)),
            ConsulAnswersText::tr("Check that the endpoint is the Consul HTTP API "
                                  "address, e.g. https://consul.example.com:8501"));
    return list->first().toString();
}

Result<AgentInfo> readAgent(const HttpResponse &response)
{
    auto body = http::jsonObject(response, QStringLiteral("GET /v1/agent/self"));
    if (!body)
        return body.error();
    const QJsonObject config = body->value(QStringLiteral("Config")).toObject();
    if (!config.value(QStringLiteral("Version")).isString())
        return Error::failed(
            ConsulAnswersText::tr(
                "GET /v1/agent/self answered without Config.Version: not a Consul "
                "agent"),
            ConsulAnswersText::tr("Check that the endpoint is the Consul HTTP API address"));
    return AgentInfo{config.value(QStringLiteral("Version")).toString(),
                     config.value(QStringLiteral("Datacenter")).toString(),
                     config.value(QStringLiteral("NodeName")).toString()};
}

} // namespace stella::consul
