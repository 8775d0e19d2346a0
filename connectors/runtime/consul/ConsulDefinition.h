// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/providers/ProviderDefinition.h"

namespace stella {

// HashiCorp Consul (a runtime host): its form fields, config schema, credential slot and its
// connector (ConsulConnector).
ProviderDefinition consulDefinition();

} // namespace stella
