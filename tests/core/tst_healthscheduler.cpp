// SPDX-License-Identifier: Apache-2.0
// The health monitor's scheduler on its own: due times (interval, jitter, backoff, a check
// another monitor recorded), the order of the queue, lease batches, the concurrency limit and
// what a reload drops. No catalog, no clock but the times each call is given.
#include "HealthTestRecords.h"
#include "TestSupport.h"
#include "core/health/HealthScheduler.h"

#include <QTest>

using namespace stella;

namespace {

Integration monitored(const QString &name, QJsonObject config = {})
{
    Integration i;
    // Name-based ids: the same test orders the same way on every run.
    i.id = QUuid::createUuidV5(QUuid(), name);
    i.tenantId = QStringLiteral("default");
    i.provider = QStringLiteral("InMemory");
    i.name = name;
    i.config = config;
    return i;
}

using test::checkResult;

QList<QUuid> ids(const QList<IntegrationCatalog::LeaseRequest> &requests)
{
    QList<QUuid> out;
    for (const auto &r : requests)
        out.append(r.id);
    return out;
}

MonitorSettings withConcurrency(int concurrency)
{
    MonitorSettings s;
    s.concurrency = concurrency;
    return s;
}

} // namespace

class TestHealthScheduler : public QObject
{
    Q_OBJECT

    const QDateTime m_now = test::fixedNow();
    const qint64 m_interval = MonitorSettings::kDefaultIntervalMs;

    // Takes one integration from due through its check, as the monitor does.
    static void checkOnce(HealthScheduler &s, const QUuid &id, const QDateTime &at,
                          HealthStatus status)
    {
        QCOMPARE(s.enqueueDue(at), 1);
        QCOMPARE(ids(s.takeClaimBatch(at)), QList<QUuid>{id});
        QCOMPARE(s.claimsAnswered({id}, at), 0);
        QCOMPARE(s.startNextCheck().value_or(QUuid()), id);
        QVERIFY(s.checkFinished(checkResult(id, at, status)));
    }

private Q_SLOTS:
    void aNewIntegrationIsDueNowAndACheckedOneAnIntervalAfterItsCheck()
    {
        HealthScheduler s{MonitorSettings()};
        const Integration fresh = monitored(QStringLiteral("fresh"));
        Integration checked = monitored(QStringLiteral("checked"));
        checked.lastCheckedAt = m_now.addSecs(-60);
        QVERIFY(s.schedule(fresh, m_now));
        QVERIFY(s.schedule(checked, m_now));
        QCOMPARE(s.nextDue(fresh.id), m_now);
        QCOMPARE(s.nextDue(checked.id),
                 checked.lastCheckedAt.addMSecs(m_interval -
                                                healthpolicy::jitterMs(checked.id, m_interval)));
        QCOMPARE(s.enqueueDue(m_now), 1);
        QCOMPARE(s.queued(), 1);
        QCOMPARE(int(*s.stage(fresh.id)), int(HealthScheduler::Stage::Queued));
        QCOMPARE(int(*s.stage(checked.id)), int(HealthScheduler::Stage::Waiting));
    }

    void anIntegrationNotMonitoredIsNotScheduled()
    {
        HealthScheduler s{MonitorSettings()};
        const Integration off =
            monitored(QStringLiteral("off"), {{healthpolicy::kEnabledKey, false}});
        QVERIFY(!s.schedule(off, m_now));
        QCOMPARE(s.scheduledCount(), 0);
        QVERIFY(!s.nextDue(off.id).isValid());
        QCOMPARE(s.enqueueDue(m_now), 0);
    }

    void theQueueIsOldestDueFirstWithTiesInIdOrder()
    {
        HealthScheduler s{MonitorSettings()};
        QList<Integration> never;
        for (int i = 0; i < 5; ++i) {
            never.append(monitored(QStringLiteral("never-%1").arg(i)));
            QVERIFY(s.schedule(never.last(), m_now));
        }
        Integration old = monitored(QStringLiteral("old"));
        old.lastCheckedAt = m_now.addSecs(-3600); // due 55 minutes before the others
        QVERIFY(s.schedule(old, m_now));
        QCOMPARE(s.enqueueDue(m_now), 6);
        QList<QUuid> expected;
        for (const Integration &i : never)
            expected.append(i.id);
        std::sort(expected.begin(), expected.end());
        expected.prepend(old.id);
        QCOMPARE(ids(s.takeClaimBatch(m_now)), expected);
    }

