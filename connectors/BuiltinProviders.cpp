// SPDX-License-Identifier: Apache-2.0
#include "BuiltinProviders.h"

#include "connectors/inmemory/InMemoryConnector.h"
#include "core/providers/ProviderRegistry.h"

namespace stella {

void registerBuiltinProviders(ProviderRegistry &registry)
{
    registerRegistryProviders(registry);
    registerScmProviders(registry);
    registerCiCdProviders(registry);
    registerSecretsProviders(registry);
    registerRuntimeProviders(registry);
    registerStorageProviders(registry);
    registerFeedProviders(registry);
    registry.add(inMemoryProviderDefinition());
}

} // namespace stella
