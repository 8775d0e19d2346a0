// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/Enums.h"

#include <QStringList>

// The resource types discovery lists (DiscoveredResource::resourceType, the CLI's
// --resource-type, ProviderDefinition::supportedResourceTypes), spelled once.
namespace stella::ResourceType {

inline const QString Repositories = QStringLiteral("repositories");
inline const QString Tags = QStringLiteral("tags");
inline const QString Projects = QStringLiteral("projects");
inline const QString Jobs = QStringLiteral("jobs");
inline const QString Pipelines = QStringLiteral("pipelines");

} // namespace stella::ResourceType

namespace stella {

// Discoverable resource types per integration type, in their fixed order (docs/contracts.md §3.1).
QStringList resourceTypesFor(IntegrationType type);

} // namespace stella
