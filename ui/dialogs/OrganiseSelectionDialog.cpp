// SPDX-License-Identifier: Apache-2.0
#include "OrganiseSelectionDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace stella::ui {

OrganiseSelectionDialog::OrganiseSelectionDialog(OrganisationFields::Field field,
                                                 qsizetype selected,
                                                 const QStringList &knownFolders, QWidget *parent)
    : QDialog(parent), m_field(field)
{
    m_fields = new OrganisationFields(this);
    m_fields->setKnownFolders(knownFolders);
    m_fields->showOnly(field);
    const int n = int(selected);
    QString what;
    QString apply;
    switch (field) {
    case OrganisationFields::Field::Folder:
        setObjectName(QStringLiteral("bulkFolderDialog"));
        setWindowTitle(tr("Move to folder"));
        what = tr("Move the %n selected integration(s) to this folder (empty for the top level):",
                  nullptr, n);
        apply = tr("&Move");
        break;
    case OrganisationFields::Field::Tags:
        setObjectName(QStringLiteral("bulkTagDialog"));
        setWindowTitle(tr("Tag"));
        what = tr("Add these tags, one per line, to the %n selected integration(s):", nullptr, n);
        apply = tr("&Tag");
        break;
    case OrganisationFields::Field::Tier:
        setObjectName(QStringLiteral("bulkTierDialog"));
        setWindowTitle(tr("Set tier"));
        what = tr("Set the environment tier of the %n selected integration(s):", nullptr, n);
        apply = tr("&Set Tier");
        break;
    }
    auto *explanation = new QLabel(what, this);
    explanation->setObjectName(QStringLiteral("bulkExplanation"));
    explanation->setWordWrap(true);
    explanation->setTextFormat(Qt::PlainText);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_apply = buttons->addButton(apply, QDialogButtonBox::AcceptRole);
    m_apply->setObjectName(QStringLiteral("applyButton"));
    m_apply->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_fields, &OrganisationFields::changed, this, &OrganiseSelectionDialog::updateApply);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(explanation);
    layout->addWidget(m_fields);
    layout->addStretch(1);
    layout->addWidget(buttons);
    updateApply();
}

void OrganiseSelectionDialog::updateApply()
{
    // Adding no tag would be a change that changes nothing.
    const bool needsATag = m_field == OrganisationFields::Field::Tags && m_fields->tags().isEmpty();
    m_apply->setEnabled(m_fields->isValid() && !needsATag);
}

} // namespace stella::ui
