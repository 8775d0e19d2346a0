// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/providers/ProviderDefinition.h"

namespace stella {

// An OSV feed mirror: its form fields, config schema and credential slots. No connector yet: the
// next one goes beside this file, and this function becomes its static definition() (see
// docs/architecture.md, "Providers and connectors").
ProviderDefinition osvMirrorDefinition();

} // namespace stella
