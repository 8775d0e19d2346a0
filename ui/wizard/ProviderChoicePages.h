// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/Enums.h"

#include <QWizardPage>

class QLabel;
class QListWidget;

namespace stella {
struct ProviderDefinition;
}

namespace stella::ui {

class OnboardingWizard;

// The seven integration types, each with the providers behind it. Widgets: typeList.
class TypePage : public QWizardPage
{
    Q_OBJECT

public:
    explicit TypePage(OnboardingWizard &wizard);

    bool isComplete() const override;
    bool validatePage() override;

private:
    OnboardingWizard &m_wizard;
    QListWidget *m_list;
};

// The providers of the chosen type, each with one line on what it is and what it needs, read
// from its definition. Widgets: providerList, providerDescription.
class ProviderPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit ProviderPage(OnboardingWizard &wizard);

    void initializePage() override;
    void cleanupPage() override {} // Back keeps the choice
    bool isComplete() const override;
    // "Needs: the Harbor URL, …; a robot account (name:secret), optional. Discovers …"
    static QString describe(const ProviderDefinition &provider);

private:
    void fill();
    void showCurrent();

    OnboardingWizard &m_wizard;
    QListWidget *m_list;
    QLabel *m_description;
};

} // namespace stella::ui
