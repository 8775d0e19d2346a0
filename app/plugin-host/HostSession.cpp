// SPDX-License-Identifier: Apache-2.0
#include "HostSession.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QLocalSocket>
#include <cstdio>

namespace stella::host {

HostSession::HostSession(QLocalSocket &socket, QList<ProviderDefinition> definitions)
    : m_socket(socket), m_definitions(std::move(definitions))
{
    connect(&m_socket, &QLocalSocket::readyRead, this, &HostSession::readMessages);
    // The console or the CLI went away: nothing is left to do.
    connect(&m_socket, &QLocalSocket::disconnected, qApp, &QCoreApplication::quit);
    readMessages();
}

void HostSession::send(const QJsonObject &message)
{
    wire::writeFrame(m_socket, message);
    m_socket.flush();
}

void HostSession::readMessages()
{
    m_reader.append(m_socket.readAll());
    for (;;) {
        bool broken = false;
        const std::optional<QJsonObject> message = m_reader.next(&broken);
        if (broken) {
            fprintf(stderr, "stella-plugin-host: malformed message from the console\n");
            QCoreApplication::exit(4);
            return;
        }
        if (!message)
            return;
        const QString op = message->value(QStringLiteral("op")).toString();
        if (op == QLatin1String("run")) {
            run(*message);
        } else if (op == QLatin1String("cancel")) {
            const qint64 id = message->value(QStringLiteral("opId")).toInteger();
            auto it = m_running.find(id);
            if (it != m_running.end() && it->second.operation) {
                ConnectorOperation *operation = it->second.operation;
                operation->blockSignals(true);
                operation->cancel();
                operation->deleteLater();
                m_running.erase(it);
            }
            // Said even for an operation already finished: the parent stops its deadline.
            send({{QStringLiteral("opId"), id},
                  {QStringLiteral("event"), QStringLiteral("cancelled")}});
        }
    }
}

void HostSession::run(const QJsonObject &message)
{
    const qint64 id = message.value(QStringLiteral("opId")).toInteger();
    const Integration integration =
        wire::integrationFromJson(message.value(QStringLiteral("integration")).toObject());
    const auto kind = ConnectorOperation::Kind(message.value(QStringLiteral("kind")).toInt());
    auto finishedWith = [this, id](const Error &error) {
        send({{QStringLiteral("opId"), id},
              {QStringLiteral("event"), QStringLiteral("finished")},
              {QStringLiteral("outcome"), int(ConnectorOperation::Outcome::Failed)},
              {QStringLiteral("error"), wire::toJson(error)}});
    };
    const ProviderDefinition *definition = nullptr;
    for (const ProviderDefinition &d : m_definitions)
        if (d.id == integration.provider)
            definition = &d;
    if (!definition || !definition->hasConnector())
        return finishedWith(Error::failed(
            QStringLiteral("the plugin has no connector for %1").arg(integration.provider)));
    ConnectorContext context;
    context.clock = &SystemClock::instance();
    context.credentials = &m_credentials;
    Running running;
    running.connector = definition->connectorFactory(integration, context);
    if (!running.connector)
        return finishedWith(Error::failed(
            QStringLiteral("the plugin made no connector for %1").arg(integration.name)));
    Connector &connector = *running.connector;
    ConnectorOperation *op = nullptr;
    switch (kind) {
    case ConnectorOperation::Kind::TestConnection:
        op = connector.testConnection(this);
        break;
    case ConnectorOperation::Kind::HealthCheck:
        op = connector.checkHealth(this);
        break;
    case ConnectorOperation::Kind::Discovery:
        op = connector.discover(message.value(QStringLiteral("resourceType")).toString(),
                                message.value(QStringLiteral("pattern")).toString(), this);
        break;
    }
    if (!op)
        return finishedWith(Error::failed(QStringLiteral("the plugin started no operation")));
    running.operation = op;
    // Steps that happened before we listened (a connector may fail at once).
    const QList<ConnectorStep> earlier = op->steps();
    for (const ConnectorStep &step : earlier) {
        ConnectorStep begun = step;
        begun.state = ConnectorStep::State::Running;
        send({{QStringLiteral("opId"), id},
              {QStringLiteral("event"), QStringLiteral("step")},
              {QStringLiteral("step"), wire::toJson(begun)}});
        if (step.state != ConnectorStep::State::Running)
            send({{QStringLiteral("opId"), id},
                  {QStringLiteral("event"), QStringLiteral("step")},
                  {QStringLiteral("step"), wire::toJson(step)}});
    }
    connect(op, &ConnectorOperation::stepChanged, this, [this, id](const ConnectorStep &step) {
        send({{QStringLiteral("opId"), id},
              {QStringLiteral("event"), QStringLiteral("step")},
              {QStringLiteral("step"), wire::toJson(step)}});
    });
    connect(op, &ConnectorOperation::pageReady, this,
            [this, id](const QList<DiscoveredResource> &resources) {
                QJsonArray page;
                for (const DiscoveredResource &r : resources)
                    page.append(wire::toJson(r));
                send({{QStringLiteral("opId"), id},
                      {QStringLiteral("event"), QStringLiteral("page")},
                      {QStringLiteral("resources"), page}});
            });
    auto finished = [this, id, op] {
        const ServerIdentity server = op->server();
        send({{QStringLiteral("opId"), id},
              {QStringLiteral("event"), QStringLiteral("finished")},
              {QStringLiteral("outcome"), int(op->outcome())},
              {QStringLiteral("health"), int(op->healthStatus())},
              {QStringLiteral("server"), QJsonObject{{QStringLiteral("product"), server.product},
                                                     {QStringLiteral("version"), server.version}}},
              {QStringLiteral("error"), wire::toJson(op->error())}});
        auto it = m_running.find(id);
        if (it != m_running.end()) {
            it->second.operation->deleteLater();
            m_running.erase(it);
        }
    };
    m_running.emplace(id, std::move(running));
    if (op->isFinished())
        QMetaObject::invokeMethod(this, finished, Qt::QueuedConnection);
    else
        connect(op, &ConnectorOperation::finished, this, finished);
}

} // namespace stella::host
