// SPDX-License-Identifier: Apache-2.0
#include "TypedConfirmation.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace stella::ui {

TypedConfirmation::TypedConfirmation(const QString &title, const QString &text,
                                     const QString &expected, const QString &action,
                                     QWidget *parent)
    : QDialog(parent), m_expected(expected)
{
    setObjectName(QStringLiteral("typedConfirmation"));
    setWindowTitle(title);
    auto *explanation = new QLabel(text, this);
    explanation->setWordWrap(true);
    explanation->setTextFormat(Qt::PlainText);
    auto *prompt = new QLabel(tr("Type %1 to confirm:").arg(expected), this);
    prompt->setTextFormat(Qt::PlainText);
    m_edit = new QLineEdit(this);
    m_edit->setObjectName(QStringLiteral("confirmationEdit"));
    m_edit->setAccessibleName(tr("Type %1 to confirm").arg(expected));
    prompt->setBuddy(m_edit);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_confirm = buttons->addButton(action, QDialogButtonBox::AcceptRole);
    m_confirm->setObjectName(QStringLiteral("confirmButton"));
    m_confirm->setEnabled(false);
    // Cancel is the default: Return in the field confirms only once the text matches.
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_edit, &QLineEdit::textChanged, this, [this](const QString &typed) {
        const bool matches = typed == m_expected;
        m_confirm->setEnabled(matches);
        m_confirm->setDefault(matches);
    });
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(explanation);
    layout->addWidget(prompt);
    layout->addWidget(m_edit);
    layout->addWidget(buttons);
}

} // namespace stella::ui
