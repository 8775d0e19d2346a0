// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QJsonValue>
#include <QString>

namespace stella {

// A JSON value as the console and the CLI show it (a cell, a form row, `show`): strings as they
// are, numbers without an exponent up to 15 digits, true/false, arrays and objects as compact JSON,
// null and undefined as empty text.
QString jsonValueText(const QJsonValue &value);

} // namespace stella
