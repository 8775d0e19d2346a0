// SPDX-License-Identifier: Apache-2.0
#include "AnnotationDelivery.h"

#include "core/common/Logging.h"
#include "core/scm/AnnotationMetrics.h"

#include <QCoreApplication>

namespace stella {

namespace {
struct AnnotationDeliveryText
{
    Q_DECLARE_TR_FUNCTIONS(stella::AnnotationDelivery)
};
} // namespace

AnnotationDelivery::AnnotationDelivery(std::shared_ptr<ScmAnnotationClient> client, Target target,
                                       OutboxRunner runner, QObject *parent)
    : QObject(parent), m_client(std::move(client)), m_target(std::move(target)),
      m_runner(std::move(runner))
{}

void AnnotationDelivery::back(std::function<void(AnnotationDelivery &)> then)
{
    QPointer<AnnotationDelivery> self(this);
    QMetaObject::invokeMethod(
        this,
        [self, then] {
            if (self)
                then(*self);
        },
        Qt::AutoConnection);
}

void AnnotationDelivery::deliver(const AnnotationRequest &request)
{
    m_kind = request.kind;
    const Target t = m_target;
    QPointer<AnnotationDelivery> self(this);
    m_runner([self, t, request](AnnotationOutbox &outbox) {
        auto id = outbox.open(t.tenantId, t.integrationId, t.provider, request);
        if (!self)
            return;
        self->back([id, request](AnnotationDelivery &d) {
            if (!id) {
                // Not kept, so not sent either: an annotation the outbox cannot hold could be
                // lost if the provider is away.
                DeliveryResult r;
                r.outcome = DeliveryOutcome::Transient;
                r.error = id.error();
                d.m_outboxProblem = id.error().message;
                return d.finishWith(r);
            }
            d.m_entryId = *id;
            d.start(request, {});
        });
    });
}

void AnnotationDelivery::retry(const OutboxEntry &entry)
{
    m_kind = entry.request.kind;
    m_entryId = entry.id;
    const QString tenant = m_target.tenantId;
    QPointer<AnnotationDelivery> self(this);
    m_runner([self, tenant, entry](AnnotationOutbox &outbox) {
        // The progress is read again: another delivery may have got further since the list.
        auto claimed = outbox.claim(tenant, entry.id);
        std::optional<OutboxEntry> fresh;
        if (claimed && *claimed)
            if (auto found = outbox.find(tenant, entry.id); found && *found)
                fresh = **found;
        if (!self)
            return;
        self->back([claimed, fresh, entry](AnnotationDelivery &d) {
            DeliveryResult r;
            r.outcome = DeliveryOutcome::Permanent;
            if (!claimed) {
                r.error = claimed.error();
                return d.finishWith(r);
            }
            if (!*claimed || !fresh) {
                r.error = Error::conflict(
                    AnnotationDeliveryText::tr(
                        "Outbox entry %1 is being delivered by another run, or was "
                        "delivered or discarded")
                        .arg(entry.id),
                    AnnotationDeliveryText::tr("List the outbox again: `annotate outbox list`"));
                return d.finishWith(r);
            }
            d.start(fresh->request, fresh->progress);
        });
    });
}

void AnnotationDelivery::start(const AnnotationRequest &request, const DeliveryProgress &from)
{
    if (m_cancelled) {
        DeliveryResult r;
        r.outcome = DeliveryOutcome::Transient;
        r.error = Error::cancelled(
            AnnotationDeliveryText::tr("Cancelled; the annotation stays in the outbox"));
        r.progress = from;
        m_runner([id = m_entryId, r](AnnotationOutbox &outbox) {
            (void)outbox.keep(id, r.outcome, r.error.message, r.progress);
        });
        return finishWith(r);
    }
    m_operation = m_client->deliver(request, from, this);
    const qint64 id = m_entryId;
    connect(m_operation, &AnnotationOperation::progressed, this,
            [this, id](const DeliveryProgress &progress) {
                QPointer<AnnotationDelivery> self(this);
                m_runner([self, id, progress](AnnotationOutbox &outbox) {
                    if (auto r = outbox.saveProgress(id, progress); !r && self)
                        self->back([message = r.error().message](AnnotationDelivery &d) {
                            d.m_outboxProblem = message;
                        });
                });
            });
    connect(m_operation, &AnnotationOperation::finished, this, &AnnotationDelivery::onFinished);
    if (m_operation->isFinished())
        onFinished();
}

void AnnotationDelivery::onFinished()
{
    if (!m_operation || m_finished)
        return;
    const DeliveryResult result = m_operation->result();
    m_operation->deleteLater();
    const Target t = m_target;
    const AnnotationKind kind = m_kind;
    const qint64 id = m_entryId;
    QPointer<AnnotationDelivery> self(this);
    m_runner([self, t, kind, id, result](AnnotationOutbox &outbox) {
        Result<void> kept =
            result.outcome == DeliveryOutcome::Success
                ? outbox.markDelivered(id, result.progress)
                : outbox.keep(id, result.outcome, result.error.toText(), result.progress);
        const Result<void> counted = AnnotationMetrics::record(
            outbox.database(), t.tenantId, t.provider, kind, result.outcome, result.elapsedMs);
        if (!self)
            return;
        QString problem = !kept ? kept.error().message : QString();
        if (problem.isEmpty() && !counted)
            problem = counted.error().message;
        self->back([result, problem](AnnotationDelivery &d) {
            if (!problem.isEmpty())
                d.m_outboxProblem = problem;
            d.finishWith(result);
        });
    });
}

void AnnotationDelivery::cancel()
{
    m_cancelled = true;
    if (m_operation)
        m_operation->cancel();
}

void AnnotationDelivery::finishWith(DeliveryResult result)
{
    if (m_finished)
        return;
    m_finished = true;
    m_result = std::move(result);
    if (m_result.outcome != DeliveryOutcome::Success)
        STELLA_LOG_INFO(lcConnectors).noquote()
            << m_target.provider << toString(m_kind) << toString(m_result.outcome)
            << "- kept in the outbox as entry" << m_entryId;
    Q_EMIT finished();
}

} // namespace stella
