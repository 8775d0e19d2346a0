// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/providers/ProviderDefinition.h"

namespace stella {

// An NVD feed mirror: its form fields, config schema and credential slots, and its connector
// (NvdMirrorConnector).
ProviderDefinition nvdMirrorDefinition();

} // namespace stella
