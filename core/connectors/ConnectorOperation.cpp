// SPDX-License-Identifier: Apache-2.0
#include "ConnectorOperation.h"

#include "core/common/Logging.h"

#include <QRegularExpression>

namespace stella {

namespace {
QString kindName(ConnectorOperation::Kind kind)
{
    switch (kind) {
    case ConnectorOperation::Kind::TestConnection:
        return QStringLiteral("test-connection");
    case ConnectorOperation::Kind::HealthCheck:
        return QStringLiteral("health check");
    case ConnectorOperation::Kind::Discovery:
        return QStringLiteral("discovery");
    }
    return {};
}

QString outcomeName(ConnectorOperation::Outcome outcome)
{
    switch (outcome) {
    case ConnectorOperation::Outcome::Running:
        return QStringLiteral("running");
    case ConnectorOperation::Outcome::Succeeded:
        return QStringLiteral("succeeded");
    case ConnectorOperation::Outcome::Failed:
        return QStringLiteral("failed");
    case ConnectorOperation::Outcome::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}
} // namespace

const ConnectorStep *stoppingStep(const std::vector<ConnectorStep> &steps)
{
    for (const ConnectorStep &s : steps)
        if (s.state == ConnectorStep::State::Failed)
            return &s;
    return steps.empty() ? nullptr : &steps.back();
}

QString toString(ConnectorStep::State state)
{
    switch (state) {
    case ConnectorStep::State::Running:
        return QStringLiteral("running");
    case ConnectorStep::State::Passed:
        return QStringLiteral("passed");
    case ConnectorStep::State::Warning:
        return QStringLiteral("warning");
    case ConnectorStep::State::Failed:
        return QStringLiteral("failed");
    case ConnectorStep::State::Skipped:
        return QStringLiteral("skipped");
    }
    return {};
}

QJsonObject DiscoveredResource::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("resourceType"), resourceType);
    o.insert(QStringLiteral("name"), name);
    if (!attributes.isEmpty())
        o.insert(QStringLiteral("attributes"), attributes);
    return o;
}

ConnectorOperation::ConnectorOperation(Kind kind, QObject *parent) : QObject(parent), m_kind(kind)
{
    m_elapsed.start();
}

void ConnectorOperation::reportCertificate(const QDateTime &expiry, bool verified)
{
    if (!expiry.isValid())
        return;
    if (!m_certificateExpiry.isValid() || expiry < m_certificateExpiry)
        m_certificateExpiry = expiry;
    m_certificateVerified = m_certificateVerified && verified;
}

void ConnectorOperation::cancel()
{
    if (isFinished())
        return;
    if (m_cancelHandler)
        std::exchange(m_cancelHandler, nullptr)();
    if (!m_steps.isEmpty() && m_steps.last().state == ConnectorStep::State::Running)
        endStep(ConnectorStep::State::Skipped, QStringLiteral("cancelled"));
    m_error = Error::cancelled();
    finish(Outcome::Cancelled);
}

void ConnectorOperation::beginStep(const QString &id, const QString &title)
{
    if (isFinished())
        return;
    ConnectorStep step;
    step.id = id;
    step.title = title;
    m_steps.append(step);
    m_stepTimer.start();
    Q_EMIT stepChanged(step);
}

void ConnectorOperation::endStep(ConnectorStep::State state, const QString &message)
{
    if (m_steps.isEmpty() || m_steps.last().state != ConnectorStep::State::Running)
        return;
    ConnectorStep &step = m_steps.last();
    step.state = state;
    step.message = message;
    step.durationMs = m_stepTimer.elapsed();
    STELLA_LOG_DEBUG(lcConnectors).noquote() << QStringLiteral("%1: step %2 %3 in %4 ms: %5")
                                                    .arg(kindName(m_kind), step.id, toString(state))
                                                    .arg(step.durationMs)
                                                    .arg(message);
    Q_EMIT stepChanged(step);
}

void ConnectorOperation::reportPage(const QList<DiscoveredResource> &resources)
{
    if (isFinished())
        return;
    m_resourceCount += int(resources.size());
    Q_EMIT pageReady(resources);
}

void ConnectorOperation::succeed()
{
    if (!isFinished())
        finish(Outcome::Succeeded);
}

void ConnectorOperation::fail(const Error &error)
{
    if (isFinished())
        return;
    if (!m_steps.isEmpty() && m_steps.last().state == ConnectorStep::State::Running)
        endStep(ConnectorStep::State::Failed, error.message);
    m_error = error;
    finish(Outcome::Failed);
}

void ConnectorOperation::finish(Outcome outcome)
{
    m_outcome = outcome;
    // One line per operation at info (what ran, how it ended, its steps); the steps themselves
    // at debug. Messages come from connectors, which never put a secret in them, and are
    // redacted again by the log line.
    if (lcConnectors().isInfoEnabled()) {
        QStringList steps;
        for (const ConnectorStep &step : std::as_const(m_steps))
            steps.append(QStringLiteral("%1 %2").arg(step.id, toString(step.state)));
        STELLA_LOG_INFO(lcConnectors).noquote()
            << QStringLiteral("%1 %2 in %3 ms (%4)%5")
                   .arg(kindName(m_kind), outcomeName(outcome))
                   .arg(m_elapsed.elapsed())
                   .arg(steps.join(QStringLiteral(", ")),
                        outcome == Outcome::Failed ? QStringLiteral(": ") + m_error.message
                                                   : QString());
    }
    m_cancelHandler = nullptr;
    Q_EMIT finished();
}

QString globToRegularExpression(const QString &glob)
{
    QString re;
    re.reserve(glob.size() * 2 + 4);
    for (qsizetype i = 0; i < glob.size(); ++i) {
        const QChar c = glob.at(i);
        if (c == QLatin1Char('*')) {
            re += QStringLiteral(".*");
        } else if (c == QLatin1Char('?')) {
            re += QLatin1Char('.');
        } else if (c == QLatin1Char('[')) {
            const qsizetype close = glob.indexOf(QLatin1Char(']'), i + 2);
            if (close < 0) {
                re += QStringLiteral("\\[");
                continue;
            }
            QString cls = glob.mid(i + 1, close - i - 1);
            if (cls.startsWith(QLatin1Char('!')))
                cls[0] = QLatin1Char('^');
            cls.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
            re += QLatin1Char('[') + cls + QLatin1Char(']');
            i = close;
        } else {
            re += QRegularExpression::escape(QString(c));
        }
    }
    return QRegularExpression::anchoredPattern(re);
}

} // namespace stella
