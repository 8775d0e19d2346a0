// SPDX-License-Identifier: Apache-2.0
#include "HarborDocuments.h"

namespace stella::harbor {

namespace {
// Components without which Harbor cannot serve images at all.
bool isEssential(const QString &component)
{
    return component == QLatin1String("core") || component == QLatin1String("database") ||
           component == QLatin1String("registry") || component == QLatin1String("portal");
}
} // namespace

QStringList unhealthyComponents(const QJsonObject &health, bool *essential)
{
    QStringList out;
    *essential = false;
    for (const QJsonValue &v : health.value(QStringLiteral("components")).toArray()) {
        const QJsonObject c = v.toObject();
        if (c.value(QStringLiteral("status")).toString() == QLatin1String("healthy"))
            continue;
        const QString name = c.value(QStringLiteral("name")).toString();
        const QString error = c.value(QStringLiteral("error")).toString();
        out.append(error.isEmpty() ? name : QStringLiteral("%1 (%2)").arg(name, error.left(120)));
        *essential = *essential || isEssential(name);
    }
    return out;
}

QList<RepositoryRef> repositoriesFrom(const QJsonArray &repositories)
{
    QList<RepositoryRef> page;
    for (const QJsonValue &v : repositories) {
        const QJsonObject r = v.toObject();
        page.append({r.value(QStringLiteral("name")).toString(),
                     {{QStringLiteral("artifactCount"), r.value(QStringLiteral("artifact_count"))},
                      {QStringLiteral("pullCount"), r.value(QStringLiteral("pull_count"))},
                      {QStringLiteral("updatedAt"), r.value(QStringLiteral("update_time"))}}});
    }
    return page;
}

QList<TagRef> tagsFrom(const QJsonArray &artifacts)
{
    QList<TagRef> page;
    for (const QJsonValue &v : artifacts) {
        const QJsonObject a = v.toObject();
        for (const QJsonValue &t : a.value(QStringLiteral("tags")).toArray())
            page.append(
                {t.toObject().value(QStringLiteral("name")).toString(),
                 {{QStringLiteral("digest"), a.value(QStringLiteral("digest"))},
                  {QStringLiteral("pushedAt"), t.toObject().value(QStringLiteral("push_time"))}},
                 {}});
    }
    return page;
}

} // namespace stella::harbor
