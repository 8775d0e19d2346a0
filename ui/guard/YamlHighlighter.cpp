// SPDX-License-Identifier: Apache-2.0
#include "YamlHighlighter.h"

#include <QRegularExpression>

namespace stella::ui {

YamlHighlighter::YamlHighlighter(QTextDocument *document) : QSyntaxHighlighter(document) {}

void YamlHighlighter::highlightBlock(const QString &text)
{
    static const QRegularExpression key(QStringLiteral("^\\s*(-\\s+)?([A-Za-z_][\\w.-]*)\\s*:"));
    static const QRegularExpression quoted(QStringLiteral("'[^']*'|\"(?:[^\"\\\\]|\\\\.)*\""));
    static const QRegularExpression scalar(
        QStringLiteral("(?<=[:\\-\\[,]\\s)(true|false|yes|no|on|off|null|~|-?\\d+)\\s*$"));
    QTextCharFormat keyFormat, stringFormat, scalarFormat, commentFormat, dashFormat;
    keyFormat.setForeground(QColor(0x00, 0x3f, 0x9f));
    keyFormat.setFontWeight(QFont::Bold);
    stringFormat.setForeground(QColor(0x0a, 0x7a, 0x2a));
    scalarFormat.setForeground(QColor(0x8a, 0x2b, 0xa0));
    commentFormat.setForeground(QColor(0x70, 0x70, 0x70));
    commentFormat.setFontItalic(true);
    dashFormat.setForeground(QColor(0xa0, 0x50, 0x00));

    if (const auto m = key.match(text); m.hasMatch()) {
        if (m.capturedLength(1) > 0)
            setFormat(int(m.capturedStart(1)), 1, dashFormat);
        setFormat(int(m.capturedStart(2)), int(m.capturedLength(2)), keyFormat);
    } else if (const qsizetype dash = text.indexOf(QLatin1Char('-'));
               dash >= 0 && text.left(dash).trimmed().isEmpty()) {
        setFormat(int(dash), 1, dashFormat);
    }
    if (const auto m = scalar.match(text); m.hasMatch())
        setFormat(int(m.capturedStart(1)), int(m.capturedLength(1)), scalarFormat);
    // Strings, then a comment: a '#' inside quotes is not one.
    int commentAt = -1;
    qsizetype pos = 0;
    while (pos < text.size()) {
        const auto m = quoted.match(text, pos);
        const qsizetype hash = text.indexOf(QLatin1Char('#'), pos);
        if (hash >= 0 && (!m.hasMatch() || hash < m.capturedStart()) &&
            (hash == 0 || text.at(hash - 1).isSpace())) {
            commentAt = int(hash);
            break;
        }
        if (!m.hasMatch())
            break;
        setFormat(int(m.capturedStart()), int(m.capturedLength()), stringFormat);
        pos = m.capturedEnd();
    }
    if (commentAt >= 0)
        setFormat(commentAt, int(text.size()) - commentAt, commentFormat);
}

} // namespace stella::ui
