// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/Enums.h"

#include <QStringList>

namespace stella {

// Discoverable resource types per integration type (DESIGN §5), in their fixed order.
QStringList resourceTypesFor(IntegrationType type);

} // namespace stella
