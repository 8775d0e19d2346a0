// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"
#include "core/model/Enums.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <functional>
#include <vector>

namespace stella {

// One line of a test-connection checklist or a health check's log: "resolve credential",
// "GET /api/v2.0/health → 200 in 34 ms".
struct ConnectorStep
{
    enum class State
    {
        Running,
        Passed,
        Warning,
        Failed,
        Skipped
    };

    QString id;
    QString title;
    State state = State::Running;
    QString message;
    qint64 durationMs = 0;
};

QString toString(ConnectorStep::State state);
// The step a checklist stopped at: the failed one, else the last one begun (null when none).
const ConnectorStep *stoppingStep(const std::vector<ConnectorStep> &steps);

struct DiscoveredResource
{
    QString resourceType;
    QString name;
    QJsonObject attributes; // provider-specific extras, e.g. digest, size, updatedAt

    QJsonObject toJson() const;
};

// What a connector says about the server it reached.
struct ServerIdentity
{
    QString product;
    QString version;
};

// One asynchronous connector call: a test-connection, a health check or a discovery. It
// reports steps and pages as they happen, finishes exactly once, and cancel() aborts at once.
// The caller owns it; connectors drive it through the protected-by-convention "report" API.
class ConnectorOperation : public QObject
{
    Q_OBJECT

public:
    enum class Kind
    {
        TestConnection,
        HealthCheck,
        Discovery
    };
    enum class Outcome
    {
        Running,
        Succeeded,
        Failed,
        Cancelled
    };

    explicit ConnectorOperation(Kind kind, QObject *parent = nullptr);

    Kind kind() const { return m_kind; }
    Outcome outcome() const { return m_outcome; }
    bool isFinished() const { return m_outcome != Outcome::Running; }
    const Error &error() const { return m_error; }
    QList<ConnectorStep> steps() const { return m_steps; }
    ServerIdentity server() const { return m_server; }
    HealthStatus healthStatus() const { return m_health; }
    qint64 elapsedMs() const { return m_elapsed.elapsed(); }
    int resourceCount() const { return m_resourceCount; }
    // The earliest expiry among the TLS certificates the servers showed during this operation
    // (invalid: none, e.g. plain HTTP), and whether each was verified (false once one was
    // accepted with verification off).
    QDateTime certificateExpiry() const { return m_certificateExpiry; }
    bool certificateVerified() const { return m_certificateVerified; }

    // Aborts every request in flight and finishes as Cancelled. Safe to call at any time.
    void cancel();

    // --- reporting API for connector implementations ---
    void beginStep(const QString &id, const QString &title);
    void endStep(ConnectorStep::State state, const QString &message = {});
    void reportServer(const ServerIdentity &server) { m_server = server; }
    void reportHealth(HealthStatus status) { m_health = status; }
    void reportCertificate(const QDateTime &expiry, bool verified);
    void reportPage(const QList<DiscoveredResource> &resources);
    void succeed();
    void fail(const Error &error);
    // Called once by cancel() so the implementation can abort its timers and requests.
    void setCancelHandler(std::function<void()> handler) { m_cancelHandler = std::move(handler); }

Q_SIGNALS:
    void stepChanged(const stella::ConnectorStep &step);
    void pageReady(const QList<stella::DiscoveredResource> &resources);
    void finished();

private:
    void finish(Outcome outcome);

    Kind m_kind;
    Outcome m_outcome = Outcome::Running;
    Error m_error;
    QList<ConnectorStep> m_steps;
    ServerIdentity m_server;
    HealthStatus m_health = HealthStatus::Unknown;
    int m_resourceCount = 0;
    QDateTime m_certificateExpiry;
    bool m_certificateVerified = true;
    QElapsedTimer m_elapsed;
    QElapsedTimer m_stepTimer;
    std::function<void()> m_cancelHandler;
};

// A connector bound to one integration. Every call returns at once; work happens on the
// caller's event loop (network) or on worker threads, never blocking. An operation never refers
// to the connector that started it (it co-owns what it needs), so the connector may be deleted
// while its operations run (docs/architecture.md, "Providers and connectors").
class Connector
{
public:
    virtual ~Connector() = default;
    virtual ConnectorOperation *testConnection(QObject *parent) = 0;
    virtual ConnectorOperation *checkHealth(QObject *parent) = 0;
    // namePattern is a glob (*, ?, [..]) matched case-insensitively against resource names.
    virtual ConnectorOperation *discover(const QString &resourceType, const QString &namePattern,
                                         QObject *parent) = 0;
};

// Glob to anchored regular expression: '*' any run (including '/'), '?' one character,
// '[...]' a class; everything else literal.
QString globToRegularExpression(const QString &glob);

} // namespace stella

Q_DECLARE_METATYPE(stella::ConnectorStep)
Q_DECLARE_METATYPE(stella::DiscoveredResource)
