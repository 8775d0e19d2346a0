// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/providers/ProviderDefinition.h"

namespace stella {

// The Stella Ops feed mirror: its form fields, config schema and credential slots, and its
// connector (StellaOpsMirrorConnector).
ProviderDefinition stellaOpsMirrorDefinition();

} // namespace stella
