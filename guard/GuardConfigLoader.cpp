// SPDX-License-Identifier: Apache-2.0
#include "GuardConfigLoader.h"

#include "SecretRules.h"
#include "SpdxIds.h"
#include "core/common/Logging.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <yaml-cpp/yaml.h>

namespace stella::guard {

namespace {
const QString kHint = QStringLiteral("See docs/architecture.md, \"AI Code Guard\", for the keys");

// Each key and its other spelling (docs/contracts.md §13 names both); the first is the canonical
// one.
struct KeyInfo
{
    QString canonical;
    QString alias;
};
const QList<KeyInfo> &keys()
{
    static const QList<KeyInfo> list{
        {QStringLiteral("secrets"), QStringLiteral("enableSecretsScan")},
        {QStringLiteral("attribution"), QStringLiteral("enableAttributionCheck")},
        {QStringLiteral("license"), QStringLiteral("enableLicenseHygiene")},
        {QStringLiteral("maxFindings"), {}},
        {QStringLiteral("allowedSpdxLicenses"), QStringLiteral("licenseAllowList")},
        {QStringLiteral("customSecretPatterns"), QStringLiteral("secretPatterns")},
        {QStringLiteral("allowPaths"), QStringLiteral("ignorePaths")},
        {QStringLiteral("attributionMarkers"), {}},
        {QStringLiteral("maxFileSize"), {}},
        {QStringLiteral("allowFindings"), {}},
    };
    return list;
}

class Loader
{
public:
    explicit Loader(QString source) : m_source(std::move(source)) {}

    Error error(const YAML::Mark &mark, const QString &key, const QString &problem) const
    {
        // yaml-cpp lines are 0-based; editors count from 1. A null mark (-1) has no line.
        const QString where =
            mark.line >= 0 ? QStringLiteral("%1:%2").arg(m_source).arg(mark.line + 1) : m_source;
        return Error::invalidInput(QStringLiteral("%1: '%2' %3").arg(where, key, problem), kHint);
    }

    static QString scalar(const YAML::Node &node) { return QString::fromStdString(node.Scalar()); }

    Result<bool> toBool(const YAML::Node &node, const QString &key) const
    {
        const QString text = node.IsScalar() ? scalar(node).toLower() : QString();
        if (node.IsScalar() && node.Tag() != "!") { // a quoted "true" is a string, not a bool
            if (text == QLatin1String("true") || text == QLatin1String("yes") ||
                text == QLatin1String("on"))
                return true;
            if (text == QLatin1String("false") || text == QLatin1String("no") ||
                text == QLatin1String("off"))
                return false;
        }
        return error(node.Mark(), key,
                     QStringLiteral("must be true or false, not %1").arg(describe(node)));
    }

    Result<qint64> toPositive(const YAML::Node &node, const QString &key) const
    {
        bool ok = false;
        const qint64 v = node.IsScalar() && node.Tag() != "!" ? scalar(node).toLongLong(&ok) : 0;
        if (!ok)
            return error(node.Mark(), key,
                         QStringLiteral("must be a whole number greater than 0, not %1")
                             .arg(describe(node)));
        if (v <= 0)
            return error(node.Mark(), key, QStringLiteral("must be greater than 0, not %1").arg(v));
        return v;
    }

    Result<QString> toString(const YAML::Node &node, const QString &key) const
    {
        if (!node.IsScalar() || node.IsNull())
            return error(node.Mark(), key,
                         QStringLiteral("must be a string, not %1").arg(describe(node)));
        return scalar(node);
    }

    static QString describe(const YAML::Node &node)
    {
        if (node.IsNull())
            return QStringLiteral("an empty value");
        if (node.IsSequence())
            return QStringLiteral("a list");
        if (node.IsMap())
            return QStringLiteral("a mapping");
        return QStringLiteral("'%1'").arg(scalar(node));
    }

    Result<QList<YAML::Node>> toList(const YAML::Node &node, const QString &key) const
    {
        if (node.IsNull())
            return QList<YAML::Node>{}; // "key:" with nothing after it: an empty list
        if (!node.IsSequence())
            return error(node.Mark(), key,
                         QStringLiteral("must be a list, not %1").arg(describe(node)));
        QList<YAML::Node> items;
        for (const YAML::Node &item : node)
            items.append(item);
        return items;
    }

    Result<QStringList> licenses(const YAML::Node &node, const QString &key) const
    {
        auto items = toList(node, key);
        if (!items)
            return items.error();
        QStringList ids;
        for (const YAML::Node &item : *items) {
            auto text = toString(item, key);
            if (!text)
                return text.error();
            const QString canonical = canonicalLicenseId(text->trimmed());
            if (canonical.isEmpty())
                return error(
                    item.Mark(), key,
                    QStringLiteral("lists '%1', which is not an SPDX license id").arg(*text));
            ids.append(canonical);
        }
        return ids;
    }

