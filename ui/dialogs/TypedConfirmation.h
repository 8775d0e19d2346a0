// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDialog>

class QLineEdit;
class QPushButton;

namespace stella::ui {

// A confirmation that must be typed, for changes to `prod` integrations (docs/contracts.md
// §25): a click-through habit cannot confirm it, only typing `expected` (the integration's
// name; "prod" for a bulk action) enables the button. Widgets: confirmationEdit, confirmButton.
class TypedConfirmation : public QDialog
{
    Q_OBJECT

public:
    TypedConfirmation(const QString &title, const QString &text, const QString &expected,
                      const QString &action, QWidget *parent = nullptr);

    QString expected() const { return m_expected; }

private:
    QString m_expected;
    QLineEdit *m_edit = nullptr;
    QPushButton *m_confirm = nullptr;
};

} // namespace stella::ui
