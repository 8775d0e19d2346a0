// SPDX-License-Identifier: Apache-2.0
#include "CredentialField.h"

#include "core/catalog/IntegrationValidator.h"
#include "core/credentials/AuthRef.h"
#include "core/credentials/CredentialResolver.h"
#include "core/credentials/SecretValue.h"
#include "ui/views/MessageWidget.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSslKey>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace stella::ui {

namespace {
// "harbor production (EU)" -> "harbor-production-eu": readable in a keychain manager.
QString slug(const QString &text)
{
    static const QRegularExpression nonWord(QStringLiteral("[^a-z0-9]+"));
    QString s = text.toLower();
    s.replace(nonWord, QStringLiteral("-"));
    while (s.startsWith(QLatin1Char('-')))
        s.remove(0, 1);
    while (s.endsWith(QLatin1Char('-')))
        s.chop(1);
    return s;
}

QString capitalized(QString s)
{
    if (!s.isEmpty())
        s[0] = s[0].toUpper();
    return s;
}

// A Basic slot's label names both halves: "username:password", "access key id:secret access
// key", "robot account (name:secret)". Falls back to user/password.
QPair<QString, QString> basicLabels(const QString &label)
{
    QString inner = label;
    const qsizetype open = label.indexOf(QLatin1Char('('));
    const qsizetype close = label.lastIndexOf(QLatin1Char(')'));
    if (open >= 0 && close > open)
        inner = label.mid(open + 1, close - open - 1);
    const qsizetype colon = inner.indexOf(QLatin1Char(':'));
    if (colon <= 0 || colon == inner.size() - 1)
        return {CredentialField::tr("User"), CredentialField::tr("Password")};
    QString user = capitalized(inner.left(colon).trimmed());
    if (user.compare(QLatin1String("name"), Qt::CaseInsensitive) == 0)
        user =
            CredentialField::tr("Account name"); // not to be confused with the integration's name
    return {user, capitalized(inner.mid(colon + 1).trimmed())};
}

// A private key in PEM as GitHub (and OpenSSL) write them: PKCS#1 "RSA PRIVATE KEY", SEC1 "EC
// PRIVATE KEY" or PKCS#8 "PRIVATE KEY", readable without a passphrase.
bool isPrivateKeyPem(const QByteArray &pem)
{
    if (!pem.contains("-----BEGIN") || !pem.contains("PRIVATE KEY-----"))
        return false;
    for (QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa})
        if (!QSslKey(pem, algorithm, QSsl::Pem, QSsl::PrivateKey).isNull())
            return true;
    return false;
}

constexpr qint64 kMaxKeyFileBytes = 64 * 1024; // an RSA-16384 PEM is under 13 KB

QString storedPlaceholder()
{
    return CredentialField::tr("stored — type to replace");
}
} // namespace

