// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/catalog/IntegrationCatalog.h"
#include "core/health/HealthPolicy.h"
#include "core/model/Integration.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>
#include <optional>

namespace stella {

// Who is due when (docs/architecture.md, "Health monitor"): each monitored integration's
// interval, jitter and backoff, the queue of due integrations, the lease batches taken ahead
// of the checks and the number of checks running at once. Plain bookkeeping: no catalog, no
// timers, no threads; the monitor asks it what to do next and tells it what happened, so every
// rule here is tested without a catalog (tst_healthscheduler).
//
// A scheduled integration is in one stage at a time:
//   Waiting -> Queued (due) -> Claiming (its lease is being asked for) -> Claimed (ours this
//   interval) -> Checking -> Waiting (due again one interval after the check).
class HealthScheduler
{
public:
    enum class Stage
    {
        Waiting,
        Queued,
        Claiming,
        Claimed,
        Checking
    };

    // Leases asked for in one catalog transaction.
    static constexpr int kClaimBatch = 64;

    explicit HealthScheduler(const MonitorSettings &settings);

    // Forgets every integration (another set of tenants).
    void clear();

    // Takes an integration as the catalog lists it: a new one is due now when never checked,
    // else one interval after its last check; a known one takes the edits, and a check another
    // monitor recorded meanwhile moves its due time. False when it is not monitored.
    bool schedule(const Integration &integration, const QDateTime &now);
    // Drops the tenant's integrations a reload no longer listed, unless a check of theirs is
    // under way (its result is still written, and the catalog says then that it is gone).
    void dropUnlisted(const QString &tenantId, const QSet<QUuid> &listed);
    // The catalog said the integration is gone (removed while it was being checked).
    void remove(const QUuid &id);

    // Queues every waiting integration that is due, oldest first, ties in id order (the same
    // catalog sweeps in the same order). Returns how many were queued.
    int enqueueDue(const QDateTime &now);

    // The next lease batch to ask for, or empty: one batch at a time, and only while fewer
    // than two rounds of checks (2 x concurrency) are claimed ahead. Each lease lasts until
    // this monitor's next check of the integration would be due.
    QList<IntegrationCatalog::LeaseRequest> takeClaimBatch(const QDateTime &now);
    // The batch's answer: the ids whose lease is ours go on to be checked; the others are
    // checked this interval by another monitor, so they wait until ours would be due.
    // Returns how many were leased elsewhere.
    int claimsAnswered(const QList<QUuid> &ours, const QDateTime &now);
    // The catalog did not answer: no lease, no check. The batch and everything queued behind
    // it wait until `retryAt`.
    void claimsFailed(const QDateTime &retryAt);

    // The next claimed integration to check while fewer than `concurrency` checks run.
    std::optional<QUuid> startNextCheck();
    // A check answered (or timed out): its slot is free, and the integration is due one
    // interval (times the backoff) after the check. False when the integration is no longer
    // scheduled: its result is not written.
    bool checkFinished(const HealthCheckRecord &record);
    // stop(): every claim and check is abandoned, everything waits again.
    void abandonAll();

    // The catalog took a result: the integration as it is now (status, last check), or
    // nullptr when it is not scheduled any more.
    const Integration *recorded(const HealthCheckRecord &record);
    const Integration *integration(const QUuid &id) const;

    std::optional<Stage> stage(const QUuid &id) const;
    QDateTime nextDue(const QUuid &id) const; // invalid when not scheduled
    // Milliseconds from `now` until the first waiting integration is due (negative: overdue),
    // or `ceilingMs` when nothing is due sooner.
    qint64 msUntilNextDue(const QDateTime &now, qint64 ceilingMs) const;

    int scheduledCount() const { return int(m_entries.size()); }
    int queued() const { return int(m_queue.size()); }
    // Taken by the sweep: being claimed, claimed, or being checked.
    int inFlight() const { return int(m_claiming.size() + m_claimed.size()) + m_checking; }
    int checking() const { return m_checking; }

private:
    struct Entry
    {
        Integration integration;
        QDateTime due;
        qint64 intervalMs = 0; // cached: a reload of 100,000 integrations must stay cheap
        qint64 jitterMs = 0;
        int consecutiveFailures = 0;
        Stage stage = Stage::Waiting;
    };

    void updatePolicy(Entry &entry) const; // intervalMs and jitterMs from the integration
    QDateTime dueAfter(const Entry &entry, const QDateTime &from) const;
    void waitUntil(const QUuid &id, const QDateTime &due);

    MonitorSettings m_settings;
    QHash<QUuid, Entry> m_entries;
    QList<QUuid> m_queue;    // Queued, in sweep order
    QList<QUuid> m_claiming; // Claiming: the one lease batch in flight
    QList<QUuid> m_claimed;  // Claimed, in sweep order
    int m_checking = 0;      // checks started and not yet finished
};

} // namespace stella
