// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/connectors/ConnectorOperation.h"

#include <QList>
#include <QPointer>
#include <functional>
#include <memory>

namespace stella {

class StepSequence;

// The step in hand, given to its body. A body ends its step exactly once, now or from a
// callback later (an async step may issue several requests first): pass/warn/skip/end go on
// to the next declared step, finish() ends the operation successfully without the rest, and
// fail() fails the operation. Once the operation is over (failed, cancelled, destroyed) every
// call is ignored, so a late answer can do no harm. Copy it into callbacks freely.
class Step
{
public:
    // The operation, to report the server, health or pages; null once it has been destroyed.
    ConnectorOperation *operation() const;
    // True once the operation has finished or gone: nothing more may happen.
    bool isOver() const;

    void pass(const QString &message) const { end(ConnectorStep::State::Passed, message); }
    void warn(const QString &message) const { end(ConnectorStep::State::Warning, message); }
    void skip(const QString &message) const { end(ConnectorStep::State::Skipped, message); }
    void end(ConnectorStep::State state, const QString &message) const;
    // Ends this step and succeeds: the verdict is in, the remaining steps are not needed.
    void finish(ConnectorStep::State state, const QString &message) const;
    void fail(const Error &error) const;
    // Runs `then` after `ms` on a timer the operation owns: cancel() stops it.
    void after(qint64 ms, std::function<void()> then) const;

private:
    friend class StepSequence;
    Step(std::shared_ptr<StepSequence> sequence, int index);
    std::shared_ptr<StepSequence> m_sequence;
    int m_index;
};

// An operation's steps, declared up front (id from StepId, title, body) and run in order:
// each begins when the one before it ends, a failing step stops the rest, and the last one
// ending succeeds the operation. The sequence is the operation's cancel handler: cancel()
// aborts every request and timer in flight (the operation's HttpCall and QTimer children),
// then the operation finishes as Cancelled, once.
//
// Bodies must not capture their connector: they hold what they need (an HttpExchange, an
// API object, settings) by value or shared pointer, so a connector may be deleted while its
// operation runs (docs/architecture.md, "Providers and connectors").
class StepSequence : public std::enable_shared_from_this<StepSequence>
{
public:
    using Body = std::function<void(const Step &)>;

    static std::shared_ptr<StepSequence> create(ConnectorOperation *operation);

    StepSequence &add(const QString &id, const QString &title, Body body);
    // Runs the first step now (a step that fails at once finishes the operation before this
    // returns), or, with startSoon(), from the event loop: a caller connecting to the
    // operation's signals after the call returns then sees every step.
    void start();
    void startSoon();

    ConnectorOperation *operation() const { return m_operation; }

private:
    friend class Step;
    explicit StepSequence(ConnectorOperation *operation);
    void run(int index);
    void ended(int index, ConnectorStep::State state, const QString &message, bool last);
    bool isCurrent(int index) const;
    void abortInFlight();

    struct Declared
    {
        QString id;
        QString title;
        Body body;
    };
    QPointer<ConnectorOperation> m_operation;
    QList<Declared> m_steps;
    int m_current = -1;
};

} // namespace stella