CredentialField::CredentialField(QWidget *parent) : QGroupBox(tr("Credential"), parent)
{
    setObjectName(QStringLiteral("credentialField"));
    m_mode = new QComboBox(this);
    m_mode->setObjectName(QStringLiteral("credentialModeCombo"));
    m_mode->addItem(tr("Store a new secret in the keychain"), int(Mode::StoreSecret));
    m_mode->addItem(tr("Use an existing AuthRef"), int(Mode::ExistingAuthRef));

    m_notice = new MessageWidget(MessageWidget::Kind::Warning, this);
    m_notice->setObjectName(QStringLiteral("keychainNotice"));

    m_userLabel = new QLabel(tr("User:"), this);
    m_user = new QLineEdit(this);
    m_user->setObjectName(QStringLiteral("usernameEdit"));
    m_user->setAccessibleName(tr("User"));
    m_secretLabel = new QLabel(tr("Secret:"), this);
    m_secret = new QLineEdit(this);
    m_secret->setObjectName(QStringLiteral("secretEdit"));
    // Named here: the label is not the field's sibling (it is wrapped with its problem line).
    m_secret->setAccessibleName(tr("Secret"));
    // Never shown, never copied out, never offered to an input method's dictionary.
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData |
                                  Qt::ImhNoPredictiveText);
    m_secretError = MessageWidget::problem(QStringLiteral("secretError"), this);
    m_keyFile = new QPushButton(tr("Load &key file…"), this);
    m_keyFile->setObjectName(QStringLiteral("keyFileButton"));
    m_keyFile->setToolTip(tr("Read the private key from its .pem file (as downloaded from the "
                             "app's settings); the file is read once and not remembered"));
    m_keyFile->hide();
    connect(m_keyFile, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Private key file"), QString(), tr("PEM key (*.pem *.key);;All files (*)"));
        if (!path.isEmpty())
            loadKeyFile(path);
    });
    m_help = new QLabel(this);
    m_help->setObjectName(QStringLiteral("credentialHelp"));
    m_help->setWordWrap(true);
    m_help->setEnabled(false);

    m_authRefLabel = new QLabel(tr("Stored as:"), this);
    m_authRef = new QLineEdit(this);
    m_authRef->setObjectName(QStringLiteral("authRefEdit"));
    m_authRef->setAccessibleName(tr("Stored as"));
    m_authRefError = MessageWidget::problem(QStringLiteral("authRefError"), this);

    m_form = new QFormLayout(this);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->addRow(tr("Source:"), m_mode);
    m_form->addRow(m_notice);
    m_form->addRow(m_userLabel, m_user);
    auto *secretRow = new QWidget(this);
    auto *secretLayout = new QHBoxLayout(secretRow);
    secretLayout->setContentsMargins(0, 0, 0, 0);
    secretLayout->addWidget(MessageWidget::withProblem(m_secret, m_secretError, this), 1);
    secretLayout->addWidget(m_keyFile, 0, Qt::AlignTop);
    m_form->addRow(m_secretLabel, secretRow);
    m_form->addRow(QString(), m_help);
    m_form->addRow(m_authRefLabel, MessageWidget::withProblem(m_authRef, m_authRefError, this));

    connect(m_mode, &QComboBox::currentIndexChanged, this, &CredentialField::modeChanged);
    for (QLineEdit *edit : {m_user, m_secret})
        connect(edit, &QLineEdit::textEdited, this, [this, edit] {
            m_touched = true;
            if (edit == m_secret) // typing replaces a key loaded from a file
                dropKeyFile();
            revalidate();
        });
    connect(m_authRef, &QLineEdit::textChanged, this, &CredentialField::revalidate);
    connect(m_authRef, &QLineEdit::textEdited, this, [this](const QString &text) {
        m_touched = true;
        // Emptied by the operator: follow the name again.
        m_authRefAuto = text.trimmed().isEmpty();
    });
    setCredentialStore(nullptr, false, KeychainSecretStore::State::Unknown, {});
}

void CredentialField::setCredentialStore(CredentialResolver *resolver, bool sandbox,
                                         KeychainSecretStore::State keychainState,
                                         const QString &keychainDetail)
{
    using State = KeychainSecretStore::State;
    m_resolver = resolver;
    m_sandbox = sandbox;
    m_keychainState = keychainState;
    m_keychainDetail = keychainDetail;
    m_mode->setItemText(0, sandbox ? tr("Store a new secret in the sandbox (memory)")
                                   : tr("Store a new secret in the keychain"));
    auto *model = static_cast<QStandardItemModel *>(m_mode->model());
    model->item(0)->setEnabled(canStoreSecrets());

    QString notice;
    if (resolver && !sandbox && keychainState == State::Locked)
        notice = tr("The keychain is locked, so a typed secret cannot be stored: %1");
    else if (resolver && !sandbox && keychainState == State::Unavailable)
        notice = tr("No keychain is available, so a typed secret cannot be stored: %1");
    QString detail = keychainDetail.trimmed();
    if (!detail.isEmpty() && !detail.endsWith(QLatin1Char('.')))
        detail += QLatin1Char('.');
    if (!notice.isEmpty())
        notice =
            notice.arg(detail) + tr(" Meanwhile, use an existing AuthRef: authref://env/NAME (an "
                                    "environment variable) or authref://vault/<path>#<field>.");
    m_notice->setText(notice);
    m_form->setRowVisible(m_notice, !notice.isEmpty());

    // Default mode: store, unless storing is impossible or the integration already points
    // somewhere a typed secret would not go (vault, env).
    Mode mode = Mode::StoreSecret;
    if (!canStoreSecrets())
        mode = Mode::ExistingAuthRef;
    else if (!m_existing.isEmpty()) {
        const auto ref = AuthRef::parse(m_existing);
        const auto writable = sandbox ? AuthRef::Store::InMemory : AuthRef::Store::Keychain;
        if (!ref || ref->store != writable)
            mode = Mode::ExistingAuthRef;
    }
    setMode(mode);
}

