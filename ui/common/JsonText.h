// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QJsonValue>
#include <QString>

namespace stella::ui {

// A JSON value as the console shows it in a cell or a form row: strings as they are, numbers
// without an exponent up to 15 digits, true/false, arrays and objects as compact JSON, null and
// undefined as empty text.
QString jsonValueText(const QJsonValue &value);

} // namespace stella::ui
