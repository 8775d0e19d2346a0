// SPDX-License-Identifier: Apache-2.0
#include "ConfigSchema.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QUrl>
#include <cmath>

namespace stella {

namespace {
struct ConfigSchemaText
{
    Q_DECLARE_TR_FUNCTIONS(stella::ConfigSchema)
};
} // namespace

QString toString(ConfigField::Kind kind)
{
    switch (kind) {
    case ConfigField::Kind::Url:
        return QStringLiteral("url");
    case ConfigField::Kind::String:
        return QStringLiteral("string");
    case ConfigField::Kind::Int:
        return QStringLiteral("int");
    case ConfigField::Kind::Bool:
        return QStringLiteral("bool");
    case ConfigField::Kind::Enum:
        return QStringLiteral("enum");
    case ConfigField::Kind::Duration:
        return QStringLiteral("duration");
    }
    return {};
}

const ConfigField *ConfigSchema::field(const QString &key) const
{
    for (const ConfigField &f : fields)
        if (f.key == key)
            return &f;
    return nullptr;
}

QStringList ConfigSchema::keys() const
{
    QStringList k;
    for (const ConfigField &f : fields)
        k.append(f.key);
    return k;
}

std::optional<qint64> parseDurationMs(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^([0-9]{1,9})(ms|s|m|h|d)$"));
    const auto match = re.match(text.trimmed());
    if (!match.hasMatch())
        return std::nullopt;
    const qint64 n = match.captured(1).toLongLong();
    const QString unit = match.captured(2);
    if (unit == QLatin1String("ms"))
        return n;
    if (unit == QLatin1String("s"))
        return n * 1000;
    if (unit == QLatin1String("m"))
        return n * 60'000;
    if (unit == QLatin1String("h"))
        return n * 3'600'000;
    return n * 86'400'000;
}

QString formatDurationMs(qint64 ms)
{
    struct Unit
    {
        qint64 ms;
        const char *suffix;
    };
    static constexpr Unit units[] = {
        {86'400'000, "d"}, {3'600'000, "h"}, {60'000, "m"}, {1000, "s"}};
    for (const Unit &u : units)
        if (ms >= u.ms && ms % u.ms == 0)
            return QString::number(ms / u.ms) + QLatin1String(u.suffix);
    return QString::number(ms) + QLatin1String("ms");
}

QString validateHttpUrl(const QString &text)
{
    if (text.trimmed().isEmpty())
        return ConfigSchemaText::tr("is empty; give a URL such as https://registry.example.com");
    if (text != text.trimmed() || text.contains(QLatin1Char(' ')))
        return ConfigSchemaText::tr("'%1' contains spaces; remove them").arg(text);
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid())
        return ConfigSchemaText::tr("'%1' is not a valid URL (%2)").arg(text, url.errorString());
    const QString scheme = url.scheme().toLower();
    if (scheme.isEmpty() || !text.contains(QLatin1String("://")))
        return ConfigSchemaText::tr("'%1' has no scheme; write it as https://%1").arg(text);
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http"))
        return ConfigSchemaText::tr("'%1' uses the scheme '%2'; only http and https are supported")
            .arg(text, scheme);
    if (url.host().isEmpty())
        return ConfigSchemaText::tr("'%1' has no host name").arg(text);
    return {};
}

QString ConfigSchema::validateValue(const ConfigField &field, const QJsonValue &value)
{
    switch (field.kind) {
    case ConfigField::Kind::Url:
        if (!value.isString())
            return ConfigSchemaText::tr("must be a URL string");
        return validateHttpUrl(value.toString());
    case ConfigField::Kind::String:
        if (!value.isString())
            return ConfigSchemaText::tr("must be a string");
        return {};
    case ConfigField::Kind::Int: {
        const double d = value.toDouble(std::nan(""));
        if (!value.isDouble() || std::floor(d) != d)
            return ConfigSchemaText::tr("must be a whole number");
        if (field.minimum != field.maximum &&
            (d < double(field.minimum) || d > double(field.maximum)))
            return ConfigSchemaText::tr("must be between %1 and %2, not %3")
                .arg(field.minimum)
                .arg(field.maximum)
                .arg(qint64(d));
        return {};
    }
    case ConfigField::Kind::Bool:
        if (!value.isBool())
            return ConfigSchemaText::tr("must be true or false");
        return {};
    case ConfigField::Kind::Enum:
        if (!value.isString() || !field.enumValues.contains(value.toString()))
            return ConfigSchemaText::tr("must be one of %1")
                .arg(field.enumValues.join(QStringLiteral(", ")));
        return {};
    case ConfigField::Kind::Duration: {
        const auto ms = value.isString() ? parseDurationMs(value.toString()) : std::nullopt;
        if (!ms)
            return ConfigSchemaText::tr("must be a duration such as 250ms, 30s, 5m, 2h or 1d");
        if (field.minimum != field.maximum && (*ms < field.minimum || *ms > field.maximum))
            return ConfigSchemaText::tr("must be between %1 and %2, not %3")
                .arg(formatDurationMs(field.minimum), formatDurationMs(field.maximum),
                     value.toString());
        return {};
    }
    }
    return {};
}

QStringList ConfigSchema::validate(const QJsonObject &config) const
{
    QStringList problems;
    for (const ConfigField &f : fields) {
        const QJsonValue v = config.value(f.key);
        if (v.isUndefined() || v.isNull() || (v.isString() && v.toString().isEmpty())) {
            if (f.required)
                problems.append(
                    ConfigSchemaText::tr("config.%1 (%2) is required").arg(f.key, f.label));
            continue;
        }
        const QString problem = validateValue(f, v);
        if (!problem.isEmpty())
            problems.append(QStringLiteral("config.%1 %2").arg(f.key, problem));
    }
    QStringList unknown;
    for (auto it = config.begin(); it != config.end(); ++it)
        if (!field(it.key()))
            unknown.append(it.key());
    unknown.sort();
    for (const QString &key : unknown)
        problems.append(
            ConfigSchemaText::tr("config.%1 is not a setting of this provider (known: %2)")
                .arg(key, keys().join(QStringLiteral(", "))));
    return problems;
}

QJsonObject ConfigSchema::withDefaults(const QJsonObject &config) const
{
    QJsonObject result = config;
    for (const ConfigField &f : fields)
        if (!result.contains(f.key) && !f.defaultValue.isUndefined())
            result.insert(f.key, f.defaultValue);
    return result;
}

} // namespace stella
