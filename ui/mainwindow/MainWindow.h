// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"
#include "core/credentials/KeychainSecretStore.h"
#include "core/model/Integration.h"
#include "core/storage/DatabaseUrl.h"

#include <QMainWindow>
#include <memory>

class QAction;
class QSystemTrayIcon;
class QComboBox;
class QLabel;
class QLineEdit;
class QNetworkAccessManager;
class QSplitter;
class QTableView;
class QTabWidget;
class QToolButton;

namespace stella {
class CatalogThread;
class HealthMonitor;
class Clock;
class ConnectorLauncher;
class CredentialResolver;
class ProviderRegistry;
} // namespace stella

namespace stella::ui {

class DiscoverPane;
class ErrorBanner;
class HealthCheckRunner;
class HealthNotifier;
class HealthPane;
class IntegrationDetailPane;
class IntegrationListModel;
class ListFreshness;
class MonitorStatusLabel;

// The console's first window: the tenant's integrations (filter-as-you-type, sortable), the
// selected one's details, a Health tab (history chart and checks) and a Discover tab,
// add/edit/delete, Test connection (a live, non-modal dialog), Check now (a health check recorded
// in the catalog), a tenant switcher and File → Open catalog. Every catalog call goes through
// CatalogThread and comes back asynchronously; catalog errors appear in a banner above the list,
// and the list follows the catalog's change signals.
//
// Object names (for tests and accessibility): actionAdd, actionEdit, actionDelete,
// actionRefresh, actionOpenCatalog, actionQuit, actionTest, actionCheckNow, actionDiscover,
// tenantCombo, filterEdit, integrationTable, detailTabs, detailPane, discoverPane (see
// DiscoverPane), testConnectionDialog (see TestConnectionDialog), errorBanner, countLabel,
// catalogLabel, keychainStatus (the status bar button that shows the keychain's state and, clicked,
// what to do about it: "keychainHelp"), monitorStatus, healthPane (see HealthPane),
// actionHealth; the delete confirmation is "confirmDelete".
//
// While a catalog is open the window runs a HealthMonitor for the current tenant (restarted on
// a tenant switch or another catalog, stopped on close), keeps the list's health columns fresh
// (ListFreshness) and announces transitions to and from Unhealthy (HealthNotifier).
//
// The window owns the console's one CredentialResolver: the add/edit dialog stores typed
// secrets through it, and its vault store finds the tenant's Vault integrations through
// CatalogThread. The keychain is probed once at start-up, asynchronously. Connectors (test,
// check, discover) get the same resolver, so they read the secrets the dialog stored.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(CatalogThread &catalog, const ProviderRegistry &registry, const Clock &clock,
               const RequestContext &ctx, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a catalog; on failure the banner says why and the catalog that was open stays.
    void openCatalog(const DatabaseUrl &url);
    // An in-memory catalog seeded with demo integrations and history: no files, no network.
    void openSandbox();
    void setTenant(const QString &tenantId);
    QString tenant() const { return m_ctx.tenantId; }
    bool isSandbox() const { return m_sandbox; }
    DatabaseUrl catalogUrl() const { return m_url; }

    CredentialResolver *credentials() const { return m_credentials; }
    KeychainSecretStore::State keychainState() const { return m_keychainState; }
    QString keychainDetail() const { return m_keychainDetail; }
    // What the probe found; public so tests can show a locked or missing keychain.
    void setKeychainState(KeychainSecretStore::State state, const QString &detail);

