// SPDX-License-Identifier: Apache-2.0
#include "StepSequence.h"

#include "core/http/HttpClient.h"

#include <QTimer>

namespace stella {

Step::Step(std::shared_ptr<StepSequence> sequence, int index)
    : m_sequence(std::move(sequence)), m_index(index)
{}

ConnectorOperation *Step::operation() const
{
    return m_sequence->m_operation;
}

bool Step::isOver() const
{
    return !m_sequence->isCurrent(m_index);
}

void Step::end(ConnectorStep::State state, const QString &message) const
{
    m_sequence->ended(m_index, state, message, false);
}

void Step::finish(ConnectorStep::State state, const QString &message) const
{
    m_sequence->ended(m_index, state, message, true);
}

void Step::fail(const Error &error) const
{
    if (!isOver())
        m_sequence->m_operation->fail(error);
}

void Step::after(qint64 ms, std::function<void()> then) const
{
    ConnectorOperation *op = operation();
    if (isOver())
        return;
    auto *timer = new QTimer(op);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, op, [timer, then = std::move(then)] {
        timer->deleteLater();
        then();
    });
    timer->start(int(ms));
}

std::shared_ptr<StepSequence> StepSequence::create(ConnectorOperation *operation)
{
    std::shared_ptr<StepSequence> sequence(new StepSequence(operation));
    // The handler keeps the sequence alive until the operation finishes or is destroyed.
    operation->setCancelHandler([sequence] { sequence->abortInFlight(); });
    return sequence;
}

StepSequence::StepSequence(ConnectorOperation *operation) : m_operation(operation) {}

StepSequence &StepSequence::add(const QString &id, const QString &title, Body body)
{
    m_steps.append({id, title, std::move(body)});
    return *this;
}

void StepSequence::start()
{
    run(0);
}

void StepSequence::startSoon()
{
    if (m_operation)
        QTimer::singleShot(0, m_operation, [self = shared_from_this()] { self->run(0); });
}

bool StepSequence::isCurrent(int index) const
{
    return m_operation && !m_operation->isFinished() && index == m_current;
}

void StepSequence::run(int index)
{
    if (!m_operation || m_operation->isFinished())
        return;
    if (index >= m_steps.size())
        return m_operation->succeed();
    m_current = index;
    const Declared &step = m_steps.at(index);
    m_operation->beginStep(step.id, step.title);
    // A copy: the body may run to the end of the sequence before it returns.
    const Body body = step.body;
    body(Step(shared_from_this(), index));
}

void StepSequence::ended(int index, ConnectorStep::State state, const QString &message, bool last)
{
    if (!isCurrent(index))
        return;
    m_operation->endStep(state, message);
    if (last)
        return m_operation->succeed();
    run(index + 1);
}

void StepSequence::abortInFlight()
{
    if (!m_operation)
        return;
    m_current = -1;
    for (HttpCall *call : m_operation->findChildren<HttpCall *>(Qt::FindDirectChildrenOnly))
        call->cancel();
    for (QTimer *timer : m_operation->findChildren<QTimer *>(Qt::FindDirectChildrenOnly))
        timer->stop();
}

} // namespace stella
