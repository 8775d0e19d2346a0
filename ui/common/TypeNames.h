// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/Enums.h"

#include <QString>

namespace stella::ui {

// An integration type as the console names it in its lists ("Registries", "Source code (SCM)"),
// in the console's language: the overview's sidebar and the wizard's first page say the same.
// core's toString() stays the catalog's and the CLI's name.
QString integrationTypeName(IntegrationType type);

} // namespace stella::ui
