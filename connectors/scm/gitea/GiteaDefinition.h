// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/providers/ProviderDefinition.h"

namespace stella {

// Gitea (an SCM provider): its form fields, config schema, credential slots and its connector
// (GiteaConnector).
ProviderDefinition giteaDefinition();

} // namespace stella