bool CredentialField::canStoreSecrets() const
{
    if (!m_resolver)
        return false;
    if (m_sandbox)
        return true;
    // Unknown: the probe has not answered yet; a write that fails says why in the banner.
    return m_keychainState == KeychainSecretStore::State::Available ||
           m_keychainState == KeychainSecretStore::State::Unknown;
}

void CredentialField::setProvider(const ProviderDefinition *provider)
{
    m_providerId = provider ? provider->id : QString();
    m_slot.reset();
    if (provider && !provider->credentialSlots.isEmpty())
        m_slot = provider->credentialSlots.first();
    const QString label = m_slot ? m_slot->label : tr("secret");
    const QString required = m_slot && m_slot->required ? QStringLiteral(" *") : QString();
    setTitle(tr("Credential — %1%2").arg(label, required));
    if (isBasic()) {
        const auto [user, password] = basicLabels(label);
        m_userLabel->setText(user + required + QLatin1Char(':'));
        m_secretLabel->setText(password + required + QLatin1Char(':'));
    } else {
        m_secretLabel->setText(capitalized(label) + required + QLatin1Char(':'));
    }
    QString help = m_slot ? m_slot->help : QString();
    if (isPrivateKey())
        help += tr(" Load it from the .pem file the app's settings page downloaded (Load key "
                   "file…), or store it with `stella-integrations secret set AUTHREF < key.pem` "
                   "and use that existing AuthRef.");
    dropKeyFile();
    m_help->setText(help.trimmed());
    updateProposal();
    updateRows();
    revalidate();
}

void CredentialField::setExisting(const QString &authRefUri)
{
    m_existing = authRefUri;
    if (!authRefUri.isEmpty()) {
        m_authRefAuto = false;
        const QSignalBlocker block(m_authRef);
        m_authRef->setText(authRefUri);
    }
    setCredentialStore(m_resolver, m_sandbox, m_keychainState, m_keychainDetail);
}

void CredentialField::setProposalInputs(const QString &tenantId, const QString &name)
{
    m_tenantId = tenantId;
    m_name = name;
    updateProposal();
}

QString CredentialField::proposedAuthRef(bool sandbox, const QString &tenantId,
                                         const QString &providerId, const QString &name,
                                         const QString &slotId)
{
    AuthRef ref;
    ref.store = sandbox ? AuthRef::Store::InMemory : AuthRef::Store::Keychain;
    const QString tenant = slug(tenantId);
    const QString provider = slug(providerId);
    const QString named = slug(name);
    // The tenant keeps two tenants' "Harbor prod" apart; the provider keeps the entry readable.
    ref.path = (tenant.isEmpty() ? QStringLiteral("default") : tenant) + QLatin1Char('/') +
               (named.isEmpty() ? provider : provider + QLatin1Char('-') + named);
    ref.key = slotId.isEmpty() ? QStringLiteral("token") : slotId;
    return ref.toUri();
}

void CredentialField::updateProposal()
{
    if (mode() != Mode::StoreSecret || !m_authRefAuto || m_providerId.isEmpty())
        return;
    m_proposal = proposedAuthRef(m_sandbox, m_tenantId, m_providerId, m_name,
                                 m_slot ? m_slot->id : QString());
    m_authRef->setText(m_proposal);
}

CredentialField::Mode CredentialField::mode() const
{
    return Mode(m_mode->currentData().toInt());
}

void CredentialField::setMode(Mode mode)
{
    const int at = m_mode->findData(int(mode));
    if (at == m_mode->currentIndex())
        modeChanged();
    else
        m_mode->setCurrentIndex(at);
}

void CredentialField::modeChanged()
{
    if (mode() == Mode::StoreSecret && !canStoreSecrets()) {
        // Only reachable programmatically: the item is disabled.
        setMode(Mode::ExistingAuthRef);
        return;
    }
    if (mode() == Mode::ExistingAuthRef && m_authRefAuto && m_authRef->text() == m_proposal) {
        // A proposal is no existing AuthRef; let the operator type one.
        const QSignalBlocker block(m_authRef);
        m_authRef->clear();
    }
    if (mode() == Mode::StoreSecret && m_authRef->text().trimmed().isEmpty())
        m_authRefAuto = true;
    updateProposal();
    updateRows();
    revalidate();
}

