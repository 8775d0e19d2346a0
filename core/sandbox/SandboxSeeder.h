// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"

namespace stella {

class CatalogSession;
class Clock;

// Fills a catalog with demo data for the offline sandbox: InMemory integrations of every type
// and scenario, and 30 days of health history ending at the clock's "now". Deterministic: the
// same clock gives the same catalog.
class SandboxSeeder
{
public:
    static constexpr int kHistoryDays = 30;
    static constexpr int kCheckIntervalMinutes = 30;

    static Result<void> seed(CatalogSession &session, const Clock &clock);
    static QString sandboxTenant() { return QStringLiteral("default"); }
};

} // namespace stella
