// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/providers/ProviderDefinition.h"

namespace stella {

// HashiCorp Vault (a secrets manager): its form fields, config schema, credential slot and its
// connector (VaultConnector).
ProviderDefinition vaultDefinition();

} // namespace stella
