// SPDX-License-Identifier: Apache-2.0
#include "PluginHost.h"

#include "core/common/Logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QLocalServer>
#include <QLocalSocket>
#include <QProcess>
#include <QTimer>
#include <QUuid>
#include <csignal>

namespace stella {

namespace {

struct PluginHostText
{
    Q_DECLARE_TR_FUNCTIONS(stella::PluginHost)
};

QString signalName(int signal)
{
    switch (signal) {
    case SIGSEGV:
        return QStringLiteral("SIGSEGV");
    case SIGABRT:
        return QStringLiteral("SIGABRT");
    case SIGKILL:
        return QStringLiteral("SIGKILL");
    case SIGBUS:
        return QStringLiteral("SIGBUS");
    case SIGFPE:
        return QStringLiteral("SIGFPE");
    case SIGILL:
        return QStringLiteral("SIGILL");
    default:
        return QStringLiteral("signal %1").arg(signal);
    }
}

QString kindName(ConnectorOperation::Kind kind)
{
    switch (kind) {
    case ConnectorOperation::Kind::TestConnection:
        return PluginHostText::tr("test connection");
    case ConnectorOperation::Kind::HealthCheck:
        return PluginHostText::tr("health check");
    case ConnectorOperation::Kind::Discovery:
        return PluginHostText::tr("discovery");
    }
    return {};
}

} // namespace

QString PluginHost::defaultProgram()
{
    const QString fromEnvironment = qEnvironmentVariable("STELLA_PLUGIN_HOST");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    const QString beside =
        QCoreApplication::applicationDirPath() + QStringLiteral("/" STELLA_PLUGIN_HOST_NAME);
    if (QFileInfo(beside).isExecutable())
        return beside;
    return QStringLiteral(STELLA_PLUGIN_HOST_PATH);
}

PluginHost::PluginHost(QString pluginId, QString libraryPath, Settings settings, QObject *parent)
    : QObject(parent), m_pluginId(std::move(pluginId)), m_libraryPath(std::move(libraryPath)),
      m_settings(std::move(settings))
{}

PluginHost::~PluginHost()
{
    for (const QPointer<ConnectorOperation> &op : std::as_const(m_operations))
        if (op)
            op->setCancelHandler({});
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(2000);
    }
}