bool CredentialField::isBasic() const
{
    return m_slot && m_slot->kind == CredentialSlot::Kind::Basic;
}

void CredentialField::updateRows()
{
    const bool store = mode() == Mode::StoreSecret;
    m_form->setRowVisible(m_user, store && isBasic());
    m_form->setRowVisible(m_secretLabel, store);
    m_keyFile->setVisible(store && isPrivateKey());
    m_form->setRowVisible(m_help, !m_help->text().isEmpty());
    m_authRefLabel->setText(store ? tr("Stored as:") : tr("AuthRef:"));
    if (store) {
        m_authRef->setToolTip(
            tr("Where the typed secret is written. The catalog keeps only this "
               "reference. Proposed from the tenant, provider and name; editable."));
        m_authRef->setPlaceholderText(QStringLiteral("authref://keychain/<path>#<key>"));
    } else {
        m_authRef->setToolTip(QStringLiteral(
            "Where the credential lives: authref://keychain/…, authref://vault/…#field or "
            "authref://env/NAME.\nThe catalog stores only this reference; the secret stays in "
            "the keychain, Vault or the environment."));
        m_authRef->setPlaceholderText(
            tr("authref://vault/<path>#<field> or authref://env/NAME — never the secret "
               "itself"));
    }
    // A stored secret is never read back: the operator replaces it instead.
    const bool stored = store && !m_existing.isEmpty() && m_authRef->text().trimmed() == m_existing;
    m_secret->setPlaceholderText(!m_keyFileName.isEmpty()
                                     ? tr("key loaded from %1").arg(m_keyFileName)
                                     : (stored ? storedPlaceholder() : QString()));
    m_user->setPlaceholderText(stored ? storedPlaceholder() : QString());
}

bool CredentialField::secretTyped() const
{
    return !m_secret->text().isEmpty() || !m_keyPem.isEmpty() ||
           (isBasic() && !m_user->text().isEmpty());
}

bool CredentialField::isPrivateKey() const
{
    return m_slot && m_slot->kind == CredentialSlot::Kind::PrivateKey;
}

bool CredentialField::loadKeyFile(const QString &path)
{
    dropKeyFile();
    m_touched = true;
    const QString name = QFileInfo(path).fileName();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_keyProblem = tr("Cannot read %1: %2. Choose the .pem file the app's settings page "
                          "downloaded.")
                           .arg(name, file.errorString());
    } else if (file.size() > kMaxKeyFileBytes) {
        m_keyProblem = tr("%1 is %2 bytes, far larger than a private key: choose the app's "
                          ".pem key file.")
                           .arg(name)
                           .arg(file.size());
    } else {
        QByteArray pem = file.readAll();
        if (isPrivateKeyPem(pem)) {
            m_keyPem = pem;
            m_keyFileName = name;
            m_secret->clear();
        } else {
            m_keyProblem = tr("%1 is not a PEM private key (expected “-----BEGIN RSA PRIVATE "
                              "KEY-----” or “-----BEGIN PRIVATE KEY-----”, unencrypted). Choose "
                              "the key the app's settings page generated, not a certificate or "
                              "a public key.")
                               .arg(name);
        }
        pem.fill('\0');
    }
    revalidate();
    return m_keyProblem.isEmpty();
}

void CredentialField::dropKeyFile()
{
    m_keyPem.fill('\0');
    m_keyPem.clear();
    m_keyFileName.clear();
    m_keyProblem.clear();
}

bool CredentialField::hasSecretToStore() const
{
    return mode() == Mode::StoreSecret && secretTyped();
}

QString CredentialField::authRefUri() const
{
    const QString text = m_authRef->text().trimmed();
    if (mode() == Mode::ExistingAuthRef)
        return text;
    if (secretTyped()) {
        auto ref = AuthRef::parse(text);
        return ref ? ref->toUri() : text;
    }
    // Nothing typed: the stored secret (if any) stays where it is.
    return text == m_existing ? m_existing : QString();
}

QString CredentialField::existingProblem() const
{
    const QString text = m_authRef->text().trimmed();
    if (text.isEmpty()) {
        if (m_slot && m_slot->required)
            return tr("Required: %1 needs a %2").arg(m_providerId, m_slot->label);
        return {};
    }
    QString problem = IntegrationValidator::authRefProblem(text);
    const QString prefix = QStringLiteral("authRefUri: ");
    if (problem.startsWith(prefix))
        problem = problem.mid(prefix.size());
    return problem;
}

