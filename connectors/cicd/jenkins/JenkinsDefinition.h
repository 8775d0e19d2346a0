// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/providers/ProviderDefinition.h"

namespace stella {

// Jenkins (a CI system): its form fields, config schema, credential slots and its connector
// (JenkinsConnector).
ProviderDefinition jenkinsDefinition();

} // namespace stella
