// SPDX-License-Identifier: Apache-2.0
#include "MainWindow.h"

#include "core/catalog/CatalogThread.h"
#include "core/common/FutureCallback.h"
#include "core/credentials/AuthRef.h"
#include "core/credentials/CredentialResolver.h"
#include "core/health/HealthMonitor.h"
#include "ui/common/CatalogTransferRunner.h"
#include "ui/common/ConsoleSettings.h"
#include "ui/common/HealthCheckRunner.h"
#include "ui/common/HealthNotifier.h"
#include "ui/common/ListFreshness.h"
#include "ui/common/StatusText.h"
#include "ui/dialogs/BulkTestDialog.h"
#include "ui/dialogs/IntegrationDialog.h"
#include "ui/dialogs/OpenCatalogDialog.h"
#include "ui/dialogs/OrganisationFields.h"
#include "ui/dialogs/PluginsDialog.h"
#include "ui/dialogs/SettingsDialog.h"
#include "ui/dialogs/TestConnectionDialog.h"
#include "ui/dialogs/TypedConfirmation.h"
#include "ui/guard/GuardWindow.h"
#include "ui/mainwindow/BulkActions.h"
#include "ui/mainwindow/ConsoleActions.h"
#include "ui/mainwindow/KeychainStatusButton.h"
#include "ui/mainwindow/NotificationPresenter.h"
#include "ui/models/IntegrationListModel.h"
#include "ui/session/ConsoleServices.h"
#include "ui/session/TestDurationRecorder.h"
#include "ui/views/DiscoverPane.h"
#include "ui/views/HealthPane.h"
#include "ui/views/IntegrationDetailPane.h"
#include "ui/views/IntegrationTableView.h"
#include "ui/views/MessageWidget.h"
#include "ui/views/MonitorStatusLabel.h"
#include "ui/views/OutboxView.h"
#include "ui/views/OverviewPresenter.h"
#include "ui/views/OverviewSidebar.h"
#include "ui/views/ProblemsPanel.h"
#include "ui/views/SummaryStrip.h"
#include "ui/wizard/NamePage.h"
#include "ui/wizard/OnboardingWizard.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QCoreApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>

