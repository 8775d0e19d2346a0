// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/scm/AnnotationOutbox.h"
#include "core/scm/ScmAnnotationClient.h"

#include <QObject>
#include <QPointer>
#include <functional>
#include <memory>

namespace stella {

// One annotation through the outbox (docs/contracts.md §19.3): the entry is written before
// the first request, its progress after each request that changed something, and its end (the
// entry delivered, or kept with why) in the step that learnt of it; the metrics count it. The
// outbox is reached through a runner, so the CLI writes at once on its own thread and the
// console on the catalog's thread.
class AnnotationDelivery : public QObject
{
    Q_OBJECT

public:
    using OutboxWork = std::function<void(AnnotationOutbox &)>;
    using OutboxRunner = std::function<void(OutboxWork)>;

    struct Target
    {
        QString tenantId;
        QUuid integrationId;
        QString provider;
    };

    AnnotationDelivery(std::shared_ptr<ScmAnnotationClient> client, Target target,
                       OutboxRunner runner, QObject *parent = nullptr);

    // A new annotation: kept in the outbox, then delivered.
    void deliver(const AnnotationRequest &request);
    // An outbox entry again, from where it got to. An entry another delivery holds, or one
    // already delivered, finishes at once with a Conflict (nothing is sent).
    void retry(const OutboxEntry &entry);
    void cancel();

    bool isFinished() const { return m_finished; }
    qint64 entryId() const { return m_entryId; }
    const DeliveryResult &result() const { return m_result; }
    // The outbox could not record something (the result still says how the delivery went).
    const QString &outboxProblem() const { return m_outboxProblem; }

Q_SIGNALS:
    void finished();

private:
    void start(const AnnotationRequest &request, const DeliveryProgress &from);
    void onFinished();
    void finishWith(DeliveryResult result);
    // Runs `then` on this object's thread, if it still exists.
    void back(std::function<void(AnnotationDelivery &)> then);

    std::shared_ptr<ScmAnnotationClient> m_client;
    Target m_target;
    OutboxRunner m_runner;
    QPointer<AnnotationOperation> m_operation;
    AnnotationKind m_kind = AnnotationKind::Comment;
    qint64 m_entryId = 0;
    DeliveryResult m_result;
    QString m_outboxProblem;
    bool m_finished = false;
    bool m_cancelled = false;
};

} // namespace stella
