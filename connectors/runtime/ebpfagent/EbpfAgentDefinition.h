// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/providers/ProviderDefinition.h"

namespace stella {

// The Stella Ops eBPF agent (a runtime host): its form fields, config schema, credential slot
// and its connector (EbpfAgentConnector).
ProviderDefinition ebpfAgentDefinition();

} // namespace stella
