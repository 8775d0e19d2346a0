// SPDX-License-Identifier: Apache-2.0
#include "NexusDocuments.h"

#include "connectors/http/HttpAnswers.h"

#include <QCoreApplication>

namespace stella::nexus {

namespace {
struct NexusDocumentsText
{
    Q_DECLARE_TR_FUNCTIONS(stella::NexusConnector)
};
} // namespace

Result<QList<RepositoryRef>> dockerRepositoriesFrom(const QJsonArray &repositories,
                                                    const QString &configured)
{
    QList<RepositoryRef> docker;
    QString configuredFormat;
    for (const QJsonValue &v : repositories) {
        const QJsonObject r = v.toObject();
        const QString name = r.value(QStringLiteral("name")).toString();
        const QString format = r.value(QStringLiteral("format")).toString();
        if (!configured.isEmpty() && name != configured)
            continue;
        if (!configured.isEmpty())
            configuredFormat = format;
        if (format == QLatin1String("docker"))
            docker.append({name,
                           {{QStringLiteral("type"), r.value(QStringLiteral("type"))},
                            {QStringLiteral("url"), r.value(QStringLiteral("url"))}}});
    }
    if (!configured.isEmpty() && docker.isEmpty())
        return configuredFormat.isEmpty()
                   ? Error::notFound(NexusDocumentsText::tr(
                                         "Nexus has no repository '%1' that this user can see")
                                         .arg(configured),
                                     NexusDocumentsText::tr(
                                         "Check the repository name in the integration's config "
                                         "and the user's nx-repository-view privileges"))
                   : Error::invalidInput(
                         NexusDocumentsText::tr(
                             "Nexus repository '%1' is a %2 repository, not a docker one")
                             .arg(configured, configuredFormat),
                         NexusDocumentsText::tr("Give a docker-format repository"));
    return docker;
}

Result<ComponentsPage> readComponents(const HttpResponse &response, const QString &what)
{
    auto body = http::jsonObject(response, what);
    if (!body)
        return body.error();
    ComponentsPage page;
    for (const QJsonValue &v : body->value(QStringLiteral("items")).toArray()) {
        const QJsonObject c = v.toObject();
        page.tags.append({c.value(QStringLiteral("version")).toString(),
                          {{QStringLiteral("image"), c.value(QStringLiteral("name"))},
                           {QStringLiteral("id"), c.value(QStringLiteral("id"))}},
                          c.value(QStringLiteral("name")).toString()});
    }
    page.continuationToken = body->value(QStringLiteral("continuationToken")).toString();
    return page;
}

} // namespace stella::nexus
