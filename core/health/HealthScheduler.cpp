// SPDX-License-Identifier: Apache-2.0
#include "HealthScheduler.h"

#include <algorithm>
#include <vector>

namespace stella {

HealthScheduler::HealthScheduler(const MonitorSettings &settings) : m_settings(settings) {}

void HealthScheduler::clear()
{
    m_entries.clear();
    m_queue.clear();
    m_claiming.clear();
    m_claimed.clear();
    m_checking = 0;
}

void HealthScheduler::updatePolicy(Entry &entry) const
{
    const qint64 interval =
        healthpolicy::intervalMs(entry.integration, m_settings.defaultIntervalMs);
    if (interval == entry.intervalMs)
        return;
    entry.intervalMs = interval;
    entry.jitterMs = healthpolicy::jitterMs(entry.integration.id, interval);
}

QDateTime HealthScheduler::dueAfter(const Entry &entry, const QDateTime &from) const
{
    const qint64 wait =
        qint64(double(entry.intervalMs) * healthpolicy::backoffFactor(entry.consecutiveFailures));
    return from.addMSecs(wait - entry.jitterMs);
}

void HealthScheduler::waitUntil(const QUuid &id, const QDateTime &due)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end())
        return;
    it->stage = Stage::Waiting;
    it->due = due;
}

bool HealthScheduler::schedule(const Integration &integration, const QDateTime &now)
{
    if (!healthpolicy::isMonitored(integration))
        return false;
    auto it = m_entries.find(integration.id);
    if (it == m_entries.end()) {
        Entry entry;
        entry.integration = integration;
        updatePolicy(entry);
        // Never checked: due now. Checked before (by us in an earlier run, or by another
        // monitor): one interval after that check.
        entry.due =
            integration.lastCheckedAt.isValid() ? dueAfter(entry, integration.lastCheckedAt) : now;
        m_entries.insert(integration.id, entry);
        return true;
    }
    const QDateTime previousCheck = it->integration.lastCheckedAt;
    it->integration = integration;
    updatePolicy(*it);
    if (integration.lastCheckedAt.isValid() &&
        (!previousCheck.isValid() || integration.lastCheckedAt > previousCheck))
        it->due = std::max(it->due, dueAfter(*it, integration.lastCheckedAt));
    return true;
}

void HealthScheduler::dropUnlisted(const QString &tenantId, const QSet<QUuid> &listed)
{
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        if (it->integration.tenantId == tenantId && !listed.contains(it.key()) &&
            it->stage == Stage::Waiting)
            it = m_entries.erase(it);
        else
            ++it;
    }
}

void HealthScheduler::remove(const QUuid &id)
{
    // Its id may still be in a list (queued again before the old result was answered): the
    // lists skip ids that are no longer scheduled.
    m_entries.remove(id);
}

int HealthScheduler::enqueueDue(const QDateTime &now)
{
    const qint64 nowMs = now.toMSecsSinceEpoch();
    // Plain numbers to sort: QDateTime comparisons made sorting 100,000 due integrations
    // hold the GUI thread for ~0.1 s.
    struct Due
    {
        qint64 dueMs;
        QUuid id;
    };
    std::vector<Due> due;
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it) {
        const qint64 dueMs = it->due.toMSecsSinceEpoch();
        if (it->stage == Stage::Waiting && dueMs <= nowMs)
            due.push_back({dueMs, it.key()});
    }
    std::sort(due.begin(), due.end(), [](const Due &a, const Due &b) {
        return a.dueMs != b.dueMs ? a.dueMs < b.dueMs : a.id < b.id;
    });
    m_queue.reserve(m_queue.size() + qsizetype(due.size()));
    for (const Due &d : due) {
        m_entries[d.id].stage = Stage::Queued;
        m_queue.append(d.id);
    }
    return int(due.size());
}

