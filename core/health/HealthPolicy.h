// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/Integration.h"
#include "core/providers/ConfigSchema.h"

#include <QDateTime>
#include <QList>

namespace stella {

// How the health monitor treats integrations, in one place so the monitor, the list's "stale"
// marker and the CLI cannot disagree. Every integration's configuration may carry two keys,
// added to every provider's schema: healthCheckInterval (a duration, at least 10 s) and
// healthCheckEnabled (false: never checked on a schedule, "Check now" still works).
struct MonitorSettings
{
    static constexpr qint64 kDefaultIntervalMs = 5 * 60 * 1000;
    static constexpr qint64 kMinimumIntervalMs = 10 * 1000;

    qint64 defaultIntervalMs = kDefaultIntervalMs;
    int concurrency = 8;
    qint64 checkTimeoutMs = 60 * 1000; // a check that has not answered by then is Unhealthy
    int retentionDays = 90;
    int pruneBatchSize = 5000;  // rows deleted per statement, so pruning never holds the catalog
    qint64 writeRetryMs = 5000; // how soon a result the catalog refused is written again

    // Empty when valid; otherwise what is wrong, in the words of the option that set it.
    QString validate() const;
};

namespace healthpolicy {

inline const QString kIntervalKey = QStringLiteral("healthCheckInterval");
inline const QString kEnabledKey = QStringLiteral("healthCheckEnabled");

// The two fields every provider's configuration schema carries.
QList<ConfigField> monitorConfigFields();

bool isMonitored(const Integration &integration);
// The integration's own interval when its config sets one, the monitor's default otherwise.
qint64 intervalMs(const Integration &integration, qint64 defaultIntervalMs);

// A status older than two intervals: the monitor has not been running (or cannot reach the
// catalog), so the status says what was true then, not now. Never stale without a check.
bool isStale(const Integration &integration, qint64 defaultIntervalMs, const QDateTime &now);

// After repeated failures the monitor waits longer between checks, but never more than twice
// the interval, so a failing integration is not shown stale because of the monitor's own
// backoff: 1x for the first two failures, then +25% per failure up to 2x.
double backoffFactor(int consecutiveFailures);

// A stable per-integration offset in [0, 10% of the interval), subtracted from each wait so
// integrations added together spread out instead of being checked in lockstep. Derived from
// the id, not a random generator: the same catalog schedules the same way every run.
qint64 jitterMs(const QUuid &id, qint64 intervalMs);

} // namespace healthpolicy
} // namespace stella