namespace stella::ui {

namespace {
constexpr int kStatusMessageMs = 10'000;
}

MainWindow::MainWindow(ConsoleServices &services, QWidget *parent)
    : QMainWindow(parent), m_session(services.session), m_catalog(services.catalog),
      m_registry(services.registry), m_clock(services.clock), m_credentials(services.credentials),
      m_launcher(services.launcher), m_model(new IntegrationListModel(m_clock, this)),
      m_actions(new ConsoleActions(*this)),
      m_health(new HealthCheckRunner(m_catalog, m_launcher, this)),
      m_notifier(new HealthNotifier(m_catalog, this)),
      m_notifications(new NotificationPresenter(*this)),
      m_testDurations(new TestDurationRecorder(m_catalog, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    m_notifier->setTenant(tenant());
    connect(
        m_notifier, &HealthNotifier::notify, m_notifications,
        [this](const QUuid &, HealthStatus status, const QString &title, const QString &message) {
            if (m_notificationsEnabled)
                m_notifications->show(status, title, message);
        });
    connect(m_notifications, &NotificationPresenter::shown, this, &MainWindow::notificationShown);
    connect(m_testDurations, &TestDurationRecorder::recorded, this,
            &MainWindow::testDurationRecorded);

    m_actions->addToMenuBar(*menuBar());
    connect(m_actions->add, &QAction::triggered, this, &MainWindow::addIntegration);
    connect(m_actions->newIntegration, &QAction::triggered, this, &MainWindow::newIntegration);
    connect(m_actions->edit, &QAction::triggered, this, &MainWindow::editSelected);
    connect(m_actions->remove, &QAction::triggered, this, &MainWindow::deleteSelected);
    connect(m_actions->refresh, &QAction::triggered, this, &MainWindow::reload);
    connect(m_actions->openCatalog, &QAction::triggered, this, &MainWindow::chooseCatalog);
    connect(m_actions->quit, &QAction::triggered, this, &QWidget::close);
    connect(m_actions->test, &QAction::triggered, this, &MainWindow::testSelected);
    connect(m_actions->checkNow, &QAction::triggered, this, &MainWindow::checkSelected);
    connect(m_actions->discover, &QAction::triggered, this, &MainWindow::showDiscover);
    connect(m_actions->health, &QAction::triggered, this, &MainWindow::showHealth);
    connect(m_actions->outbox, &QAction::triggered, this, &MainWindow::showOutbox);
    connect(m_actions->guard, &QAction::triggered, this, &MainWindow::showGuard);
    connect(m_actions->plugins, &QAction::triggered, this, [this, &services] {
        auto *dialog = new PluginsDialog(services.plugins, services.pluginFolders, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    connect(m_actions->newTenant, &QAction::triggered, this, &MainWindow::askForNewTenant);
    connect(m_actions->about, &QAction::triggered, this, &MainWindow::showAbout);
    connect(m_actions->settings, &QAction::triggered, this, &MainWindow::showSettings);
    connect(m_actions->importCatalog, &QAction::triggered, this, &MainWindow::chooseImport);
    connect(m_actions->exportCatalog, &QAction::triggered, this, &MainWindow::chooseExport);
    m_actions->settings->setEnabled(false); // until setSettings()
    m_actions->recentCatalogs->setEnabled(false);
    connect(m_actions->aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
    // A provider this build cannot contact is shown as such, never as Unhealthy.
    m_model->setConnectorAvailable(
        [this](const Integration &i) { return m_launcher.canConnect(i).ok(); });

    buildLayout();
    updateTitle();
    updateCounts();

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
    // A scope switch or a filter keystroke is a layout change: the selection and the current
    // row stay on their integrations; only when the current one is no longer shown is
    // another chosen.
    connect(m_model, &QAbstractItemModel::layoutChanged, this, [this] {
        if (!m_table->selectionModel()->currentIndex().isValid())
            restoreSelection({});
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::showSelected);
    connect(m_detail, &IntegrationDetailPane::historyLoaded, this, &MainWindow::checkSettled);

    // "5 min ago" must not stay "5 min ago" for an hour, nor a status written by another
    // process stay unseen until the next reload.
    m_freshness = new ListFreshness(m_catalog, *m_model, this);
    m_model->setDefaultIntervalMs(MonitorSettings{}.defaultIntervalMs);

    connectSession();
    connectCatalog();
    connectChecks();
    connectTransfers();
    // At start-up, once: the status bar says whether typed secrets can go to the keychain.
    m_keychain->probe(m_credentials.keychain());
    // The list has the focus at start: in the tenant box, a typo and Enter opened an empty
    // tenant (issue #13 item 9).
    m_table->setFocus(Qt::OtherFocusReason);
}

// Nothing to order by hand: the services this window uses outlive it (see ConsoleServices).
MainWindow::~MainWindow() = default;

void MainWindow::closeEvent(QCloseEvent *event)
{
    rememberState();
    // A closed console checks nothing: its results would be written for nobody to see, and a
    // headless `monitor` is the tool for unattended checking.
    m_session.close();
    m_notifications->hideTray();
    QMainWindow::closeEvent(event);
}

void MainWindow::connectSession()
{
    connect(&m_session, &ConsoleSession::opening, this, [this](const DatabaseUrl &url) {
        statusBar()->showMessage(tr("Opening %1…").arg(url.displayString()));
    });
    connect(&m_session, &ConsoleSession::opened, this, &MainWindow::onOpened);
    connect(&m_session, &ConsoleSession::openFailed, this,
            [this](const Error &error, const QString &lead) {
                statusBar()->clearMessage();
                m_banner->showError(error, lead);
                Q_EMIT catalogOpenFailed(error);
                m_settlePending = true;
                checkSettled();
            });
    connect(&m_session, &ConsoleSession::tenantChanged, this, &MainWindow::onTenantChanged);
    connect(&m_session, &ConsoleSession::tenantsLoaded, this, &MainWindow::showTenants);
    connect(&m_session, &ConsoleSession::integrationsLoaded, this,
            [this](const QList<Integration> &integrations) {
                m_model->setIntegrations(integrations);
                m_settlePending = true;
                Q_EMIT listLoaded();
                checkSettled();
            });
    connect(&m_session, &ConsoleSession::integrationsFailed, this, [this](const Error &error) {
        m_banner->showError(error, tr("Could not load the integrations."));
        m_settlePending = true;
        Q_EMIT listLoaded();
        checkSettled();
    });
    connect(&m_session, &ConsoleSession::monitorChanged, this, [this](HealthMonitor *monitor) {
        if (monitor)
            m_model->setDefaultIntervalMs(monitor->settings().defaultIntervalMs);
        m_monitorStatus->setMonitor(monitor);
    });
}

void MainWindow::connectCatalog()
{
    connect(&m_catalog, &CatalogThread::integrationChanged, this,
            [this](ChangeKind kind, const QString &tenantId, const QUuid &id) {
                if (tenantId != tenant())
                    return;
                if (kind == ChangeKind::Removed)
                    m_model->remove(id);
                else
                    refreshOne(id);
            });
    connect(&m_catalog, &CatalogThread::healthRecorded, this,
            [this](const QString &tenantId, const QUuid &id, HealthStatus) {
                if (tenantId == tenant())
                    refreshOne(id);
            });
    connect(&m_catalog, &CatalogThread::catalogReset, this, [this](const QString &tenantId) {
        if (tenantId == tenant())
            reload();
    });
}

void MainWindow::connectChecks()
{
    connect(m_health, &HealthCheckRunner::checkRecorded, this,
            [this](const Integration &integration, const HealthCheckRecord &record) {
                // The row itself follows CatalogThread::healthRecorded, like every check.
                const QString what = record.errorMessage.isEmpty()
                                         ? tr("“%1”: %2 in %3 ms")
                                               .arg(integration.name, statusText(record.status))
                                               .arg(record.latencyMs)
                                         : tr("“%1”: %2 in %3 ms — %4")
                                               .arg(integration.name, statusText(record.status))
                                               .arg(record.latencyMs)
                                               .arg(record.errorMessage);
                statusBar()->showMessage(what, kStatusMessageMs);
                updateActions();
            });
    connect(m_health, &HealthCheckRunner::checkFailed, this,
            [this](const Integration &integration, const Error &error) {
                statusBar()->clearMessage();
                m_banner->showError(
                    error, tr("The health check of “%1” did not complete.").arg(integration.name));
                updateActions();
            });
}

void MainWindow::connectTransfers()
{
    m_transfer = new CatalogTransferRunner(m_catalog, this);
    connect(m_transfer, &CatalogTransferRunner::started, this, [this](const QString &what) {
        statusBar()->showMessage(what);
        m_transferProgress->show();
        m_actions->importCatalog->setEnabled(false);
        m_actions->exportCatalog->setEnabled(false);
    });
    const auto done = [this](const QString &message) {
        m_transferProgress->hide();
        updateActions();
        statusBar()->showMessage(message, kStatusMessageMs);
        Q_EMIT transferFinished(message);
    };
    connect(m_transfer, &CatalogTransferRunner::exported, this,
            [done](const QString &path, int count) {
                // Two sentences: without a translation loaded, "%n" does not inflect.
                done(count == 1 ? tr("Exported 1 integration to %1.").arg(path)
                                : tr("Exported %Ln integrations to %1.", nullptr, count).arg(path));
            });
    connect(m_transfer, &CatalogTransferRunner::imported, this,
            [this, done](const QString &path, int count) {
                reload();
                done(count == 1
                         ? tr("Imported 1 integration from %1.").arg(path)
                         : tr("Imported %Ln integrations from %1.", nullptr, count).arg(path));
            });
    connect(m_transfer, &CatalogTransferRunner::failed, this,
            [this](const Error &error, const QString &lead) {
                m_transferProgress->hide();
                updateActions();
                statusBar()->clearMessage();
                auto *box = new QMessageBox(QMessageBox::Warning, tr("Import or export failed"),
                                            lead, QMessageBox::Close, this);
                box->setObjectName(QStringLiteral("transferError"));
                box->setAttribute(Qt::WA_DeleteOnClose);
                box->setInformativeText(error.toText());
                box->open();
                Q_EMIT transferFinished(lead);
            });
}

void MainWindow::importFrom(const QString &path)
{
    if (m_session.hasCatalog())
        m_transfer->importFrom(m_session.context(), path);
}

void MainWindow::exportTo(const QString &path)
{
    if (m_session.hasCatalog())
        m_transfer->exportTo(m_session.context(), path);
}

void MainWindow::chooseImport()
{
    auto *dialog = new QFileDialog(this, tr("Import integrations"), QString(),
                                   tr("Export files (*.json);;All files (*)"));
    dialog->setObjectName(QStringLiteral("importFileDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setAcceptMode(QFileDialog::AcceptOpen);
    connect(dialog, &QFileDialog::fileSelected, this, &MainWindow::importFrom);
    dialog->open();
}

void MainWindow::chooseExport()
{
    auto *dialog = new QFileDialog(this, tr("Export integrations"), QString(),
                                   tr("Export files (*.json);;All files (*)"));
    dialog->setObjectName(QStringLiteral("exportFileDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("json"));
    connect(dialog, &QFileDialog::fileSelected, this, &MainWindow::exportTo);
    dialog->open();
}

void MainWindow::buildLayout()
{
    buildToolBar();
    m_banner = new MessageWidget(MessageWidget::Kind::Error, this);
    m_banner->setObjectName(QStringLiteral("errorBanner"));

    m_detail = new IntegrationDetailPane(m_catalog, m_clock, this);
    m_detail->addHeaderAction(m_actions->test);
    m_detail->addHeaderAction(m_actions->checkNow);
    m_healthPane = new HealthPane(m_catalog, m_clock, this);
    m_healthPane->addHeaderAction(m_actions->checkNow);
    m_discover = new DiscoverPane(m_launcher, this);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("detailTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->tabBar()->setAccessibleName(tr("Details, Health and Discover"));
    m_tabs->addTab(m_detail, tr("Details"));
    m_tabs->addTab(m_healthPane, tr("Health"));
    m_tabs->addTab(m_discover, tr("Discover"));

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    splitter->addWidget(buildListSide());
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    auto *bannerBox = new QVBoxLayout;
    bannerBox->setContentsMargins(8, 8, 8, 0);
    bannerBox->addWidget(m_banner);
    layout->addLayout(bannerBox);
    layout->addWidget(splitter, 1);
    setCentralWidget(central);
    buildStatusBar();

    resize(1400, 860);
    splitter->setSizes({880, 520});
}

void MainWindow::buildToolBar()
{
    auto *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolBar"));
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_actions->addToToolBar(*toolbar);
    auto *spacer = new QWidget(toolbar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolbar->addWidget(spacer);
    auto *tenantLabel = new QLabel(tr("&Tenant: "), toolbar);
    toolbar->addWidget(tenantLabel);
    // Not editable: a new tenant is made only through "New tenant…", never by a typo and Enter.
    m_tenant = new QComboBox(toolbar);
    m_tenant->setObjectName(QStringLiteral("tenantCombo"));
    m_tenant->setMinimumContentsLength(16);
    m_tenant->setToolTip(tr("The tenant whose integrations are shown"));
    m_tenant->setAccessibleName(tr("Tenant"));
    m_tenant->addItem(tenant());
    tenantLabel->setBuddy(m_tenant);
    toolbar->addWidget(m_tenant);
    toolbar->addAction(m_actions->newTenant);
    connect(m_tenant, &QComboBox::activated, this,
            [this](int index) { setTenant(m_tenant->itemText(index)); });
}

void MainWindow::askForNewTenant()
{
    auto *ask = new QInputDialog(this);
    ask->setObjectName(QStringLiteral("newTenantDialog"));
    ask->setAttribute(Qt::WA_DeleteOnClose);
    ask->setWindowTitle(tr("New tenant"));
    ask->setLabelText(tr("The new tenant's id (letters, digits, '-' or '_'). Its list starts "
                         "empty; the other tenants' integrations are not touched."));
    ask->setInputMode(QInputDialog::TextInput);
    ask->setOkButtonText(tr("&Create tenant"));
    connect(ask, &QInputDialog::textValueSelected, this,
            [this](const QString &id) { setTenant(id.trimmed()); });
    ask->open();
}

void MainWindow::showAbout()
{
    auto *box = new QMessageBox(this);
    box->setObjectName(QStringLiteral("aboutDialog"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowTitle(tr("About the Integrations Console"));
    box->setIconPixmap(windowIcon().pixmap(64, 64));
    box->setTextFormat(Qt::RichText);
    box->setText(tr("<h3>Stella Ops Integrations Console</h3><p>Version %1</p>")
                     .arg(QCoreApplication::applicationVersion().toHtmlEscaped()));
    box->setInformativeText(
        tr("<p>Built with Qt %1, running on Qt %2.</p>"
           "<p>The console is licensed under the Apache License 2.0. Qt is used under the GNU "
           "Lesser General Public License v3; Help → About Qt has its details.</p>")
            .arg(QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion())));
    box->setStandardButtons(QMessageBox::Close);
    box->open();
}

QWidget *MainWindow::buildListSide()
{
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("filterEdit"));
    m_filter->setPlaceholderText(tr("Filter by name, type, provider, endpoint or status (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter"));
    auto *focusFilter = new QAction(this);
    focusFilter->setShortcut(QKeySequence::Find);
    connect(focusFilter, &QAction::triggered, m_filter, [this] {
        m_filter->setFocus();
        m_filter->selectAll();
    });
    addAction(focusFilter);
    // Filtering in the model is cheap enough at 100,000 rows to run on every keystroke
    // (docs/architecture.md, "The console"), so there is no debounce to wait for.
    connect(m_filter, &QLineEdit::textChanged, m_model, &IntegrationListModel::setFilterText);

    m_table = new IntegrationTableView(*m_model, this);
    m_table->setAccessibleName(tr("Integrations"));
    connect(m_table, &QTableView::doubleClicked, this, &MainWindow::editSelected);
    connect(m_table, &IntegrationTableView::openRequested, this, &MainWindow::editSelected);

    // An empty catalog's first screen: the way in, centred where the rows would be.
    m_emptyState = new QWidget(m_table->viewport());
    m_emptyState->setObjectName(QStringLiteral("emptyState"));
    auto *emptyLabel = new QLabel(tr("No integrations in this tenant yet."), m_emptyState);
    auto *addFirst = new QPushButton(tr("&Add your first integration…"), m_emptyState);
    addFirst->setObjectName(QStringLiteral("addFirstIntegrationButton"));
    connect(addFirst, &QPushButton::clicked, this, &MainWindow::newIntegration);
    auto *emptyLayout = new QVBoxLayout(m_emptyState);
    emptyLayout->addStretch(1);
    emptyLayout->addWidget(emptyLabel, 0, Qt::AlignHCenter);
    emptyLayout->addWidget(addFirst, 0, Qt::AlignHCenter);
    emptyLayout->addStretch(1);
    auto *overlay = new QVBoxLayout(m_table->viewport());
    overlay->setContentsMargins(0, 0, 0, 0);
    overlay->addWidget(m_emptyState);
    m_emptyState->hide();

    buildOverview();
    auto *side = new QWidget(this);
    // Escape in the filter or the list shows everything again.
    auto *clearFilter = new QAction(side);
    clearFilter->setObjectName(QStringLiteral("actionClearFilter"));
    clearFilter->setShortcut(Qt::Key_Escape);
    clearFilter->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(clearFilter, &QAction::triggered, m_filter, &QLineEdit::clear);
    side->addAction(clearFilter);
    auto *layout = new QVBoxLayout(side);
    layout->setContentsMargins(8, 8, 4, 8);
    layout->addWidget(m_summary);
    layout->addWidget(m_filter);
    layout->addWidget(m_table, 1);
    buildBulkActions();
    return side;
}

void MainWindow::buildOverview()
{
    m_summary = new SummaryStrip(this);
    m_sidebar = new OverviewSidebar(this);
    auto *dock = new QDockWidget(tr("Overview"), this);
    dock->setObjectName(QStringLiteral("overviewDock"));
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable);
    dock->setWidget(m_sidebar);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    m_overview = new OverviewPresenter(*m_model, *m_sidebar, *m_summary, this);

    m_problems = new ProblemsPanel(*m_model, m_clock, this);
    // Only stores on this machine are asked (keychain, environment): a Vault AuthRef would
    // mean a request per integration just to draw the panel.
    m_problems->setAuthRefCheck([this](const QString &uri, std::function<void(QString)> done) {
        auto ref = AuthRef::parse(uri);
        if (!ref) {
            done(ref.error().message);
            return;
        }
        if (ref->store != AuthRef::Store::Keychain && ref->store != AuthRef::Store::Env) {
            done(QString());
            return;
        }
        QPointer<MainWindow> alive(this);
        m_credentials.resolve(uri, [alive, done](Result<SecretValue> secret) {
            if (alive) // the value itself goes out of scope here, unread
                done(secret ? QString() : secret.error().message);
        });
    });
    auto *problemsDock = new QDockWidget(tr("Problems"), this);
    problemsDock->setObjectName(QStringLiteral("problemsDock"));
    problemsDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable);
    problemsDock->setWidget(m_problems);
    addDockWidget(Qt::BottomDockWidgetArea, problemsDock);
    // The list is what the window is for: the panel starts a few rows high.
    resizeDocks({problemsDock}, {fontMetrics().height() * 9}, Qt::Vertical);
    connect(m_problems, &ProblemsPanel::integrationActivated, this, &MainWindow::jumpToIntegration);
}

void MainWindow::buildBulkActions()
{
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_bulk = new BulkActions(
        m_catalog, *m_table, [this] { return m_session.context(); },
        [this](const Integration &i) { m_health->check(i, m_session.context()); }, *this);
    m_bulk->setLauncher(&m_launcher);
    connect(m_bulk, &BulkActions::bulkTestOpened, this, [this](BulkTestDialog *dialog) {
        connect(dialog, &BulkTestDialog::testMeasured, this,
                [this](const QString &provider, qint64 elapsedMs) {
                    m_testDurations->record(m_session.context(), provider, elapsedMs);
                });
    });
    QMenu *organise = menuBar()->addMenu(tr("&Organise"));
    organise->setObjectName(QStringLiteral("organiseMenu"));
    m_bulk->addToMenu(*organise);
    const auto selectionChanged = [this] { m_bulk->updateEnabled(m_session.hasCatalog()); };
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            selectionChanged);
    connect(m_model, &QAbstractItemModel::modelReset, this, selectionChanged);
    connect(m_model, &QAbstractItemModel::layoutChanged, this, selectionChanged);
    connect(m_bulk, &BulkActions::finished, this,
            [this](const QString &what, bool ok, const Error &error) {
                if (ok)
                    statusBar()->showMessage(tr("%1 done").arg(what), 5000);
                else
                    m_banner->showError(error, tr("%1 changed nothing:").arg(what));
            });
}

void MainWindow::jumpToIntegration(const QUuid &id)
{
    if (selectIntegration(id))
        return;
    m_sidebar->setCurrentItem(m_sidebar->allItem());
    m_summary->setSelected(std::nullopt);
    m_model->setScope({});
    m_filter->clear();
    selectIntegration(id);
    m_table->setFocus();
}

void MainWindow::buildStatusBar()
{
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("countLabel"));
    m_catalogLabel = new QLabel(this);
    m_catalogLabel->setObjectName(QStringLiteral("catalogLabel"));
    m_keychain = new KeychainStatusButton(this);
    connect(m_keychain, &KeychainStatusButton::stateChanged, this,
            &MainWindow::keychainStateChanged);
    m_monitorStatus = new MonitorStatusLabel(m_clock, this);
    // Busy while an import or export runs on the catalog thread.
    m_transferProgress = new QProgressBar(this);
    m_transferProgress->setObjectName(QStringLiteral("transferProgress"));
    m_transferProgress->setRange(0, 0);
    m_transferProgress->setMaximumWidth(120);
    m_transferProgress->setAccessibleName(tr("Import or export in progress"));
    m_transferProgress->hide();
    statusBar()->addWidget(m_countLabel);
    statusBar()->addPermanentWidget(m_transferProgress);
    statusBar()->addPermanentWidget(m_monitorStatus);
    statusBar()->addPermanentWidget(m_keychain);
    statusBar()->addPermanentWidget(m_catalogLabel);
}

void MainWindow::openCatalog(const DatabaseUrl &url)
{
    m_session.openCatalog(url);
}

void MainWindow::openSandbox()
{
    m_session.openSandbox();
}

QString MainWindow::tenant() const
{
    return m_session.tenant();
}

bool MainWindow::isSandbox() const
{
    return m_session.isSandbox();
}

DatabaseUrl MainWindow::catalogUrl() const
{
    return m_session.url();
}

HealthMonitor *MainWindow::healthMonitor() const
{
    return m_session.monitor();
}

void MainWindow::setMonitorEnabled(bool enabled)
{
    m_session.setMonitorEnabled(enabled);
}

bool MainWindow::isMonitorEnabled() const
{
    return m_session.isMonitorEnabled();
}

KeychainSecretStore::State MainWindow::keychainState() const
{
    return m_keychain->state();
}

QString MainWindow::keychainDetail() const
{
    return m_keychain->detail();
}

void MainWindow::setKeychainState(KeychainSecretStore::State state, const QString &detail)
{
    m_keychain->setState(state, detail);
}

void MainWindow::setSettings(ConsoleSettings *settings)
{
    m_settings = settings;
    m_actions->settings->setEnabled(settings != nullptr);
    if (!settings)
        return;
    // Remembered between runs (issue #13 item 9): the window, the list's columns and sort.
    if (const QByteArray geometry = settings->windowGeometry(); !geometry.isEmpty())
        restoreGeometry(geometry);
    if (const QByteArray state = settings->windowState(); !state.isEmpty())
        restoreState(state);
    QHeaderView *header = m_table->horizontalHeader();
    if (const QByteArray columns = settings->listHeaderState();
        !columns.isEmpty() && header->restoreState(columns))
        // restoreState() moves the sort indicator without asking the model to sort.
        m_table->sortByColumn(header->sortIndicatorSection(), header->sortIndicatorOrder());
    applySettings();
    updateRecentCatalogs();
}

bool MainWindow::showInTrayOnly()
{
    return m_notifications->showTrayOnly();
}

void MainWindow::applySettings()
{
    if (!m_settings)
        return;
    // Applied at once; the monitor restarts with the new concurrency and interval.
    m_notificationsEnabled = m_settings->notificationsEnabled();
    m_session.setMonitorSettings(m_settings->monitorSettings());
    m_model->setDefaultIntervalMs(m_settings->defaultIntervalMs());
    setMonitorEnabled(m_settings->monitorEnabled());
}

void MainWindow::rememberState()
{
    if (!m_settings)
        return;
    m_settings->setWindow(saveGeometry(), QMainWindow::saveState());
    m_settings->setListHeaderState(m_table->horizontalHeader()->saveState());
    m_settings->sync();
}

void MainWindow::showSettings()
{
    if (!m_settings)
        return;
    auto *dialog = new SettingsDialog(*m_settings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SettingsDialog::applied, this, [this] {
        applySettings();
        updateRecentCatalogs();
        statusBar()->showMessage(tr("Settings saved."), kStatusMessageMs);
    });
    dialog->open();
}

void MainWindow::updateRecentCatalogs()
{
    QMenu *menu = m_actions->recentCatalogs;
    menu->clear();
    const QStringList recent = m_settings ? m_settings->recentCatalogs() : QStringList();
    for (const QString &entry : recent) {
        QAction *open = menu->addAction(entry);
        connect(open, &QAction::triggered, this, [this, entry] {
            auto url = DatabaseUrl::parse(entry);
            if (!url) {
                m_banner->showError(url.error(),
                                    tr("The recent catalog “%1” cannot be opened.").arg(entry));
                return;
            }
            confirmAndOpenCatalog(*url);
        });
    }
    menu->setEnabled(!recent.isEmpty());
}

void MainWindow::onOpened()
{
    if (m_settings && !m_session.isSandbox()) {
        m_settings->setLastCatalog(m_session.url());
        m_settings->sync();
        updateRecentCatalogs();
    }
    statusBar()->clearMessage();
    m_banner->clear();
    m_keychain->setSandbox(m_session.isSandbox());
    updateTitle();
    updateCounts();
    m_freshness->start(m_session.context());
    Q_EMIT catalogOpened();
}

void MainWindow::reload()
{
    m_session.reload();
}

void MainWindow::showTenants(const QStringList &tenants)
{
    const QSignalBlocker block(m_tenant);
    m_tenant->clear();
    m_tenant->addItems(tenants);
    m_tenant->setCurrentIndex(int(tenants.indexOf(tenant())));
}

void MainWindow::setTenant(const QString &tenantId)
{
    if (const Result<void> set = m_session.setTenant(tenantId); !set) {
        m_banner->showError(set.error());
        m_tenant->setCurrentText(tenant());
    }
}

void MainWindow::onTenantChanged(const QString &tenantId)
{
    if (m_tenant->findText(tenantId) < 0)
        m_tenant->addItem(tenantId);
    m_tenant->setCurrentIndex(m_tenant->findText(tenantId));
    m_banner->clear();
    m_notifier->setTenant(tenantId);
    // Another tenant's rows must not linger under this tenant's name, even for a moment.
    m_model->setIntegrations({});
    updateTitle();
    updateCounts();
    if (m_session.hasCatalog())
        m_freshness->start(m_session.context());
}

void MainWindow::refreshOne(const QUuid &id)
{
    const RequestContext ctx = m_session.context();
    onFinished(this, m_catalog.run([ctx, id](IntegrationCatalog &c) { return c.get(ctx, id); }),
               [this, ctx, id](const Result<Integration> &result) {
                   if (ctx.tenantId != tenant())
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
    return m_table->currentIntegration();
}

bool MainWindow::selectIntegration(const QUuid &id)
{
    return m_table->selectIntegration(id);
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
    m_detail->showIntegration(*i, m_session.context());
    m_healthPane->setIntegration(*i, m_session.context());
    // Another integration drops a running discovery; the same one (refreshed) keeps it.
    m_discover->setIntegration(*i);
}

void MainWindow::checkSettled()
{
    if (m_settlePending && !m_detail->isLoading()) {
        m_settlePending = false;
        // After the first list and details: the monitor's own list of the catalog must not
        // delay what the operator is waiting to see.
        m_session.startPendingMonitor();
        Q_EMIT settled();
    }
}

void MainWindow::updateActions()
{
    const Integration *i = selectedIntegration();
    m_actions->update(m_session.hasCatalog(), i != nullptr, i && m_health->isChecking(i->id));
}

void MainWindow::updateTitle()
{
    const bool open = m_session.hasCatalog();
    const DatabaseUrl url = m_session.url();
    const QString where = !open              ? tr("no catalog")
                          : url.isInMemory() ? tr("in-memory catalog")
                                             : url.displayString();
    const QString sandbox = m_session.isSandbox() ? tr(" (sandbox)") : QString();
    // The platform adds the application's display name itself ("… — Stella Ops Integrations
    // Console"); naming it here too showed it twice.
    setWindowTitle(tr("%1%2").arg(where, sandbox));
    m_catalogLabel->setText(open ? tr("Catalog: %1%2 · tenant %3").arg(where, sandbox, tenant())
                                 : tr("No catalog open"));
    updateActions();
}

void MainWindow::updateCounts()
{
    const int shown = m_model->rowCount();
    const int total = m_model->totalCount();
    const QLocale locale;
    // One is its own sentence, the rest a "%n" plural: without a translation loaded (the
    // tests, English) Qt does not inflect "%n integration(s)", and a translation still gets
    // every numerus form its language has.
    if (shown == total)
        m_countLabel->setText(total == 1 ? tr("1 integration")
                                         : tr("%Ln integrations", nullptr, total));
    else
        m_countLabel->setText(
            total == 1
                ? tr("%1 of 1 integration shown").arg(locale.toString(shown))
                : tr("%1 of %Ln integrations shown", nullptr, total).arg(locale.toString(shown)));
    m_emptyState->setVisible(total == 0 && m_session.hasCatalog());
}

void MainWindow::openIntegrationDialog(IntegrationDialog *dialog, bool selectSaved)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setCredentialStore(&m_credentials, m_session.isSandbox(), m_keychain->state(),
                               m_keychain->detail());
    dialog->setLauncher(&m_launcher);
    dialog->organisationFields()->setKnownFolders(m_model->overviewCounts().folders());
    connect(dialog, &IntegrationDialog::saved, this,
            [this, selectSaved](const Integration &integration) {
                if (integration.tenantId != tenant())
                    return;
                m_model->upsert(integration);
                if (selectSaved)
                    selectIntegration(integration.id);
                else if (m_detail->integrationId() == integration.id)
                    showSelected();
            });
    dialog->open();
}

void MainWindow::addIntegration()
{
    if (!m_session.hasCatalog())
        return;
    openIntegrationDialog(new IntegrationDialog(m_catalog, m_registry, m_session.context(),
                                                m_session.isSandbox(), this),
                          true);
}

void MainWindow::newIntegration()
{
    if (!m_session.hasCatalog())
        return;
    OnboardingWizard::Services services{m_catalog, m_registry, m_launcher, m_clock};
    services.credentials = &m_credentials;
    services.context = m_session.context();
    services.sandbox = m_session.isSandbox();
    services.keychainState = m_keychain->state();
    services.keychainDetail = m_keychain->detail();
    auto *wizard = new OnboardingWizard(services, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->namePage()->organisation()->setKnownFolders(m_model->overviewCounts().folders());
    connect(wizard, &OnboardingWizard::saved, this, [this](const Integration &integration) {
        if (integration.tenantId != tenant())
            return;
        m_model->upsert(integration);
        selectIntegration(integration.id);
    });
    connect(wizard, &OnboardingWizard::cleanupFinished, this, [this](const QString &report) {
        if (!report.isEmpty())
            statusBar()->showMessage(report, kStatusMessageMs);
    });
    wizard->open();
}

void MainWindow::editSelected()
{
    const Integration *selected = selectedIntegration();
    if (!selected)
        return;
    openIntegrationDialog(
        new IntegrationDialog(m_catalog, m_registry, m_session.context(), *selected, this), false);
}

void MainWindow::deleteSelected()
{
    const Integration *selected = selectedIntegration();
    if (!selected)
        return;
    const Integration target = *selected;
    const QString endpoint = target.endpoint.isEmpty() ? tr("(no endpoint)") : target.endpoint;
    const QString where = tr("%1 %2 at %3 in tenant “%4”.")
                              .arg(target.provider, toString(target.type), endpoint, tenant());
    const QString kept = tr("Its health history and audit trail are kept.");
    // The secret is mentioned only when there is one.
    const QString secret = target.authRefUri.isEmpty()
                               ? QString()
                               : tr("The secret its AuthRef points to is not touched.");
    if (target.tier == EnvironmentTier::Prod) {
        // docs/contracts.md §25: a prod integration's name is typed. That one dialog says all
        // the ordinary question would have said: it is asked once, not twice.
        QStringList text{tr("%1 is a prod integration. Deleting it stops its checks and removes "
                            "it from every list.")
                             .arg(target.name),
                         where, kept};
        if (!secret.isEmpty())
            text.append(secret);
        auto *confirm = new TypedConfirmation(tr("Delete a production integration"),
                                              text.join(QStringLiteral("\n\n")), target.name,
                                              tr("Delete"), this);
        confirm->setAttribute(Qt::WA_DeleteOnClose);
        connect(confirm, &QDialog::accepted, this, [this, target] { removeIntegration(target); });
        confirm->open();
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Delete integration"),
                                tr("Delete the integration “%1”?").arg(target.name),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmDelete"));
    // Rich text so the endpoint is kept on one line (<nobr>) instead of broken at a '/' or '-'.
    const QString nobrEndpoint =
        target.endpoint.isEmpty()
            ? tr("(no endpoint)")
            : QStringLiteral("<nobr>%1</nobr>").arg(target.endpoint.toHtmlEscaped());
    QString details = tr("<p>%1 %2 at %3 in tenant “%4”.</p><p>Its health history and audit "
                         "trail are kept.</p>")
                          .arg(target.provider.toHtmlEscaped(), toString(target.type), nobrEndpoint,
                               tenant().toHtmlEscaped());
    if (!secret.isEmpty())
        details += tr("<p>The secret its AuthRef points to is not touched.</p>");
    box->setInformativeText(details);
    box->button(QMessageBox::Yes)->setText(tr("Delete"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, target](int result) {
        if (result == QMessageBox::Yes)
            removeIntegration(target);
    });
    box->open();
}

void MainWindow::removeIntegration(const Integration &target)
{
    const RequestContext ctx = m_session.context();
    const QUuid id = target.id;
    const int version = target.version;
    onFinished(this, m_catalog.run([ctx, id, version](IntegrationCatalog &c) {
        return c.remove(ctx, id, version);
    }),
               [this, target](const Result<void> &r) {
                   if (!r) {
                       m_banner->showError(r.error(), tr("“%1” was not deleted.").arg(target.name));
                       return;
                   }
                   m_model->remove(target.id);
                   statusBar()->showMessage(tr("Deleted “%1”.").arg(target.name), 5000);
                   Q_EMIT integrationRemoved(target.id);
               });
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
    auto *dialog = new TestConnectionDialog(m_launcher, *selected, this);
    // Closed is gone: Close and Esc end in done(), which only hides a dialog.
    connect(dialog, &QDialog::finished, dialog, &QObject::deleteLater);
    // Every run that reached a verdict feeds the test-connection histogram; a cancelled one
    // measured the operator's patience, and one that could not start measured nothing.
    connect(dialog, &TestConnectionDialog::testFinished, this,
            [this, dialog](TestConnectionDialog::State state) {
                if (state == TestConnectionDialog::State::Passed ||
                    state == TestConnectionDialog::State::Failed)
                    m_testDurations->record(m_session.context(), dialog->integration().provider,
                                            dialog->elapsedMs());
            });
    dialog->show();
    dialog->start();
}

void MainWindow::checkSelected()
{
    const Integration *selected = selectedIntegration();
    if (!selected || !m_health->check(*selected, m_session.context()))
        return;
    if (m_health->isChecking(selected->id))
        statusBar()->showMessage(tr("Checking “%1”…").arg(selected->name));
    updateActions();
}

void MainWindow::showDiscover()
{
    if (!selectedIntegration())
        return;
    m_tabs->setCurrentWidget(m_discover);
    m_discover->setFocus();
}

void MainWindow::showOutbox()
{
    if (!m_outbox) {
        m_outbox = new OutboxView(m_catalog, m_registry, m_clock, m_credentials, this);
        m_outbox->setWindowFlag(Qt::Window);
        m_outbox->resize(900, 400);
        connect(&m_session, &ConsoleSession::tenantChanged, m_outbox, &OutboxView::setTenant);
    }
    m_outbox->setTenant(tenant());
    m_outbox->show();
    m_outbox->raise();
}

// A window of its own, not a tab: the tabs show the selected integration, while the guard
// works on source trees, with or without a catalog, and needs the room of a whole window for
// its table, code view and config side by side.
void MainWindow::showGuard()
{
    if (!m_guard) {
        m_guard = new GuardWindow(this);
        m_guard->setWindowFlag(Qt::Window);
    }
    m_guard->show();
    m_guard->raise();
    m_guard->activateWindow();
}

void MainWindow::showHealth()
{
    if (!selectedIntegration())
        return;
    m_tabs->setCurrentWidget(m_healthPane);
}

void MainWindow::chooseCatalog()
{
    auto *dialog = new OpenCatalogDialog(m_session.url(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { confirmAndOpenCatalog(dialog->url()); });
    dialog->open();
}

void MainWindow::confirmAndOpenCatalog(const DatabaseUrl &url)
{
    // A mistyped path created its folders and a new catalog, and the sandbox was dropped, all
    // without a word (issue #13 item 9): anything that cannot be undone is asked first.
    QStringList consequences;
    if (url.kind == DatabaseUrl::Kind::Sqlite && !url.isInMemory() &&
        !QFileInfo::exists(url.path)) {
        const QString folder = QFileInfo(url.path).absolutePath();
        consequences
            << (QFileInfo::exists(folder)
                    ? tr("There is no catalog at “%1”: a new, empty one is created.").arg(url.path)
                    : tr("There is no catalog at “%1”, and the folder “%2” does not "
                         "exist: both are created.")
                          .arg(url.path, folder));
    }
    if (m_session.isSandbox())
        consequences << tr("The sandbox is closed; what was changed in it is gone.");
    if (consequences.isEmpty()) {
        openCatalog(url);
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Question, tr("Open catalog"),
                                tr("Open “%1”?").arg(url.displayString()),
                                QMessageBox::Open | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmOpenCatalog"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(consequences.join(QLatin1Char('\n')));
    box->setDefaultButton(QMessageBox::Cancel);
    connect(box, &QMessageBox::finished, this, [this, url](int result) {
        if (result == QMessageBox::Open)
            openCatalog(url);
    });
    box->open();
}

} // namespace stella::ui