    IntegrationListModel *listModel() const { return m_model; }
    QTableView *table() const { return m_table; }
    IntegrationDetailPane *detailPane() const { return m_detail; }
    DiscoverPane *discoverPane() const { return m_discover; }
    HealthPane *healthPane() const { return m_healthPane; }
    QTabWidget *detailTabs() const { return m_tabs; }
    HealthCheckRunner *healthChecks() const { return m_health; }
    // The monitor of the open catalog and current tenant; nullptr while none runs.
    HealthMonitor *healthMonitor() const { return m_monitor.get(); }
    HealthNotifier *notifier() const { return m_notifier; }
    ListFreshness *freshness() const { return m_freshness; }
    // On by default. Off (tests, before opening a catalog): no monitor is started, so nothing
    // is checked unless asked for.
    void setMonitorEnabled(bool enabled);
    bool isMonitorEnabled() const { return m_monitorEnabled; }
    ErrorBanner *errorBanner() const { return m_banner; }
    // The integration selected in the list, if any.
    const Integration *selectedIntegration() const;
    bool selectIntegration(const QUuid &id);

public Q_SLOTS:
    void reload();
    void addIntegration();
    void editSelected();
    void deleteSelected();
    void chooseCatalog();
    // Opens the live test dialog for the selected integration (or raises the one open for it).
    void testSelected();
    // Runs a health check of the selected integration and records it in the catalog.
    void checkSelected();
    void showDiscover();
    void showHealth();

Q_SIGNALS:
    void catalogOpened();
    void catalogOpenFailed(const stella::Error &error);
    void listLoaded();
    // The list is loaded and the selected integration's details are complete: what a
    // screenshot or a test waits for.
    void settled();
    void integrationRemoved(const QUuid &id);
    void keychainStateChanged(stella::KeychainSecretStore::State state);
    // A health notification was shown (tray balloon, or the status bar without a tray).
    void notificationShown(const QString &title, const QString &message);
    // A finished test connection's duration was recorded for the metrics.
    void testDurationRecorded(const QString &provider, qint64 durationMs);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildActions();
    void buildLayout();
    void openWith(const DatabaseUrl &url, bool sandbox);
    void loadTenants();
    void refreshOne(const QUuid &id);
    void showSelected();
    void restoreSelection(const QUuid &id);
    void updateActions();
    void updateTitle();
    void updateCounts();
    void checkSettled();
    void applyTenantFromCombo();
    void createCredentials();
    void showKeychainHelp();
    void startMonitor();
    void stopMonitor();
    void showNotification(HealthStatus status, const QString &title, const QString &message);
    void recordTestDuration(const Integration &integration, qint64 durationMs);

    CatalogThread &m_catalog;
    const ProviderRegistry &m_registry;
    const Clock &m_clock;
    RequestContext m_ctx;
    DatabaseUrl m_url;
    bool m_hasCatalog = false;
    bool m_sandbox = false;
    quint64 m_listGeneration = 0; // a list answer for an older request (tenant) is dropped
    bool m_settlePending = false;
    QUuid m_keepSelection; // the selection across a model reset

    QNetworkAccessManager *m_network = nullptr;
    CredentialResolver *m_credentials = nullptr;
    std::unique_ptr<ConnectorLauncher> m_launcher;
    HealthCheckRunner *m_health = nullptr;
    std::unique_ptr<HealthMonitor> m_monitor;
    bool m_monitorEnabled = true;
    bool m_monitorPending = false; // start once the opened catalog's list has settled
    HealthNotifier *m_notifier = nullptr;
    ListFreshness *m_freshness = nullptr;
    QSystemTrayIcon *m_tray = nullptr; // made on the first notification, if there is a tray
    KeychainSecretStore::State m_keychainState = KeychainSecretStore::State::Unknown;
    QString m_keychainDetail;

    IntegrationListModel *m_model;
    QTableView *m_table = nullptr;
    IntegrationDetailPane *m_detail = nullptr;
    DiscoverPane *m_discover = nullptr;
    HealthPane *m_healthPane = nullptr;
    QTabWidget *m_tabs = nullptr;
    ErrorBanner *m_banner = nullptr;
    QLineEdit *m_filter = nullptr;
    QComboBox *m_tenant = nullptr;
    QLabel *m_countLabel = nullptr;
    QLabel *m_catalogLabel = nullptr;
    QToolButton *m_keychainButton = nullptr;
    MonitorStatusLabel *m_monitorStatus = nullptr;
    QSplitter *m_splitter = nullptr;
    QAction *m_addAction = nullptr;
    QAction *m_editAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_testAction = nullptr;
    QAction *m_checkAction = nullptr;
    QAction *m_discoverAction = nullptr;
    QAction *m_healthAction = nullptr;
};

} // namespace stella::ui