    Result<QStringList> globs(const YAML::Node &node, const QString &key) const
    {
        auto items = toList(node, key);
        if (!items)
            return items.error();
        QStringList out;
        for (const YAML::Node &item : *items) {
            auto text = toString(item, key);
            if (!text)
                return text.error();
            if (text->trimmed().isEmpty())
                return error(item.Mark(), key, QStringLiteral("lists an empty glob"));
            out.append(text->trimmed());
        }
        return out;
    }

    Result<QStringList> findingIds(const YAML::Node &node, const QString &key) const
    {
        auto items = toList(node, key);
        if (!items)
            return items.error();
        static const QRegularExpression idShape(QStringLiteral("^[0-9a-f]{16}$"));
        QStringList out;
        for (const YAML::Node &item : *items) {
            auto text = toString(item, key);
            if (!text)
                return text.error();
            const QString id = text->trimmed().toLower();
            if (!idShape.match(id).hasMatch())
                return error(item.Mark(), key,
                             QStringLiteral("lists '%1', which is not a finding id (16 hex "
                                            "digits, as the reports' \"id\" gives it)")
                                 .arg(*text));
            if (!out.contains(id))
                out.append(id);
        }
        return out;
    }

    // `{id, pattern, severity?, description?}` or a plain regex string.
    Result<QList<PatternRule>> patterns(const YAML::Node &node, const QString &key,
                                        const QString &idPrefix, Severity defaultSeverity)
    {
        auto items = toList(node, key);
        if (!items)
            return items.error();
        QList<PatternRule> out;
        int index = 0;
        for (const YAML::Node &item : *items) {
            ++index;
            PatternRule p;
            p.severity = defaultSeverity;
            p.line = item.Mark().line + 1;
            YAML::Mark patternMark = item.Mark();
            if (item.IsScalar()) {
                p.pattern = scalar(item);
                p.id = QStringLiteral("%1-%2").arg(idPrefix).arg(index);
            } else if (item.IsMap()) {
                for (auto it = item.begin(); it != item.end(); ++it) {
                    const QString field = scalar(it->first);
                    const QString fieldKey = key + QLatin1Char('.') + field;
                    auto value = toString(it->second, fieldKey);
                    if (field == QLatin1String("id") || field == QLatin1String("pattern") ||
                        field == QLatin1String("severity") ||
                        field == QLatin1String("description")) {
                        if (!value)
                            return value.error();
                    }
                    if (field == QLatin1String("id")) {
                        p.id = value->trimmed();
                        static const QRegularExpression idShape(
                            QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._\\-]*$"));
                        if (!idShape.match(p.id).hasMatch())
                            return error(it->second.Mark(), fieldKey,
                                         QStringLiteral("must be letters, digits, '.', '_' or "
                                                        "'-', not '%1'")
                                             .arg(p.id));
                    } else if (field == QLatin1String("pattern")) {
                        p.pattern = *value;
                        patternMark = it->second.Mark();
                    } else if (field == QLatin1String("severity")) {
                        const auto severity = parseSeverity(*value);
                        if (!severity)
                            return error(
                                it->second.Mark(), fieldKey,
                                QStringLiteral("must be one of %1, not '%2'")
                                    .arg(severityNames().join(QStringLiteral(", ")), *value));
                        p.severity = *severity;
                    } else if (field == QLatin1String("description")) {
                        p.description = *value;
                    } else {
                        return error(it->first.Mark(), fieldKey,
                                     QStringLiteral("is not a known key (known: id, pattern, "
                                                    "severity, description)"));
                    }
                }
                if (p.id.isEmpty())
                    return error(item.Mark(), key + QStringLiteral(".id"),
                                 QStringLiteral("is missing"));
                if (p.pattern.isEmpty())
                    return error(item.Mark(), key + QStringLiteral(".pattern"),
                                 QStringLiteral("is missing"));
            } else {
                return error(item.Mark(), key,
                             QStringLiteral("items must be a regex or {id, pattern, severity?, "
                                            "description?}, not %1")
                                 .arg(describe(item)));
            }
            const QRegularExpression regex(p.pattern);
            if (!regex.isValid())
                return error(patternMark, key + QStringLiteral(".pattern"),
                             QStringLiteral("is not a valid regular expression: %1 at offset %2")
                                 .arg(regex.errorString())
                                 .arg(regex.patternErrorOffset()));
            if (m_ruleIds.contains(p.id))
                return error(item.Mark(), key + QStringLiteral(".id"),
                             QStringLiteral("'%1' is used twice (rule ids must be unique, "
                                            "built-in ones included)")
                                 .arg(p.id));
            m_ruleIds.insert(p.id);
            out.append(p);
        }
        return out;
    }

