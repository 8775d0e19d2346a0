// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"

#include <QFrame>

class QLabel;
class QToolButton;

namespace stella::ui {

// The console's one message widget: a line of text with what kind of message it is.
//
// - Error: a strip above the work it is about (errors never take a modal box): what went
//   wrong, the individual problems, what to do; the operator can dismiss it ("errorClose").
// - Warning: a strip that stays as long as its condition does (a setting that weakens safety,
//   a keychain that cannot be used).
// - Information: a strip with something worth knowing.
// - Problem: one field's problem, inline under the field, no frame.
//
// Colours come from the palette, so a dark or high-contrast theme applies: a strip is a styled
// panel over the palette's AlternateBase with WindowText. QPalette has no "error red" role, and
// a hard-coded one clashes with dark themes, so the kind is told by the style's own message
// icon (critical, warning, information) instead of a colour.
class MessageWidget : public QFrame
{
    Q_OBJECT

public:
    enum class Kind
    {
        Error,
        Warning,
        Information,
        Problem,
    };
    Q_ENUM(Kind)

    explicit MessageWidget(Kind kind, QWidget *parent = nullptr);
    // A field's inline problem named `name` (for tests and accessibility), hidden until shown.
    static MessageWidget *problem(const QString &name, QWidget *parent);
    // `field` with its problem under it, as one cell of a form.
    static QWidget *withProblem(QWidget *field, MessageWidget *problem, QWidget *parent);

    Kind kind() const { return m_kind; }

    // Shows the error: `lead` (what the console was doing) before its message, then its
    // details and hint.
    void showError(const Error &error, const QString &lead = {});
    // Shows `title` in bold, then `text`; both plain text.
    void showMessage(const QString &title, const QString &text);
    // Sets the plain text without showing or hiding: callers of inline problems decide when a
    // problem is worth showing (once a field has been touched, say).
    void setText(const QString &text);
    // Hides the message and forgets its text.
    void clear();

    // The text shown, without markup: for tests, callers and accessibility.
    QString text() const { return m_plainText; }
    QString plainText() const { return m_plainText; }

private:
    void setContent(const QString &html, const QString &plain);

    Kind m_kind;
    QLabel *m_icon;
    QLabel *m_label;
    QString m_plainText;
};

// The warning every view shows for insecureSkipTlsVerify=true.
void showInsecureTlsWarning(MessageWidget &warning);

} // namespace stella::ui
