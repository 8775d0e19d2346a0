// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWizardPage>

class QLabel;

namespace stella::ui {

class CredentialField;
class MessageWidget;
class OnboardingWizard;

// The credential, in the add/edit dialog's CredentialField (keychain, an existing AuthRef, or
// env), with the slot's shape explained. Going on makes the credential usable for the live
// test: a typed secret is stored (the wizard remembers where, for Cancel), an existing AuthRef
// is resolved once, and one that does not resolve stops here with the reason in place.
//
// Widgets: credentialField (see CredentialField), credentialShape, credentialStatus.
class CredentialPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit CredentialPage(OnboardingWizard &wizard);

    void initializePage() override;
    void cleanupPage() override {} // Back keeps what was typed
    bool isComplete() const override;
    bool validatePage() override;

    CredentialField *field() const { return m_field; }
    QString authRefUri() const;
    bool isBusy() const { return m_busy; }
    MessageWidget *status() const { return m_status; }

Q_SIGNALS:
    // Storing or resolving ended; `ok` when the wizard went on.
    void credentialChecked(bool ok);

private:
    void finishCheck(bool ok);

    OnboardingWizard &m_wizard;
    CredentialField *m_field;
    QLabel *m_shape;
    MessageWidget *m_status;
    QString m_providerShown;
    bool m_busy = false;
    bool m_checked = false; // the async check passed: the next validatePage() goes on
};

} // namespace stella::ui
