// SPDX-License-Identifier: Apache-2.0
#include "MainWindow.h"

#include "core/catalog/CatalogThread.h"
#include "core/common/Clock.h"
#include "core/common/FutureCallback.h"
#include "ui/common/HealthCheckRunner.h"
#include "ui/common/HealthNotifier.h"
#include "ui/common/ListFreshness.h"
#include "core/connectors/ConnectorLauncher.h"
#include "core/credentials/CredentialResolver.h"
#include "ui/dialogs/IntegrationDialog.h"
#include "ui/dialogs/OpenCatalogDialog.h"
#include "ui/dialogs/TestConnectionDialog.h"
#include "core/health/HealthMonitor.h"
#include "ui/models/IntegrationListModel.h"
#include "core/sandbox/SandboxSeeder.h"
#include "ui/views/DiscoverPane.h"
#include "ui/views/ErrorBanner.h"
#include "ui/views/HealthPane.h"
#include "ui/views/IntegrationDetailPane.h"
#include "ui/views/MonitorStatusLabel.h"
#include "ui/views/StatusIcon.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace stella::ui {

MainWindow::MainWindow(CatalogThread &catalog, const ProviderRegistry &registry, const Clock &clock,
                       const RequestContext &ctx, QWidget *parent)
    : QMainWindow(parent), m_catalog(catalog), m_registry(registry), m_clock(clock), m_ctx(ctx),
      m_model(new IntegrationListModel(clock, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    // Credentials first: the connectors behind the Discover tab and the test dialog use them.
    m_network = new QNetworkAccessManager(this);
    createCredentials();
    m_launcher = std::make_unique<ConnectorLauncher>(registry, clock, m_credentials);
    m_health = new HealthCheckRunner(m_catalog, *m_launcher, this);
    m_notifier = new HealthNotifier(m_catalog, this);
    m_notifier->setTenant(m_ctx.tenantId);
    connect(m_notifier, &HealthNotifier::notify, this,
            [this](const QUuid &, HealthStatus status, const QString &title,
                   const QString &message) { showNotification(status, title, message); });
    buildActions();
    buildLayout();
    updateTitle();
    updateCounts();
    updateActions();

    connect(m_model, &IntegrationListModel::countsChanged, this, &MainWindow::updateCounts);
    // A reset forgets the view's selection; keep the integration selected across it.
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this,
            [this] { m_keepSelection = m_detail->integrationId(); });
    connect(m_model, &QAbstractItemModel::modelReset, this,
            [this] { restoreSelection(m_keepSelection); });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, [this] {
        if (!m_table->selectionModel()->currentIndex().isValid())
            restoreSelection({});
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::showSelected);
    connect(m_detail, &IntegrationDetailPane::historyLoaded, this, &MainWindow::checkSettled);

    connect(&m_catalog, &CatalogThread::integrationChanged, this,
            [this](ChangeKind kind, const QString &tenantId, const QUuid &id) {
                if (tenantId != m_ctx.tenantId)
                    return;
                if (kind == ChangeKind::Removed)
                    m_model->remove(id);
                else
                    refreshOne(id);
            });
    connect(&m_catalog, &CatalogThread::healthRecorded, this,
            [this](const QString &tenantId, const QUuid &id, HealthStatus) {
                if (tenantId == m_ctx.tenantId)
                    refreshOne(id);
            });
    connect(&m_catalog, &CatalogThread::catalogReset, this, [this](const QString &tenantId) {
        if (tenantId == m_ctx.tenantId)
            reload();
    });

    // "5 min ago" must not stay "5 min ago" for an hour, nor a status written by another
    // process stay unseen until the next reload.
    m_freshness = new ListFreshness(m_catalog, *m_model, this);
    m_model->setDefaultIntervalMs(MonitorSettings{}.defaultIntervalMs);

    // At start-up, once: the status bar says whether typed secrets can go to the keychain.
    // The answer comes back later (a locked keychain may take seconds); nothing waits for it.
    m_credentials->keychain().probe(
        [self = QPointer<MainWindow>(this)](KeychainSecretStore::State state, QString detail) {
            if (self)
                self->setKeychainState(state, detail);
        });
}