Result<void> PluginHost::ensureRunning()
{
    if (m_socket && m_socket->state() == QLocalSocket::ConnectedState)
        return {};
    m_stopReason.clear();
    const auto failure = [this](const QString &why) {
        QString output;
        if (m_process) {
            m_process->disconnect(this);
            output = QString::fromUtf8(m_stderrTail + m_process->readAllStandardError()).trimmed();
            m_process->kill();
            m_process->waitForFinished(2000);
            m_process->deleteLater();
            m_process = nullptr;
        }
        delete m_socket;
        m_socket = nullptr;
        delete m_server;
        m_server = nullptr;
        return Error::failed(
            PluginHostText::tr("The connector host of plugin \"%1\" did not start: %2%3")
                .arg(m_pluginId, why,
                     output.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(output.right(400))),
            PluginHostText::tr(
                "Check the plugin file %1; `stella-integrations plugins list` shows what was "
                "loaded")
                .arg(m_libraryPath));
    };
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    const QString name = QStringLiteral("stella-plugin-host-%1-%2")
                             .arg(QCoreApplication::applicationPid())
                             .arg(QUuid::createUuid().toString(QUuid::Id128));
    if (!m_server->listen(name))
        return failure(m_server->errorString());
    m_process = new QProcess(this);
    m_process->setProgram(m_settings.program);
    m_process->setArguments({QStringLiteral("--server"), m_server->fullServerName(),
                             QStringLiteral("--plugin"), m_libraryPath,
                             QStringLiteral("--address-space-mb"),
                             QString::number(m_settings.addressSpaceMb)});
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    m_process->setStandardOutputFile(QProcess::nullDevice());
    // Read as it comes, so that a chatty host never blocks on a full pipe; the tail says why it
    // died.
    m_stderrTail.clear();
    connect(m_process, &QProcess::readyReadStandardError, this, [this] {
        m_stderrTail.append(m_process->readAllStandardError());
        if (m_stderrTail.size() > 4096)
            m_stderrTail = m_stderrTail.right(4096);
    });
    m_process->start();
    ++m_starts;
    if (!m_process->waitForStarted(int(m_settings.startTimeoutMs)))
        return failure(PluginHostText::tr("%1 cannot be run: %2")
                           .arg(m_settings.program, m_process->errorString()));
    QElapsedTimer waited;
    waited.start();
    while (!m_server->hasPendingConnections()) {
        if (m_process->state() != QProcess::Running)
            return failure(PluginHostText::tr("it exited before connecting"));
        if (waited.elapsed() > m_settings.startTimeoutMs)
            return failure(PluginHostText::tr("it did not connect within %1 ms")
                               .arg(m_settings.startTimeoutMs));
        m_server->waitForNewConnection(50);
    }
    m_socket = m_server->nextPendingConnection();
    // The hello: the plugin loaded in the host, its definitions or why not.
    std::optional<QJsonObject> hello;
    while (!hello) {
        bool broken = false;
        hello = m_reader.next(&broken);
        if (broken)
            return failure(PluginHostText::tr("it sent a malformed message"));
        if (hello)
            break;
        if (waited.elapsed() > m_settings.startTimeoutMs)
            return failure(PluginHostText::tr("it did not describe its plugin within %1 ms")
                               .arg(m_settings.startTimeoutMs));
        if (m_socket->state() != QLocalSocket::ConnectedState && !m_socket->bytesAvailable())
            return failure(m_process->state() == QProcess::Running
                               ? PluginHostText::tr("it closed the connection")
                               : PluginHostText::tr("it stopped while loading the plugin"));
        if (m_socket->waitForReadyRead(50) || m_socket->bytesAvailable())
            m_reader.append(m_socket->readAll());
    }
    if (hello->contains(QStringLiteral("error")))
        return failure(hello->value(QStringLiteral("error")).toString());
    if (hello->value(QStringLiteral("protocol")).toInt() != wire::kProtocolVersion)
        return failure(PluginHostText::tr("it speaks protocol %1, not %2")
                           .arg(hello->value(QStringLiteral("protocol")).toInt())
                           .arg(wire::kProtocolVersion));
    m_definitions.clear();
    m_withConnector.clear();
    for (const QJsonValue &v : hello->value(QStringLiteral("providers")).toArray()) {
        m_definitions.append(wire::definitionFromJson(v.toObject()));
        if (v.toObject().value(QStringLiteral("hasConnector")).toBool())
            m_withConnector.append(m_definitions.last().id);
    }
    connect(m_socket, &QLocalSocket::readyRead, this, &PluginHost::readMessages);
    connect(m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
        QString why = m_stopReason;
        if (why.isEmpty()) {
            const QString output =
                QString::fromUtf8(m_stderrTail + m_process->readAllStandardError()).trimmed();
            const QString last = output.section(QLatin1Char('\n'), -1);
            why = status == QProcess::CrashExit
                      ? PluginHostText::tr("crashed (%1)").arg(signalName(code))
                      : PluginHostText::tr("exited with code %1").arg(code);
            if (!last.isEmpty())
                why += QStringLiteral(": ") + last.right(300);
        }
        hostGone(why);
    });
    STELLA_LOG_INFO(lcConnectors) << "plugin host for" << m_pluginId << "started, pid"
                                  << m_process->processId();
    // Messages that came with the hello.
    QTimer::singleShot(0, this, &PluginHost::readMessages);
    return {};
}

Result<QList<ProviderDefinition>> PluginHost::describe()
{
    if (auto r = ensureRunning(); !r)
        return r.error();
    return m_definitions;
}

void PluginHost::send(const QJsonObject &message)
{
    if (m_socket)
        wire::writeFrame(*m_socket, message);
}

ConnectorOperation *PluginHost::start(const Integration &integration, ConnectorOperation::Kind kind,
                                      const QString &resourceType, const QString &pattern,
                                      QObject *parent)
{
    auto *op = new ConnectorOperation(kind, parent);
    if (auto running = ensureRunning(); !running) {
        op->fail(running.error());
        return op;
    }
    const qint64 id = m_nextId++;
    m_operations.insert(id, op);
    auto *deadline = new QTimer(this);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, this, [this, kind] {
        stopHost(PluginHostText::tr("did not finish its %1 within %2 s, so its host was stopped")
                     .arg(kindName(kind))
                     .arg(m_settings.deadlineMs / 1000.0));
    });
    deadline->start(int(m_settings.deadlineMs));
    m_deadlines.insert(id, deadline);
    op->setCancelHandler([this, id] {
        send({{QStringLiteral("op"), QStringLiteral("cancel")}, {QStringLiteral("opId"), id}});
        m_operations.remove(id);
        // The deadline keeps running until the host confirms: a host too hung to cancel is
        // stopped all the same.
    });
    send({{QStringLiteral("op"), QStringLiteral("run")},
          {QStringLiteral("opId"), id},
          {QStringLiteral("kind"), int(kind)},
          {QStringLiteral("integration"), wire::toJson(integration)},
          {QStringLiteral("resourceType"), resourceType},
          {QStringLiteral("pattern"), pattern}});
    return op;
}

