// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QSyntaxHighlighter>

namespace stella::ui {

// Enough YAML for the guard config where KF6 SyntaxHighlighting is missing: comments, keys,
// list dashes, quoted strings, booleans and numbers.
class YamlHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    explicit YamlHighlighter(QTextDocument *document);

protected:
    void highlightBlock(const QString &text) override;
};

} // namespace stella::ui
