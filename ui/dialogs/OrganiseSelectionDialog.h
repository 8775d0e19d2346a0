// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/dialogs/OrganisationFields.h"

#include <QDialog>

class QPushButton;

namespace stella::ui {

// What a bulk move, tag or tier change asks for: the one field of OrganisationFields it sets,
// so the folder picker with the catalog's folders, the tag editor's validation (no comma,
// nothing empty or too long) and the tier combo are those of the wizard and the edit dialog.
// The confirm button is enabled only while the value is valid (and, for tags, not empty).
//
// Object names: bulkFolderDialog, bulkTagDialog, bulkTierDialog; button applyButton.
class OrganiseSelectionDialog : public QDialog
{
    Q_OBJECT

public:
    OrganiseSelectionDialog(OrganisationFields::Field field, qsizetype selected,
                            const QStringList &knownFolders, QWidget *parent = nullptr);

    OrganisationFields *fields() const { return m_fields; }
    QPushButton *applyButton() const { return m_apply; }

private:
    void updateApply();

    OrganisationFields::Field m_field;
    OrganisationFields *m_fields = nullptr;
    QPushButton *m_apply = nullptr;
};

} // namespace stella::ui
