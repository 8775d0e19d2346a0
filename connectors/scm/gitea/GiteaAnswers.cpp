// SPDX-License-Identifier: Apache-2.0
#include "GiteaAnswers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace stella::gitea {

QString giteaMessage(const HttpResponse &response)
{
    const QJsonObject body = QJsonDocument::fromJson(response.body).object();
    QStringList said;
    if (const QString message = body.value(QStringLiteral("message")).toString();
        !message.isEmpty())
        said.append(message);
    for (const QJsonValue &e : body.value(QStringLiteral("errors")).toArray())
        if (e.isString() && !e.toString().isEmpty())
            said.append(e.toString());
    const QString text = said.join(QStringLiteral(": ")).simplified();
    return text.size() > 200 ? text.left(200) + QStringLiteral("…") : text;
}

} // namespace stella::gitea
