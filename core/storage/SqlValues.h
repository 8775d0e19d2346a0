// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/storage/Database.h"

#include <QDateTime>
#include <QJsonObject>
#include <QVariant>

namespace stella::sql {

// The catalog's tables store a time as the dialect keeps it best (docs/contracts.md §8):
// PostgreSQL a timestamptz (bound as a UTC QDateTime), SQLite ISO 8601 text in UTC. An invalid
// time is a NULL of the column's type, since QtSql binds an untyped NULL badly on PostgreSQL.
QVariant timeValue(Database::Dialect dialect, const QDateTime &time);
// Either form back as UTC; NULL as an invalid time.
QDateTime timeFrom(const QVariant &value);

// A JSON column's text: compact, so equal objects are stored alike.
QString compactJson(const QJsonObject &object);

} // namespace stella::sql
