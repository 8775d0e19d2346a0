// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QStringList>

namespace stella {

// One field of a provider's configuration. Forms in the console and validation in the core are
// both generated from these, so they cannot disagree.
struct ConfigField
{
    enum class Kind
    {
        Url,
        String,
        Int,
        Bool,
        Enum,
        Duration
    };

    QString key;
    QString label;
    Kind kind = Kind::String;
    bool required = false;
    QJsonValue defaultValue; // Undefined when there is none
    QString help;
    QStringList enumValues; // Kind::Enum only
    qint64 minimum = 0;     // Kind::Int; Kind::Duration in milliseconds
    qint64 maximum = 0;     // likewise; minimum == maximum means unbounded
};

QString toString(ConfigField::Kind kind);

struct ConfigSchema
{
    QList<ConfigField> fields;

    const ConfigField *field(const QString &key) const;
    QStringList keys() const;

    // Every problem with a configuration, one message per problem, keyed messages first.
    QStringList validate(const QJsonObject &config) const;
    // The problem with one value of one field, or an empty string when it is valid.
    static QString validateValue(const ConfigField &field, const QJsonValue &value);
    // The configuration with each missing field set to its default.
    QJsonObject withDefaults(const QJsonObject &config) const;
};

// Durations in configuration are written "250ms", "30s", "5m", "2h" or "1d".
std::optional<qint64> parseDurationMs(const QString &text);
// The shortest exact spelling parseDurationMs reads back: 300000 -> "5m", 1500 -> "1500ms".
QString formatDurationMs(qint64 ms);

// http(s) URL with a host: the only endpoints a connector can reach. Returns the problem or "".
QString validateHttpUrl(const QString &text);

} // namespace stella
