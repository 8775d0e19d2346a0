// SPDX-License-Identifier: Apache-2.0
#include "VaultDefinition.h"

#include "VaultConnector.h"
#include "connectors/base/ProviderBuilder.h"

#include <QCoreApplication>

namespace stella {

namespace {
struct VaultDefinitionText
{
    Q_DECLARE_TR_FUNCTIONS(stella::VaultDefinition)
};
} // namespace

ProviderDefinition vaultDefinition()
{
    using K = ConfigField::Kind;
    using C = CredentialSlot::Kind;
    return ProviderBuilder(QStringLiteral("Vault"), QStringLiteral("HashiCorp Vault"),
                           IntegrationType::SecretsManager)
        .endpoint(VaultDefinitionText::tr("the Vault address, e.g. https://vault.example.com:8200"))
        .field(QStringLiteral("kvMount"), VaultDefinitionText::tr("KV v2 mount"), K::String,
               VaultDefinitionText::tr("Mount path of the KV version 2 secrets engine"),
               QStringLiteral("secret"))
        .field(QStringLiteral("namespace"), VaultDefinitionText::tr("Namespace"), K::String,
               VaultDefinitionText::tr("Vault Enterprise namespace (X-Vault-Namespace)"))
        .field(QStringLiteral("catalogSecretsStore"),
               VaultDefinitionText::tr("Resolves vault AuthRefs"), K::Bool,
               VaultDefinitionText::tr(
                   "This Vault resolves the catalog's authref://vault/... references"),
               false)
        .credential(QStringLiteral("token"), VaultDefinitionText::tr("Vault token"), C::Token, true,
                    VaultDefinitionText::tr("A keychain or env AuthRef; never a vault one"))
        .httpConnectionFields()
        .connector<VaultConnector>()
        .build();
}

} // namespace stella
