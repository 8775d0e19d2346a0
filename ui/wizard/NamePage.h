// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWizardPage>

class QLabel;
class QLineEdit;

namespace stella::ui {

class MessageWidget;
class OrganisationFields;
class OnboardingWizard;

// The last page: the integration's name (proposed from the provider and the host), its folder,
// tags and tier (the add/edit dialog's OrganisationFields, "organisationFields"), and a
// summary of what will be saved. A refused save (a duplicate name, the database gone) shows its
// reason in the banner and keeps every input.
//
// Widgets: nameEdit, nameError, organisationFields, summaryLabel, saveBanner.
class NamePage : public QWizardPage
{
    Q_OBJECT

public:
    explicit NamePage(OnboardingWizard &wizard);

    void initializePage() override;
    bool isComplete() const override;

    QString name() const;
    MessageWidget *banner() const { return m_banner; }
    OrganisationFields *organisation() const { return m_organisation; }

private:
    void revalidate();

    OnboardingWizard &m_wizard;
    bool m_named = false; // typed by the operator: no longer proposed
    QLineEdit *m_name;
    MessageWidget *m_nameError;
    QLabel *m_summary;
    OrganisationFields *m_organisation;
    MessageWidget *m_banner;
};

} // namespace stella::ui
