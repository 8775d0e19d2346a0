// SPDX-License-Identifier: Apache-2.0
#include "Finding.h"

#include <QCryptographicHash>
#include <QDir>
#include <algorithm>

namespace stella::guard {

QString severityName(Severity severity)
{
    switch (severity) {
    case Severity::Critical:
        return QStringLiteral("critical");
    case Severity::High:
        return QStringLiteral("high");
    case Severity::Medium:
        return QStringLiteral("medium");
    case Severity::Low:
        return QStringLiteral("low");
    case Severity::Info:
        break;
    }
    return QStringLiteral("info");
}

std::optional<Severity> parseSeverity(QStringView text)
{
    for (Severity s :
         {Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::Info}) {
        if (text.compare(severityName(s), Qt::CaseInsensitive) == 0)
            return s;
    }
    return std::nullopt;
}

QStringList severityNames()
{
    return {QStringLiteral("critical"), QStringLiteral("high"), QStringLiteral("medium"),
            QStringLiteral("low"), QStringLiteral("info")};
}

QString familyName(RuleFamily family)
{
    switch (family) {
    case RuleFamily::Secret:
        return QStringLiteral("secret");
    case RuleFamily::Attribution:
        return QStringLiteral("attribution");
    case RuleFamily::License:
        break;
    }
    return QStringLiteral("license");
}

bool findingLess(const Finding &a, const Finding &b)
{
    if (a.severity != b.severity)
        return a.severity > b.severity;
    if (const int c = a.path.compare(b.path); c != 0)
        return c < 0;
    if (a.line != b.line)
        return a.line < b.line;
    if (const int c = a.ruleId.compare(b.ruleId); c != 0)
        return c < 0;
    if (const int c = a.id.compare(b.id); c != 0)
        return c < 0;
    return a.column < b.column; // only equal ids get here: keeps the order total
}

void sortFindings(QList<Finding> &findings)
{
    std::sort(findings.begin(), findings.end(), findingLess);
}

QString findingId(const QString &ruleId, const QString &path, int occurrence, QStringView match)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(ruleId.toUtf8());
    hash.addData(QByteArrayView("\0", 1));
    // `guard run .` and `guard run --git-diff` name the same file ./src/a and src/a.
    hash.addData(QDir::cleanPath(path).toUtf8());
    hash.addData(QByteArrayView("\0", 1));
    hash.addData(QByteArray::number(occurrence));
    hash.addData(QByteArrayView("\0", 1));
    hash.addData(match.toUtf8());
    return QString::fromLatin1(hash.result().toHex().left(16));
}

QString maskSecret(QStringView secret)
{
    // A secret shorter than eight characters (only custom patterns allow that) shows half of
    // itself at most, so the mask never reveals the whole value.
    const qsizetype shown = secret.size() >= 8 ? 4 : secret.size() / 2;
    return secret.left(shown).toString() + QStringLiteral("****");
}

} // namespace stella::guard
