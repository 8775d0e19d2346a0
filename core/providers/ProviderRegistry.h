// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/providers/ProviderDefinition.h"

#include <QList>

namespace stella {

// The providers this build knows, in registration order. Filled once at start-up, read-only
// afterwards, so it is safe to share between threads.
class ProviderRegistry
{
public:
    // Fails (returns false) on a duplicate id (two connectors for one provider is a build bug)
    // or an invalid definition (problems()).
    bool add(ProviderDefinition definition);
    // What is wrong with a definition before it is added, one message per problem: an id taken
    // or not an identifier, no display name, resource types its type cannot have, duplicate or
    // empty config keys and credential slots, defaults outside their field. Empty when it can be
    // added. Plugins' definitions pass through here (core/plugins/PluginLoader).
    QStringList problems(const ProviderDefinition &definition) const;

    const ProviderDefinition *find(const QString &id) const;
    // Sorted by type then id; test-only providers only when asked for.
    QList<const ProviderDefinition *> providers(bool includeTestOnly = false) const;
    QStringList ids(bool includeTestOnly = false) const;

private:
    QList<ProviderDefinition> m_definitions;
};

} // namespace stella
