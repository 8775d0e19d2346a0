// SPDX-License-Identifier: Apache-2.0
#include "CredentialResolver.h"

#include "core/common/Logging.h"
#include "core/credentials/KeychainSecretStore.h"
#include "core/credentials/VaultSecretStore.h"

#include <QCoreApplication>
#include <QMetaObject>

namespace stella {

namespace {
struct CredentialResolverText
{
    Q_DECLARE_TR_FUNCTIONS(stella::CredentialResolver)
};
} // namespace

namespace {
QString addVaultHint()
{
    return CredentialResolverText::tr(
        "Add a Vault integration with --config '{\"catalogSecretsStore\": true}' and a "
        "keychain or env token AuthRef");
}
} // namespace

CredentialResolver::CredentialResolver(QNetworkAccessManager &network, VaultIntegrations vaults,
                                       Options options, QObject *parent)
    : QObject(parent), m_vaults(std::move(vaults)), m_options(options)
{
    m_keychain = new KeychainSecretStore(this, options.keychainTimeoutMs);
    m_stores.insert(int(AuthRef::Store::Keychain), m_keychain);
    m_stores.insert(int(AuthRef::Store::Env), new EnvSecretStore(this));
    m_stores.insert(int(AuthRef::Store::InMemory), new InMemorySecretStore(this));
    m_stores.insert(int(AuthRef::Store::Vault),
                    new VaultSecretStore(
                        network, [this](auto done) { locateVault(std::move(done)); }, this));
}

Result<Integration> CredentialResolver::designatedVault(const QList<Integration> &vaults)
{
    QList<Integration> designated;
    for (const Integration &v : vaults)
        if (v.config.value(QStringLiteral("catalogSecretsStore")).toBool())
            designated.append(v);
    if (designated.size() > 1) {
        QStringList names;
        for (const Integration &v : designated)
            names.append(v.name);
        return Error::invalidInput(
            CredentialResolverText::tr("Several Vault integrations resolve vault AuthRefs: %1")
                .arg(names.join(QStringLiteral(", "))),
            CredentialResolverText::tr("Set catalogSecretsStore on exactly one of them"));
    }
    if (designated.size() == 1)
        return designated.first();
    if (vaults.size() == 1)
        return vaults.first();
    if (vaults.isEmpty())
        return Error::invalidInput(
            CredentialResolverText::tr(
                "A vault AuthRef needs a Vault integration, and this tenant has none"),
            addVaultHint());
    return Error::invalidInput(
        CredentialResolverText::tr(
            "This tenant has %1 Vault integrations and none is marked to resolve vault AuthRefs")
            .arg(vaults.size()),
        CredentialResolverText::tr("Set catalogSecretsStore: true on the one to use"));
}

void CredentialResolver::locateVault(std::function<void(Result<VaultTarget>)> done)
{
    if (!m_vaults)
        return done(
            Error::invalidInput(CredentialResolverText::tr(
                                    "vault AuthRefs cannot be resolved here: no catalog is open"),
                                addVaultHint()));
    m_vaults([this, done = std::move(done)](Result<QList<Integration>> vaults) mutable {
        if (!vaults)
            return done(vaults.error());
        auto vault = designatedVault(*vaults);
        if (!vault) {
            logging::logError(lcCredentials(), vault.error());
            return done(vault.error());
        }
        const Integration v = *vault;
        STELLA_LOG_DEBUG(lcCredentials).noquote()
            << "vault AuthRefs resolve through the Vault integration" << v.name;
        auto tokenRef = AuthRef::parse(v.authRefUri);
        if (!tokenRef)
            return done(Error::invalidInput(
                CredentialResolverText::tr(
                    "The Vault integration '%1' has no usable token AuthRef: %2")
                    .arg(v.name, tokenRef.error().message),
                CredentialResolverText::tr("Give it a keychain or env AuthRef for its token")));
        if (tokenRef->store != AuthRef::Store::Keychain && tokenRef->store != AuthRef::Store::Env)
            return done(Error::invalidInput(
                CredentialResolverText::tr(
                    "The Vault integration '%1' takes its token from %2: a cycle")
                    .arg(v.name, v.authRefUri),
                CredentialResolverText::tr("Vault's own token must be a keychain or env AuthRef")));
        m_stores.value(int(tokenRef->store))
            ->read(*tokenRef, [v, done = std::move(done)](Result<SecretValue> token) {
                if (!token) {
                    Error e = token.error();
                    e.message = CredentialResolverText::tr(
                                    "The token of the Vault integration '%1' cannot be read: %2")
                                    .arg(v.name, e.message);
                    return done(e);
                }
                VaultTarget target;
                target.integrationName = v.name;
                target.address = QUrl(v.endpoint);
                target.kvMount =
                    v.config.value(QStringLiteral("kvMount")).toString(QStringLiteral("secret"));
                target.vaultNamespace = v.config.value(QStringLiteral("namespace")).toString();
                target.token = *token;
                done(std::move(target));
            });
    });
}

Result<SecretStore *> CredentialResolver::storeFor(const QString &authRefUri, AuthRef &ref)
{
    auto parsed = AuthRef::parse(authRefUri);
    if (!parsed)
        return parsed.error();
    ref = *parsed;
    if (ref.store == AuthRef::Store::InMemory && !m_options.sandbox)
        return Error::invalidInput(
            CredentialResolverText::tr("%1: inmemory AuthRefs exist only in the sandbox")
                .arg(ref.toUri()),
            CredentialResolverText::tr("Use a keychain, vault or env AuthRef"));
    // The AuthRef as parsed, never the text given: a secret pasted there stays out of logs.
    STELLA_LOG_DEBUG(lcCredentials).noquote() << "using the store of" << ref.toUri();
    return m_stores.value(int(ref.store));
}

void CredentialResolver::resolve(const QString &authRefUri, SecretCallback done)
{
    AuthRef ref;
    auto store = storeFor(authRefUri, ref);
    if (!store) {
        QMetaObject::invokeMethod(
            this, [done = std::move(done), e = store.error()] { done(e); }, Qt::QueuedConnection);
        return;
    }
    (*store)->read(ref, std::move(done));
}

void CredentialResolver::store(const QString &authRefUri, const SecretValue &value,
                               DoneCallback done)
{
    AuthRef ref;
    auto target = storeFor(authRefUri, ref);
    Error problem;
    if (!target)
        problem = target.error();
    else if (value.isEmpty())
        problem = Error::invalidInput(
            CredentialResolverText::tr("%1: the secret is empty").arg(ref.toUri()),
            CredentialResolverText::tr("Give the value on standard input"));
    if (!problem.message.isEmpty()) {
        QMetaObject::invokeMethod(
            this, [done = std::move(done), problem] { done(problem); }, Qt::QueuedConnection);
        return;
    }
    (*target)->write(ref, value, std::move(done));
}

void CredentialResolver::remove(const QString &authRefUri, DoneCallback done)
{
    AuthRef ref;
    auto target = storeFor(authRefUri, ref);
    if (!target) {
        QMetaObject::invokeMethod(
            this, [done = std::move(done), e = target.error()] { done(e); }, Qt::QueuedConnection);
        return;
    }
    (*target)->remove(ref, std::move(done));
}

} // namespace stella
