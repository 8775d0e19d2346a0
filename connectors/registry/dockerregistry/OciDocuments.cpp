// SPDX-License-Identifier: Apache-2.0
#include "OciDocuments.h"

#include "connectors/http/HttpAnswers.h"

#include <QCoreApplication>

namespace stella::oci {

namespace {
struct OciDocumentsText
{
    Q_DECLARE_TR_FUNCTIONS(stella::DockerRegistryConnector)
};
} // namespace

namespace {
Result<QStringList> stringsAt(const HttpResponse &response, const QString &what, const QString &key)
{
    auto body = http::jsonObject(response, what);
    if (!body)
        return body.error();
    QStringList out;
    for (const QJsonValue &v : body->value(key).toArray())
        out.append(v.toString());
    return out;
}
} // namespace

Result<QStringList> readCatalog(const HttpResponse &response)
{
    return stringsAt(response, QStringLiteral("GET /v2/_catalog"), QStringLiteral("repositories"));
}

Result<QStringList> readTags(const HttpResponse &response, const QString &repository)
{
    return stringsAt(response, QStringLiteral("GET /v2/%1/tags/list").arg(repository),
                     QStringLiteral("tags"));
}

Result<QString> readToken(const HttpResponse &response, const QString &host)
{
    auto body = http::jsonObject(response, OciDocumentsText::tr("Token answer from %1").arg(host));
    if (!body)
        return body.error();
    QString token = body->value(QStringLiteral("token")).toString();
    if (token.isEmpty())
        token = body->value(QStringLiteral("access_token")).toString();
    if (token.isEmpty())
        return Error::failed(
            OciDocumentsText::tr("The token answer from %1 holds no token").arg(host));
    return token;
}

} // namespace stella::oci
