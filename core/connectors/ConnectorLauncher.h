// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"
#include "core/connectors/ConnectorOperation.h"
#include "core/model/Integration.h"

#include <QObject>
#include <functional>
#include <memory>

namespace stella {

class Clock;
class CredentialResolver;
class ProviderRegistry;

// Makes the connector for an integration the way the CLI does (the provider's factory with the
// window's clock and CredentialResolver), and says in operator words why it cannot: an unknown
// provider, or a provider whose connector this build does not have yet.
class ConnectorLauncher
{
public:
    ConnectorLauncher(const ProviderRegistry &registry, const Clock &clock,
                      CredentialResolver *credentials);

    // Whether connectorFor() would succeed, without making a connector (to word a tab or a
    // button before the operator asks for anything).
    Result<void> canConnect(const Integration &integration) const;
    Result<std::unique_ptr<Connector>> connectorFor(const Integration &integration) const;
    // What discovery can list for this integration: the provider's resource types that its
    // integration type allows (the InMemory provider stands in for every type).
    QStringList resourceTypesFor(const Integration &integration) const;
    const Clock &clock() const { return m_clock; }
    // In the sandbox nothing leaves the machine: only test-only providers (InMemory) connect,
    // and every other provider is refused with a message that says it was not contacted.
    void setSandbox(bool sandbox) { m_sandbox = sandbox; }
    bool isSandbox() const { return m_sandbox; }

private:
    const ProviderRegistry &m_registry;
    const Clock &m_clock;
    CredentialResolver *m_credentials;
    bool m_sandbox = false;
};

// One running connector call: the connector and the operation it started, behind one handle
// that callers (widgets, the health monitor) hold per call and drop to stop it (silently: the
// operation's signals are blocked first, then it is cancelled and deleted). Operations never
// refer to their connector (they co-own what they need: docs/architecture.md, "Providers and
// connectors"), so the connector is kept only so that one object owns everything the call
// made; deleting it earlier would be just as safe.
class ConnectorRun : public QObject
{
    Q_OBJECT

public:
    using Start = std::function<ConnectorOperation *(Connector &, QObject *parent)>;

    ConnectorRun(std::unique_ptr<Connector> connector, const Start &start,
                 QObject *parent = nullptr);
    ~ConnectorRun() override;

    ConnectorOperation *operation() const { return m_operation; }

private:
    std::unique_ptr<Connector> m_connector;
    ConnectorOperation *m_operation = nullptr;
};

} // namespace stella
