// SPDX-License-Identifier: Apache-2.0
#include "KeychainStatusButton.h"

#include <QMessageBox>
#include <QPointer>
#include <QStyle>

namespace stella::ui {

KeychainStatusButton::KeychainStatusButton(QWidget *parent) : QToolButton(parent)
{
    setObjectName(QStringLiteral("keychainStatus"));
    setAutoRaise(true);
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    setIconSize(QSize(14, 14));
    setText(tr("Keychain: checking…"));
    setToolTip(toolTipFor(State::Unknown, {}));
    connect(this, &QToolButton::clicked, this, &KeychainStatusButton::showHelp);
}

void KeychainStatusButton::probe(KeychainSecretStore &keychain)
{
    keychain.probe([self = QPointer<KeychainStatusButton>(this)](State state, QString detail) {
        if (self)
            self->setState(state, detail);
    });
}

void KeychainStatusButton::setState(State state, const QString &detail)
{
    m_state = state;
    m_detail = detail;
    const bool usable = state == State::Available;
    setText(tr("Keychain: %1").arg(KeychainSecretStore::toString(state)));
    setIcon(style()->standardIcon(usable ? QStyle::SP_DialogApplyButton
                                         : QStyle::SP_MessageBoxWarning));
    setToolTip(toolTipFor(state, detail));
    Q_EMIT stateChanged(state);
}

QString KeychainStatusButton::toolTipFor(State state, const QString &detail) const
{
    QString tip;
    switch (state) {
    case State::Available:
        tip = tr("Secrets typed in the add/edit dialog are stored in the OS keychain "
                 "(service %1); the catalog keeps only their AuthRefs.")
                  .arg(KeychainSecretStore::kService);
        break;
    case State::Locked:
        tip = tr("The keychain is locked: %1").arg(detail);
        break;
    case State::Unavailable:
        tip = tr("No keychain can be used: %1").arg(detail);
        break;
    case State::Unknown:
        return tr("Checking the keychain…");
    }
    if (state != State::Available)
        tip += QLatin1Char('\n') + tr("Until then, give integrations an existing AuthRef "
                                      "(authref://env/NAME or authref://vault/…). Click for "
                                      "details.");
    return tip;
}

void KeychainStatusButton::showHelp()
{
    QString text;
    QString info;
    switch (m_state) {
    case State::Available:
        text = tr("The OS keychain is available.");
        info = tr("Secrets typed in the add/edit dialog are stored there (service “%1”); the "
                  "catalog keeps only their AuthRefs.")
                   .arg(KeychainSecretStore::kService);
        break;
    case State::Locked:
    case State::Unavailable:
        text = m_state == State::Locked ? tr("The OS keychain is locked.")
                                        : tr("No OS keychain is available.");
        info = m_detail + QStringLiteral("\n\n") +
               tr("Until then, the add/edit dialog can only use an existing AuthRef: "
                  "authref://env/NAME (an environment variable) or "
                  "authref://vault/<path>#<field> through the tenant's Vault integration.");
        break;
    case State::Unknown:
        text = tr("The keychain is still being checked.");
        break;
    }
    if (m_sandbox)
        info += QStringLiteral("\n\n") + tr("This is the sandbox: typed secrets stay in memory "
                                            "and never reach the keychain.");
    auto *box =
        new QMessageBox(QMessageBox::Information, tr("Keychain"), text, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("keychainHelp"));
    box->setInformativeText(info);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace stella::ui