    void leasesAreAskedForInBatchesOneAtATimeAndOnlyTwoRoundsAhead()
    {
        HealthScheduler s{withConcurrency(40)};
        for (int i = 0; i < 200; ++i)
            QVERIFY(s.schedule(monitored(QStringLiteral("i-%1").arg(i)), m_now));
        QCOMPARE(s.enqueueDue(m_now), 200);
        const auto first = s.takeClaimBatch(m_now);
        QCOMPARE(first.size(), HealthScheduler::kClaimBatch);
        // Each lease lasts until this monitor's next check would be due.
        for (const auto &r : first)
            QCOMPARE(r.forMs, m_interval - healthpolicy::jitterMs(r.id, m_interval));
        QVERIFY(s.takeClaimBatch(m_now).isEmpty()); // one batch in flight at a time
        QCOMPARE(s.inFlight(), 64);
        QCOMPARE(s.claimsAnswered(ids(first), m_now), 0);
        const auto second = s.takeClaimBatch(m_now);
        QCOMPARE(second.size(), 64);
        QCOMPARE(s.claimsAnswered(ids(second), m_now), 0);
        // 128 claimed ahead of 40 slots: more than two rounds, no further batch yet.
        QVERIFY(s.takeClaimBatch(m_now).isEmpty());
        QCOMPARE(s.queued(), 200 - 128);
        QList<QUuid> running;
        for (int i = 0; i < 40; ++i)
            running.append(s.startNextCheck().value_or(QUuid()));
        QVERIFY(!s.startNextCheck());               // every slot taken
        QVERIFY(s.takeClaimBatch(m_now).isEmpty()); // 88 claimed: still two rounds ahead
        for (int i = 0; i < 10; ++i) {
            QVERIFY(s.checkFinished(checkResult(running.at(i), m_now, HealthStatus::Healthy)));
            QVERIFY(s.startNextCheck());
        }
        QCOMPARE(s.takeClaimBatch(m_now).size(), 64); // 78 claimed: under two rounds
    }

    void aLeaseHeldElsewhereWaitsUntilOursWouldBeDue()
    {
        HealthScheduler s{MonitorSettings()};
        const Integration ours = monitored(QStringLiteral("ours"));
        const Integration theirs = monitored(QStringLiteral("theirs"));
        s.schedule(ours, m_now);
        s.schedule(theirs, m_now);
        s.enqueueDue(m_now);
        QCOMPARE(s.takeClaimBatch(m_now).size(), 2);
        QCOMPARE(s.claimsAnswered({ours.id}, m_now), 1);
        QCOMPARE(int(*s.stage(ours.id)), int(HealthScheduler::Stage::Claimed));
        QCOMPARE(int(*s.stage(theirs.id)), int(HealthScheduler::Stage::Waiting));
        QCOMPARE(s.nextDue(theirs.id),
                 m_now.addMSecs(m_interval - healthpolicy::jitterMs(theirs.id, m_interval)));
        QCOMPARE(s.inFlight(), 1);
    }

    void noCatalogMeansTheBatchAndTheQueueWaitForTheRetry()
    {
        HealthScheduler s{withConcurrency(1)};
        for (int i = 0; i < 70; ++i)
            s.schedule(monitored(QStringLiteral("i-%1").arg(i)), m_now);
        s.enqueueDue(m_now);
        const auto batch = s.takeClaimBatch(m_now);
        QCOMPARE(batch.size(), 64);
        const QDateTime retryAt = m_now.addSecs(5);
        s.claimsFailed(retryAt);
        QCOMPARE(s.queued(), 0);
        QCOMPARE(s.inFlight(), 0);
        QCOMPARE(s.nextDue(batch.first().id), retryAt);
        QCOMPARE(s.enqueueDue(m_now.addSecs(4)), 0);
        QCOMPARE(s.enqueueDue(retryAt), 70);
    }

