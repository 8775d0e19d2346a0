// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"
#include "core/health/HealthMonitor.h" // complete, so monitorChanged() is a known metatype
#include "core/model/Integration.h"
#include "core/storage/DatabaseUrl.h"

#include <QObject>
#include <memory>

namespace stella {
class CatalogThread;
class Clock;
class ConnectorLauncher;
class CredentialResolver;
} // namespace stella

namespace stella::ui {

// What the console has open: the catalog (or the sandbox), the tenant, and the HealthMonitor
// that watches them. Widget-free (it links stella-core only), so its rules are tested under a
// QCoreApplication (tst_consolesession); the window shows what it signals. See "The console"
// in docs/architecture.md.
//
// - Opening another catalog stops the monitor first (its checks are for the old catalog); a
//   failed open keeps the previous catalog and watches it again.
// - A tenant switch drops the list and restarts the monitor for the new tenant.
// - The monitor starts only when startPendingMonitor() says the first list and details are on
//   screen: its own read of the catalog must not delay what the operator is waiting to see.
class ConsoleSession : public QObject
{
    Q_OBJECT

public:
    ConsoleSession(CatalogThread &catalog, ConnectorLauncher &launcher,
                   CredentialResolver &credentials, const Clock &clock, RequestContext ctx,
                   QObject *parent = nullptr);
    ~ConsoleSession() override;

    void openCatalog(const DatabaseUrl &url);
    // An in-memory catalog seeded with demo integrations and history: no files, no network.
    void openSandbox();
    // Empty (after trimming) is refused with an error that says what to do; the same tenant is
    // a no-op.
    Result<void> setTenant(const QString &tenantId);
    // Reads the tenant's integrations again; an answer for an older request is dropped.
    void reload();
    // Reads the catalog's tenants (tenantsLoaded); the current one is always among them.
    void loadTenants();

    const RequestContext &context() const { return m_ctx; }
    QString tenant() const { return m_ctx.tenantId; }
    bool hasCatalog() const { return m_hasCatalog; }
    bool isSandbox() const { return m_sandbox; }
    DatabaseUrl url() const { return m_url; }

    // On by default. Off: no monitor is started, so nothing is checked unless asked for.
    void setMonitorEnabled(bool enabled);
    bool isMonitorEnabled() const { return m_monitorEnabled; }
    // The concurrency and default interval of the monitors this session starts (Settings);
    // a running monitor is restarted with them.
    void setMonitorSettings(const MonitorSettings &settings);
    const MonitorSettings &monitorSettings() const { return m_monitorSettings; }
    // The monitor of the open catalog and current tenant; nullptr while none runs.
    HealthMonitor *monitor() const { return m_monitor.get(); }
    // The list and details the operator waits for are shown: start the monitor if one is due.
    void startPendingMonitor();
    // A closed console checks nothing: its results would be written for nobody to see.
    void close();

Q_SIGNALS:
    void opening(const stella::DatabaseUrl &url);
    void opened();
    // `lead` says what the console tried and, if a catalog stays open, which one.
    void openFailed(const stella::Error &error, const QString &lead);
    void tenantChanged(const QString &tenantId);
    void tenantsLoaded(const QStringList &tenants);
    void integrationsLoaded(const QList<stella::Integration> &integrations);
    void integrationsFailed(const stella::Error &error);
    // Just after a monitor started, and just before one stops (then nullptr).
    void monitorChanged(stella::HealthMonitor *monitor);

private:
    void openWith(const DatabaseUrl &url, bool sandbox);
    void startMonitor();
    void stopMonitor();

    CatalogThread &m_catalog;
    ConnectorLauncher &m_launcher;
    CredentialResolver &m_credentials;
    const Clock &m_clock;
    RequestContext m_ctx;
    DatabaseUrl m_url;
    bool m_hasCatalog = false;
    bool m_sandbox = false;
    quint64 m_listGeneration = 0;
    std::unique_ptr<HealthMonitor> m_monitor;
    bool m_monitorEnabled = true;
    bool m_monitorPending = false;
    MonitorSettings m_monitorSettings;
};

} // namespace stella::ui
