// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/Enums.h"

#include <QStringList>
#include <QWidget>

class QComboBox;
class QFormLayout;
class QPlainTextEdit;

namespace stella::ui {

class MessageWidget;

// An integration's folder, tags and tier (docs/contracts.md §25) as one self-contained form
// part, so the add/edit dialog and the onboarding wizard edit them the same way. Each field
// shows its problem inline (IntegrationValidator's rules) as the operator types.
//
// Tags are one per line, not comma-separated: a tag may hold spaces but never a comma, and a
// typed comma is refused with a message rather than silently splitting the tag.
//
// Widgets: folderCombo (editable, offering the known folders), folderError, tagsEdit,
// tagsError, tierCombo.
class OrganisationFields : public QWidget
{
    Q_OBJECT

public:
    enum class Field
    {
        Folder,
        Tags,
        Tier
    };

    explicit OrganisationFields(QWidget *parent = nullptr);

    // Shows the one field a bulk change sets; the others are hidden and keep their defaults.
    void showOnly(Field field);

    void setValues(const QString &folder, const QStringList &tags, stella::EnvironmentTier tier);
    // The folders offered in the combo (those the catalog already has), sorted.
    void setKnownFolders(const QStringList &folders);

    QString folder() const;
    QStringList tags() const; // sorted, unique, blank lines dropped
    stella::EnvironmentTier tier() const;

    bool isValid() const { return m_valid; }
    // The first problem, or empty when valid.
    QString problem() const;

Q_SIGNALS:
    void validityChanged(bool valid);
    void changed();

private:
    void revalidate();
    QStringList typedTags() const;

    QComboBox *m_folder = nullptr;
    MessageWidget *m_folderError = nullptr;
    QPlainTextEdit *m_tags = nullptr;
    MessageWidget *m_tagsError = nullptr;
    QComboBox *m_tier = nullptr;
    QFormLayout *m_form = nullptr;
    bool m_valid = true;
};

} // namespace stella::ui
