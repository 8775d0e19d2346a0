// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "MaskedSource.h"

#include <QPlainTextEdit>
#include <memory>

class QSyntaxHighlighter;

namespace stella::ui {

// The read-only code view of the guard screen: the file as MaskedSource gives it (secrets
// masked), line numbers and a mark for each line with a finding in the gutter, the current
// finding's span underlined and its line shown in the middle of the view. Highlighted with
// KF6 SyntaxHighlighting when the build has it, plain text otherwise.
class GuardCodeView : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit GuardCodeView(QWidget *parent = nullptr);
    ~GuardCodeView() override;

    // `findings` are the file's; `current` indexes them (-1: none).
    void showFile(const QString &path, const QList<guard::Finding> &findings, int current);
    void showFinding(int current);
    void clearFile();

    QString path() const { return m_path; }
    QList<int> markedLines() const; // the gutter's marks, ascending
    int currentLine() const;        // the cursor's, 1-based
    // The current finding's span in the document, for tests and accessibility.
    QString currentSpanText() const;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    class Gutter;
    friend class Gutter;
    int gutterWidth() const;
    void paintGutter(QPaintEvent *event);
    void updateGutter(const QRect &rect, int dy);

    Gutter *m_gutter = nullptr;
    QString m_path;
    QList<guard::Finding> m_findings;
    MaskedSource m_source;
    int m_current = -1;
    QSyntaxHighlighter *m_highlighter = nullptr;
};

} // namespace stella::ui