    void atMostConcurrencyChecksRunAndAnAnswerFreesItsSlot()
    {
        HealthScheduler s{withConcurrency(2)};
        QList<QUuid> all;
        for (int i = 0; i < 3; ++i) {
            const Integration in = monitored(QStringLiteral("i-%1").arg(i));
            s.schedule(in, m_now);
            all.append(in.id);
        }
        s.enqueueDue(m_now);
        s.claimsAnswered(ids(s.takeClaimBatch(m_now)), m_now);
        const auto a = s.startNextCheck();
        const auto b = s.startNextCheck();
        QVERIFY(a && b);
        QVERIFY(!s.startNextCheck());
        QCOMPARE(s.checking(), 2);
        QVERIFY(s.checkFinished(checkResult(*a, m_now, HealthStatus::Healthy)));
        const auto c = s.startNextCheck();
        QVERIFY(c);
        QCOMPARE(QSet<QUuid>({*a, *b, *c}), QSet<QUuid>(all.cbegin(), all.cend()));
        // A finished check waits one interval; the running ones are not due again.
        QCOMPARE(s.msUntilNextDue(m_now, 30'000), 30'000);
        QCOMPARE(s.msUntilNextDue(m_now, 1'000'000),
                 m_interval - healthpolicy::jitterMs(*a, m_interval));
    }

    void repeatedFailuresBackOffToTwiceTheIntervalAndRecoveryResetsIt()
    {
        HealthScheduler s{MonitorSettings()};
        const Integration down = monitored(QStringLiteral("down"));
        const qint64 jitter = healthpolicy::jitterMs(down.id, m_interval);
        s.schedule(down, m_now);
        QDateTime at = m_now;
        const double factors[] = {1.0, 1.0, 1.25, 1.5, 1.75, 2.0, 2.0};
        for (double factor : factors) {
            checkOnce(s, down.id, at, HealthStatus::Unhealthy);
            const QDateTime expected = at.addMSecs(qint64(double(m_interval) * factor) - jitter);
            QCOMPARE(s.nextDue(down.id), expected);
            at = expected;
        }
        checkOnce(s, down.id, at, HealthStatus::Healthy);
        QCOMPARE(s.nextDue(down.id), at.addMSecs(m_interval - jitter));
    }

    void aCheckRecordedByAnotherMonitorMovesTheDueTime()
    {
        HealthScheduler s{MonitorSettings()};
        Integration i = monitored(QStringLiteral("shared"));
        s.schedule(i, m_now);
        QCOMPARE(s.nextDue(i.id), m_now);
        i.lastCheckedAt = m_now.addSecs(-10); // another monitor checked it meanwhile
        s.schedule(i, m_now);
        const qint64 jitter = healthpolicy::jitterMs(i.id, m_interval);
        QCOMPARE(s.nextDue(i.id), i.lastCheckedAt.addMSecs(m_interval - jitter));
        // An older check (a reload racing our own write) never moves it earlier.
        i.lastCheckedAt = m_now.addSecs(-20);
        s.schedule(i, m_now);
        QCOMPARE(s.nextDue(i.id), m_now.addSecs(-10).addMSecs(m_interval - jitter));
        // Its own interval takes effect with the edit.
        i.config.insert(healthpolicy::kIntervalKey, QStringLiteral("1h"));
        i.lastCheckedAt = m_now;
        s.schedule(i, m_now);
        QCOMPARE(s.nextDue(i.id),
                 m_now.addMSecs(3'600'000 - healthpolicy::jitterMs(i.id, 3'600'000)));
    }

    void aReloadDropsWhatIsGoneButNotWhatIsBeingChecked()
    {
        HealthScheduler s{MonitorSettings()};
        const Integration kept = monitored(QStringLiteral("kept"));
        const Integration gone = monitored(QStringLiteral("gone"));
        const Integration busy = monitored(QStringLiteral("busy"));
        Integration otherTenant = monitored(QStringLiteral("other"));
        otherTenant.tenantId = QStringLiteral("staging");
        for (const Integration &i : {kept, gone, busy, otherTenant})
            s.schedule(i, m_now);
        s.enqueueDue(m_now);
        s.claimsAnswered(ids(s.takeClaimBatch(m_now)), m_now);
        // Every one but `busy` goes back to waiting.
        QList<QUuid> started;
        while (const auto id = s.startNextCheck())
            started.append(*id);
        for (const QUuid &id : std::as_const(started))
            if (id != busy.id)
                QVERIFY(s.checkFinished(checkResult(id, m_now, HealthStatus::Healthy)));
        s.dropUnlisted(QStringLiteral("default"), {kept.id});
        QVERIFY(s.nextDue(kept.id).isValid());
        QVERIFY(!s.nextDue(gone.id).isValid());
        QVERIFY(s.nextDue(busy.id).isValid());        // its result is still to be written
        QVERIFY(s.nextDue(otherTenant.id).isValid()); // another tenant's reload decides
        // The catalog then says it was removed: its result is not written, its slot is free.
        s.remove(busy.id);
        QVERIFY(!s.checkFinished(checkResult(busy.id, m_now, HealthStatus::Healthy)));
        QCOMPARE(s.checking(), 0);
        QCOMPARE(s.recorded(checkResult(busy.id, m_now, HealthStatus::Healthy)), nullptr);
    }

    void aRecordedCheckUpdatesTheIntegrationTheSignalsCarry()
    {
        HealthScheduler s{MonitorSettings()};
        const Integration i = monitored(QStringLiteral("i"));
        s.schedule(i, m_now);
        const Integration *after = s.recorded(checkResult(i.id, m_now, HealthStatus::Degraded));
        QVERIFY(after);
        STELLA_COMPARE_ENUM(after->status, HealthStatus::Degraded);
        QCOMPARE(after->lastCheckedAt, m_now);
    }

    void stoppingAbandonsEveryClaimAndCheck()
    {
        HealthScheduler s{withConcurrency(1)};
        for (int i = 0; i < 3; ++i)
            s.schedule(monitored(QStringLiteral("i-%1").arg(i)), m_now);
        s.enqueueDue(m_now);
        s.claimsAnswered(ids(s.takeClaimBatch(m_now)), m_now);
        QVERIFY(s.startNextCheck());
        s.abandonAll();
        QCOMPARE(s.inFlight(), 0);
        QCOMPARE(s.queued(), 0);
        // Still due: the next sweep takes them again.
        QCOMPARE(s.enqueueDue(m_now), 3);
    }
};

QTEST_GUILESS_MAIN(TestHealthScheduler)
#include "tst_healthscheduler.moc"
