// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace stella {

class ProviderRegistry;

// Registers every provider this build knows (DESIGN §5), the test-only InMemory included.
void registerBuiltinProviders(ProviderRegistry &registry);

// One per provider family folder.
void registerRegistryProviders(ProviderRegistry &registry);
void registerScmProviders(ProviderRegistry &registry);
void registerCiCdProviders(ProviderRegistry &registry);
void registerSecretsProviders(ProviderRegistry &registry);
void registerRuntimeProviders(ProviderRegistry &registry);
void registerStorageProviders(ProviderRegistry &registry);
void registerFeedProviders(ProviderRegistry &registry);

} // namespace stella
