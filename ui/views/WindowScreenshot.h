// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"

class QWidget;

namespace stella::ui {

// Renders a window into a PNG: `scripts/run` uses it (through --screenshot) to show what the
// console looks like on a machine without a display.
Result<void> saveWindowScreenshot(QWidget *window, const QString &file);

} // namespace stella::ui
