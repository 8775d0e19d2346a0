// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/credentials/SecretStore.h"
#include "core/model/Integration.h"

#include <QHash>

class QNetworkAccessManager;

namespace stella {

class KeychainSecretStore;

// Resolves AuthRef URIs to secret values, one store per AuthRef kind (docs/contracts.md §6.2), and
// writes and removes them. A `vault` AuthRef goes through the catalog's designated Vault
// integration, whose own token must be a keychain or env AuthRef.
class CredentialResolver : public QObject
{
    Q_OBJECT

public:
    // Answers with the tenant's Vault integrations (any status), from wherever the catalog is.
    using VaultIntegrations = std::function<void(std::function<void(Result<QList<Integration>>)>)>;

    struct Options
    {
        bool sandbox = false; // inmemory AuthRefs only in the sandbox
        int keychainTimeoutMs = 20000;
    };

    CredentialResolver(QNetworkAccessManager &network, VaultIntegrations vaults, Options options,
                       QObject *parent = nullptr);

    void resolve(const QString &authRefUri, SecretCallback done);
    void store(const QString &authRefUri, const SecretValue &value, DoneCallback done);
    void remove(const QString &authRefUri, DoneCallback done);

    KeychainSecretStore &keychain() { return *m_keychain; }
    // The console switches between the sandbox and real catalogs in one process; inmemory
    // AuthRefs follow the catalog that is open.
    void setSandbox(bool sandbox) { m_options.sandbox = sandbox; }
    bool isSandbox() const { return m_options.sandbox; }

    // Which Vault integration resolves vault AuthRefs: the one with catalogSecretsStore set,
    // else the only one. Pure, so the rule is tested on its own.
    static Result<Integration> designatedVault(const QList<Integration> &vaults);

private:
    Result<SecretStore *> storeFor(const QString &authRefUri, AuthRef &ref);
    void locateVault(std::function<void(Result<struct VaultTarget>)> done);

    VaultIntegrations m_vaults;
    Options m_options;
    KeychainSecretStore *m_keychain = nullptr;
    QHash<int, SecretStore *> m_stores; // by AuthRef::Store
};

} // namespace stella
