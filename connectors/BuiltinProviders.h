// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace stella {

class ProviderRegistry;

// Registers every provider this build knows (docs/contracts.md §2), the test-only InMemory
// included: one line per provider, its definition coming from its own folder.
void registerBuiltinProviders(ProviderRegistry &registry);

} // namespace stella