void PluginHost::readMessages()
{
    if (!m_socket)
        return;
    m_reader.append(m_socket->readAll());
    for (;;) {
        bool broken = false;
        const std::optional<QJsonObject> message = m_reader.next(&broken);
        if (broken)
            return stopHost(
                PluginHostText::tr("sent a malformed message, so its host was stopped"));
        if (!message)
            return;
        handle(*message);
    }
}

void PluginHost::handle(const QJsonObject &message)
{
    const qint64 id = message.value(QStringLiteral("opId")).toInteger();
    const QString event = message.value(QStringLiteral("event")).toString();
    if (event == QLatin1String("cancelled")) {
        delete m_deadlines.take(id);
        return;
    }
    const QPointer<ConnectorOperation> op = m_operations.value(id);
    if (!op)
        return; // cancelled or dropped here: its late events mean nothing
    if (event == QLatin1String("step")) {
        const ConnectorStep step =
            wire::stepFromJson(message.value(QStringLiteral("step")).toObject());
        if (step.state == ConnectorStep::State::Running)
            op->beginStep(step.id, step.title);
        else
            op->endStep(step.state, step.message);
    } else if (event == QLatin1String("page")) {
        QList<DiscoveredResource> page;
        for (const QJsonValue &v : message.value(QStringLiteral("resources")).toArray())
            page.append(wire::resourceFromJson(v.toObject()));
        op->reportPage(page);
    } else if (event == QLatin1String("finished")) {
        m_operations.remove(id);
        delete m_deadlines.take(id);
        const QJsonObject server = message.value(QStringLiteral("server")).toObject();
        op->reportServer({server.value(QStringLiteral("product")).toString(),
                          server.value(QStringLiteral("version")).toString()});
        op->reportHealth(HealthStatus(message.value(QStringLiteral("health")).toInt()));
        op->setCancelHandler({});
        const auto outcome =
            ConnectorOperation::Outcome(message.value(QStringLiteral("outcome")).toInt());
        if (outcome == ConnectorOperation::Outcome::Succeeded)
            op->succeed();
        else
            op->fail(wire::errorFromJson(message.value(QStringLiteral("error")).toObject()));
    }
}

void PluginHost::stopHost(const QString &why)
{
    m_stopReason = why;
    if (m_process)
        m_process->kill(); // finished() follows: hostGone(why)
}

void PluginHost::hostGone(const QString &why)
{
    STELLA_LOG_WARNING(lcConnectors).noquote() << "plugin host for" << m_pluginId << why;
    const auto operations = m_operations;
    m_operations.clear();
    qDeleteAll(m_deadlines);
    m_deadlines.clear();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    if (m_server) {
        m_server->deleteLater();
        m_server = nullptr;
    }
    if (m_process) {
        m_process->disconnect(this);
        m_process->deleteLater();
        m_process = nullptr;
    }
    m_reader = {};
    for (const QPointer<ConnectorOperation> &op : operations) {
        if (!op || op->isFinished())
            continue;
        op->setCancelHandler({});
        op->fail(Error::failed(
            PluginHostText::tr(
                "The connector host of plugin \"%1\" %2. Only the host stopped; the next "
                "operation starts a new one.")
                .arg(m_pluginId, why),
            PluginHostText::tr(
                "Report it to the plugin's authors, or remove %1 from the plugin folder")
                .arg(m_libraryPath)));
    }
}

ConnectorOperation *IsolatedConnector::testConnection(QObject *parent)
{
    return m_host->start(m_integration, ConnectorOperation::Kind::TestConnection, {}, {}, parent);
}

ConnectorOperation *IsolatedConnector::checkHealth(QObject *parent)
{
    return m_host->start(m_integration, ConnectorOperation::Kind::HealthCheck, {}, {}, parent);
}

ConnectorOperation *IsolatedConnector::discover(const QString &resourceType,
                                                const QString &namePattern, QObject *parent)
{
    return m_host->start(m_integration, ConnectorOperation::Kind::Discovery, resourceType,
                         namePattern, parent);
}

} // namespace stella
