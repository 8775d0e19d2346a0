// SPDX-License-Identifier: Apache-2.0
#include "AnnotationOutbox.h"

#include "core/common/Clock.h"
#include "core/storage/Database.h"
#include "core/storage/SqlValues.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace stella {

namespace {
// The "doing" phrases of database errors ("… while saving integration 'x'"), which the
// console shows.
struct AnnotationOutboxText
{
    Q_DECLARE_TR_FUNCTIONS(stella::AnnotationOutbox)
};
} // namespace

namespace {
const QString kColumns =
    QStringLiteral("id, tenant_id, integration_id, provider, request_json, progress_json, state,"
                   " outcome, reason, attempts, created_at, updated_at, delivered_at");

QJsonObject objectFrom(const QVariant &v)
{
    return QJsonDocument::fromJson(v.toString().toUtf8()).object();
}

OutboxEntry::State stateFrom(const QString &text)
{
    if (text == QLatin1String("sending"))
        return OutboxEntry::State::Sending;
    if (text == QLatin1String("delivered"))
        return OutboxEntry::State::Delivered;
    return OutboxEntry::State::Pending;
}
} // namespace

QString toString(OutboxEntry::State state)
{
    switch (state) {
    case OutboxEntry::State::Pending:
        return QStringLiteral("pending");
    case OutboxEntry::State::Sending:
        return QStringLiteral("sending");
    case OutboxEntry::State::Delivered:
        return QStringLiteral("delivered");
    }
    return {};
}

QJsonObject OutboxEntry::toJson() const
{
    QJsonObject o{{QStringLiteral("id"), id},
                  {QStringLiteral("integration"), integrationId.toString(QUuid::WithoutBraces)},
                  {QStringLiteral("provider"), provider},
                  {QStringLiteral("operation"), toString(request.kind)},
                  {QStringLiteral("target"), request.target.describe()},
                  {QStringLiteral("state"), toString(state)},
                  {QStringLiteral("outcome"), outcome ? toString(*outcome) : QString()},
                  {QStringLiteral("reason"), reason},
                  {QStringLiteral("attempts"), attempts},
                  {QStringLiteral("createdAt"), formatUtc(createdAt)},
                  {QStringLiteral("updatedAt"), formatUtc(updatedAt)},
                  {QStringLiteral("progress"), progress.toJson()},
                  {QStringLiteral("request"), request.toJson()}};
    if (deliveredAt.isValid())
        o.insert(QStringLiteral("deliveredAt"), formatUtc(deliveredAt));
    return o;
}

QVariant AnnotationOutbox::timeValue(const QDateTime &t) const
{
    return sql::timeValue(m_db.dialect(), t);
}

QDateTime AnnotationOutbox::timeFrom(const QVariant &v) const
{
    return sql::timeFrom(v);
}

Result<qint64> AnnotationOutbox::open(const QString &tenantId, const QUuid &integrationId,
                                      const QString &provider, const AnnotationRequest &request)
{
    const QString doing = AnnotationOutboxText::tr("keeping an annotation in the outbox");
    const QVariant now = timeValue(m_clock.now());
    QSqlQuery q = m_db.query();
    const bool pg = m_db.dialect() == Database::Dialect::Postgres;
    q.prepare(QStringLiteral("INSERT INTO scm_annotation_outbox (tenant_id, integration_id,"
                             " provider, operation, target, request_json, progress_json, state,"
                             " reason, attempts, created_at, updated_at)"
                             " VALUES (?, ?, ?, ?, ?, ?, '{}', 'sending', '', 1, ?, ?)") +
              (pg ? QStringLiteral(" RETURNING id") : QString()));
    for (const QVariant &v :
         QVariantList{tenantId, integrationId.toString(QUuid::WithoutBraces), provider,
                      toString(request.kind), request.target.describe(),
                      sql::compactJson(request.toJson()), now, now})
        q.addBindValue(v);
    if (auto r = m_db.exec(q, doing); !r)
        return r.error();
    if (pg) {
        q.next();
        return q.value(0).toLongLong();
    }
    return q.lastInsertId().toLongLong();
}

Result<bool> AnnotationOutbox::claim(const QString &tenantId, qint64 id)
{
    const QDateTime now = m_clock.now();
    auto changed = m_db.execCachedCounting(
        QStringLiteral("UPDATE scm_annotation_outbox SET state = 'sending',"
                       " attempts = attempts + 1, updated_at = ?"
                       " WHERE tenant_id = ? AND id = ? AND (state = 'pending'"
                       " OR (state = 'sending' AND updated_at < ?))"),
        {timeValue(now), tenantId, id, timeValue(now.addMSecs(-kStaleClaimMs))},
        AnnotationOutboxText::tr("claiming outbox entry %1").arg(id));
    if (!changed)
        return changed.error();
    return *changed == 1;
}