QList<IntegrationCatalog::LeaseRequest> HealthScheduler::takeClaimBatch(const QDateTime &now)
{
    QList<IntegrationCatalog::LeaseRequest> requests;
    if (!m_claiming.isEmpty() || m_claimed.size() >= qsizetype(2) * m_settings.concurrency)
        return requests;
    while (!m_queue.isEmpty() && m_claiming.size() < kClaimBatch) {
        const QUuid id = m_queue.takeFirst();
        auto it = m_entries.find(id);
        if (it == m_entries.end())
            continue;
        it->stage = Stage::Claiming;
        requests.append({id, std::max<qint64>(1000, now.msecsTo(dueAfter(*it, now)))});
        m_claiming.append(id);
    }
    return requests;
}

int HealthScheduler::claimsAnswered(const QList<QUuid> &ours, const QDateTime &now)
{
    const QSet<QUuid> leased(ours.cbegin(), ours.cend());
    int elsewhere = 0;
    for (const QUuid &id : std::as_const(m_claiming)) {
        auto it = m_entries.find(id);
        if (it == m_entries.end())
            continue;
        if (leased.contains(id)) {
            it->stage = Stage::Claimed;
            m_claimed.append(id);
            continue;
        }
        ++elsewhere;
        it->stage = Stage::Waiting;
        it->due = dueAfter(*it, now);
    }
    m_claiming.clear();
    return elsewhere;
}

void HealthScheduler::claimsFailed(const QDateTime &retryAt)
{
    for (const QUuid &id : std::as_const(m_claiming))
        waitUntil(id, retryAt);
    for (const QUuid &id : std::as_const(m_queue))
        waitUntil(id, retryAt);
    m_claiming.clear();
    m_queue.clear();
}

std::optional<QUuid> HealthScheduler::startNextCheck()
{
    while (m_checking < m_settings.concurrency && !m_claimed.isEmpty()) {
        const QUuid id = m_claimed.takeFirst();
        auto it = m_entries.find(id);
        if (it == m_entries.end())
            continue;
        it->stage = Stage::Checking;
        ++m_checking;
        return id;
    }
    return std::nullopt;
}

bool HealthScheduler::checkFinished(const HealthCheckRecord &record)
{
    m_checking = std::max(0, m_checking - 1);
    auto it = m_entries.find(record.integrationId);
    if (it == m_entries.end())
        return false;
    it->stage = Stage::Waiting;
    it->consecutiveFailures =
        record.status == HealthStatus::Unhealthy ? it->consecutiveFailures + 1 : 0;
    it->due = dueAfter(*it, record.checkedAt);
    return true;
}

void HealthScheduler::abandonAll()
{
    m_queue.clear();
    m_claiming.clear();
    m_claimed.clear();
    m_checking = 0;
    for (Entry &e : m_entries)
        e.stage = Stage::Waiting;
}

const Integration *HealthScheduler::recorded(const HealthCheckRecord &record)
{
    auto it = m_entries.find(record.integrationId);
    if (it == m_entries.end())
        return nullptr;
    it->integration.status = record.status;
    it->integration.lastCheckedAt = record.checkedAt;
    return &it->integration;
}

const Integration *HealthScheduler::integration(const QUuid &id) const
{
    auto it = m_entries.constFind(id);
    return it == m_entries.constEnd() ? nullptr : &it->integration;
}

std::optional<HealthScheduler::Stage> HealthScheduler::stage(const QUuid &id) const
{
    auto it = m_entries.constFind(id);
    if (it == m_entries.constEnd())
        return std::nullopt;
    return it->stage;
}

QDateTime HealthScheduler::nextDue(const QUuid &id) const
{
    auto it = m_entries.constFind(id);
    return it == m_entries.constEnd() ? QDateTime() : it->due;
}

qint64 HealthScheduler::msUntilNextDue(const QDateTime &now, qint64 ceilingMs) const
{
    qint64 wait = ceilingMs;
    for (const Entry &e : std::as_const(m_entries))
        if (e.stage == Stage::Waiting)
            wait = std::min(wait, now.msecsTo(e.due));
    return wait;
}

} // namespace stella
