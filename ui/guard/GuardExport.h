// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"
#include "guard/GuardConfig.h"
#include "guard/GuardScanner.h"

#include <QByteArray>

namespace stella::ui {

enum class GuardReportFormat
{
    Text,
    Json,
    Sarif
};

// The guard screen's export: the report `guard run --config … --format …` writes for the same
// input and config, byte for byte (the same GuardReports renderers, the same tool version and
// rule table).
QByteArray renderGuardReport(GuardReportFormat format, const guard::ScanResult &result,
                             const guard::GuardConfig &config);
Result<void> writeGuardReport(const QString &path, GuardReportFormat format,
                              const guard::ScanResult &result, const guard::GuardConfig &config);

} // namespace stella::ui
