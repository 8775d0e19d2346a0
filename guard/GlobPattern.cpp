// SPDX-License-Identifier: Apache-2.0
#include "GlobPattern.h"

namespace stella::guard {

GlobPattern::GlobPattern(QString pattern)
{
    if (pattern.startsWith(QLatin1Char('/'))) {
        m_anchored = true;
        pattern.remove(0, 1);
    } else {
        m_anchored = pattern.contains(QLatin1Char('/'));
    }
    QString rx;
    const qsizetype n = pattern.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = pattern.at(i);
        if (c == QLatin1Char('*')) {
            if (i + 1 < n && pattern.at(i + 1) == QLatin1Char('*')) {
                const bool slashAfter = i + 2 < n && pattern.at(i + 2) == QLatin1Char('/');
                const bool atStart = i == 0 || pattern.at(i - 1) == QLatin1Char('/');
                if (atStart && slashAfter) {
                    rx += QStringLiteral("(?:.*/)?"); // "**/": zero or more directories
                    i += 2;
                } else {
                    rx += QStringLiteral(".*");
                    i += 1;
                }
            } else {
                rx += QStringLiteral("[^/]*");
            }
        } else if (c == QLatin1Char('?')) {
            rx += QStringLiteral("[^/]");
        } else if (c == QLatin1Char('[')) {
            const qsizetype close = pattern.indexOf(QLatin1Char(']'), i + 2);
            if (close < 0) {
                rx += QStringLiteral("\\[");
                continue;
            }
            QString cls = pattern.mid(i + 1, close - i - 1);
            if (cls.startsWith(QLatin1Char('!')))
                cls[0] = QLatin1Char('^');
            cls.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
            rx += QLatin1Char('[') + cls + QLatin1Char(']');
            i = close;
        } else if (c == QLatin1Char('\\') && i + 1 < n) {
            rx += QRegularExpression::escape(QString(pattern.at(++i)));
        } else {
            rx += QRegularExpression::escape(QString(c));
        }
    }
    // Unanchored patterns match the last component; a match on a directory also covers what
    // is below it, which the walker gets by testing directories before entering them.
    m_regex = QRegularExpression(QStringLiteral("^(?:") + rx + QStringLiteral(")$"));
}

bool GlobPattern::matches(const QString &relativePath) const
{
    if (m_anchored)
        return m_regex.match(relativePath).hasMatch();
    const qsizetype slash = relativePath.lastIndexOf(QLatin1Char('/'));
    return m_regex.match(slash < 0 ? relativePath : relativePath.mid(slash + 1)).hasMatch();
}

} // namespace stella::guard
