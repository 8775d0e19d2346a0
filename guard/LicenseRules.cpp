// SPDX-License-Identifier: Apache-2.0
#include "LicenseRules.h"

#include "RuleChecks.h"
#include "SpdxExpression.h"

namespace stella::guard {

namespace {
Finding finding(const char *rule, Severity severity, const QString &path, int line, int column,
                const QString &message, const QString &snippet)
{
    Finding f;
    f.ruleId = QString::fromLatin1(rule);
    f.family = RuleFamily::License;
    f.severity = severity;
    f.path = path;
    f.line = line;
    f.column = column;
    f.message = message;
    f.snippet = snippet;
    f.id = findingId(f.ruleId, path, 0, snippet); // a file has one license finding at most
    return f;
}
} // namespace

void LicenseRules::check(const QByteArray &text, const QString &displayPath,
                         QList<Finding> &out) const
{
    if (!RuleChecks::isCodeFile(displayPath))
        return;
    static const QByteArray tag("SPDX-License-Identifier:");
    // Only the header is searched: a file without a tag costs 30 lines, not its whole length.
    qsizetype headerEnd = 0;
    for (int n = 0; n < kHeaderLines && headerEnd < text.size(); ++n) {
        const qsizetype nl = text.indexOf('\n', headerEnd);
        headerEnd = nl < 0 ? text.size() : nl + 1;
    }
    const QByteArray header = QByteArray::fromRawData(text.constData(), headerEnd);
    qsizetype start = 0;
    for (int number = 1; number <= kHeaderLines && start < text.size(); ++number) {
        qsizetype end = text.indexOf('\n', start);
        if (end < 0)
            end = text.size();
        const qsizetype at = header.indexOf(tag, start);
        if (at < 0)
            break; // not in the rest of the file at all
        if (at >= end) {
            start = end + 1;
            continue;
        }
        const QString line = QString::fromUtf8(text.constData() + start, end - start);
        const qsizetype tagAt = line.indexOf(QLatin1String("SPDX-License-Identifier:"));
        QString expression = line.mid(tagAt + tag.size());
        // Comment closers after the expression are not part of it.
        for (const char *closer : {"*/", "-->", "#}", "*)"}) {
            const qsizetype c = expression.indexOf(QLatin1String(closer));
            if (c >= 0)
                expression.truncate(c);
        }
        expression = expression.trimmed();
        const int column = int(tagAt + 1);
        auto parsed = SpdxExpression::parse(expression);
        if (!parsed) {
            out.append(finding("license-invalid", Severity::Medium, displayPath, number, column,
                               parsed.error().message, expression.left(120)));
            return;
        }
        if (!parsed->unknownIds().isEmpty()) {
            out.append(finding("license-unknown-id", Severity::Medium, displayPath, number, column,
                               QStringLiteral("Not an SPDX license or exception id: %1")
                                   .arg(parsed->unknownIds().join(QStringLiteral(", "))),
                               expression.left(120)));
            return;
        }
        QStringList offending;
        if (!m_allowed.isEmpty() && !parsed->allowedBy(m_allowed, &offending))
            out.append(finding("license-not-allowed", Severity::Medium, displayPath, number, column,
                               QStringLiteral("License not in the allow list: %1")
                                   .arg(offending.join(QStringLiteral(", "))),
                               parsed->toString().left(120)));
        return;
    }
    out.append(finding(
        "license-missing", Severity::Low, displayPath, 1, 1,
        QStringLiteral("No SPDX-License-Identifier in the first %1 lines").arg(kHeaderLines),
        QString()));
}

} // namespace stella::guard
