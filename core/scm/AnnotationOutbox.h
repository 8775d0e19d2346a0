// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"
#include "core/scm/ScmAnnotation.h"

#include <QDateTime>
#include <QJsonObject>
#include <QUuid>
#include <optional>

namespace stella {

class Clock;
class Database;

// One annotation the outbox holds (docs/contracts.md §19.3).
struct OutboxEntry
{
    enum class State
    {
        Pending,   // waiting for a retry
        Sending,   // a delivery has it (claimed)
        Delivered, // posted; kept for the record
    };

    qint64 id = 0;
    QString tenantId;
    QUuid integrationId;
    QString provider;
    AnnotationRequest request;
    DeliveryProgress progress;
    State state = State::Pending;
    std::optional<DeliveryOutcome> outcome; // of the last attempt
    QString reason;                         // why it was kept: the last attempt's error
    int attempts = 0;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime deliveredAt;

    QJsonObject toJson() const;
};
QString toString(OutboxEntry::State state); // pending, sending, delivered

// The catalog's scm_annotation_outbox table: every delivery is written here before its first
// request, its progress after each request that changed something on the provider, and its
// end in the same step that learnt of it. So an annotation the provider never got is never
// lost, and one it got is never sent again. Lives on the thread of its Database.
class AnnotationOutbox
{
public:
    // A claim older than this is from a process that died mid-delivery: another may take it.
    static constexpr qint64 kStaleClaimMs = 15 * 60 * 1000;

    AnnotationOutbox(Database &db, const Clock &clock) : m_db(db), m_clock(clock) {}

    Database &database() { return m_db; }

    // A new delivery, already claimed by its creator (state sending, one attempt).
    Result<qint64> open(const QString &tenantId, const QUuid &integrationId,
                        const QString &provider, const AnnotationRequest &request);
    // Takes a pending entry (or a stale claim) for one delivery: false when another delivery
    // has it, when it was delivered, or when it is not the tenant's.
    Result<bool> claim(const QString &tenantId, qint64 id);
    Result<void> saveProgress(qint64 id, const DeliveryProgress &progress);
    Result<void> markDelivered(qint64 id, const DeliveryProgress &progress);
    // Back to pending, with why.
    Result<void> keep(qint64 id, DeliveryOutcome outcome, const QString &reason,
                      const DeliveryProgress &progress);

    // Oldest first; delivered entries only when asked.
    Result<QList<OutboxEntry>> list(const QString &tenantId, bool includeDelivered = false,
                                    const QUuid &integrationId = {});
    Result<std::optional<OutboxEntry>> find(const QString &tenantId, qint64 id);
    // Removes an entry that no delivery holds; false when there is none such.
    Result<bool> discard(const QString &tenantId, qint64 id);

    // The entries as one JSON document for posting by hand (docs/contracts.md §19.3).
    static QJsonObject exportJson(const QList<OutboxEntry> &entries, const QDateTime &at);

private:
    QVariant timeValue(const QDateTime &t) const;
    QDateTime timeFrom(const QVariant &v) const;
    Result<QList<OutboxEntry>> select(const QString &where, const QVariantList &binds);

    Database &m_db;
    const Clock &m_clock;
};

} // namespace stella
