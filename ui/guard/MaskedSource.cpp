// SPDX-License-Identifier: Apache-2.0
#include "MaskedSource.h"

#include "guard/SourceText.h"

#include <QCoreApplication>
#include <QFile>
#include <algorithm>
#include <numeric>

namespace stella::ui {

using guard::Finding;

namespace {
const QString kPrivateKeyRule = QStringLiteral("private-key");

bool isPemBodyLine(const QString &line)
{
    const QString t = line.trimmed();
    if (t.isEmpty() || t.startsWith(QLatin1String("-----")))
        return false;
    return std::all_of(t.begin(), t.end(), [](QChar c) {
        return (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
               (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
               (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('+') ||
               c == QLatin1Char('/') || c == QLatin1Char('=') || c == QLatin1Char(':') ||
               c == QLatin1Char('-') || c == QLatin1Char(' ') || c == QLatin1Char(',');
    });
}
} // namespace

MaskedSource MaskedSource::fromFile(const QString &path, const QList<Finding> &findings)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        MaskedSource s;
        s.text = QCoreApplication::translate("stella::ui::MaskedSource", "Cannot read %1: %2")
                     .arg(path, file.errorString());
        s.binary = true;
        return s;
    }
    MaskedSource s = fromBytes(file.read(kMaxPreviewBytes), findings);
    s.truncated = file.size() > kMaxPreviewBytes;
    return s;
}

MaskedSource MaskedSource::fromBytes(QByteArray bytes, const QList<Finding> &findings)
{
    MaskedSource out;
    if (!guard::SourceText::decode(bytes)) {
        out.binary = true;
        out.spans.resize(findings.size());
        return out;
    }
    QString decoded = QString::fromUtf8(bytes);
    out.notUtf8 = decoded.toUtf8() != bytes;
    QStringList lines = decoded.split(QLatin1Char('\n'));

    // Right to left on each line, so an earlier span's column still holds when a later one is
    // replaced by a mask of another length.
    QList<int> order(findings.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        const Finding &x = findings[a], &y = findings[b];
        return x.line != y.line ? x.line < y.line : x.column > y.column;
    });
    out.spans.resize(findings.size());
    for (const int i : order) {
        const Finding &f = findings[i];
        Span &span = out.spans[i];
        span.line = f.line;
        if (f.line < 1 || f.line > lines.size())
            continue;
        QString &line = lines[f.line - 1];
        const int start = std::clamp(f.column - 1, 0, int(line.size()));
        if (f.family != guard::RuleFamily::Secret || f.length <= 0) {
            span.start = start;
            span.length = f.family == guard::RuleFamily::Secret ? 0 : int(line.size()) - start;
            continue;
        }
        const int length = std::min(f.length, int(line.size()) - start);
        span.start = start;
        if (f.ruleId == kPrivateKeyRule) {
            // The match is the PEM header, which is no secret; the key material is on the
            // lines below it.
            span.length = length;
            for (qsizetype k = f.line; k < lines.size() && isPemBodyLine(lines[k]); ++k)
                lines[k] = guard::maskSecret(lines[k].trimmed());
            continue;
        }
        const QString masked = guard::maskSecret(QStringView(line).mid(start, length));
        line.replace(start, length, masked);
        span.length = int(masked.size());
    }
    out.text = lines.join(QLatin1Char('\n'));
    return out;
}

} // namespace stella::ui
