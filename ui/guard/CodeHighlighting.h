// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

class QSyntaxHighlighter;
class QTextDocument;

namespace stella::ui {

// Syntax highlighting for the guard screen: KF6 SyntaxHighlighting's definitions when the
// build found it (STELLA_HAVE_KF6_SYNTAX), otherwise none for code (plain text) and the small
// YamlHighlighter for the config. The highlighter is the document's child.
bool haveKf6SyntaxHighlighting();
QSyntaxHighlighter *attachCodeHighlighter(QTextDocument *document, const QString &fileName);
QSyntaxHighlighter *attachYamlHighlighter(QTextDocument *document);

} // namespace stella::ui
