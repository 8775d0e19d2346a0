// SPDX-License-Identifier: Apache-2.0
// Issue #13 item 9, "What a new operator ran into": one test per finding, each failing before
// its fix. The finding a test covers is named in the comment above it.
#include "TestSupport.h"
#include "UiTestSupport.h"
#include "connectors/inmemory/InMemoryConnector.h"
#include "core/health/HealthMonitor.h"
#include "core/model/ResourceTypes.h"
#include "ui/common/ConsoleSettings.h"
#include "ui/common/RelativeTime.h"
#include "ui/dialogs/ConfigForm.h"
#include "ui/dialogs/IntegrationDialog.h"
#include "ui/dialogs/OpenCatalogDialog.h"
#include "ui/dialogs/SettingsDialog.h"
#include "ui/dialogs/TestConnectionDialog.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/models/IntegrationListModel.h"
#include "ui/session/ConsoleServices.h"
#include "ui/views/HealthChartView.h"
#include "ui/views/HealthPane.h"
#include "ui/views/IntegrationDetailPane.h"
#include "ui/views/MessageWidget.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTimeAxis>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>

using namespace stella;
using namespace stella::ui;

class TestOperatorFindings : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ManualClock m_clock{test::fixedNow()};
    std::unique_ptr<CatalogThread> m_catalog;
    std::unique_ptr<ConsoleServices> m_services;
    std::unique_ptr<MainWindow> m_window;
    DatabaseUrl m_url;
    const RequestContext m_ctx{QStringLiteral("default"), QStringLiteral("tester")};
    Integration m_harbor;  // no AuthRef
    Integration m_secured; // with an AuthRef
    int m_n = 0;
    int m_recorded = 0;

    template <typename W> W *child(const QString &name) const
    {
        W *w = m_window->findChild<W *>(name);
        if (!w)
            qFatal("no widget %s", qPrintable(name));
        return w;
    }
    template <typename W> W *waitForChild(const QString &name) const
    {
        W *found = nullptr;
        const bool appeared = QTest::qWaitFor(
            [&] {
                found = m_window->findChild<W *>(name);
                return found && found->isVisible();
            },
            5000);
        return appeared ? found : nullptr;
    }
    void makeWindow(ConsoleSettings *settings = nullptr)
    {
        m_window.reset();
        m_services =
            std::make_unique<ConsoleServices>(*m_catalog, test::registry(), m_clock, m_ctx);
        m_window = std::make_unique<MainWindow>(*m_services);
        m_window->setMonitorEnabled(false);
        if (settings)
            m_window->setSettings(settings);
        m_window->show();
        QSignalSpy settled(m_window.get(), &MainWindow::settled);
        m_window->openCatalog(m_url);
        QVERIFY(settled.wait(10'000));
    }
    void record(const QUuid &id, int count)
    {
        const RequestContext ctx = m_ctx;
        for (int n = 0; n < count; ++n) {
            HealthCheckRecord check;
            check.integrationId = id;
            // Each check a minute older than the one recorded before it.
            check.checkedAt = m_clock.now().addSecs(-60 * ++m_recorded);
            check.status = HealthStatus::Healthy;
            check.latencyMs = 40;
            QVERIFY(test::waitFor(m_catalog->run([ctx, check](IntegrationCatalog &c) {
                        return c.recordHealthCheck(ctx, check);
                    })).ok());
        }
    }
    QString settingsPath() const
    {
        return m_dir.filePath(QStringLiteral("settings-%1.ini").arg(m_n));
    }

private Q_SLOTS:
    void initTestCase()
    {
        // What main.cpp sets, so a title that repeats it can be caught.
        QApplication::setApplicationDisplayName(QStringLiteral("Stella Ops Integrations Console"));
    }

    void init()
    {
        m_recorded = 0;
        m_catalog = std::make_unique<CatalogThread>(test::registry(), m_clock);
        m_url =
            DatabaseUrl::sqliteFile(m_dir.filePath(QStringLiteral("findings-%1.db").arg(++m_n)));
        QVERIFY(test::waitFor(m_catalog->open(m_url)).ok());
        m_harbor =
            test::addVia(*m_catalog, m_ctx,
                         test::draft(QStringLiteral("Harbor"), QStringLiteral("Harbor prod"),
                                     QStringLiteral("https://harbor-prod.example-company.com")));
        IntegrationDraft secured =
            test::draft(QStringLiteral("Jenkins"), QStringLiteral("Jenkins CI"),
                        QStringLiteral("https://ci.example.com"));
        secured.authRefUri = QStringLiteral("authref://env/JENKINS_TOKEN");
        m_secured = test::addVia(*m_catalog, m_ctx, secured);
        makeWindow();
    }

    void cleanup()
    {
        m_window.reset();
        m_services.reset();
        m_catalog.reset();
    }

    // Finding: Tab is trapped in the integration table (it walks cells and changes the
    // selection at a row's end).
    void tabLeavesTheTable()
    {
        QTableView *table = m_window->table();
        QVERIFY(!table->tabKeyNavigation());
        m_window->activateWindow();
        table->setFocus();
        QTRY_VERIFY(table->hasFocus());
        const QUuid selected = m_window->selectedIntegration()->id;
        QTest::keyClick(table, Qt::Key_Tab);
        QTRY_VERIFY(!table->hasFocus());
        QCOMPARE(m_window->selectedIntegration()->id, selected);
    }

    // Finding: the Health range buttons cannot be reached at all.
    void healthRangeButtonsAreTabStops()
    {
        for (const char *name :
             {"healthRange24h", "healthRange7d", "healthRange30d", "healthRangeCustom"}) {
            auto *button = child<QToolButton>(QLatin1String(name));
            QVERIFY2(button->focusPolicy() & Qt::TabFocus, name);
        }
    }

    // Finding: the window starts with focus in the editable tenant box, where a typo and Enter
    // silently open a new, empty tenant.
    void focusStartsInTheListAndANewTenantIsExplicit()
    {
        QCOMPARE(m_window->focusWidget(), static_cast<QWidget *>(m_window->table()));
        auto *tenants = child<QComboBox>(QStringLiteral("tenantCombo"));
        QVERIFY(!tenants->isEditable());
        QVERIFY(!tenants->accessibleName().isEmpty());

        child<QAction>(QStringLiteral("actionNewTenant"))->trigger();
        auto *ask = waitForChild<QInputDialog>(QStringLiteral("newTenantDialog"));
        QVERIFY(ask);
        // Cancel creates nothing.
        ask->reject();
        QCOMPARE(m_window->tenant(), QStringLiteral("default"));

        child<QAction>(QStringLiteral("actionNewTenant"))->trigger();
        QTRY_VERIFY((ask = m_window->findChild<QInputDialog *>(
                         QStringLiteral("newTenantDialog"))) != nullptr &&
                    ask->isVisible());
        QSignalSpy loaded(m_window.get(), &MainWindow::listLoaded);
        ask->setTextValue(QStringLiteral("  newco "));
        ask->accept();
        QVERIFY(loaded.wait(10'000));
        QCOMPARE(m_window->tenant(), QStringLiteral("newco"));
    }

    // Finding: File → Open catalog with a mistyped path creates the directories and switches
    // catalogs without a word.
    void openingAMissingCatalogAsksFirst()
    {
        const QString folder = m_dir.filePath(QStringLiteral("typo-%1/nested").arg(m_n));
        const QString path = folder + QStringLiteral("/catalog.db");
        child<QAction>(QStringLiteral("actionOpenCatalog"))->trigger();
        auto *dialog = waitForChild<OpenCatalogDialog>(QStringLiteral("openCatalogDialog"));
        QVERIFY(dialog);
        dialog->findChild<QLineEdit *>(QStringLiteral("sqlitePathEdit"))->setText(path);
        dialog->accept();
        auto *confirm = waitForChild<QMessageBox>(QStringLiteral("confirmOpenCatalog"));
        QVERIFY(confirm);
        QVERIFY(confirm->informativeText().contains(QDir(folder).absolutePath()));
        confirm->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!m_window->findChild<QMessageBox *>(QStringLiteral("confirmOpenCatalog")));
        QVERIFY(!QFileInfo::exists(folder));
        QCOMPARE(m_window->catalogUrl().path, m_url.path);

        // Confirmed: created and opened.
        child<QAction>(QStringLiteral("actionOpenCatalog"))->trigger();
        QTRY_VERIFY((dialog = m_window->findChild<OpenCatalogDialog *>(
                         QStringLiteral("openCatalogDialog"))) != nullptr);
        dialog->findChild<QLineEdit *>(QStringLiteral("sqlitePathEdit"))->setText(path);
        dialog->accept();
        QTRY_VERIFY((confirm = m_window->findChild<QMessageBox *>(
                         QStringLiteral("confirmOpenCatalog"))) != nullptr);
        QSignalSpy opened(m_window.get(), &MainWindow::catalogOpened);
        confirm->button(QMessageBox::Open)->click();
        QVERIFY(opened.wait(10'000));
        QCOMPARE(m_window->catalogUrl().path, path);
    }

    // Finding: opening a catalog drops the sandbox without a word.
    void leavingTheSandboxAsksFirst()
    {
        QSignalSpy settled(m_window.get(), &MainWindow::settled);
        m_window->openSandbox();
        QVERIFY(settled.wait(10'000));
        QVERIFY(m_window->isSandbox());
        child<QAction>(QStringLiteral("actionOpenCatalog"))->trigger();
        auto *dialog = waitForChild<OpenCatalogDialog>(QStringLiteral("openCatalogDialog"));
        QVERIFY(dialog);
        dialog->findChild<QLineEdit *>(QStringLiteral("sqlitePathEdit"))->setText(m_url.path);
        dialog->accept();
        auto *confirm = waitForChild<QMessageBox>(QStringLiteral("confirmOpenCatalog"));
        QVERIFY(confirm);
        QVERIFY(confirm->informativeText().contains(QStringLiteral("sandbox")));
        confirm->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!m_window->findChild<QMessageBox *>(QStringLiteral("confirmOpenCatalog")));
        QVERIFY(m_window->isSandbox());
    }

    // Finding: the edit form shows "Monitor health" unchecked for an integration that is
    // monitored by default.
    void monitorHealthShowsItsDefault()
    {
        IntegrationDialog dialog(*m_catalog, test::registry(), m_ctx, m_harbor);
        auto *monitored =
            dialog.findChild<QCheckBox *>(QStringLiteral("config_healthCheckEnabled"));
        QVERIFY(monitored);
        QVERIFY(monitored->isChecked());
        // Still unset (the default applies) until the operator toggles it.
        auto *form = dialog.findChild<ConfigForm *>();
        QVERIFY(form);
        QVERIFY(!form->values().contains(QStringLiteral("healthCheckEnabled")));
        monitored->click();
        QCOMPARE(form->values().value(QStringLiteral("healthCheckEnabled")), QJsonValue(false));
    }

    // Finding: the sandbox contacted 127.0.0.1:9 and tried to resolve registry.example.com for a
    // real provider added there.
    void theSandboxContactsNoRealProvider()
    {
        QSignalSpy settled(m_window.get(), &MainWindow::settled);
        m_window->openSandbox();
        QVERIFY(settled.wait(10'000));
        Integration real = m_harbor;
        real.endpoint = QStringLiteral("https://registry.example.com");
        const auto refused = m_services->launcher.canConnect(real);
        QVERIFY(!refused);
        QVERIFY(refused.error().message.contains(QStringLiteral("not contacted")));
        QVERIFY(!m_services->launcher.connectorFor(real));
        // The demo integrations still run.
        Integration demo = real;
        demo.provider = QStringLiteral("InMemory");
        QVERIFY(m_services->launcher.canConnect(demo).ok());
        // The test dialog says so instead of trying.
        TestConnectionDialog dialog(m_services->launcher, real);
        dialog.start();
        QCOMPARE(toString(dialog.state()), toString(TestConnectionDialog::State::Unavailable));
        QVERIFY(dialog.resultText().contains(QStringLiteral("not contacted")));
    }

    // Finding: sandbox tags are listed without their repository: prefix and
    // `demo/service-00*:*` finds nothing.
    void sandboxTagsNameTheirRepository()
    {
        QCOMPARE(InMemoryConnector::resourceName(ResourceType::Tags, QStringLiteral("demo"), 23),
                 QStringLiteral("demo/service-0002:v1.0.3"));
        Integration demo;
        demo.id = QUuid::createUuid();
        demo.tenantId = m_ctx.tenantId;
        demo.provider = QStringLiteral("InMemory");
        demo.type = IntegrationType::Registry;
        demo.name = QStringLiteral("Demo registry");
        demo.endpoint = QStringLiteral("https://registry.sandbox.invalid");
        demo.config = {{QStringLiteral("latency"), QStringLiteral("1ms")},
                       {QStringLiteral("resourceCount"), 2000},
                       {QStringLiteral("pageSize"), 500}};
        auto connector = m_services->launcher.connectorFor(demo);
        QVERIFY(connector);
        std::unique_ptr<ConnectorOperation> op(
            (*connector)
                ->discover(ResourceType::Tags, QStringLiteral("demo/service-00*:*"), nullptr));
        QSignalSpy finished(op.get(), &ConnectorOperation::finished);
        QVERIFY(finished.wait(10'000));
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Succeeded);
        QCOMPARE(op->resourceCount(), 1000); // repositories 0000..0099, ten tags each
    }

    // Finding: nothing is remembered between runs (window geometry, column widths and sort,
    // last catalog, recent PostgreSQL URLs).
    void remembersTheWindowTheListAndTheCatalogs()
    {
        ConsoleSettings first(settingsPath());
        makeWindow(&first);
        m_window->resize(760, 560);
        const QSize size = m_window->size();
        m_window->table()->sortByColumn(IntegrationListModel::TypeColumn, Qt::DescendingOrder);
        m_window->table()->horizontalHeader()->resizeSection(IntegrationListModel::NameColumn, 333);
        m_window->close();
        QCOMPARE(first.lastCatalog(), m_url.displayString());
        // A PostgreSQL URL is remembered without its password.
        first.setLastCatalog(*DatabaseUrl::parse(
            QStringLiteral("postgresql://ops:s3cret@db.example.com:5433/stella")));
        first.sync();

        ConsoleSettings second(settingsPath());
        {
            QFile file(settingsPath());
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY(!file.readAll().contains("s3cret"));
        }
        QCOMPARE(second.recentCatalogs().value(0),
                 QStringLiteral("postgresql://ops@db.example.com:5433/stella"));
        QCOMPARE(second.recentCatalogs().value(1), m_url.displayString());
        QCOMPARE(second.startupCatalog().displayString(),
                 QStringLiteral("postgresql://ops@db.example.com:5433/stella"));
        makeWindow(&second);
        QCOMPARE(m_window->size(), size);
        QHeaderView *header = m_window->table()->horizontalHeader();
        QCOMPARE(header->sortIndicatorSection(), int(IntegrationListModel::TypeColumn));
        QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
        QCOMPARE(header->sectionSize(IntegrationListModel::NameColumn), 333);
        // The model itself is sorted that way, not only the header's arrow.
        QCOMPARE(m_window->listModel()->integrationAt(0)->name, QStringLiteral("Harbor prod"));
    }

    // Settings applied without a restart: the monitor toggled, the concurrency changed; and
    // persisted.
    void settingsAreAppliedAndKept()
    {
        ConsoleSettings settings(settingsPath());
        settings.setMonitorConcurrency(3);
        makeWindow(&settings);
        QVERIFY(m_window->healthMonitor());
        QCOMPARE(m_window->healthMonitor()->settings().concurrency, 3);

        child<QAction>(QStringLiteral("actionSettings"))->trigger();
        auto *dialog = waitForChild<SettingsDialog>(QStringLiteral("settingsDialog"));
        QVERIFY(dialog);
        dialog->findChild<QSpinBox *>(QStringLiteral("concurrencySpin"))->setValue(5);
        auto *interval = dialog->findChild<QLineEdit *>(QStringLiteral("intervalEdit"));
        interval->setText(QStringLiteral("5s")); // too short: refused in place
        auto *buttons = dialog->findChild<QDialogButtonBox *>(QStringLiteral("buttons"));
        QVERIFY(!buttons->button(QDialogButtonBox::Ok)->isEnabled());
        QVERIFY(dialog->findChild<MessageWidget *>(QStringLiteral("settingsError"))->isVisible());
        interval->setText(QStringLiteral("2m"));
        QVERIFY(buttons->button(QDialogButtonBox::Ok)->isEnabled());
        buttons->button(QDialogButtonBox::Ok)->click();
        QTRY_VERIFY(m_window->healthMonitor() &&
                    m_window->healthMonitor()->settings().concurrency == 5);
        QCOMPARE(m_window->healthMonitor()->settings().defaultIntervalMs, 120'000);

        child<QAction>(QStringLiteral("actionSettings"))->trigger();
        QTRY_VERIFY((dialog = m_window->findChild<SettingsDialog *>(
                         QStringLiteral("settingsDialog"))) != nullptr &&
                    dialog->isVisible());
        dialog->findChild<QCheckBox *>(QStringLiteral("monitorCheck"))->setChecked(false);
        dialog->findChild<QDialogButtonBox *>(QStringLiteral("buttons"))
            ->button(QDialogButtonBox::Ok)
            ->click();
        QTRY_VERIFY(!m_window->healthMonitor());

        ConsoleSettings reread(settingsPath());
        QCOMPARE(reread.monitorConcurrency(), 5);
        QCOMPARE(reread.defaultIntervalMs(), 120'000);
        QVERIFY(!reread.monitorEnabled());
    }

    // Finding: there is no Test button in the add/edit dialog.
    void theDialogTestsUnsavedValues()
    {
        IntegrationDialog dialog(*m_catalog, test::registry(), m_ctx, true, m_window.get());
        dialog.setLauncher(&m_services->launcher);
        dialog.show();
        dialog.selectProvider(QStringLiteral("InMemory"));
        dialog.findChild<QLineEdit *>(QStringLiteral("nameEdit"))
            ->setText(QStringLiteral("Try me"));
        dialog.findChild<QLineEdit *>(QStringLiteral("endpointEdit"))
            ->setText(QStringLiteral("https://try.sandbox.invalid"));
        auto *test = dialog.findChild<QPushButton *>(QStringLiteral("testButton"));
        QVERIFY(test && test->isVisible());
        QTRY_VERIFY(test->isEnabled());
        test->click();
        auto *run = dialog.findChild<TestConnectionDialog *>(QStringLiteral("unsavedTestDialog"));
        QVERIFY(run);
        QCOMPARE(run->integration().name, QStringLiteral("Try me"));
        QTRY_VERIFY_WITH_TIMEOUT(!run->isRunning(), 10'000);
        QCOMPARE(toString(run->state()), toString(TestConnectionDialog::State::Passed));
        // Nothing was saved by testing.
        QCOMPARE(test::listVia(*m_catalog, m_ctx).size(), 2);
    }

    // Finding: no Help/About.
    void aboutNamesTheVersionsAndLicences()
    {
        child<QAction>(QStringLiteral("actionAbout"))->trigger();
        auto *about = waitForChild<QMessageBox>(QStringLiteral("aboutDialog"));
        QVERIFY(about);
        QVERIFY(about->informativeText().contains(QString::fromLatin1(qVersion())));
        QVERIFY(about->informativeText().contains(QStringLiteral("Apache License 2.0")));
        QVERIFY(about->informativeText().contains(QStringLiteral("Lesser General Public")));
        QVERIFY(about->text().contains(QStringLiteral("Version")));
        about->close();
    }

    // Finding: no import/export in the GUI.
    void exportsAndImportsFromTheWindow()
    {
        const QString file = m_dir.filePath(QStringLiteral("export-%1.json").arg(m_n));
        QSignalSpy finished(m_window.get(), &MainWindow::transferFinished);
        m_window->exportTo(file);
        QVERIFY(
            child<QProgressBar>(QStringLiteral("transferProgress"))->isVisibleTo(m_window.get()));
        QVERIFY(finished.wait(10'000));
        QCOMPARE(finished.first().first().toString(),
                 QStringLiteral("Exported 2 integrations to %1.").arg(file));
        QVERIFY(
            !child<QProgressBar>(QStringLiteral("transferProgress"))->isVisibleTo(m_window.get()));
        QFile written(file);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QByteArray document = written.readAll();
        QVERIFY(document.contains("Harbor prod"));
        QVERIFY(document.contains("authref://env/JENKINS_TOKEN"));

        // Into a fresh catalog: every integration comes in, and the list shows them.
        const DatabaseUrl fresh =
            DatabaseUrl::sqliteFile(m_dir.filePath(QStringLiteral("imported-%1.db").arg(m_n)));
        QSignalSpy settled(m_window.get(), &MainWindow::settled);
        m_window->openCatalog(fresh);
        QVERIFY(settled.wait(10'000));
        QCOMPARE(m_window->listModel()->rowCount(), 0);
        finished.clear();
        m_window->importFrom(file);
        QVERIFY(finished.wait(10'000));
        QCOMPARE(finished.first().first().toString(),
                 QStringLiteral("Imported 2 integrations from %1.").arg(file));
        QTRY_COMPARE(m_window->listModel()->rowCount(), 2);

        // The same file again: its ids are in use, so nothing of it is saved, and a message
        // says why.
        finished.clear();
        m_window->importFrom(file);
        QVERIFY(finished.wait(10'000));
        auto *error = waitForChild<QMessageBox>(QStringLiteral("transferError"));
        QVERIFY(error);
        QVERIFY(error->text().contains(QStringLiteral("catalog is unchanged")));
        QVERIFY2(error->informativeText().contains(QStringLiteral("already in use")),
                 qPrintable(error->informativeText()));
        delete error;
        QCOMPARE(test::listVia(*m_catalog, m_ctx).size(), 2);

        // Bad input: a malformed file is said in a message and saves nothing.
        const QString bad = m_dir.filePath(QStringLiteral("bad-%1.json").arg(m_n));
        QFile broken(bad);
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write(R"({"format": "stella-integrations-export", "formatVersion": 1,
                        "integrations": [{"name": 42}]})");
        broken.close();
        finished.clear();
        m_window->importFrom(bad);
        QVERIFY(finished.wait(10'000));
        QTRY_VERIFY((error = m_window->findChild<QMessageBox *>(QStringLiteral("transferError"))) !=
                    nullptr);
        QVERIFY(!error->informativeText().isEmpty());
        delete error;
        QCOMPARE(test::listVia(*m_catalog, m_ctx).size(), 2);

        // A file that is not there.
        finished.clear();
        m_window->importFrom(m_dir.filePath(QStringLiteral("missing.json")));
        QVERIFY(finished.wait(10'000));
        QTRY_VERIFY((error = m_window->findChild<QMessageBox *>(QStringLiteral("transferError"))) !=
                    nullptr);
        QVERIFY(error->informativeText().contains(QStringLiteral("Cannot read")));
    }

    // Finding: a long name clips Check now.
    void aLongNameLeavesCheckNowVisible()
    {
        const Integration longName = test::addVia(
            *m_catalog, m_ctx,
            test::draft(QStringLiteral("Harbor"),
                        QStringLiteral("A very long integration name ").repeated(6).trimmed(),
                        QStringLiteral("https://long.example.com")));
        QTRY_VERIFY(m_window->selectIntegration(longName.id));
        QTabWidget *tabs = m_window->detailTabs();
        tabs->setCurrentWidget(m_window->detailPane());
        auto *checkNow = m_window->detailPane()->findChild<QToolButton *>(
            QStringLiteral("actionCheckNowButton"));
        QVERIFY(checkNow);
        QTRY_VERIFY(checkNow->isVisible());
        // The pane fills in as the catalog thread's answers arrive (a loaded machine: later),
        // and each relayout moves the button: what counts is where it settles.
        const auto inPane = [&] {
            return QRect(checkNow->mapTo(m_window->detailPane(), QPoint(0, 0)), checkNow->size());
        };
        QTRY_VERIFY2(m_window->detailPane()->rect().contains(inPane()),
                     qPrintable(QStringLiteral("Check now at %1,%2 %3 wide; pane %4 wide")
                                    .arg(inPane().x())
                                    .arg(inPane().y())
                                    .arg(inPane().width())
                                    .arg(m_window->detailPane()->width())));
    }

    // Finding: choosing the Custom range widens the pane and hides the list's Status column.
    void theCustomRangeKeepsThePaneWidth()
    {
        QTabWidget *tabs = m_window->detailTabs();
        m_window->showHealth();
        const int before = tabs->minimumSizeHint().width();
        child<QToolButton>(QStringLiteral("healthRangeCustom"))->click();
        QTRY_VERIFY(child<QWidget>(QStringLiteral("healthFrom"))->isVisible());
        QVERIFY2(
            tabs->minimumSizeHint().width() <= before,
            qPrintable(QStringLiteral("%1 > %2").arg(tabs->minimumSizeHint().width()).arg(before)));
    }

    // Finding: the 7 d axis skips a day.
    void theWeekAxisLabelsEveryDay()
    {
        QCOMPARE(HealthChartView::timeTickCount(7 * 86'400), 8);
        QCOMPARE(HealthChartView::timeTickCount(30 * 86'400), 11);
        QCOMPARE(HealthChartView::timeTickCount(86'400), 7);
        HealthChartView chart;
        HealthHistory history;
        history.to = test::fixedNow();
        history.from = history.to.addDays(-7);
        history.bucketSeconds = 3600;
        chart.setHistory(history);
        const auto axes = chart.chart()->axes(Qt::Horizontal);
        QCOMPARE(axes.size(), 1);
        auto *time = qobject_cast<QDateTimeAxis *>(axes.first());
        QVERIFY(time);
        // One tick a day: every date of the week has its label, none skipped.
        QCOMPARE(time->tickCount(), 8);
        QSet<QDate> days;
        const qint64 step = history.from.secsTo(history.to) / (time->tickCount() - 1);
        for (int t = 0; t < time->tickCount(); ++t)
            days.insert(history.from.addSecs(step * t).toLocalTime().date());
        QCOMPARE(days.size(), 8);
    }

    // Finding: "The last 1 checks".
    void oneCheckIsNotPlural()
    {
        record(m_harbor.id, 1);
        QVERIFY(m_window->selectIntegration(m_harbor.id));
        QTRY_COMPARE(child<QLabel>(QStringLiteral("detailHistoryNote"))->text(),
                     QStringLiteral("The last check."));
        record(m_harbor.id, 1);
        QTRY_COMPARE(child<QLabel>(QStringLiteral("detailHistoryNote"))->text(),
                     QStringLiteral("The last 2 checks, newest first."));
    }

    // Finding: Details says UTC where Health says local time.
    void detailsAndHealthBothShowLocalTimeWithTheZone()
    {
        record(m_harbor.id, 1);
        QVERIFY(m_window->selectIntegration(m_harbor.id));
        auto *history = child<QTableWidget>(QStringLiteral("detailHistory"));
        QTRY_COMPARE(history->rowCount(), 1);
        const QDateTime checkedAt = m_clock.now().addSecs(-60);
        QCOMPARE(history->item(0, 0)->text(), localTimeText(checkedAt));
        const QString zone = QDateTime::currentDateTime().timeZoneAbbreviation();
        QCOMPARE(history->horizontalHeaderItem(0)->text(), localTimeColumnTitle());
        QVERIFY(localTimeColumnTitle().contains(zone));
        auto *checks = child<QTableView>(QStringLiteral("healthChecks"));
        QCOMPARE(checks->model()->headerData(0, Qt::Horizontal).toString(), localTimeColumnTitle());
    }

    // Finding: sorting by Type is not alphabetical.
    void typeSortsByItsName()
    {
        IntegrationListModel model(m_clock);
        QList<Integration> rows;
        for (const IntegrationType type :
             {IntegrationType::Registry, IntegrationType::Scm, IntegrationType::CiCd,
              IntegrationType::SecretsManager, IntegrationType::RuntimeHost,
              IntegrationType::ObjectStorage, IntegrationType::FeedMirror}) {
            Integration i;
            i.id = QUuid::createUuid();
            i.type = type;
            i.name = toString(type);
            rows.append(i);
        }
        model.setIntegrations(rows);
        model.sort(IntegrationListModel::TypeColumn, Qt::AscendingOrder);
        QStringList shown;
        for (int r = 0; r < model.rowCount(); ++r)
            shown.append(model.index(r, IntegrationListModel::TypeColumn).data().toString());
        QStringList sorted = shown;
        std::sort(sorted.begin(), sorted.end(), [](const QString &a, const QString &b) {
            return QString::compare(a, b, Qt::CaseInsensitive) < 0;
        });
        QCOMPARE(shown, sorted);
    }

    // Finding: Escape does not clear the filter.
    void escapeClearsTheFilter()
    {
        auto *filter = child<QLineEdit>(QStringLiteral("filterEdit"));
        m_window->activateWindow();
        filter->setFocus();
        QTest::keyClicks(filter, QStringLiteral("jenk"));
        QCOMPARE(m_window->listModel()->rowCount(), 1);
        QTest::keyClick(filter, Qt::Key_Escape);
        QCOMPARE(filter->text(), QString());
        QCOMPARE(m_window->listModel()->rowCount(), 2);
    }

    // Finding: Return on a row does nothing.
    void returnOnARowOpensItForEdit()
    {
        QVERIFY(m_window->selectIntegration(m_harbor.id));
        QTest::keyClick(m_window->table(), Qt::Key_Return);
        auto *dialog = waitForChild<IntegrationDialog>(QString());
        QVERIFY(dialog);
        QVERIFY(dialog->isEditing());
        QCOMPARE(dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->text(),
                 QStringLiteral("Harbor prod"));
        dialog->reject();
    }

    // Finding: the delete confirmation mentions a secret for an integration that has none and
    // wraps its URL.
    void deleteConfirmationFitsTheIntegration()
    {
        const auto confirmationFor = [this](const QUuid &id) {
            m_window->selectIntegration(id);
            child<QAction>(QStringLiteral("actionDelete"))->trigger();
            return waitForChild<QMessageBox>(QStringLiteral("confirmDelete"));
        };
        QMessageBox *box = confirmationFor(m_harbor.id);
        QVERIFY(box);
        QVERIFY(!box->informativeText().contains(QStringLiteral("secret")));
        QVERIFY(box->informativeText().contains(
            QStringLiteral("<nobr>https://harbor-prod.example-company.com</nobr>")));
        box->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!m_window->findChild<QMessageBox *>(QStringLiteral("confirmDelete")));

        box = confirmationFor(m_secured.id);
        QVERIFY(box);
        QVERIFY(box->informativeText().contains(QStringLiteral("secret")));
        box->button(QMessageBox::Cancel)->click();
    }

    // Finding: Copy report gives no sign that it copied.
    void copyReportSaysItCopied()
    {
        Integration demo = m_harbor;
        demo.provider = QStringLiteral("InMemory");
        demo.config = {{QStringLiteral("latency"), QStringLiteral("1ms")}};
        TestConnectionDialog dialog(m_services->launcher, demo);
        dialog.show();
        dialog.start();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isRunning(), 10'000);
        auto *copy = dialog.findChild<QPushButton *>(QStringLiteral("copyReportButton"));
        const QString before = copy->text();
        copy->click();
        QVERIFY(copy->text() != before);
        QVERIFY(copy->text().contains(QStringLiteral("Copied")));
        QCOMPARE(QGuiApplication::clipboard()->text(), dialog.report());
        // A new run offers to copy again.
        dialog.start();
        QCOMPARE(copy->text(), before);
    }

    // Finding: the window title repeats the application's name.
    void theTitleDoesNotRepeatTheApplicationName()
    {
        QVERIFY(m_window->windowTitle().contains(m_url.displayString()));
        QVERIFY(!m_window->windowTitle().contains(QApplication::applicationDisplayName()));
    }

    // Finding: a bad PostgreSQL port shows QUrl's internal dump instead of a message.
    void aBadPostgresPortIsSaidPlainly()
    {
        OpenCatalogDialog dialog(m_url);
        dialog.show();
        dialog.findChild<QLineEdit *>(QStringLiteral("postgresUrlEdit"))
            ->setText(QStringLiteral("postgresql://ops@db.example.com:54x2/stella"));
        auto *error = dialog.findChild<MessageWidget *>(QStringLiteral("urlError"));
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(QStringLiteral("port must be a number from 1 to 65535, "
                                                       "not '54x2'")),
                 qPrintable(error->text()));
        QVERIFY(!error->text().contains(QStringLiteral("s3cret")));
        QVERIFY(!error->text().contains(QStringLiteral("source was")));
        QVERIFY(!dialog.isValid());
    }

    // Finding: the open-catalog dialog shows its red error before anything is typed, and its
    // hint mentions `--db`, a CLI flag.
    void theOpenDialogIsQuietUntilTypedAndNamesNoCliFlag()
    {
        OpenCatalogDialog dialog(DatabaseUrl::inMemory());
        dialog.show();
        auto *error = dialog.findChild<MessageWidget *>(QStringLiteral("urlError"));
        QVERIFY(!error->isVisible());
        QVERIFY(!dialog.isValid());
        dialog.findChild<QLineEdit *>(QStringLiteral("postgresUrlEdit"))
            ->setText(QStringLiteral("postgresql://"));
        QVERIFY(error->isVisible());

        // A catalog that cannot be created: the reason and hint name no command-line flag.
        QFile blocker(m_dir.filePath(QStringLiteral("a-file-%1").arg(m_n)));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        QSignalSpy failed(m_window.get(), &MainWindow::catalogOpenFailed);
        m_window->openCatalog(
            DatabaseUrl::sqliteFile(blocker.fileName() + QStringLiteral("/sub/catalog.db")));
        QVERIFY(failed.wait(10'000));
        const QString shown = m_window->errorBanner()->plainText();
        QVERIFY2(shown.contains(QStringLiteral("Check the permissions")), qPrintable(shown));
        QVERIFY2(!shown.contains(QStringLiteral("--db")), qPrintable(shown));
    }
};

QTEST_MAIN(TestOperatorFindings)
#include "tst_operatorfindings.moc"
