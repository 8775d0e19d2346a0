// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/credentials/SecretStore.h"

#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace stella {

// The Vault a vault AuthRef is read from: the catalog's designated Vault integration.
struct VaultTarget
{
    QString integrationName; // for messages
    QUrl address;
    QString kvMount = QStringLiteral("secret");
    QString vaultNamespace;
    SecretValue token;
};

// authref://vault/<path>#<field>: field <field> of the KV v2 secret at <path>, read with
// GET /v1/<kvMount>/data/<path> (X-Vault-Token, X-Vault-Namespace). Sealed (503), permission
// denied (403), missing path (404) and missing field are distinct errors.
class VaultSecretStore final : public SecretStore
{
    Q_OBJECT

public:
    // Finds the designated Vault integration and resolves its token; answers exactly once.
    using TargetLocator = std::function<void(std::function<void(Result<VaultTarget>)>)>;

    VaultSecretStore(QNetworkAccessManager &network, TargetLocator locator,
                     QObject *parent = nullptr);

    AuthRef::Store kind() const override { return AuthRef::Store::Vault; }
    void read(const AuthRef &ref, SecretCallback done) override;
    // Merges the field into the secret (JSON merge patch), creating the secret if it is new.
    void write(const AuthRef &ref, const SecretValue &value, DoneCallback done) override;
    // Removes the field from the secret (merge patch with null).
    void remove(const AuthRef &ref, DoneCallback done) override;

    static constexpr int kRequestTimeoutMs = 15000;

    // The messages of a Vault error body {"errors": ["...", ...]}, joined by "; "; empty when
    // there are none (a 404 often has an empty list) or the body is not Vault's.
    static QString errorsIn(const QByteArray &body);

private:
    using ReplyHandler =
        std::function<void(int status, const QByteArray &body, const QString &networkError)>;
    void send(const VaultTarget &target, const QByteArray &verb, const AuthRef &ref,
              const QByteArray &body, const QByteArray &contentType, ReplyHandler handler);
    // The operator's error for a failed request, logged (stella.vault).
    static Error httpError(const VaultTarget &target, const AuthRef &ref, int status,
                           const QByteArray &body, const QString &networkError);
    static Error describeHttpError(const VaultTarget &target, const AuthRef &ref, int status,
                                   const QByteArray &body, const QString &networkError);
    void patchField(const AuthRef &ref, const QJsonValue &value, DoneCallback done);

    QNetworkAccessManager &m_network;
    TargetLocator m_locator;
};

} // namespace stella
