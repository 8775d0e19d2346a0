// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectors/inmemory/InMemoryConnector.h"
#include "core/plugins/ConnectorPlugin.h"

#include <QObject>

// What the broken test plugins share: an InMemory-like provider under an id of their choosing.
namespace stella::testplugins {

inline ProviderDefinition providerNamed(const QString &id)
{
    ProviderDefinition d = InMemoryConnector::definition();
    d.id = id;
    d.displayName = id;
    d.isTestOnly = false;
    return d;
}

} // namespace stella::testplugins
