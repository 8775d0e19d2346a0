// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWizardPage>

class QLabel;
class QLineEdit;
class QVBoxLayout;

namespace stella::ui {

class MessageWidget;
class OnboardingWizard;

// The last page: the integration's name (proposed from the provider and the host), a summary
// of what will be saved, and the place the organisation fields (folder, tags, tier) go
// (organisationSlot, an empty layout until the catalog has them). A refused save (a duplicate
// name, the database gone) shows its reason in the banner and keeps every input.
//
// Widgets: nameEdit, nameError, summaryLabel, organisationSlot, saveBanner.
class NamePage : public QWizardPage
{
    Q_OBJECT

public:
    explicit NamePage(OnboardingWizard &wizard);

    void initializePage() override;
    bool isComplete() const override;

    QString name() const;
    MessageWidget *banner() const { return m_banner; }
    // Where OrganisationFields goes once the model has folders, tags and tiers.
    QVBoxLayout *organisationSlot() const { return m_organisation; }

private:
    void revalidate();

    OnboardingWizard &m_wizard;
    bool m_named = false; // typed by the operator: no longer proposed
    QLineEdit *m_name;
    MessageWidget *m_nameError;
    QLabel *m_summary;
    QVBoxLayout *m_organisation;
    MessageWidget *m_banner;
};

} // namespace stella::ui
