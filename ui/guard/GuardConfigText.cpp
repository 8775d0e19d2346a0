// SPDX-License-Identifier: Apache-2.0
#include "GuardConfigText.h"

#include <QRegularExpression>

namespace stella::ui {

namespace {
// The line without a trailing comment (a '#' after a space, outside quotes).
QString withoutComment(const QString &line)
{
    QChar quote;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            quote = c;
        } else if (c == QLatin1Char('#') && (i == 0 || line.at(i - 1).isSpace())) {
            return line.left(i);
        }
    }
    return line;
}

int indentOf(const QString &line)
{
    int n = 0;
    while (n < line.size() && line.at(n) == QLatin1Char(' '))
        ++n;
    return n;
}
} // namespace

QString GuardConfigText::defaults()
{
    return QStringLiteral(
        "# AI Code Guard config (docs/contracts.md §13): the built-in defaults, every key.\n"
        "# The same file works with `stella-integrations guard run --config FILE`.\n"
        "secrets: true\n"
        "attribution: true\n"
        "license: true\n"
        "maxFindings: 1000\n"
        "maxFileSize: 2097152\n"
        "# SPDX ids a header may name; empty: any valid id.\n"
        "allowedSpdxLicenses: []\n"
        "# Secret patterns of your own: {id, pattern, severity, description}.\n"
        "customSecretPatterns: []\n"
        "# Attribution markers; empty: the built-in ones.\n"
        "attributionMarkers: []\n"
        "# Globs below a scanned folder that are never scanned.\n"
        "allowPaths: []\n"
        "# Finding ids accepted after review.\n"
        "allowFindings: []\n");
}

QString GuardConfigText::quoted(const QString &item)
{
    QString escaped = item;
    escaped.replace(QLatin1Char('\''), QStringLiteral("''"));
    return QLatin1Char('\'') + escaped + QLatin1Char('\'');
}

QString GuardConfigText::exactGlob(const QString &relativePath)
{
    QString glob;
    for (const QChar c : relativePath) {
        if (c == QLatin1Char('*') || c == QLatin1Char('?') || c == QLatin1Char('[') ||
            c == QLatin1Char('\\'))
            glob += QLatin1Char('\\');
        glob += c;
    }
    return relativePath.contains(QLatin1Char('/')) ? glob : QLatin1Char('/') + glob;
}

Result<QString> GuardConfigText::addToList(const QString &yaml, const QStringList &keys,
                                           const QString &item)
{
    const QString value = quoted(item);
    QStringList lines = yaml.split(QLatin1Char('\n'));
    QStringList alternatives;
    for (const QString &k : keys)
        alternatives.append(QRegularExpression::escape(k));
    const QRegularExpression keyLine(
        QStringLiteral("^(%1)\\s*:(.*)$").arg(alternatives.join(QLatin1Char('|'))));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const auto m = keyLine.match(lines.at(i));
        if (!m.hasMatch())
            continue;
        const QString key = m.captured(1);
        const QString rest = withoutComment(m.captured(2)).trimmed();
        if (rest == QLatin1String("[]") || rest.isEmpty()) {
            // Block list: after its last item (or right below the key for an empty one).
            qsizetype last = i;
            int indent = 2;
            bool sawItem = false;
            for (qsizetype j = i + 1; j < lines.size(); ++j) {
                const QString t = lines.at(j).trimmed();
                if (t.isEmpty() || t.startsWith(QLatin1Char('#')))
                    continue;
                if (indentOf(lines.at(j)) == 0 && !t.startsWith(QLatin1Char('-')))
                    break;
                if (!sawItem && t.startsWith(QLatin1Char('-')))
                    indent = indentOf(lines.at(j));
                sawItem = true;
                last = j;
            }
            if (rest == QLatin1String("[]") || !sawItem)
                lines[i] = key + QLatin1Char(':');
            lines.insert(last + 1,
                         QString(indent, QLatin1Char(' ')) + QStringLiteral("- ") + value);
            return lines.join(QLatin1Char('\n'));
        }
        if (rest.startsWith(QLatin1Char('[')) && rest.endsWith(QLatin1Char(']'))) {
            const qsizetype close = lines.at(i).lastIndexOf(QLatin1Char(']'));
            lines[i].insert(close, QStringLiteral(", ") + value);
            return lines.join(QLatin1Char('\n'));
        }
        return Error::invalidInput(
            tr("'%1' in the config is not a list, so '%2' cannot be added to it").arg(key, item),
            tr("Make '%1' a list (or remove it), then try again").arg(key));
    }
    QString out = yaml;
    if (!out.isEmpty() && !out.endsWith(QLatin1Char('\n')))
        out += QLatin1Char('\n');
    return out + keys.first() + QStringLiteral(":\n  - ") + value + QLatin1Char('\n');
}

} // namespace stella::ui