MainWindow::~MainWindow()
{
    // Connector runs (test dialogs, discovery, checks, the monitor's) use the credential
    // resolver, a child that QObject would otherwise delete before them: end them while it
    // still exists.
    stopMonitor();
    qDeleteAll(findChildren<TestConnectionDialog *>(Qt::FindDirectChildrenOnly));
    m_discover->clearIntegration();
    delete m_health;
    m_health = nullptr;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // A closed console checks nothing: its results would be written for nobody to see, and a
    // headless `monitor` is the tool for unattended checking.
    stopMonitor();
    if (m_tray)
        m_tray->hide();
    QMainWindow::closeEvent(event);
}

void MainWindow::setMonitorEnabled(bool enabled)
{
    m_monitorEnabled = enabled;
    if (!enabled)
        stopMonitor();
    else if (m_hasCatalog && !m_monitor)
        startMonitor();
}

void MainWindow::startMonitor()
{
    stopMonitor();
    m_monitorPending = false;
    if (!m_monitorEnabled || !m_hasCatalog)
        return;
    // A fresh monitor per catalog and tenant: results one kept for an unreachable catalog
    // belong to that catalog, not to the next one opened. Construction is cheap; start()
    // loads the integrations through the catalog thread and returns at once.
    m_monitor = std::make_unique<HealthMonitor>(m_catalog, *m_launcher, m_clock);
    m_monitor->setTenants({m_ctx.tenantId});
    m_model->setDefaultIntervalMs(m_monitor->settings().defaultIntervalMs);
    m_monitor->start();
    m_monitorStatus->setMonitor(m_monitor.get());
}

void MainWindow::stopMonitor()
{
    m_monitorPending = false;
    if (!m_monitor)
        return;
    m_monitorStatus->setMonitor(nullptr);
    m_monitor->stop();
    m_monitor.reset();
}

void MainWindow::showNotification(HealthStatus status, const QString &title, const QString &message)
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        if (!m_tray) {
            m_tray = new QSystemTrayIcon(StatusIcon::icon(HealthStatus::Healthy), this);
            m_tray->setObjectName(QStringLiteral("trayIcon"));
            m_tray->setToolTip(QStringLiteral("Stella Ops Integrations Console"));
            // A click on the icon or the balloon brings the window forward.
            connect(m_tray, &QSystemTrayIcon::activated, this, [this] {
                showNormal();
                raise();
                activateWindow();
            });
            connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
                showNormal();
                raise();
                activateWindow();
            });
        }
        m_tray->show();
        m_tray->showMessage(title, message,
                            status == HealthStatus::Unhealthy ? QSystemTrayIcon::Warning
                                                              : QSystemTrayIcon::Information,
                            15'000);
    } else {
        statusBar()->showMessage(message, 15'000);
    }
    Q_EMIT notificationShown(title, message);
}

void MainWindow::recordTestDuration(const Integration &integration, qint64 durationMs)
{
    const RequestContext ctx = m_ctx;
    const QString provider = integration.provider;
    onFinished(this, m_catalog.run([ctx, provider, durationMs](IntegrationCatalog &c) {
        return c.recordTestConnection(ctx, provider, durationMs);
    }),
               [this, provider, durationMs](const Result<void> &r) {
                   // A metric that could not be written is not worth interrupting the
                   // operator for; the log says so.
                   if (!r) {
                       qWarning("stella-console: the test-connection duration was not "
                                "recorded: %s",
                                qPrintable(r.error().toText()));
                       return;
                   }
                   Q_EMIT testDurationRecorded(provider, durationMs);
               });
}

void MainWindow::createCredentials()
{
    // The vault store asks for the tenant's Vault integrations when it resolves a vault
    // AuthRef; they come from the catalog thread, like every other catalog read.
    auto vaults = [this](std::function<void(Result<QList<Integration>>)> done) {
        const RequestContext ctx = m_ctx;
        onFinished(this, m_catalog.run([ctx](IntegrationCatalog &c) {
            IntegrationFilter filter;
            filter.provider = QStringLiteral("Vault");
            return c.list(ctx, filter);
        }),
                   [done = std::move(done)](const Result<QList<Integration>> &r) { done(r); });
    };
    m_credentials = new CredentialResolver(*m_network, vaults, {}, this);
}

