// SPDX-License-Identifier: Apache-2.0
#include "ConnectorLauncher.h"

#include "core/model/ResourceTypes.h"
#include "core/providers/ProviderRegistry.h"

#include <QCoreApplication>

namespace stella {

namespace {
struct ConnectorLauncherText
{
    Q_DECLARE_TR_FUNCTIONS(stella::ConnectorLauncher)
};
} // namespace

ConnectorLauncher::ConnectorLauncher(const ProviderRegistry &registry, const Clock &clock,
                                     CredentialResolver *credentials)
    : m_registry(registry), m_clock(clock), m_credentials(credentials)
{}

Result<void> ConnectorLauncher::canConnect(const Integration &integration) const
{
    const ProviderDefinition *provider = m_registry.find(integration.provider);
    if (!provider)
        return Error::invalidInput(ConnectorLauncherText::tr("“%1” has the unknown provider “%2”.")
                                       .arg(integration.name, integration.provider),
                                   ConnectorLauncherText::tr("Fix the provider in the catalog."));
    if (m_sandbox && !provider->isTestOnly)
        // The sandbox promises no network at all: a real provider added there is never
        // contacted, not even resolved (issue #13 item 9).
        return Error::failed(
            ConnectorLauncherText::tr(
                "In the sandbox nothing leaves this machine, so “%1” (%2 at %3) was "
                "not contacted.")
                .arg(integration.name, provider->displayName,
                     integration.endpoint.isEmpty() ? ConnectorLauncherText::tr("no endpoint")
                                                    : integration.endpoint),
            ConnectorLauncherText::tr(
                "Open a real catalog (File → Open catalog) to test it against its "
                "server."));
    if (!provider->hasConnector()) {
        QStringList available;
        for (const ProviderDefinition *p : m_registry.providers(false))
            if (p->hasConnector())
                available.append(p->id);
        return Error::failed(
            ConnectorLauncherText::tr(
                "This build has no connector for %1 yet, so “%2” cannot be contacted.")
                .arg(provider->displayName, integration.name),
            available.isEmpty() ? QString()
                                : ConnectorLauncherText::tr("Connectors in this build: %1.")
                                      .arg(available.join(QStringLiteral(", "))));
    }
    return {};
}

Result<std::unique_ptr<Connector>>
ConnectorLauncher::connectorFor(const Integration &integration) const
{
    if (auto usable = canConnect(integration); !usable)
        return usable.error();
    const ProviderDefinition *provider = m_registry.find(integration.provider);
    ConnectorContext context;
    context.clock = &m_clock;
    context.credentials = m_credentials;
    return provider->connectorFactory(integration, context);
}

QStringList ConnectorLauncher::resourceTypesFor(const Integration &integration) const
{
    const ProviderDefinition *provider = m_registry.find(integration.provider);
    if (!provider || !provider->hasConnector())
        return {};
    const QStringList allowed = stella::resourceTypesFor(integration.type);
    QStringList types;
    // The order of docs/contracts.md §3.1 per type (projects before repositories for Scm), whatever
    // order the provider lists them in.
    for (const QString &t : allowed)
        if (provider->supportedResourceTypes.contains(t))
            types.append(t);
    return types;
}

ConnectorRun::ConnectorRun(std::unique_ptr<Connector> connector, const Start &start,
                           QObject *parent)
    : QObject(parent), m_connector(std::move(connector))
{
    m_operation = start(*m_connector, this);
}

ConnectorRun::~ConnectorRun()
{
    // Dropping a run is silent (its owner is going away or starting over, and says so itself);
    // an operator's Cancel goes through operation()->cancel() and is heard.
    if (m_operation) {
        m_operation->blockSignals(true);
        m_operation->cancel();
        delete m_operation;
    }
    m_connector.reset();
}

} // namespace stella