Result<void> AnnotationOutbox::saveProgress(qint64 id, const DeliveryProgress &progress)
{
    return m_db.execCached(
        QStringLiteral("UPDATE scm_annotation_outbox SET progress_json = ?,"
                       " updated_at = ? WHERE id = ?"),
        {sql::compactJson(progress.toJson()), timeValue(m_clock.now()), id},
        AnnotationOutboxText::tr("saving the progress of outbox entry %1").arg(id));
}

Result<void> AnnotationOutbox::markDelivered(qint64 id, const DeliveryProgress &progress)
{
    const QVariant now = timeValue(m_clock.now());
    return m_db.execCached(
        QStringLiteral("UPDATE scm_annotation_outbox SET state = 'delivered', outcome = 'success',"
                       " reason = '', progress_json = ?, updated_at = ?, delivered_at = ?"
                       " WHERE id = ?"),
        {sql::compactJson(progress.toJson()), now, now, id},
        AnnotationOutboxText::tr("marking outbox entry %1 delivered").arg(id));
}

Result<void> AnnotationOutbox::keep(qint64 id, DeliveryOutcome outcome, const QString &reason,
                                    const DeliveryProgress &progress)
{
    return m_db.execCached(
        QStringLiteral("UPDATE scm_annotation_outbox SET state = 'pending', outcome = ?,"
                       " reason = ?, progress_json = ?, updated_at = ? WHERE id = ?"),
        {toString(outcome), reason, sql::compactJson(progress.toJson()), timeValue(m_clock.now()),
         id},
        AnnotationOutboxText::tr("keeping outbox entry %1").arg(id));
}

Result<QList<OutboxEntry>> AnnotationOutbox::select(const QString &where, const QVariantList &binds)
{
    QSqlQuery q = m_db.query();
    q.prepare(QStringLiteral("SELECT ") + kColumns +
              QStringLiteral(" FROM scm_annotation_outbox WHERE ") + where +
              QStringLiteral(" ORDER BY id"));
    for (const QVariant &v : binds)
        q.addBindValue(v);
    if (auto r = m_db.exec(q, AnnotationOutboxText::tr("reading the annotation outbox")); !r)
        return r.error();
    QList<OutboxEntry> entries;
    while (q.next()) {
        OutboxEntry e;
        e.id = q.value(0).toLongLong();
        e.tenantId = q.value(1).toString();
        e.integrationId = QUuid::fromString(q.value(2).toString());
        e.provider = q.value(3).toString();
        const QJsonObject request = objectFrom(q.value(4));
        if (auto parsed = AnnotationRequest::fromJson(request))
            e.request = *parsed;
        else
            e.reason = parsed.error().message;
        e.progress = DeliveryProgress::fromJson(objectFrom(q.value(5)));
        e.state = stateFrom(q.value(6).toString());
        if (!q.value(7).isNull())
            e.outcome = parseDeliveryOutcome(q.value(7).toString());
        if (e.reason.isEmpty())
            e.reason = q.value(8).toString();
        e.attempts = q.value(9).toInt();
        e.createdAt = timeFrom(q.value(10));
        e.updatedAt = timeFrom(q.value(11));
        e.deliveredAt = timeFrom(q.value(12));
        entries.append(e);
    }
    return entries;
}

Result<QList<OutboxEntry>> AnnotationOutbox::list(const QString &tenantId, bool includeDelivered,
                                                  const QUuid &integrationId)
{
    QString where = QStringLiteral("tenant_id = ?");
    QVariantList binds{tenantId};
    if (!includeDelivered)
        where += QStringLiteral(" AND state <> 'delivered'");
    if (!integrationId.isNull()) {
        where += QStringLiteral(" AND integration_id = ?");
        binds.append(integrationId.toString(QUuid::WithoutBraces));
    }
    return select(where, binds);
}

Result<std::optional<OutboxEntry>> AnnotationOutbox::find(const QString &tenantId, qint64 id)
{
    auto found = select(QStringLiteral("tenant_id = ? AND id = ?"), {tenantId, id});
    if (!found)
        return found.error();
    if (found->isEmpty())
        return std::optional<OutboxEntry>();
    return std::optional<OutboxEntry>(found->first());
}

Result<bool> AnnotationOutbox::discard(const QString &tenantId, qint64 id)
{
    auto changed = m_db.execCachedCounting(
        QStringLiteral("DELETE FROM scm_annotation_outbox WHERE tenant_id = ? AND id = ? AND"
                       " state <> 'sending'"),
        {tenantId, id}, AnnotationOutboxText::tr("discarding outbox entry %1").arg(id));
    if (!changed)
        return changed.error();
    return *changed > 0;
}

QJsonObject AnnotationOutbox::exportJson(const QList<OutboxEntry> &entries, const QDateTime &at)
{
    QJsonArray all;
    for (const OutboxEntry &e : entries)
        all.append(e.toJson());
    return QJsonObject{{QStringLiteral("format"), QStringLiteral("stella-ops.scm-outbox/1")},
                       {QStringLiteral("exportedAt"), formatUtc(at)},
                       {QStringLiteral("entries"), all}};
}

} // namespace stella
