// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/Enums.h"

#include <QString>

namespace stella::ui {

// A health status as the console shows it, in the console's language. core's toString() stays
// the catalog's and the CLI's name (filters, exports, --status); this is only for reading.
QString statusText(HealthStatus status);
// An integration type as the console names it ("Secrets manager" for SecretsManager), in the
// console's language; toString() stays the identifier of docs/contracts.md §1.
QString typeText(IntegrationType type);
// A duration in milliseconds, "1,234 ms", with the console's locale's digits.
QString millisecondsText(qint64 ms);

} // namespace stella::ui
