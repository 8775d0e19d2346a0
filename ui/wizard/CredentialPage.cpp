// SPDX-License-Identifier: Apache-2.0
#include "CredentialPage.h"

#include "core/credentials/CredentialResolver.h"
#include "core/credentials/SecretValue.h"
#include "core/providers/ProviderDefinition.h"
#include "ui/dialogs/CredentialField.h"
#include "ui/views/MessageWidget.h"
#include "ui/wizard/OnboardingWizard.h"

#include <QLabel>
#include <QPointer>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>

namespace stella::ui {

namespace {
// What the slot holds, in the operator's words, with the example they need.
QString shapeOf(const ProviderDefinition &provider)
{
    if (provider.credentialSlots.isEmpty())
        return CredentialPage::tr("%1 needs no credential.").arg(provider.displayName);
    const CredentialSlot &slot = provider.credentialSlots.first();
    switch (slot.kind) {
    case CredentialSlot::Kind::Basic:
        if (provider.id == QLatin1String("Harbor"))
            return CredentialPage::tr(
                "Two parts, stored together: a robot account's full name as Harbor shows it "
                "(robot$name, or robot$project+name) and its secret; or a user and password.");
        return CredentialPage::tr("Two parts, stored together as one secret: %1.").arg(slot.label);
    case CredentialSlot::Kind::PrivateKey:
        return CredentialPage::tr(
            "A private key file in PEM (-----BEGIN RSA PRIVATE KEY-----), as the app's settings "
            "page generates it: choose it with Load key file…. The app ID goes in Settings.");
    case CredentialSlot::Kind::Token:
        return CredentialPage::tr("One token (%1), pasted as it is.").arg(slot.label);
    }
    return {};
}
} // namespace

CredentialPage::CredentialPage(OnboardingWizard &wizard)
    : m_wizard(wizard), m_field(new CredentialField(this)), m_shape(new QLabel(this)),
      m_status(new MessageWidget(MessageWidget::Kind::Error, this))
{
    setObjectName(QStringLiteral("credentialPage"));
    setTitle(tr("How does Stella Ops sign in?"));
    setSubTitle(tr("The catalog keeps only a reference (an AuthRef); the secret stays in the "
                   "keychain, Vault or the environment."));
    m_shape->setObjectName(QStringLiteral("credentialShape"));
    m_shape->setWordWrap(true);
    m_shape->setTextFormat(Qt::PlainText);
    m_status->setObjectName(QStringLiteral("credentialStatus"));
    const auto &s = wizard.services();
    m_field->setCredentialStore(s.credentials, s.sandbox, s.keychainState, s.keychainDetail);
    connect(m_field, &CredentialField::changed, this, [this] {
        m_checked = false;
        Q_EMIT completeChanged();
    });
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_shape);
    layout->addWidget(m_field);
    layout->addWidget(m_status);
    layout->addStretch(1);
}

void CredentialPage::initializePage()
{
    const ProviderDefinition *p = m_wizard.provider();
    if (!p)
        return;
    // The same provider as last time (Back, then Next): keep every input as it was.
    if (m_providerShown != p->id) {
        m_providerShown = p->id;
        m_field->setProvider(p);
        m_status->clear();
    }
    // Named after the endpoint's host until the operator names the integration.
    m_field->setProposalInputs(m_wizard.services().context.tenantId,
                               QUrl(m_wizard.draft().endpoint).host());
    m_shape->setText(shapeOf(*p));
}

QString CredentialPage::authRefUri() const
{
    return m_field->authRefUri();
}

bool CredentialPage::isComplete() const
{
    return !m_busy && m_field->problem().isEmpty();
}

void CredentialPage::finishCheck(bool ok)
{
    m_busy = false;
    m_field->setBusy(false);
    Q_EMIT completeChanged();
    if (ok) {
        m_checked = true;
        // Queued: a resolver may answer before validatePage() has returned.
        QTimer::singleShot(0, this, [this] {
            if (m_checked && m_wizard.currentPage() == this)
                m_wizard.next();
        });
    }
    Q_EMIT credentialChecked(ok);
}

bool CredentialPage::validatePage()
{
    if (m_checked) {
        m_checked = false;
        return true;
    }
    if (m_busy)
        return false;
    if (!m_field->problem().isEmpty()) {
        m_field->revealProblems();
        return false;
    }
    const QString uri = m_field->authRefUri();
    m_status->clear();
    if (uri.isEmpty())
        return true; // an optional credential left out
    CredentialResolver *resolver = m_wizard.services().credentials;
    if (!resolver) {
        m_status->showError(Error::backend(tr("No credential store is available.")),
                            tr("The credential cannot be checked."));
        return false;
    }
    m_busy = true;
    m_field->setBusy(true);
    Q_EMIT completeChanged();
    QPointer<CredentialPage> self(this);
    if (m_field->hasSecretToStore()) {
        // The live test needs the secret where the AuthRef points; the wizard remembers it
        // so that Cancel can take it back.
        m_field->storeSecret([self, uri](Result<void> stored) {
            if (!self)
                return;
            if (!stored) {
                self->m_status->showError(stored.error(),
                                          tr("The secret could not be stored at %1:").arg(uri));
                self->finishCheck(false);
                return;
            }
            self->m_wizard.rememberStored(uri);
            self->finishCheck(true);
        });
        return false;
    }
    resolver->resolve(uri, [self, uri](Result<SecretValue> value) {
        if (!self)
            return;
        if (!value) {
            self->m_status->showError(value.error(), tr("%1 does not resolve:").arg(uri));
            self->finishCheck(false);
            return;
        }
        self->finishCheck(true); // the value goes out of scope here: checked, not kept
    });
    return false;
}

} // namespace stella::ui
