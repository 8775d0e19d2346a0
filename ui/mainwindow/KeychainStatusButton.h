// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/credentials/KeychainSecretStore.h"

#include <QToolButton>

namespace stella::ui {

// The status bar's keychain button ("keychainStatus"): whether typed secrets can go to the OS
// keychain, and, clicked, what to do when they cannot (a message box, "keychainHelp"). The
// keychain is probed once, asynchronously (a locked keychain may take seconds); nothing waits.
class KeychainStatusButton : public QToolButton
{
    Q_OBJECT

public:
    using State = KeychainSecretStore::State;

    explicit KeychainStatusButton(QWidget *parent = nullptr);

    // Asks the keychain for its state; the answer arrives later through setState().
    void probe(KeychainSecretStore &keychain);
    // What the probe found; public so tests can show a locked or missing keychain.
    void setState(State state, const QString &detail);
    State state() const { return m_state; }
    QString detail() const { return m_detail; }
    // The sandbox keeps typed secrets in memory: the help says so.
    void setSandbox(bool sandbox) { m_sandbox = sandbox; }

Q_SIGNALS:
    void stateChanged(stella::KeychainSecretStore::State state);

private:
    void showHelp();
    QString toolTipFor(State state, const QString &detail) const;

    State m_state = State::Unknown;
    QString m_detail;
    bool m_sandbox = false;
};

} // namespace stella::ui
