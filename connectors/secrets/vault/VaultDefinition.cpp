// SPDX-License-Identifier: Apache-2.0
#include "VaultDefinition.h"

#include "VaultConnector.h"
#include "connectors/base/ProviderBuilder.h"

namespace stella {

ProviderDefinition vaultDefinition()
{
    using K = ConfigField::Kind;
    using C = CredentialSlot::Kind;
    return ProviderBuilder(QStringLiteral("Vault"), QStringLiteral("HashiCorp Vault"),
                           IntegrationType::SecretsManager)
        .endpoint(QStringLiteral("the Vault address, e.g. https://vault.example.com:8200"))
        .field(QStringLiteral("kvMount"), QStringLiteral("KV v2 mount"), K::String,
               QStringLiteral("Mount path of the KV version 2 secrets engine"),
               QStringLiteral("secret"))
        .field(QStringLiteral("namespace"), QStringLiteral("Namespace"), K::String,
               QStringLiteral("Vault Enterprise namespace (X-Vault-Namespace)"))
        .field(QStringLiteral("catalogSecretsStore"), QStringLiteral("Resolves vault AuthRefs"),
               K::Bool,
               QStringLiteral("This Vault resolves the catalog's authref://vault/... references"),
               false)
        .credential(QStringLiteral("token"), QStringLiteral("Vault token"), C::Token, true,
                    QStringLiteral("A keychain or env AuthRef; never a vault one"))
        .httpConnectionFields()
        .connector<VaultConnector>()
        .build();
}

} // namespace stella
