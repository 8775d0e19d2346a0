// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "GuardScanner.h"

#include <functional>

namespace stella::guard {

// Narrows a finished scan to the findings a predicate keeps (not in a baseline, on a line a
// change added) and recounts it as if only those had been found: the totals, the per-severity
// counts and the truncation at `maxFindings` (docs/contracts.md §14.1). The scan must have kept
// every finding, or truncation would drop findings the filter keeps.
struct FindingFilter
{
    // Returns how many findings were dropped.
    static qint64 apply(ScanResult &result, const std::function<bool(const Finding &)> &keep,
                        int maxFindings);
};

} // namespace stella::guard
