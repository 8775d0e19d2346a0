// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Clock.h"

#include <QElapsedTimer>

namespace stella::bench {

// Real time moved to another date: starts at `start` and runs at the speed of the system's
// monotonic clock. The conformance scenarios date what they serve (a feed's newest record, a
// Vault token's expiry, a GitHub App token) from the tests' fixed day, so a bench whose
// connectors read those dates against today would measure the fakes' calendar, not the
// connectors: the mixed sweep runs on the scenarios' day instead.
class ScenarioClock final : public Clock
{
public:
    explicit ScenarioClock(QDateTime start) : m_start(start.toUTC()) { m_elapsed.start(); }
    QDateTime now() const override { return m_start.addMSecs(m_elapsed.elapsed()); }

private:
    QDateTime m_start;
    QElapsedTimer m_elapsed;
};

// The environment variable through which bench/mixed-sweep gives the console-lag bench the
// scenarios' day (ISO 8601, UTC).
inline constexpr char kScenarioNowVariable[] = "STELLA_BENCH_SCENARIO_NOW";

} // namespace stella::bench