QString CredentialField::storeProblem() const
{
    const QString text = m_authRef->text().trimmed();
    if (!secretTyped() && text == m_existing)
        return {}; // kept as it is
    if (!secretTyped() && !m_touched)
        return {};
    auto ref = AuthRef::parse(text);
    if (!ref)
        return ref.error().toText();
    const auto writable = m_sandbox ? AuthRef::Store::InMemory : AuthRef::Store::Keychain;
    if (ref->store != writable)
        return tr("A typed secret is written to %1, so this must be an "
                  "authref://%2/… AuthRef. To point at Vault or the environment, "
                  "choose “Use an existing AuthRef”.")
            .arg(m_sandbox ? tr("the sandbox's memory") : tr("the keychain"), toString(writable));
    return {};
}

QString CredentialField::secretProblem() const
{
    const QString what = m_slot ? m_slot->label : tr("secret");
    if (!m_keyProblem.isEmpty())
        return m_keyProblem;
    if (isPrivateKey() && !m_secret->text().isEmpty() &&
        !isPrivateKeyPem(m_secret->text().toUtf8()))
        return tr("This is not a PEM private key: load the app's .pem file with Load key file…");
    if (isBasic()) {
        const auto [userName, passwordName] = basicLabels(what);
        const bool user = !m_user->text().isEmpty();
        const bool password = !m_secret->text().isEmpty();
        if (m_user->text().contains(QLatin1Char(':')))
            return tr("%1 cannot contain ':' (the stored value is %2)").arg(userName, what);
        if (user && !password)
            return tr("Type the %1 too").arg(passwordName.toLower());
        if (password && !user)
            return tr("Type the %1 too").arg(userName.toLower());
    }
    if (secretTyped())
        return {};
    const QString text = m_authRef->text().trimmed();
    if (!m_existing.isEmpty() && text == m_existing)
        return {}; // the stored secret stays
    if (!m_existing.isEmpty() || (m_slot && m_slot->required))
        return tr("Type the %1 to store, or choose “Use an existing AuthRef”").arg(what);
    return {}; // an optional credential left out
}

QString CredentialField::problem() const
{
    if (mode() == Mode::ExistingAuthRef)
        return existingProblem();
    const QString secret = secretProblem();
    return secret.isEmpty() ? storeProblem() : secret;
}

void CredentialField::revalidate()
{
    updateRows();
    const bool store = mode() == Mode::StoreSecret;
    const QString secret = store ? secretProblem() : QString();
    const QString authRef = store ? storeProblem() : existingProblem();
    m_secretError->setText(secret);
    m_secretError->setVisible(!secret.isEmpty() && (m_touched || m_revealed));
    m_authRefError->setText(authRef);
    // "Required" is not an error until the operator has typed something or tried to save.
    m_authRefError->setVisible(!authRef.isEmpty() &&
                               (m_revealed || !m_authRef->text().trimmed().isEmpty()));
    Q_EMIT changed();
}

void CredentialField::revealProblems()
{
    m_revealed = true;
    revalidate();
}

void CredentialField::storeSecret(std::function<void(Result<void>)> done)
{
    const QString uri = authRefUri();
    if (!m_resolver) {
        done(Error::backend(tr("%1: no credential store is available").arg(uri),
                            tr("Choose “Use an existing AuthRef”")));
        return;
    }
    QByteArray bytes = !m_keyPem.isEmpty() ? m_keyPem
                       : isBasic() ? m_user->text().toUtf8() + ':' + m_secret->text().toUtf8()
                                   : m_secret->text().toUtf8();
    const SecretValue value(bytes);
    bytes.fill('\0'); // our copy goes now, not when the heap is reused
    m_resolver->store(uri, value, [self = QPointer<CredentialField>(this), done](Result<void> r) {
        if (self)
            done(std::move(r));
    });
}

void CredentialField::clearSecret()
{
    m_secret->clear();
    m_user->clear();
    dropKeyFile();
    m_touched = false;
    revalidate();
}

void CredentialField::setBusy(bool busy)
{
    for (QWidget *w : {static_cast<QWidget *>(m_mode), static_cast<QWidget *>(m_user),
                       static_cast<QWidget *>(m_secret), static_cast<QWidget *>(m_authRef),
                       static_cast<QWidget *>(m_keyFile)})
        w->setEnabled(!busy);
}

} // namespace stella::ui
