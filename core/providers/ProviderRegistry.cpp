// SPDX-License-Identifier: Apache-2.0
#include "ProviderRegistry.h"

#include "core/health/HealthPolicy.h"

#include <algorithm>

namespace stella {

bool ProviderRegistry::add(ProviderDefinition definition)
{
    if (find(definition.id))
        return false;
    // Every provider's integrations can be scheduled by the health monitor.
    for (const ConfigField &f : healthpolicy::monitorConfigFields())
        if (!definition.configSchema.field(f.key))
            definition.configSchema.fields.append(f);
    m_definitions.append(std::move(definition));
    return true;
}

const ProviderDefinition *ProviderRegistry::find(const QString &id) const
{
    for (const ProviderDefinition &d : m_definitions)
        if (d.id == id)
            return &d;
    return nullptr;
}

QList<const ProviderDefinition *> ProviderRegistry::providers(bool includeTestOnly) const
{
    QList<const ProviderDefinition *> result;
    for (const ProviderDefinition &d : m_definitions)
        if (includeTestOnly || !d.isTestOnly)
            result.append(&d);
    std::stable_sort(result.begin(), result.end(), [](const auto *a, const auto *b) {
        if (a->type != b->type)
            return int(a->type) < int(b->type);
        return a->id < b->id;
    });
    return result;
}

QStringList ProviderRegistry::ids(bool includeTestOnly) const
{
    QStringList result;
    for (const ProviderDefinition *d : providers(includeTestOnly))
        result.append(d->id);
    return result;
}

} // namespace stella
