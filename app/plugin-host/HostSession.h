// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Clock.h"
#include "core/credentials/CredentialResolver.h"
#include "core/plugins/PluginWire.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <memory>
#include <unordered_map>

class QLocalSocket;

namespace stella::host {

// The host's side of the socket: runs the operations the console or the CLI asks for with the
// plugin's connectors and sends back their steps, pages and end (docs/contracts.md §20.6).
class HostSession : public QObject
{
    Q_OBJECT

public:
    HostSession(QLocalSocket &socket, QList<ProviderDefinition> definitions);

private:
    void readMessages();
    void run(const QJsonObject &message);
    void send(const QJsonObject &message);

    struct Running
    {
        std::unique_ptr<Connector> connector;
        ConnectorOperation *operation = nullptr;
    };

    QLocalSocket &m_socket;
    QList<ProviderDefinition> m_definitions;
    wire::FrameReader m_reader;
    QNetworkAccessManager m_network;
    // The host resolves keychain and env AuthRefs itself, so no secret crosses the socket.
    // Vault AuthRefs need the catalog, which the host does not open: refused with a reason.
    CredentialResolver m_credentials{
        m_network,
        [](std::function<void(Result<QList<Integration>>)> done) {
            done(Error::invalidInput(
                QStringLiteral("vault AuthRefs are not available to a plugin run in its own "
                               "host process"),
                QStringLiteral("Use a keychain or env AuthRef, or mark the plugin trusted")));
        },
        {}};
    std::unordered_map<qint64, Running> m_running;
};

} // namespace stella::host
