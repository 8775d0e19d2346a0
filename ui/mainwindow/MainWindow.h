// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"
#include "core/credentials/KeychainSecretStore.h"
#include "core/model/Integration.h"
#include "core/storage/DatabaseUrl.h"
#include "ui/views/IntegrationTableView.h" // table() is a QTableView to its callers

#include <QMainWindow>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QTabWidget;

namespace stella {
class CatalogThread;
class Clock;
class ConnectorLauncher;
class CredentialResolver;
class HealthMonitor;
class ProviderRegistry;
} // namespace stella

namespace stella::ui {

class CatalogTransferRunner;
class ConsoleActions;
class ConsoleSettings;
class ConsoleServices;
class ConsoleSession;
class DiscoverPane;
class HealthCheckRunner;
class IntegrationDialog;
class HealthNotifier;
class HealthPane;
class IntegrationDetailPane;
class IntegrationListModel;
class KeychainStatusButton;
class ListFreshness;
class MessageWidget;
class MonitorStatusLabel;
class NotificationPresenter;
class OutboxView;
class GuardWindow;
class OverviewPresenter;
class OverviewSidebar;
class ProblemsPanel;
class BulkActions;
class SummaryStrip;
class TestDurationRecorder;

// The console's first window: the tenant's integrations (filter-as-you-type, sortable), the
// selected one's details, a Health tab (history chart and checks) and a Discover tab,
// add/edit/delete, Test connection (a live, non-modal dialog), Check now (a health check recorded
// in the catalog), a tenant switcher and File → Open catalog. Every catalog call goes through
// CatalogThread and comes back asynchronously; catalog errors appear in a banner above the list,
// and the list follows the catalog's change signals.
//
// The window composes: ConsoleSession (catalog, tenant and monitor, from the services it is
// given), ConsoleActions (actions, menus, toolbar), IntegrationTableView, KeychainStatusButton,
// NotificationPresenter and TestDurationRecorder; it keeps the add/edit/delete/test/check
// handlers. It owns no service: app/console/main.cpp (and the tests) make a ConsoleServices
// first and the window after it, so the window, its dialogs and their connector runs are gone
// before the resolver and launcher they use (docs/architecture.md, "The console").
//
// Object names (for tests and accessibility): the actions (see ConsoleActions), tenantCombo,
// filterEdit, integrationTable, detailTabs, detailPane, discoverPane (see DiscoverPane),
// testConnectionDialog (see TestConnectionDialog), errorBanner, countLabel, catalogLabel,
// keychainStatus and keychainHelp (see KeychainStatusButton), monitorStatus, healthPane (see
// HealthPane), transferProgress; the delete confirmation is "confirmDelete", the question before
// a catalog is created or the sandbox closed "confirmOpenCatalog", the new-tenant question
// "newTenantDialog", Help → About "aboutDialog", Settings "settingsDialog" (SettingsDialog), a
// failed import or export "transferError"; over an empty list, emptyState with
// addFirstIntegrationButton; the wizard is onboardingWizard (see OnboardingWizard).
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(ConsoleServices &services, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a catalog; on failure the banner says why and the catalog that was open stays.
    void openCatalog(const DatabaseUrl &url);
    // An in-memory catalog seeded with demo integrations and history: no files, no network.
    void openSandbox();
    void setTenant(const QString &tenantId);
    QString tenant() const;
    bool isSandbox() const;
    DatabaseUrl catalogUrl() const;
    ConsoleSession &session() const { return m_session; }

    CredentialResolver *credentials() const { return &m_credentials; }
    KeychainSecretStore::State keychainState() const;
    QString keychainDetail() const;
    // What the probe found; public so tests can show a locked or missing keychain.
    void setKeychainState(KeychainSecretStore::State state, const QString &detail);

    IntegrationListModel *listModel() const { return m_model; }
    IntegrationTableView *table() const { return m_table; }
    IntegrationDetailPane *detailPane() const { return m_detail; }
    DiscoverPane *discoverPane() const { return m_discover; }
    HealthPane *healthPane() const { return m_healthPane; }
    QTabWidget *detailTabs() const { return m_tabs; }
    HealthCheckRunner *healthChecks() const { return m_health; }
    // The monitor of the open catalog and current tenant; nullptr while none runs.
    HealthMonitor *healthMonitor() const;
    HealthNotifier *notifier() const { return m_notifier; }
    ListFreshness *freshness() const { return m_freshness; }
    // On by default. Off (tests, before opening a catalog): no monitor is started, so nothing
    // is checked unless asked for.
    void setMonitorEnabled(bool enabled);
    bool isMonitorEnabled() const;
    MessageWidget *errorBanner() const { return m_banner; }
    // The preferences and remembered state (nullptr, the default: nothing is read or written,
    // as in most tests). Restores the window and the list's columns and sort, and applies the
    // monitor and notification settings; Edit → Settings… edits them. Not owned.
    void setSettings(ConsoleSettings *settings);
    ConsoleSettings *settings() const { return m_settings; }
    // Shows the tray icon instead of the window (Settings → start in the tray); false, and
    // nothing shown, when the desktop has no tray.
    bool showInTrayOnly();
    OverviewSidebar *overviewSidebar() const { return m_sidebar; }
    SummaryStrip *summaryStrip() const { return m_summary; }
    ProblemsPanel *problemsPanel() const { return m_problems; }
    BulkActions *bulkActions() const { return m_bulk; }
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
    void showOutbox();
    // Help → About: version, Qt version, licences ("aboutDialog").
    void showAbout();
    // "New tenant…": the only way a tenant is created from the window ("newTenantDialog").
    void askForNewTenant();
    // Edit → Settings… ("settingsDialog"); disabled without setSettings().
    void showSettings();
    // File → Import… and Export… once the file is chosen: on the catalog thread, the busy bar
    // "transferProgress" meanwhile, the outcome in the status bar, a failure in a message
    // ("transferError"); transferFinished() either way.
    void importFrom(const QString &path);
    void exportTo(const QString &path);
    // File → New integration… (and the empty list's button): the onboarding wizard.
    void newIntegration();
    void showGuard();

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
    void transferFinished(const QString &message);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildLayout();
    QWidget *buildListSide();
    void buildToolBar();
    void buildStatusBar();
    void buildOverview();
    // Selects the integration, lifting the overview's scope and the filter if they hide it.
    void jumpToIntegration(const QUuid &id);
    // Deletes it in the catalog, once the operator confirmed.
    void removeIntegration(const Integration &target);
    void buildBulkActions();
    void connectSession();
    void connectCatalog();
    void connectChecks();
    void connectTransfers();
    void chooseImport();
    void chooseExport();
    void onOpened();
    void onTenantChanged(const QString &tenantId);
    void showTenants(const QStringList &tenants);
    void refreshOne(const QUuid &id);
    void showSelected();
    void restoreSelection(const QUuid &id);
    void updateActions();
    void updateTitle();
    void updateCounts();
    void checkSettled();
    // Shows the add or edit dialog; what it saves goes into the list (and is selected when new).
    void openIntegrationDialog(IntegrationDialog *dialog, bool selectSaved);
    // File → Open catalog's choice, after asking when it would create a catalog (or folders)
    // or close the sandbox ("confirmOpenCatalog").
    void confirmAndOpenCatalog(const DatabaseUrl &url);
    void applySettings();
    // The geometry, toolbar state and list columns into the settings (at close).
    void rememberState();
    void updateRecentCatalogs();

    ConsoleSession &m_session;
    CatalogThread &m_catalog;
    const ProviderRegistry &m_registry;
    const Clock &m_clock;
    CredentialResolver &m_credentials;
    ConnectorLauncher &m_launcher;
    ConsoleSettings *m_settings = nullptr;
    bool m_notificationsEnabled = true;
    bool m_settlePending = false;
    QUuid m_keepSelection; // the selection across a model reset

    IntegrationListModel *m_model;
    ConsoleActions *m_actions;
    HealthCheckRunner *m_health;
    HealthNotifier *m_notifier;
    NotificationPresenter *m_notifications;
    TestDurationRecorder *m_testDurations;
    ListFreshness *m_freshness = nullptr;

    IntegrationTableView *m_table = nullptr;
    IntegrationDetailPane *m_detail = nullptr;
    DiscoverPane *m_discover = nullptr;
    HealthPane *m_healthPane = nullptr;
    OutboxView *m_outbox = nullptr; // made when first shown: a window of its own
    GuardWindow *m_guard = nullptr; // likewise
    QTabWidget *m_tabs = nullptr;
    MessageWidget *m_banner = nullptr;
    QLineEdit *m_filter = nullptr;
    QComboBox *m_tenant = nullptr;
    QLabel *m_countLabel = nullptr;
    QLabel *m_catalogLabel = nullptr;
    KeychainStatusButton *m_keychain = nullptr;
    MonitorStatusLabel *m_monitorStatus = nullptr;
    CatalogTransferRunner *m_transfer = nullptr;
    QProgressBar *m_transferProgress = nullptr;
    QWidget *m_emptyState = nullptr; // "Add your first integration", over an empty list
    // The overview (docs/contracts.md §25): sidebar dock, summary strip, their presenter.
    OverviewSidebar *m_sidebar = nullptr;
    SummaryStrip *m_summary = nullptr;
    OverviewPresenter *m_overview = nullptr;
    ProblemsPanel *m_problems = nullptr;
    BulkActions *m_bulk = nullptr;
};

} // namespace stella::ui