void MainWindow::setKeychainState(KeychainSecretStore::State state, const QString &detail)
{
    using State = KeychainSecretStore::State;
    m_keychainState = state;
    m_keychainDetail = detail;
    const bool usable = state == State::Available;
    m_keychainButton->setText(
        QStringLiteral("Keychain: %1").arg(KeychainSecretStore::toString(state)));
    m_keychainButton->setIcon(style()->standardIcon(usable ? QStyle::SP_DialogApplyButton
                                                           : QStyle::SP_MessageBoxWarning));
    QString tip;
    switch (state) {
    case State::Available:
        tip = QStringLiteral("Secrets typed in the add/edit dialog are stored in the OS keychain "
                             "(service %1); the catalog keeps only their AuthRefs.")
                  .arg(KeychainSecretStore::kService);
        break;
    case State::Locked:
        tip = QStringLiteral("The keychain is locked: %1").arg(detail);
        break;
    case State::Unavailable:
        tip = QStringLiteral("No keychain can be used: %1").arg(detail);
        break;
    case State::Unknown:
        tip = QStringLiteral("Checking the keychain…");
        break;
    }
    if (!usable && state != State::Unknown)
        tip += QStringLiteral("\nUntil then, give integrations an existing AuthRef "
                              "(authref://env/NAME or authref://vault/…). Click for details.");
    m_keychainButton->setToolTip(tip);
    Q_EMIT keychainStateChanged(state);
}

