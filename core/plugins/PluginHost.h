// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"
#include "core/connectors/ConnectorOperation.h"
#include "core/model/Integration.h"
#include "core/plugins/PluginWire.h"
#include "core/providers/ProviderDefinition.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <memory>

class QLocalServer;
class QLocalSocket;
class QProcess;
class QTimer;

namespace stella {

// An untrusted plugin's connectors, run in a stella-plugin-host process (docs/contracts.md
// §20.6): the plugin is loaded there, never here. Operations are proxied over a local socket;
// when the host crashes, hangs past the deadline or runs out of its address space, only the
// host dies: the operations in flight fail with a message naming the plugin, and the next
// operation starts a new host.
class PluginHost : public QObject
{
    Q_OBJECT

public:
    struct Settings
    {
        QString program;                // the stella-plugin-host executable
        qint64 deadlineMs = 120'000;    // an operation not finished by then: the host is stopped
        int addressSpaceMb = 2048;      // RLIMIT_AS of the host
        qint64 startTimeoutMs = 15'000; // the host must connect and describe its plugin by then
    };
    // STELLA_PLUGIN_HOST, else stella-plugin-host beside this program, else the installed one.
    static QString defaultProgram();

    PluginHost(QString pluginId, QString libraryPath, Settings settings, QObject *parent = nullptr);
    ~PluginHost() override;

    const QString &pluginId() const { return m_pluginId; }
    // Starts the host (blocking, bounded by startTimeoutMs) and answers the plugin's provider
    // definitions, without factories. Start-up only.
    Result<QList<ProviderDefinition>> describe();
    // One operation run in the host; the caller owns it.
    ConnectorOperation *start(const Integration &integration, ConnectorOperation::Kind kind,
                              const QString &resourceType, const QString &pattern, QObject *parent);
    // The providers whose definition came with a connector factory (from describe()).
    QStringList providersWithConnector() const { return m_withConnector; }
    // How many hosts were started so far (a restart counts one more).
    int starts() const { return m_starts; }

private:
    Result<void> ensureRunning();
    void readMessages();
    void handle(const QJsonObject &message);
    // The host is gone (or is being stopped): every operation in flight fails with `why`.
    void hostGone(const QString &why);
    void stopHost(const QString &why);
    void send(const QJsonObject &message);

    QString m_pluginId;
    QString m_libraryPath;
    Settings m_settings;
    QProcess *m_process = nullptr;
    QLocalServer *m_server = nullptr;
    QLocalSocket *m_socket = nullptr;
    wire::FrameReader m_reader;
    QList<ProviderDefinition> m_definitions;
    QStringList m_withConnector;
    QString m_stopReason; // set when we stop the host ourselves
    QByteArray m_stderrTail;
    qint64 m_nextId = 1;
    QHash<qint64, QPointer<ConnectorOperation>> m_operations;
    QHash<qint64, QTimer *> m_deadlines;
    int m_starts = 0;
};

// The Connector the registry hands out for an untrusted plugin's provider.
class IsolatedConnector final : public Connector
{
public:
    IsolatedConnector(std::shared_ptr<PluginHost> host, Integration integration)
        : m_host(std::move(host)), m_integration(std::move(integration))
    {}

    ConnectorOperation *testConnection(QObject *parent) override;
    ConnectorOperation *checkHealth(QObject *parent) override;
    ConnectorOperation *discover(const QString &resourceType, const QString &namePattern,
                                 QObject *parent) override;

private:
    std::shared_ptr<PluginHost> m_host;
    Integration m_integration;
};

} // namespace stella