    Result<GuardConfig> load(const QByteArray &yaml)
    {
        for (const GuardRule &r : SecretRules::builtin())
            m_ruleIds.insert(r.id);
        for (const GuardRule &r : AttributionRules::builtin())
            m_ruleIds.insert(r.id);
        for (const char *id :
             {"license-missing", "license-invalid", "license-unknown-id", "license-not-allowed"})
            m_ruleIds.insert(QString::fromLatin1(id));

        YAML::Node root;
        try {
            root = YAML::Load(yaml.toStdString());
        } catch (const YAML::Exception &e) {
            return error(
                e.mark, QStringLiteral("(document)"),
                QStringLiteral("is not valid YAML: %1").arg(QString::fromStdString(e.msg)));
        }
        GuardConfig config;
        if (!root || root.IsNull())
            return config; // an empty file: the defaults
        if (!root.IsMap())
            return error(root.Mark(), QStringLiteral("(document)"),
                         QStringLiteral("must be a mapping of keys, not %1").arg(describe(root)));

        QHash<QString, QString> seen; // canonical -> spelling used
        QList<std::pair<QString, YAML::Node>> entries;
        for (auto it = root.begin(); it != root.end(); ++it) {
            const QString key = scalar(it->first);
            const auto info = std::find_if(keys().begin(), keys().end(), [&](const KeyInfo &k) {
                return k.canonical == key || (!k.alias.isEmpty() && k.alias == key);
            });
            if (info == keys().end()) {
                QStringList known;
                for (const KeyInfo &k : keys())
                    known.append(k.alias.isEmpty() ? k.canonical
                                                   : k.canonical + QLatin1Char('/') + k.alias);
                return error(it->first.Mark(), key,
                             QStringLiteral("is not a known key (known: %1)")
                                 .arg(known.join(QStringLiteral(", "))));
            }
            if (seen.contains(info->canonical))
                return error(it->first.Mark(), key,
                             QStringLiteral("is given twice (as '%1' already)")
                                 .arg(seen.value(info->canonical)));
            seen.insert(info->canonical, key);
            entries.append({info->canonical, it->second});
            entries.last().first += QLatin1Char('\n') + key; // canonical\nspelling
        }
        for (const auto &[both, node] : entries) {
            const QString canonical = both.section(QLatin1Char('\n'), 0, 0);
            const QString key = both.section(QLatin1Char('\n'), 1);
            if (canonical == QLatin1String("secrets") ||
                canonical == QLatin1String("attribution") ||
                canonical == QLatin1String("license")) {
                auto v = toBool(node, key);
                if (!v)
                    return v.error();
                (canonical == QLatin1String("secrets")       ? config.secrets
                 : canonical == QLatin1String("attribution") ? config.attribution
                                                             : config.license) = *v;
            } else if (canonical == QLatin1String("maxFindings")) {
                auto v = toPositive(node, key);
                if (!v)
                    return v.error();
                if (*v > std::numeric_limits<int>::max())
                    return error(node.Mark(), key, QStringLiteral("is too large"));
                config.maxFindings = int(*v);
            } else if (canonical == QLatin1String("maxFileSize")) {
                auto v = toPositive(node, key);
                if (!v)
                    return v.error();
                config.maxFileSize = *v;
            } else if (canonical == QLatin1String("allowedSpdxLicenses")) {
                auto v = licenses(node, key);
                if (!v)
                    return v.error();
                config.allowedLicenses = *v;
            } else if (canonical == QLatin1String("allowPaths")) {
                auto v = globs(node, key);
                if (!v)
                    return v.error();
                config.allowPaths = *v;
            } else if (canonical == QLatin1String("allowFindings")) {
                auto v = findingIds(node, key);
                if (!v)
                    return v.error();
                config.allowFindings = *v;
            } else if (canonical == QLatin1String("customSecretPatterns")) {
                auto v = patterns(node, key, QStringLiteral("custom"), Severity::High);
                if (!v)
                    return v.error();
                config.customSecretPatterns = *v;
            } else if (canonical == QLatin1String("attributionMarkers")) {
                auto v = patterns(node, key, QStringLiteral("attribution"), Severity::Low);
                if (!v)
                    return v.error();
                config.attributionMarkers = *v;
            }
        }
        return config;
    }

private:
    QString m_source;
    QSet<QString> m_ruleIds;
};
} // namespace

Result<GuardConfig> GuardConfigLoader::loadFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::invalidInput(
            QStringLiteral("Cannot read the guard config %1: %2").arg(path, file.errorString()),
            QStringLiteral("Check the path given to --config"));
    auto config = parse(file.readAll(), path);
    if (config)
        STELLA_LOG_INFO(lcGuard).noquote() << "loaded the guard config" << path;
    else
        logging::logError(lcGuard(), config.error());
    return config;
}

Result<GuardConfig> GuardConfigLoader::parse(const QByteArray &yaml, const QString &source)
{
    return Loader(source).load(yaml);
}

int GuardConfigLoader::errorLine(const Error &error, const QString &source)
{
    // Loader::error() writes "<source>:<line>: "; the source may itself hold colons.
    const QString prefix = source + QLatin1Char(':');
    if (!error.message.startsWith(prefix))
        return 0;
    const qsizetype end = error.message.indexOf(QLatin1Char(':'), prefix.size());
    bool ok = false;
    const int line =
        end < 0 ? 0 : QStringView(error.message).mid(prefix.size(), end - prefix.size()).toInt(&ok);
    return ok && line > 0 ? line : 0;
}

} // namespace stella::guard
