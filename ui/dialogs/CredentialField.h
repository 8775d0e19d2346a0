// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"
#include "core/credentials/KeychainSecretStore.h"
#include "core/providers/ProviderDefinition.h"

#include <QGroupBox>
#include <QPointer>
#include <optional>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace stella {
class CredentialResolver;
}

namespace stella::ui {

class MessageWidget;

// The credential of the add/edit dialog. Two modes:
//   - "Store a new secret": the operator types the secret (a Basic slot: user and password,
//     stored as "user:password"); it is written to the keychain (the sandbox: the resolver's
//     in-memory store) at an AuthRef the field proposes and the operator may edit, and only
//     that AuthRef goes to the catalog. A stored secret is never read back or shown: editing
//     shows "stored — type to replace".
//   - "Use an existing AuthRef": authref://vault/…, authref://env/NAME or any keychain entry
//     stored elsewhere (e.g. with `stella-integrations secret set`).
// With the keychain locked or unavailable, storing is switched off and a notice gives the
// probe's reason and what to do. Without a resolver (setCredentialStore never called) only
// the existing-AuthRef mode is offered.
//
// A private-key slot (a GitHub App's PEM) reads the key from a file (Load key file…), checked
// to be an unencrypted PEM private key before anything is stored.
//
// Widgets: credentialModeCombo, usernameEdit, secretEdit, keyFileButton, authRefEdit,
// secretError, authRefError, keychainNotice, credentialHelp.
class CredentialField : public QGroupBox
{
    Q_OBJECT

public:
    enum class Mode
    {
        StoreSecret,
        ExistingAuthRef
    };

    explicit CredentialField(QWidget *parent = nullptr);

    void setCredentialStore(CredentialResolver *resolver, bool sandbox,
                            KeychainSecretStore::State keychainState,
                            const QString &keychainDetail);
    // The provider's first credential slot decides labels, help and the Basic split.
    void setProvider(const ProviderDefinition *provider);
    // Edit: the AuthRef the integration has now (kept unless the operator changes it).
    void setExisting(const QString &authRefUri);
    // Inputs of the proposed AuthRef: authref://keychain/<tenant>/<provider>-<name>#<slot>.
    void setProposalInputs(const QString &tenantId, const QString &name);

    Mode mode() const;
    void setMode(Mode mode);
    bool canStoreSecrets() const;

    // Empty when the field is valid.
    QString problem() const;
    // Shows every problem, even on untouched inputs (a forced accept).
    void revealProblems();
    // True when a typed secret must be written before the integration is saved.
    bool hasSecretToStore() const;
    // What the catalog will keep: an AuthRef, or empty for no credential.
    QString authRefUri() const;
    // Writes the typed secret to authRefUri(); `done` runs on this thread, never after the
    // field is gone. The typed input stays until clearSecret(), so a failed save can be retried.
    void storeSecret(std::function<void(Result<void>)> done);
    void clearSecret();
    void setBusy(bool busy);
    // A private-key slot: reads the PEM from `path` (what Load key file… picks) and keeps it,
    // never in a widget, until stored or cleared. False, with the reason shown in place, for
    // a file that cannot be read or holds no unencrypted PEM private key.
    bool loadKeyFile(const QString &path);
    QString keyFileName() const { return m_keyFileName; }

    // The AuthRef this field proposes for a name (documented in docs/architecture.md).
    static QString proposedAuthRef(bool sandbox, const QString &tenantId, const QString &providerId,
                                   const QString &name, const QString &slotId);

Q_SIGNALS:
    void changed();

private:
    void modeChanged();
    void updateRows();
    void updateProposal();
    void revalidate();
    bool secretTyped() const;
    bool isBasic() const;
    bool isPrivateKey() const;
    void dropKeyFile();
    QString storeProblem() const;
    QString secretProblem() const;
    QString existingProblem() const;

    QPointer<CredentialResolver> m_resolver;
    bool m_sandbox = false;
    KeychainSecretStore::State m_keychainState = KeychainSecretStore::State::Unknown;
    QString m_keychainDetail;
    QString m_providerId;
    std::optional<CredentialSlot> m_slot;
    QString m_existing;
    QString m_tenantId;
    QString m_name;
    QString m_proposal;        // the last AuthRef proposed
    bool m_authRefAuto = true; // the AuthRef follows the name until the operator edits it
    bool m_touched = false;
    bool m_revealed = false;

    QFormLayout *m_form = nullptr;
    QComboBox *m_mode = nullptr;
    MessageWidget *m_notice = nullptr;
    QLabel *m_userLabel = nullptr;
    QLineEdit *m_user = nullptr;
    QLabel *m_secretLabel = nullptr;
    QLineEdit *m_secret = nullptr;
    MessageWidget *m_secretError = nullptr;
    QLabel *m_help = nullptr;
    QLabel *m_authRefLabel = nullptr;
    QLineEdit *m_authRef = nullptr;
    MessageWidget *m_authRefError = nullptr;
    QPushButton *m_keyFile = nullptr;
    QByteArray m_keyPem;   // a key loaded from a file, until stored or cleared
    QString m_keyFileName; // shown in place of the secret
    QString m_keyProblem;  // why the chosen file is no key
};

} // namespace stella::ui
