// SPDX-License-Identifier: Apache-2.0
#include "SqlValues.h"

#include "core/common/Clock.h"

#include <QJsonDocument>

namespace stella::sql {

QVariant timeValue(Database::Dialect dialect, const QDateTime &time)
{
    if (!time.isValid())
        return dialect == Database::Dialect::Postgres ? QVariant(QMetaType(QMetaType::QDateTime))
                                                      : QVariant(QMetaType(QMetaType::QString));
    if (dialect == Database::Dialect::Postgres)
        return time.toUTC();
    return formatUtc(time);
}

QDateTime timeFrom(const QVariant &value)
{
    if (value.isNull())
        return {};
    if (value.typeId() == QMetaType::QDateTime)
        return value.toDateTime().toUTC();
    return parseUtc(value.toString());
}

QString compactJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace stella::sql
