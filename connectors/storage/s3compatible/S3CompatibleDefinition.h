// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/providers/ProviderDefinition.h"

namespace stella {

// S3-compatible object storage: its form fields, config schema, credential slots and its
// connector (S3CompatibleConnector, beside this file).
ProviderDefinition s3CompatibleDefinition();

} // namespace stella
