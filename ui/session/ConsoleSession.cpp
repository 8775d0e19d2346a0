// SPDX-License-Identifier: Apache-2.0
#include "ConsoleSession.h"

#include "core/catalog/CatalogThread.h"
#include "core/common/Clock.h"
#include "core/common/FutureCallback.h"
#include "core/common/Logging.h"
#include "core/connectors/ConnectorLauncher.h"
#include "core/credentials/CredentialResolver.h"
#include "core/health/HealthMonitor.h"
#include "core/sandbox/SandboxSeeder.h"

namespace stella::ui {

ConsoleSession::ConsoleSession(CatalogThread &catalog, ConnectorLauncher &launcher,
                               CredentialResolver &credentials, const Clock &clock,
                               RequestContext ctx, QObject *parent)
    : QObject(parent), m_catalog(catalog), m_launcher(launcher), m_credentials(credentials),
      m_clock(clock), m_ctx(std::move(ctx))
{}

ConsoleSession::~ConsoleSession()
{
    stopMonitor();
}

void ConsoleSession::openCatalog(const DatabaseUrl &url)
{
    openWith(url, false);
}

void ConsoleSession::openSandbox()
{
    openWith(DatabaseUrl::inMemory(), true);
}

void ConsoleSession::openWith(const DatabaseUrl &url, bool sandbox)
{
    std::function<Result<void>(CatalogSession &)> seed;
    if (sandbox) {
        const Clock *clock = &m_clock; // outlives the catalog thread's work: owned by main/tests
        seed = [clock](CatalogSession &session) { return SandboxSeeder::seed(session, *clock); };
    }
    Q_EMIT opening(url);
    // The monitor of the catalog being replaced stops now: its checks are for that catalog.
    stopMonitor();
    onFinished(this, m_catalog.open(url, std::move(seed)),
               [this, url, sandbox](const Result<void> &result) {
                   if (!result) {
                       const QString lead =
                           m_hasCatalog ? tr("Could not open %1; still on %2.")
                                              .arg(url.displayString(), m_url.displayString())
                                        : tr("Could not open %1.").arg(url.displayString());
                       STELLA_LOG_WARNING(lcUi).noquote()
                           << lead << QLatin1Char(' ') << result.error().message;
                       if (m_hasCatalog)
                           startMonitor(); // still on the previous catalog: watch it again
                       Q_EMIT openFailed(result.error(), lead);
                       return;
                   }
                   m_hasCatalog = true;
                   m_url = url;
                   m_sandbox = sandbox;
                   m_credentials.setSandbox(sandbox); // inmemory AuthRefs: sandbox only
                   m_launcher.setSandbox(sandbox);    // and nothing leaves the machine
                   STELLA_LOG_INFO(lcUi).noquote()
                       << QStringLiteral("catalog %1 open%2")
                              .arg(url.displayString(),
                                   sandbox ? QStringLiteral(" (sandbox)") : QString());
                   Q_EMIT opened();
                   loadTenants();
                   reload();
                   m_monitorPending = true;
               });
}

Result<void> ConsoleSession::setTenant(const QString &tenantId)
{
    const QString tenant = tenantId.trimmed();
    if (tenant.isEmpty())
        return Error::invalidInput(tr("A tenant id cannot be empty."),
                                   tr("Pick a tenant from the list or type its id."));
    if (tenant == m_ctx.tenantId)
        return {};
    m_ctx.tenantId = tenant;
    // The previous tenant's monitor stops before anything of the new tenant is shown.
    stopMonitor();
    Q_EMIT tenantChanged(tenant);
    if (m_hasCatalog) {
        m_monitorPending = true;
        reload();
    }
    return {};
}

void ConsoleSession::reload()
{
    const quint64 generation = ++m_listGeneration;
    const RequestContext ctx = m_ctx;
    onFinished(this, m_catalog.run([ctx](IntegrationCatalog &c) { return c.list(ctx); }),
               [this, generation](const Result<QList<Integration>> &result) {
                   if (generation != m_listGeneration)
                       return; // a list for an older request (another tenant)
                   if (result)
                       Q_EMIT integrationsLoaded(*result);
                   else
                       Q_EMIT integrationsFailed(result.error());
               });
}

void ConsoleSession::loadTenants()
{
    onFinished(this, m_catalog.run([](IntegrationCatalog &c) { return c.tenants(); }),
               [this](const Result<QStringList> &result) {
                   QStringList tenants = result ? *result : QStringList();
                   if (!tenants.contains(m_ctx.tenantId))
                       tenants.append(m_ctx.tenantId);
                   tenants.sort();
                   Q_EMIT tenantsLoaded(tenants);
               });
}

void ConsoleSession::setMonitorEnabled(bool enabled)
{
    m_monitorEnabled = enabled;
    if (!enabled)
        stopMonitor();
    else if (m_hasCatalog && !m_monitor)
        startMonitor();
}

void ConsoleSession::setMonitorSettings(const MonitorSettings &settings)
{
    m_monitorSettings = settings;
    // A running monitor takes the new concurrency and interval by being started afresh: its
    // schedule is built from them.
    if (m_monitor)
        startMonitor();
}

void ConsoleSession::startPendingMonitor()
{
    if (m_monitorPending)
        startMonitor();
}

void ConsoleSession::close()
{
    stopMonitor();
}

void ConsoleSession::startMonitor()
{
    stopMonitor();
    if (!m_monitorEnabled || !m_hasCatalog)
        return;
    // A fresh monitor per catalog and tenant: results one kept for an unreachable catalog
    // belong to that catalog, not to the next one opened. Construction is cheap; start()
    // loads the integrations through the catalog thread and returns at once.
    m_monitor = std::make_unique<HealthMonitor>(m_catalog, m_launcher, m_clock, m_monitorSettings);
    m_monitor->setTenants({m_ctx.tenantId});
    m_monitor->start();
    Q_EMIT monitorChanged(m_monitor.get());
}

void ConsoleSession::stopMonitor()
{
    m_monitorPending = false;
    if (!m_monitor)
        return;
    Q_EMIT monitorChanged(nullptr);
    m_monitor->stop();
    m_monitor.reset();
}

} // namespace stella::ui