void MainWindow::showKeychainHelp()
{
    using State = KeychainSecretStore::State;
    QString text;
    QString info;
    switch (m_keychainState) {
    case State::Available:
        text = QStringLiteral("The OS keychain is available.");
        info = QStringLiteral("Secrets typed in the add/edit dialog are stored there (service "
                              "“%1”); the catalog keeps only their AuthRefs.")
                   .arg(KeychainSecretStore::kService);
        break;
    case State::Locked:
    case State::Unavailable:
        text = m_keychainState == State::Locked ? QStringLiteral("The OS keychain is locked.")
                                                : QStringLiteral("No OS keychain is available.");
        info = m_keychainDetail +
               QStringLiteral("\n\nUntil then, the add/edit dialog can only use an existing "
                              "AuthRef: authref://env/NAME (an environment variable) or "
                              "authref://vault/<path>#<field> through the tenant's Vault "
                              "integration.");
        break;
    case State::Unknown:
        text = QStringLiteral("The keychain is still being checked.");
        break;
    }
    if (m_sandbox)
        info += QStringLiteral("\n\nThis is the sandbox: typed secrets stay in memory and never "
                               "reach the keychain.");
    auto *box = new QMessageBox(QMessageBox::Information, QStringLiteral("Keychain"), text,
                                QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("keychainHelp"));
    box->setInformativeText(info);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::buildActions()
{
    const auto action = [this](const QString &name, const QString &text,
                               QStyle::StandardPixmap icon, const QKeySequence &key,
                               const QString &tip) {
        auto *a = new QAction(style()->standardIcon(icon), text, this);
        a->setObjectName(name);
        a->setShortcut(key);
        a->setToolTip(QStringLiteral("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
        return a;
    };
    m_addAction =
        action(QStringLiteral("actionAdd"), QStringLiteral("&Add…"), QStyle::SP_FileDialogNewFolder,
               QKeySequence::New, QStringLiteral("Register a new integration"));
    m_editAction = action(QStringLiteral("actionEdit"), QStringLiteral("&Edit…"),
                          QStyle::SP_FileDialogDetailedView, QKeySequence(Qt::CTRL | Qt::Key_E),
                          QStringLiteral("Edit the selected integration"));
    m_deleteAction =
        action(QStringLiteral("actionDelete"), QStringLiteral("&Delete…"), QStyle::SP_TrashIcon,
               QKeySequence::Delete, QStringLiteral("Remove the selected integration"));
    m_refreshAction = action(QStringLiteral("actionRefresh"), QStringLiteral("&Refresh"),
                             QStyle::SP_BrowserReload, QKeySequence::Refresh,
                             QStringLiteral("Reload the list from the catalog"));
    m_openAction = action(QStringLiteral("actionOpenCatalog"), QStringLiteral("&Open catalog…"),
                          QStyle::SP_DialogOpenButton, QKeySequence::Open,
                          QStringLiteral("Open a SQLite catalog file or a PostgreSQL catalog"));
    m_quitAction =
        action(QStringLiteral("actionQuit"), QStringLiteral("&Quit"), QStyle::SP_DialogCloseButton,
               QKeySequence::Quit, QStringLiteral("Quit the console"));
    m_quitAction->setMenuRole(QAction::QuitRole);
    m_testAction = action(QStringLiteral("actionTest"), QStringLiteral("&Test connection…"),
                          QStyle::SP_DriveNetIcon, QKeySequence(Qt::CTRL | Qt::Key_T),
                          QStringLiteral("Test the selected integration's connection, live"));
    m_checkAction = action(QStringLiteral("actionCheckNow"), QStringLiteral("Check &now"),
                           QStyle::SP_MediaPlay, QKeySequence(Qt::CTRL | Qt::Key_K),
                           QStringLiteral("Run a health check now and record it"));
    m_discoverAction = action(QStringLiteral("actionDiscover"), QStringLiteral("D&iscover…"),
                              QStyle::SP_FileDialogContentsView, QKeySequence(Qt::CTRL | Qt::Key_D),
                              QStringLiteral("List the selected integration's resources"));
    m_healthAction = action(QStringLiteral("actionHealth"), QStringLiteral("&Health history"),
                            QStyle::SP_FileDialogInfoView, QKeySequence(Qt::CTRL | Qt::Key_H),
                            QStringLiteral("Show the selected integration's health history"));
    // The health dot the list uses, rather than a second "reload" arrow next to Refresh.
    m_checkAction->setIcon(StatusIcon::icon(HealthStatus::Healthy));
    connect(m_testAction, &QAction::triggered, this, &MainWindow::testSelected);
    connect(m_checkAction, &QAction::triggered, this, &MainWindow::checkSelected);
    connect(m_discoverAction, &QAction::triggered, this, &MainWindow::showDiscover);
    connect(m_healthAction, &QAction::triggered, this, &MainWindow::showHealth);
    connect(m_health, &HealthCheckRunner::checkRecorded, this,
            [this](const Integration &integration, const HealthCheckRecord &record) {
                // The row itself follows CatalogThread::healthRecorded, like every check.
                statusBar()->showMessage(
                    QStringLiteral("“%1”: %2 in %3 ms%4")
                        .arg(integration.name, toString(record.status))
                        .arg(record.latencyMs)
                        .arg(record.errorMessage.isEmpty()
                                 ? QString()
                                 : QStringLiteral(" — ") + record.errorMessage),
                    10'000);
                updateActions();
            });
    connect(
        m_health, &HealthCheckRunner::checkFailed, this,
        [this](const Integration &integration, const Error &error) {
            statusBar()->clearMessage();
            m_banner->showError(
                error,
                QStringLiteral("The health check of “%1” did not complete.").arg(integration.name));
            updateActions();
        });

    connect(m_addAction, &QAction::triggered, this, &MainWindow::addIntegration);
    connect(m_editAction, &QAction::triggered, this, &MainWindow::editSelected);
    connect(m_deleteAction, &QAction::triggered, this, &MainWindow::deleteSelected);
    connect(m_refreshAction, &QAction::triggered, this, &MainWindow::reload);
    connect(m_openAction, &QAction::triggered, this, &MainWindow::chooseCatalog);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    QMenu *file = menuBar()->addMenu(QStringLiteral("&File"));
    file->addAction(m_openAction);
    file->addSeparator();
    file->addAction(m_quitAction);
    QMenu *integration = menuBar()->addMenu(QStringLiteral("&Integration"));
    integration->addAction(m_addAction);
    integration->addAction(m_editAction);
    integration->addAction(m_deleteAction);
    integration->addSeparator();
    integration->addAction(m_testAction);
    integration->addAction(m_checkAction);
    integration->addAction(m_healthAction);
    integration->addAction(m_discoverAction);
    integration->addSeparator();
    integration->addAction(m_refreshAction);
}

void MainWindow::buildLayout()
{
    auto *toolbar = addToolBar(QStringLiteral("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolBar"));
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(m_addAction);
    toolbar->addAction(m_editAction);
    toolbar->addAction(m_deleteAction);
    toolbar->addSeparator();
    toolbar->addAction(m_testAction);
    toolbar->addAction(m_checkAction);
    toolbar->addSeparator();
    toolbar->addAction(m_refreshAction);
    auto *spacer = new QWidget(toolbar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolbar->addWidget(spacer);
    auto *tenantLabel = new QLabel(QStringLiteral("Tenant: "), toolbar);
    toolbar->addWidget(tenantLabel);
    m_tenant = new QComboBox(toolbar);
    m_tenant->setObjectName(QStringLiteral("tenantCombo"));
    m_tenant->setEditable(true);
    m_tenant->setInsertPolicy(QComboBox::NoInsert);
    m_tenant->setMinimumContentsLength(16);
    m_tenant->setToolTip(
        QStringLiteral("The tenant whose integrations are shown; type a new id and press Enter "
                       "to start a tenant"));
    m_tenant->addItem(m_ctx.tenantId);
    tenantLabel->setBuddy(m_tenant);
    toolbar->addWidget(m_tenant);
    connect(m_tenant, &QComboBox::activated, this, &MainWindow::applyTenantFromCombo);
    connect(m_tenant->lineEdit(), &QLineEdit::returnPressed, this,
            &MainWindow::applyTenantFromCombo);

    m_banner = new ErrorBanner(this);
    m_banner->setObjectName(QStringLiteral("errorBanner"));

    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("filterEdit"));
    m_filter->setPlaceholderText(
        QStringLiteral("Filter by name, type, provider, endpoint or status (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    auto *focusFilter = new QAction(this);
    focusFilter->setShortcut(QKeySequence::Find);
    connect(focusFilter, &QAction::triggered, m_filter, [this] {
        m_filter->setFocus();
        m_filter->selectAll();
    });
    addAction(focusFilter);
    // Filtering in the model is cheap enough at 100,000 rows to run on every keystroke
    // (DESIGN §7), so there is no debounce to wait for.
    connect(m_filter, &QLineEdit::textChanged, m_model, &IntegrationListModel::setFilterText);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("integrationTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setIconSize(QSize(14, 14));
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    // Fixed row heights: the view never measures 100,000 rows.
    QHeaderView *rows = m_table->verticalHeader();
    rows->hide();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    QHeaderView *columns = m_table->horizontalHeader();
    columns->setHighlightSections(false);
    columns->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    columns->setStretchLastSection(true);
    columns->setSectionsMovable(true);
    // Widths from the font and the longest expected words, not from the contents: measuring
    // contents walks every row.
    const QFontMetrics fm = m_table->fontMetrics();
    const auto width = [&fm](const char *sample, int extra) {
        return fm.horizontalAdvance(QLatin1String(sample)) + extra;
    };
    columns->resizeSection(IntegrationListModel::NameColumn,
                           width("S3 evidence bucket (sandbox)", 24));
    columns->resizeSection(IntegrationListModel::TypeColumn, width("SecretsManager", 20));
    columns->resizeSection(IntegrationListModel::ProviderColumn, width("StellaOpsMirror", 20));
    columns->resizeSection(IntegrationListModel::EndpointColumn,
                           width("https://harbor.example.com/", 20));
    columns->resizeSection(IntegrationListModel::StatusColumn, width("Unhealthy - stale", 44));
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(IntegrationListModel::NameColumn, Qt::AscendingOrder);
    connect(m_table, &QTableView::doubleClicked, this, &MainWindow::editSelected);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(8, 8, 4, 8);
    leftLayout->addWidget(m_filter);
    leftLayout->addWidget(m_table, 1);

    m_detail = new IntegrationDetailPane(m_catalog, m_clock, this);
    m_detail->addHeaderAction(m_testAction);
    m_detail->addHeaderAction(m_checkAction);
    m_healthPane = new HealthPane(m_catalog, m_clock, this);
    m_healthPane->addHeaderAction(m_checkAction);
    m_discover = new DiscoverPane(*m_launcher, this);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("detailTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_detail, QStringLiteral("Details"));
    m_tabs->addTab(m_healthPane, QStringLiteral("Health"));
    m_tabs->addTab(m_discover, QStringLiteral("Discover"));

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->addWidget(left);
    m_splitter->addWidget(m_tabs);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    auto *bannerBox = new QVBoxLayout;
    bannerBox->setContentsMargins(8, 8, 8, 0);
    bannerBox->addWidget(m_banner);
    layout->addLayout(bannerBox);
    layout->addWidget(m_splitter, 1);
    setCentralWidget(central);

    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("countLabel"));
    m_catalogLabel = new QLabel(this);
    m_catalogLabel->setObjectName(QStringLiteral("catalogLabel"));
    m_keychainButton = new QToolButton(this);
    m_keychainButton->setObjectName(QStringLiteral("keychainStatus"));
    m_keychainButton->setAutoRaise(true);
    m_keychainButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_keychainButton->setIconSize(QSize(14, 14));
    m_keychainButton->setText(QStringLiteral("Keychain: checking…"));
    m_keychainButton->setToolTip(QStringLiteral("Checking the keychain…"));
    connect(m_keychainButton, &QToolButton::clicked, this, &MainWindow::showKeychainHelp);
    m_monitorStatus = new MonitorStatusLabel(m_clock, this);
    statusBar()->addWidget(m_countLabel);
    statusBar()->addPermanentWidget(m_monitorStatus);
    statusBar()->addPermanentWidget(m_keychainButton);
    statusBar()->addPermanentWidget(m_catalogLabel);

    resize(1400, 860);
    m_splitter->setSizes({880, 520});
}

void MainWindow::openCatalog(const DatabaseUrl &url)
{
    openWith(url, false);
}

void MainWindow::openSandbox()
{
    openWith(DatabaseUrl::inMemory(), true);
}

void MainWindow::openWith(const DatabaseUrl &url, bool sandbox)
{
    std::function<Result<void>(CatalogSession &)> seed;
    if (sandbox) {
        const Clock *clock = &m_clock; // outlives the catalog thread's work: owned by main/tests
        seed = [clock](CatalogSession &session) { return SandboxSeeder::seed(session, *clock); };
    }
    statusBar()->showMessage(QStringLiteral("Opening %1…").arg(url.displayString()));
    // The monitor of the catalog being replaced stops now: its checks are for that catalog.
    if (m_hasCatalog)
        stopMonitor();
    onFinished(this, m_catalog.open(url, std::move(seed)),
               [this, url, sandbox](const Result<void> &result) {
                   statusBar()->clearMessage();
                   if (!result) {
                       const QString lead =
                           m_hasCatalog
                               ? QStringLiteral("Could not open %1; still on %2.")
                                     .arg(url.displayString(), m_url.displayString())
                               : QStringLiteral("Could not open %1.").arg(url.displayString());
                       m_banner->showError(result.error(), lead);
                       if (m_hasCatalog)
                           startMonitor(); // still on the previous catalog: watch it again
                       Q_EMIT catalogOpenFailed(result.error());
                       m_settlePending = true;
                       checkSettled();
                       return;
                   }
                   m_hasCatalog = true;
                   m_url = url;
                   m_sandbox = sandbox;
                   m_credentials->setSandbox(sandbox); // inmemory AuthRefs: sandbox only
                   m_banner->clear();
                   updateTitle();
                   updateCounts();
                   loadTenants();
                   reload();
                   m_freshness->start(m_ctx);
                   // After the first list and details: the monitor's own list of the catalog
                   // must not delay what the operator is waiting to see.
                   m_monitorPending = true;
                   Q_EMIT catalogOpened();
               });
}

void MainWindow::reload()
{
    const quint64 generation = ++m_listGeneration;
    const RequestContext ctx = m_ctx;
    onFinished(this, m_catalog.run([ctx](IntegrationCatalog &c) { return c.list(ctx); }),
               [this, generation](const Result<QList<Integration>> &result) {
                   if (generation != m_listGeneration)
                       return;
                   if (result)
                       m_model->setIntegrations(*result);
                   else
                       m_banner->showError(result.error(),
                                           QStringLiteral("Could not load the integrations."));
                   m_settlePending = true;
                   Q_EMIT listLoaded();
                   checkSettled();
               });
}

void MainWindow::loadTenants()
{
    onFinished(this, m_catalog.run([](IntegrationCatalog &c) { return c.tenants(); }),
               [this](const Result<QStringList> &result) {
                   QStringList tenants = result ? *result : QStringList();
                   if (!tenants.contains(m_ctx.tenantId))
                       tenants.append(m_ctx.tenantId);
                   tenants.sort();
                   const QSignalBlocker block(m_tenant);
                   m_tenant->clear();
                   m_tenant->addItems(tenants);
                   m_tenant->setCurrentIndex(int(tenants.indexOf(m_ctx.tenantId)));
               });
}

void MainWindow::applyTenantFromCombo()
{
    setTenant(m_tenant->currentText());
}

void MainWindow::setTenant(const QString &tenantId)
{
    const QString tenant = tenantId.trimmed();
    if (tenant.isEmpty()) {
        m_banner->showError(
            Error::invalidInput(QStringLiteral("A tenant id cannot be empty."),
                                QStringLiteral("Pick a tenant from the list or type its id.")));
        m_tenant->setCurrentText(m_ctx.tenantId);
        return;
    }
    if (tenant == m_ctx.tenantId)
        return;
    m_ctx.tenantId = tenant;
    if (m_tenant->findText(tenant) < 0)
        m_tenant->addItem(tenant);
    m_tenant->setCurrentIndex(m_tenant->findText(tenant));
    m_banner->clear();
    m_notifier->setTenant(tenant);
    // Another tenant's rows must not linger under this tenant's name, even for a moment.
    m_model->setIntegrations({});
    updateTitle();
    updateCounts();
    if (m_hasCatalog) {
        stopMonitor();
        m_freshness->start(m_ctx);
        m_monitorPending = true;
        reload();
    }
}

void MainWindow::refreshOne(const QUuid &id)
{
    const RequestContext ctx = m_ctx;
    onFinished(this, m_catalog.run([ctx, id](IntegrationCatalog &c) { return c.get(ctx, id); }),
               [this, ctx, id](const Result<Integration> &result) {
                   if (ctx.tenantId != m_ctx.tenantId)
                       return;
                   if (!result) {
                       if (result.error().kind == ErrorKind::NotFound)
                           m_model->remove(id);
                       return;
                   }
                   m_model->upsert(*result);
                   if (m_detail->integrationId() == id)
                       showSelected();
               });
}

const Integration *MainWindow::selectedIntegration() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    return current.isValid() ? m_model->integrationAt(current.row()) : nullptr;
}

bool MainWindow::selectIntegration(const QUuid &id)
{
    const int row = m_model->rowOf(id);
    if (row < 0)
        return false;
    m_table->selectionModel()->setCurrentIndex(
        m_model->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(m_model->index(row, 0));
    return true;
}

void MainWindow::restoreSelection(const QUuid &id)
{
    // Keep the integration that was selected; otherwise the first row, so the detail pane
    // always shows something while the list has rows.
    if (!id.isNull() && selectIntegration(id))
        return;
    if (m_model->rowCount() > 0)
        selectIntegration(m_model->integrationAt(0)->id);
    else
        showSelected();
}

void MainWindow::showSelected()
{
    updateActions();
    const Integration *i = selectedIntegration();
    if (!i) {
        m_detail->clear();
        m_healthPane->clear();
        m_discover->clearIntegration();
        checkSettled();
        return;
    }
    m_detail->showIntegration(*i, m_ctx);
    m_healthPane->setIntegration(*i, m_ctx);
    // Another integration drops a running discovery; the same one (refreshed) keeps it.
    m_discover->setIntegration(*i);
}

void MainWindow::checkSettled()
{
    if (m_settlePending && !m_detail->isLoading()) {
        m_settlePending = false;
        if (m_monitorPending)
            startMonitor();
        Q_EMIT settled();
    }
}

void MainWindow::updateActions()
{
    const bool selected = selectedIntegration() != nullptr;
    m_addAction->setEnabled(m_hasCatalog);
    m_editAction->setEnabled(selected);
    m_deleteAction->setEnabled(selected);
    m_refreshAction->setEnabled(m_hasCatalog);
    m_testAction->setEnabled(selected);
    m_discoverAction->setEnabled(selected);
    m_healthAction->setEnabled(selected);
    const Integration *i = selectedIntegration();
    m_checkAction->setEnabled(i && !m_health->isChecking(i->id));
}

void MainWindow::updateTitle()
{
    QString where = QStringLiteral("no catalog");
    if (m_hasCatalog)
        where = m_url.isInMemory() ? QStringLiteral("in-memory catalog") : m_url.displayString();
    setWindowTitle(QStringLiteral("%1 — Stella Ops Integrations Console%2")
                       .arg(where, m_sandbox ? QStringLiteral(" (sandbox)") : QString()));
    m_catalogLabel->setText(
        m_hasCatalog
            ? QStringLiteral("Catalog: %1%2 · tenant %3")
                  .arg(where, m_sandbox ? QStringLiteral(" (sandbox)") : QString(), m_ctx.tenantId)
            : QStringLiteral("No catalog open"));
    updateActions();
}

void MainWindow::updateCounts()
{
    const int shown = m_model->rowCount();
    const int total = m_model->totalCount();
    const QLocale locale;
    const QString noun =
        total == 1 ? QStringLiteral("integration") : QStringLiteral("integrations");
    m_countLabel->setText(shown == total
                              ? QStringLiteral("%1 %2").arg(locale.toString(total), noun)
                              : QStringLiteral("%1 of %2 %3 shown")
                                    .arg(locale.toString(shown), locale.toString(total), noun));
}

void MainWindow::addIntegration()
{
    if (!m_hasCatalog)
        return;
    auto *dialog = new IntegrationDialog(m_catalog, m_registry, m_ctx, m_sandbox, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setCredentialStore(m_credentials, m_sandbox, m_keychainState, m_keychainDetail);
    connect(dialog, &IntegrationDialog::saved, this, [this](const Integration &integration) {
        if (integration.tenantId != m_ctx.tenantId)
            return;
        m_model->upsert(integration);
        selectIntegration(integration.id);
    });
    dialog->open();
}

void MainWindow::editSelected()
{
    const Integration *selected = selectedIntegration();
    if (!selected)
        return;
    auto *dialog = new IntegrationDialog(m_catalog, m_registry, m_ctx, *selected, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setCredentialStore(m_credentials, m_sandbox, m_keychainState, m_keychainDetail);
    connect(dialog, &IntegrationDialog::saved, this, [this](const Integration &integration) {
        if (integration.tenantId != m_ctx.tenantId)
            return;
        m_model->upsert(integration);
        if (m_detail->integrationId() == integration.id)
            showSelected();
    });
    dialog->open();
}

void MainWindow::deleteSelected()
{
    const Integration *selected = selectedIntegration();
    if (!selected)
        return;
    const Integration target = *selected;
    auto *box = new QMessageBox(QMessageBox::Warning, QStringLiteral("Delete integration"),
                                QStringLiteral("Delete the integration “%1”?").arg(target.name),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmDelete"));
    box->setInformativeText(
        QStringLiteral("%1 %2 at %3 in tenant “%4”. Its health history and audit trail are "
                       "kept; the secret its AuthRef points to is not touched.")
            .arg(target.provider, toString(target.type),
                 target.endpoint.isEmpty() ? QStringLiteral("(no endpoint)") : target.endpoint,
                 m_ctx.tenantId));
    box->button(QMessageBox::Yes)->setText(QStringLiteral("Delete"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, target](int result) {
        if (result != QMessageBox::Yes)
            return;
        const RequestContext ctx = m_ctx;
        const QUuid id = target.id;
        const int version = target.version;
        onFinished(this, m_catalog.run([ctx, id, version](IntegrationCatalog &c) {
            return c.remove(ctx, id, version);
        }),
                   [this, target](const Result<void> &r) {
                       if (!r) {
                           m_banner->showError(
                               r.error(), QStringLiteral("“%1” was not deleted.").arg(target.name));
                           return;
                       }
                       m_model->remove(target.id);
                       statusBar()->showMessage(QStringLiteral("Deleted “%1”.").arg(target.name),
                                                5000);
                       Q_EMIT integrationRemoved(target.id);
                   });
    });
    box->open();
}

void MainWindow::testSelected()
{
    const Integration *selected = selectedIntegration();
    if (!selected)
        return;
    // One dialog per integration: asking again brings the open one forward, results intact.
    for (TestConnectionDialog *open : findChildren<TestConnectionDialog *>()) {
        if (open->integrationId() == selected->id && open->isVisible()) {
            open->raise();
            open->activateWindow();
            return;
        }
    }
    auto *dialog = new TestConnectionDialog(*m_launcher, *selected, this);
    // Closed is gone: Close and Esc end in done(), which only hides a dialog.
    connect(dialog, &QDialog::finished, dialog, &QObject::deleteLater);
    // Every run that reached a verdict feeds the test-connection histogram; a cancelled one
    // measured the operator's patience, and one that could not start measured nothing.
    connect(dialog, &TestConnectionDialog::testFinished, this,
            [this, dialog](TestConnectionDialog::State state) {
                if (state == TestConnectionDialog::State::Passed ||
                    state == TestConnectionDialog::State::Failed)
                    recordTestDuration(dialog->integration(), dialog->elapsedMs());
            });
    dialog->show();
    dialog->start();
}

void MainWindow::checkSelected()
{
    const Integration *selected = selectedIntegration();
    if (!selected || !m_health->check(*selected, m_ctx))
        return;
    if (m_health->isChecking(selected->id))
        statusBar()->showMessage(QStringLiteral("Checking “%1”…").arg(selected->name));
    updateActions();
}

void MainWindow::showDiscover()
{
    if (!selectedIntegration())
        return;
    m_tabs->setCurrentWidget(m_discover);
    m_discover->setFocus();
}

void MainWindow::showHealth()
{
    if (!selectedIntegration())
        return;
    m_tabs->setCurrentWidget(m_healthPane);
}

void MainWindow::chooseCatalog()
{
    auto *dialog = new OpenCatalogDialog(m_url, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { openCatalog(dialog->url()); });
    dialog->open();
}

} // namespace stella::ui
