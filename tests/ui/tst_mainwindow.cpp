// SPDX-License-Identifier: Apache-2.0
#include "TestSupport.h"
#include "UiTestSupport.h"
#include "core/health/HealthMonitor.h"
#include "ui/common/HealthCheckRunner.h"
#include "ui/common/HealthNotifier.h"
#include "ui/common/ListFreshness.h"
#include "ui/dialogs/IntegrationDialog.h"
#include "ui/dialogs/TestConnectionDialog.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/models/ConnectorStepModel.h"
#include "ui/models/DiscoveredResourceModel.h"
#include "ui/models/HealthCheckTableModel.h"
#include "ui/models/IntegrationListModel.h"
#include "ui/session/ConsoleServices.h"
#include "ui/views/DiscoverPane.h"
#include "ui/views/HealthChartView.h"
#include "ui/views/HealthPane.h"
#include "ui/views/IntegrationDetailPane.h"
#include "ui/views/MessageWidget.h"
#include "ui/wizard/OnboardingWizard.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>

using namespace stella;
using namespace stella::ui;

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ManualClock m_clock{test::fixedNow()};
    std::unique_ptr<CatalogThread> m_catalog;
    std::unique_ptr<ConsoleServices> m_services; // made before the window, as main.cpp does
    std::unique_ptr<MainWindow> m_window;
    DatabaseUrl m_url;
    const RequestContext m_ctx{QStringLiteral("default"), QStringLiteral("tester")};
    const RequestContext m_acme{QStringLiteral("acme"), QStringLiteral("tester")};
    int m_n = 0;

    template <typename W> W *child(const QString &name) const
    {
        W *w = m_window->findChild<W *>(name);
        if (!w)
            qFatal("no widget %s", qPrintable(name));
        return w;
    }
    QStringList shownNames() const
    {
        QStringList names;
        const IntegrationListModel *model = m_window->listModel();
        for (int r = 0; r < model->rowCount(); ++r)
            names.append(model->integrationAt(r)->name);
        return names;
    }
    const Integration *byName(const QString &name) const
    {
        const IntegrationListModel *model = m_window->listModel();
        for (int r = 0; r < model->rowCount(); ++r)
            if (model->integrationAt(r)->name == name)
                return model->integrationAt(r);
        qFatal("no integration %s", qPrintable(name));
    }
    QString cell(const QUuid &id, int column, int role = Qt::DisplayRole) const
    {
        const IntegrationListModel *model = m_window->listModel();
        return model->index(model->rowOf(id), column).data(role).toString();
    }
    void openSandbox()
    {
        QSignalSpy settled(m_window.get(), &MainWindow::settled);
        m_window->openSandbox();
        QVERIFY(settled.wait(10'000));
    }
    QMessageBox *confirmation() const
    {
        return m_window->findChild<QMessageBox *>(QStringLiteral("confirmDelete"));
    }

private Q_SLOTS:
    void init()
    {
        m_catalog = std::make_unique<CatalogThread>(test::registry(), m_clock);
        m_url = DatabaseUrl::sqliteFile(m_dir.filePath(QStringLiteral("window-%1.db").arg(++m_n)));
        QVERIFY(test::waitFor(m_catalog->open(m_url)).ok());
        test::addVia(*m_catalog, m_ctx,
                     test::draft(QStringLiteral("Harbor"), QStringLiteral("Harbor prod"),
                                 QStringLiteral("https://harbor.example.com")));
        test::addVia(*m_catalog, m_ctx,
                     test::draft(QStringLiteral("Jenkins"), QStringLiteral("Jenkins CI"),
                                 QStringLiteral("https://ci.example.com")));
        test::addVia(*m_catalog, m_ctx,
                     test::draft(QStringLiteral("Consul"), QStringLiteral("Consul"),
                                 QStringLiteral("https://consul.internal")));
        test::addVia(*m_catalog, m_acme,
                     test::draft(QStringLiteral("GitLabServer"), QStringLiteral("Acme GitLab"),
                                 QStringLiteral("https://gitlab.acme.test")));

        // Jenkins' connector taken out: "Jenkins CI" stands for a provider without a connector.
        m_services = std::make_unique<ConsoleServices>(
            *m_catalog, test::registryWithoutJenkinsConnector(), m_clock, m_ctx);
        m_window = std::make_unique<MainWindow>(*m_services);
        // These tests drive checks themselves; the monitor's own tests switch it on.
        m_window->setMonitorEnabled(false);
        m_window->show();
        QSignalSpy settled(m_window.get(), &MainWindow::settled);
        m_window->openCatalog(m_url);
        QVERIFY(settled.wait(10'000));
    }

    void cleanup()
    {
        m_window.reset();
        m_services.reset();
        m_catalog.reset();
    }

    void showsTheTenantsIntegrationsAndTheFirstInDetail()
    {
        QCOMPARE(shownNames(), (QStringList{QStringLiteral("Consul"), QStringLiteral("Harbor prod"),
                                            QStringLiteral("Jenkins CI")}));
        QCOMPARE(child<QLabel>(QStringLiteral("countLabel"))->text(),
                 QStringLiteral("3 integrations"));
        QVERIFY(
            child<QLabel>(QStringLiteral("catalogLabel"))->text().contains(m_url.displayString()));
        QVERIFY(m_window->windowTitle().contains(m_url.displayString()));
        QVERIFY(!m_window->windowTitle().contains(QStringLiteral("sandbox")));
        QCOMPARE(m_window->selectedIntegration()->name, QStringLiteral("Consul"));
        QCOMPARE(m_window->detailPane()->integrationId(), m_window->selectedIntegration()->id);
        QCOMPARE(child<QLabel>(QStringLiteral("detailTitle"))->text(), QStringLiteral("Consul"));
        QCOMPARE(child<QLabel>(QStringLiteral("detailEndpoint"))->text(),
                 QStringLiteral("https://consul.internal"));
        // Every known tenant is offered.
        auto *tenants = child<QComboBox>(QStringLiteral("tenantCombo"));
        QTRY_COMPARE(tenants->count(), 2);
        QVERIFY(tenants->findText(QStringLiteral("acme")) >= 0);
        QCOMPARE(tenants->currentText(), QStringLiteral("default"));
    }

    void filtersAsTheOperatorTypes()
    {
        auto *filter = child<QLineEdit>(QStringLiteral("filterEdit"));
        QTest::keyClicks(filter, QStringLiteral("jenk"));
        QCOMPARE(shownNames(), QStringList{QStringLiteral("Jenkins CI")});
        QCOMPARE(child<QLabel>(QStringLiteral("countLabel"))->text(),
                 QStringLiteral("1 of 3 integrations shown"));
        // The detail pane follows what is left.
        QCOMPARE(m_window->selectedIntegration()->name, QStringLiteral("Jenkins CI"));

        filter->clear();
        QTest::keyClicks(filter, QStringLiteral("EXAMPLE.COM"));
        QCOMPARE(shownNames(),
                 (QStringList{QStringLiteral("Harbor prod"), QStringLiteral("Jenkins CI")}));
        filter->clear();
        QTest::keyClicks(filter, QStringLiteral("registry"));
        QCOMPARE(shownNames(), QStringList{QStringLiteral("Harbor prod")});
        filter->clear();
        QCOMPARE(shownNames().size(), 3);
        QCOMPARE(child<QLabel>(QStringLiteral("countLabel"))->text(),
                 QStringLiteral("3 integrations"));
    }

    void sortsWhenAHeaderIsClicked()
    {
        QTableView *table = m_window->table();
        table->sortByColumn(IntegrationListModel::EndpointColumn, Qt::DescendingOrder);
        QCOMPARE(shownNames(), (QStringList{QStringLiteral("Harbor prod"), QStringLiteral("Consul"),
                                            QStringLiteral("Jenkins CI")}));
    }

    void deletesAfterConfirmation()
    {
        QVERIFY(m_window->selectIntegration(
            m_window->listModel()->integrationAt(1)->id)); // Harbor prod
        auto *remove = child<QAction>(QStringLiteral("actionDelete"));
        QVERIFY(remove->isEnabled());

        // Cancel keeps it.
        remove->trigger();
        QTRY_VERIFY(confirmation() && confirmation()->isVisible());
        QVERIFY(confirmation()->text().contains(QStringLiteral("Harbor prod")));
        confirmation()->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!confirmation());
        QCOMPARE(test::listVia(*m_catalog, m_ctx).size(), 3);

        // Delete removes it, from the list and from the catalog.
        QSignalSpy removed(m_window.get(), &MainWindow::integrationRemoved);
        remove->trigger();
        QTRY_VERIFY(confirmation() && confirmation()->isVisible());
        confirmation()->button(QMessageBox::Yes)->click();
        QVERIFY(removed.wait(10'000));
        QCOMPARE(shownNames(),
                 (QStringList{QStringLiteral("Consul"), QStringLiteral("Jenkins CI")}));
        QCOMPARE(test::listVia(*m_catalog, m_ctx).size(), 2);
        QCOMPARE(child<QLabel>(QStringLiteral("countLabel"))->text(),
                 QStringLiteral("2 integrations"));
        QVERIFY(m_window->selectedIntegration()); // the selection moved to a neighbour
    }

    void aDeleteOfAChangedIntegrationIsRefused()
    {
        const Integration harbor = *m_window->listModel()->integrationAt(1);
        m_window->selectIntegration(harbor.id);
        child<QAction>(QStringLiteral("actionDelete"))->trigger();
        QTRY_VERIFY(confirmation() && confirmation()->isVisible());
        // Someone renames it while the operator reads the question.
        const RequestContext ctx = m_ctx;
        QVERIFY(test::waitFor(m_catalog->run([ctx, id = harbor.id](IntegrationCatalog &c) {
                    IntegrationPatch p;
                    p.name = QStringLiteral("Harbor (renamed)");
                    return c.update(ctx, id, p);
                })).ok());
        // Only the deletion's answer may show the banner; the rename itself is no error.
        confirmation()->button(QMessageBox::Yes)->click();
        QTRY_VERIFY(m_window->errorBanner()->isVisible());
        QVERIFY2(m_window->errorBanner()->plainText().contains(
                     QStringLiteral("changed by someone else")),
                 qPrintable(m_window->errorBanner()->plainText()));
        QCOMPARE(test::listVia(*m_catalog, m_ctx).size(), 3);
        QTRY_VERIFY(
            shownNames().contains(QStringLiteral("Harbor (renamed)"))); // followed the change
    }

    void switchesTenant()
    {
        auto *tenants = child<QComboBox>(QStringLiteral("tenantCombo"));
        QTRY_COMPARE(tenants->count(), 2);
        QSignalSpy loaded(m_window.get(), &MainWindow::listLoaded);
        tenants->setCurrentIndex(tenants->findText(QStringLiteral("acme")));
        Q_EMIT tenants->activated(tenants->currentIndex());
        QVERIFY(loaded.wait(10'000));
        QCOMPARE(m_window->tenant(), QStringLiteral("acme"));
        QCOMPARE(shownNames(), QStringList{QStringLiteral("Acme GitLab")});
        QVERIFY(
            child<QLabel>(QStringLiteral("catalogLabel"))->text().contains(QStringLiteral("acme")));

        // A brand-new tenant, asked for through "New tenant…": an empty list, ready for its
        // first integration.
        child<QAction>(QStringLiteral("actionNewTenant"))->trigger();
        QInputDialog *ask = nullptr;
        QTRY_VERIFY((ask = m_window->findChild<QInputDialog *>(
                         QStringLiteral("newTenantDialog"))) != nullptr);
        ask->setTextValue(QStringLiteral("newco"));
        ask->accept();
        QTRY_COMPARE(loaded.count(), 2);
        QCOMPARE(m_window->tenant(), QStringLiteral("newco"));
        QCOMPARE(shownNames(), QStringList{});
        QVERIFY(m_window->detailPane()->integrationId().isNull());
    }

    void theStatusBarShowsTheKeychainStateAndWhatToDo()
    {
        auto *status = child<QToolButton>(QStringLiteral("keychainStatus"));
        if (test::keychainAvailable()) // the probe at start-up, against scripts/test's keyring
            QTRY_COMPARE_WITH_TIMEOUT(status->text(), QStringLiteral("Keychain: available"),
                                      20'000);
        const QString detail = QStringLiteral("Unlock your login keyring and try again");
        m_window->setKeychainState(KeychainSecretStore::State::Locked, detail);
        QCOMPARE(status->text(), QStringLiteral("Keychain: locked"));
        QVERIFY2(status->toolTip().contains(detail), qPrintable(status->toolTip()));
        QVERIFY(status->toolTip().contains(QStringLiteral("authref://env/NAME")));
        status->click();
        QMessageBox *help = nullptr;
        QTRY_VERIFY((help = m_window->findChild<QMessageBox *>(QStringLiteral("keychainHelp"))) &&
                    help->isVisible());
        QVERIFY(help->informativeText().contains(detail));
        help->close();

        m_window->setKeychainState(KeychainSecretStore::State::Unavailable,
                                   QStringLiteral("No Secret Service"));
        QCOMPARE(status->text(), QStringLiteral("Keychain: unavailable"));
        // The dialog opened now says so and offers existing AuthRefs.
        child<QAction>(QStringLiteral("actionAdd"))->trigger();
        IntegrationDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = m_window->findChild<IntegrationDialog *>()) && dialog->isVisible());
        auto *notice = dialog->findChild<MessageWidget *>(QStringLiteral("keychainNotice"));
        QVERIFY(notice && notice->isVisible());
        QVERIFY(notice->text().contains(QStringLiteral("No Secret Service")));
        dialog->reject();
    }

    void addsThroughTheDialogAndSelectsTheNewRow()
    {
        child<QAction>(QStringLiteral("actionAdd"))->trigger();
        IntegrationDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = m_window->findChild<IntegrationDialog *>()) && dialog->isVisible());
        dialog->selectProvider(QStringLiteral("DockerRegistry"));
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit")),
                         QStringLiteral("Docker mirror"));
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("endpointEdit")),
                         QStringLiteral("https://mirror.example.com"));
        dialog->findChild<QDialogButtonBox *>(QStringLiteral("buttons"))
            ->button(QDialogButtonBox::Ok)
            ->click();
        QTRY_VERIFY(!m_window->findChild<IntegrationDialog *>());
        QTRY_COMPARE(shownNames().size(), 4);
        QCOMPARE(m_window->selectedIntegration()->name, QStringLiteral("Docker mirror"));
        QCOMPARE(test::listVia(*m_catalog, m_ctx).size(), 4);
    }

    void followsChangesMadeElsewhere()
    {
        // Another writer (the CLI, the health monitor) on the same catalog thread.
        const Integration added =
            test::addVia(*m_catalog, m_ctx,
                         test::draft(QStringLiteral("Nexus"), QStringLiteral("Nexus"),
                                     QStringLiteral("https://nexus.example.com")));
        QTRY_COMPARE(shownNames().size(), 4);
        const RequestContext ctx = m_ctx;
        HealthCheckRecord check;
        check.integrationId = added.id;
        check.checkedAt = m_clock.now().addSecs(-120);
        check.status = HealthStatus::Unhealthy;
        check.latencyMs = 5000;
        QVERIFY(test::waitFor(m_catalog->run([ctx, check](IntegrationCatalog &c) {
                    return c.recordHealthCheck(ctx, check);
                })).ok());
        const IntegrationListModel *model = m_window->listModel();
        QTRY_COMPARE(model->index(model->rowOf(added.id), IntegrationListModel::StatusColumn)
                         .data()
                         .toString(),
                     QStringLiteral("Unhealthy"));
        QCOMPARE(model->index(model->rowOf(added.id), IntegrationListModel::LastCheckedColumn)
                     .data()
                     .toString(),
                 QStringLiteral("2 min ago"));
        // Changes in another tenant do not leak in.
        test::addVia(*m_catalog, m_acme,
                     test::draft(QStringLiteral("Nexus"), QStringLiteral("Acme Nexus"),
                                 QStringLiteral("https://nexus.acme.test")));
        QTRY_COMPARE(test::listVia(*m_catalog, m_acme).size(), 2);
        QCOMPARE(shownNames().size(), 4);
    }

    void aCatalogThatFailsToOpenLeavesTheCurrentOneOpen()
    {
        const QString junk = m_dir.filePath(QStringLiteral("not-a-catalog.db"));
        QFile file(junk);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray("this is not a SQLite database, just some text that is long enough")
                       .repeated(20));
        file.close();
        const QByteArray before = [&] {
            QFile f(junk);
            f.open(QIODevice::ReadOnly);
            return f.readAll();
        }();

        QSignalSpy failed(m_window.get(), &MainWindow::catalogOpenFailed);
        m_window->openCatalog(DatabaseUrl::sqliteFile(junk));
        QVERIFY(failed.wait(10'000));
        QVERIFY(m_window->errorBanner()->isVisible());
        QVERIFY2(m_window->errorBanner()->plainText().contains(QStringLiteral("still on")),
                 qPrintable(m_window->errorBanner()->plainText()));
        QCOMPARE(m_window->catalogUrl().path, m_url.path);
        QCOMPARE(m_catalog->url().path, m_url.path);
        QCOMPARE(shownNames().size(), 3);

        // The previous catalog still answers.
        QSignalSpy loaded(m_window.get(), &MainWindow::listLoaded);
        child<QAction>(QStringLiteral("actionRefresh"))->trigger();
        QVERIFY(loaded.wait(10'000));
        QCOMPARE(shownNames().size(), 3);
        QFile after(junk);
        QVERIFY(after.open(QIODevice::ReadOnly));
        QCOMPARE(after.readAll(), before); // and the junk file is untouched
    }

    void opensTheSandbox()
    {
        QSignalSpy settled(m_window.get(), &MainWindow::settled);
        m_window->openSandbox();
        QVERIFY(settled.wait(10'000));
        QVERIFY(m_window->isSandbox());
        QVERIFY(m_window->windowTitle().contains(QStringLiteral("(sandbox)")));
        QCOMPARE(m_window->listModel()->totalCount(), 12);
        QVERIFY(m_window->selectedIntegration());
        // 30 days of history: the detail pane shows the last ten checks.
        QCOMPARE(child<QTableWidget>(QStringLiteral("detailHistory"))->rowCount(),
                 IntegrationDetailPane::kHistoryRows);
        QSet<QString> types;
        for (int r = 0; r < m_window->listModel()->rowCount(); ++r)
            types.insert(toString(m_window->listModel()->integrationAt(r)->type));
        QCOMPARE(types.size(), 7);
    }

    void theDetailAreaHasHealthAndDiscoverTabs()
    {
        QTabWidget *tabs = m_window->detailTabs();
        QCOMPARE(tabs->count(), 3);
        QCOMPARE(tabs->tabText(0), QStringLiteral("Details"));
        QCOMPARE(tabs->tabText(1), QStringLiteral("Health"));
        QCOMPARE(tabs->tabText(2), QStringLiteral("Discover"));
        QCOMPARE(tabs->widget(1), static_cast<QWidget *>(m_window->healthPane()));
        QCOMPARE(tabs->widget(0), static_cast<QWidget *>(m_window->detailPane()));
        child<QAction>(QStringLiteral("actionDiscover"))->trigger();
        QCOMPARE(tabs->currentWidget(), static_cast<QWidget *>(m_window->discoverPane()));
        QCOMPARE(m_window->discoverPane()->integrationId(), m_window->selectedIntegration()->id);
    }

    void testConnectionOpensTheLiveDialog()
    {
        openSandbox();
        QVERIFY(m_window->selectIntegration(byName(QStringLiteral("Harbor (sandbox)"))->id));
        auto *test = child<QAction>(QStringLiteral("actionTest"));
        QVERIFY(test->isEnabled());
        QCOMPARE(test->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_T));
        // The same action sits in the detail pane, next to the name.
        QCOMPARE(child<QToolButton>(QStringLiteral("actionTestButton"))->defaultAction(), test);
        test->trigger();
        auto *dialog = child<TestConnectionDialog>(QStringLiteral("testConnectionDialog"));
        QVERIFY(dialog->isVisible());
        QVERIFY(!dialog->isModal()); // the operator keeps working in the window
        QSignalSpy done(dialog, &TestConnectionDialog::testFinished);
        if (dialog->isRunning())
            QVERIFY(done.wait(10'000));
        QCOMPARE(toString(dialog->state()), QStringLiteral("passed"));
        QCOMPARE(dialog->stepModel()->rowCount(), 5);
        // Asking again brings the open dialog forward instead of stacking a second one.
        test->trigger();
        QCOMPARE(m_window->findChildren<TestConnectionDialog *>().size(), 1);
    }

    void testingAProviderWithoutAConnectorExplainsWhy()
    {
        // Jenkins has no connector in this window's registry (the registries do).
        QVERIFY(m_window->selectIntegration(byName(QStringLiteral("Jenkins CI"))->id));
        child<QAction>(QStringLiteral("actionTest"))->trigger();
        auto *dialog = child<TestConnectionDialog>(QStringLiteral("testConnectionDialog"));
        QCOMPARE(toString(dialog->state()), QStringLiteral("unavailable"));
        QVERIFY2(dialog->resultText().contains(QStringLiteral("no connector for Jenkins")),
                 qPrintable(dialog->resultText()));
    }

    void checkNowRecordsAHealthCheckAndTheRowFollows()
    {
        openSandbox();
        const Integration added =
            test::addVia(*m_catalog, m_ctx,
                         test::draft(QStringLiteral("InMemory"), QStringLiteral("Fresh registry"),
                                     QStringLiteral("https://fresh.sandbox.invalid"),
                                     {{QStringLiteral("scenario"), QStringLiteral("degraded")},
                                      {QStringLiteral("latency"), QStringLiteral("5ms")}}));
        QTRY_VERIFY(m_window->listModel()->rowOf(added.id) >= 0);
        QVERIFY(m_window->selectIntegration(added.id));
        QCOMPARE(cell(added.id, IntegrationListModel::StatusColumn), QStringLiteral("Unknown"));
        QCOMPARE(cell(added.id, IntegrationListModel::LastCheckedColumn), QStringLiteral("never"));

        auto *check = child<QAction>(QStringLiteral("actionCheckNow"));
        QSignalSpy recorded(m_window->healthChecks(), &HealthCheckRunner::checkRecorded);
        check->trigger();
        QVERIFY(!check->isEnabled()); // one check of an integration at a time
        QVERIFY(recorded.wait(10'000));
        const auto record = recorded.first().at(1).value<HealthCheckRecord>();
        STELLA_COMPARE_ENUM(record.status, HealthStatus::Degraded);
        QVERIFY(record.errorMessage.contains(QStringLiteral("degraded")));
        // Through CatalogThread::healthRecorded, like any other check.
        QTRY_COMPARE(cell(added.id, IntegrationListModel::StatusColumn),
                     QStringLiteral("Degraded"));
        QVERIFY(cell(added.id, IntegrationListModel::LastCheckedColumn) != QStringLiteral("never"));
        QTRY_COMPARE(child<QTableWidget>(QStringLiteral("detailHistory"))->rowCount(), 1);
        QCOMPARE(child<QTableWidget>(QStringLiteral("detailHistory"))->item(0, 1)->text(),
                 QStringLiteral("Degraded"));
        QVERIFY(check->isEnabled());
        const auto history =
            test::waitFor(m_catalog->run([ctx = m_ctx, id = added.id](IntegrationCatalog &c) {
                return c.healthHistory(ctx, id, 5);
            }));
        QVERIFY(history.ok());
        QCOMPARE(history->size(), 1);
    }

    void switchingIntegrationCancelsARunningDiscovery()
    {
        openSandbox();
        // The slow scenario: its first page is seconds away.
        QVERIFY(m_window->selectIntegration(byName(QStringLiteral("Jenkins (sandbox)"))->id));
        child<QAction>(QStringLiteral("actionDiscover"))->trigger();
        DiscoverPane *pane = m_window->discoverPane();
        QTest::mouseClick(child<QPushButton>(QStringLiteral("discoverStartButton")),
                          Qt::LeftButton);
        QVERIFY(pane->isRunning());
        QPointer<ConnectorOperation> op = pane->operation();
        QVERIFY(op);

        // A health check of the same integration refreshes the row: the discovery goes on.
        QSignalSpy recorded(m_window->healthChecks(), &HealthCheckRunner::checkRecorded);
        auto fast = *byName(QStringLiteral("Harbor (sandbox)"));
        QVERIFY(m_window->healthChecks()->check(fast, m_ctx));
        QVERIFY(recorded.wait(10'000));
        QVERIFY(pane->isRunning());

        QVERIFY(m_window->selectIntegration(fast.id));
        QVERIFY(op.isNull());
        QVERIFY(!pane->isRunning());
        QCOMPARE(pane->integrationId(), fast.id);
        QCOMPARE(pane->model()->totalCount(), 0);
    }

    void skippingTlsVerificationIsAWarningInTheListAndTheDetails()
    {
        const Integration lax =
            test::addVia(*m_catalog, m_ctx,
                         test::draft(QStringLiteral("Harbor"), QStringLiteral("Harbor lab"),
                                     QStringLiteral("https://harbor.lab.example.com"),
                                     {{QStringLiteral("insecureSkipTlsVerify"), true}}));
        QTRY_VERIFY(m_window->listModel()->rowOf(lax.id) >= 0);
        QVERIFY(cell(lax.id, IntegrationListModel::StatusColumn, Qt::ToolTipRole)
                    .contains(QStringLiteral("TLS verification is off")));
        const Integration *strict = byName(QStringLiteral("Harbor prod"));
        QVERIFY(!cell(strict->id, IntegrationListModel::StatusColumn, Qt::ToolTipRole)
                     .contains(QStringLiteral("TLS")));

        QVERIFY(m_window->selectIntegration(lax.id));
        auto *warning = child<QWidget>(QStringLiteral("detailTlsWarning"));
        QVERIFY(warning->isVisible());
        QVERIFY(m_window->selectIntegration(strict->id));
        QVERIFY(!warning->isVisible());
    }

    // A check that read a TLS certificate near its expiry: the list says it with the status,
    // the detail pane in a field of its own (docs/contracts.md §4).
    void showsWhenTheCertificateExpires()
    {
        const Integration *harbor = byName(QStringLiteral("Harbor prod"));
        QVERIFY(harbor);
        const QUuid id = harbor->id;
        const RequestContext ctx = m_ctx;
        HealthCheckRecord check;
        check.integrationId = id;
        check.checkedAt = m_clock.now().addSecs(-60);
        check.status = HealthStatus::Degraded;
        check.errorMessage = QStringLiteral("certificate expires in 12 days");
        check.certificateExpiresAt = m_clock.now().addDays(12);
        QVERIFY(test::waitFor(m_catalog->run([ctx, check](IntegrationCatalog &c) {
                    return c.recordHealthCheck(ctx, check);
                })).ok());
        QTRY_COMPARE(cell(id, IntegrationListModel::StatusColumn),
                     QStringLiteral("Degraded · certificate expires in 12 days"));
        QVERIFY(m_window->selectIntegration(id));
        QTRY_VERIFY(m_window->findChild<QLabel *>(QStringLiteral("detailCertificate")));
        QCOMPARE(child<QLabel>(QStringLiteral("detailCertificate"))->text().left(26),
                 QStringLiteral("expires in 12 days, until "));
    }

    // The console runs the core's monitor for the open catalog and tenant; a check it records
    // reaches the list through CatalogThread::healthRecorded, like every other check.
    void theMonitorRunsInTheSandboxAndTheListFollows()
    {
        openSandbox();
        QVERIFY(!m_window->healthMonitor()); // switched off by init()
        auto *status = child<QLabel>(QStringLiteral("monitorStatus"));
        QCOMPARE(status->text(), QStringLiteral("Monitor: off"));
        // The sandbox's last checks are 30 minutes old, and its integrations are checked
        // every 30 minutes: due now, but not stale.
        const Integration *vault = byName(QStringLiteral("Vault (sandbox)"));
        const QUuid vaultId = vault->id;
        QCOMPARE(cell(vaultId, IntegrationListModel::StatusColumn), QStringLiteral("Healthy"));
        QCOMPARE(cell(vaultId, IntegrationListModel::LastCheckedColumn),
                 QStringLiteral("30 min ago"));

        m_window->setMonitorEnabled(true);
        HealthMonitor *monitor = m_window->healthMonitor();
        QVERIFY(monitor);
        QVERIFY(monitor->isRunning());
        QCOMPARE(monitor->tenants(), QStringList{m_ctx.tenantId});
        QSignalSpy swept(monitor, &HealthMonitor::sweepFinished);
        QSignalSpy recorded(monitor, &HealthMonitor::checkRecorded);
        // Every sandbox integration is due (one interval after its last check) and checked.
        QVERIFY(swept.wait(20'000));
        QCOMPARE(swept.first().at(0).value<SweepSummary>().checked, 12);
        QCOMPARE(recorded.size(), 12);
        QTRY_COMPARE(cell(vaultId, IntegrationListModel::LastCheckedColumn),
                     QStringLiteral("just now"));
        QCOMPARE(cell(vaultId, IntegrationListModel::StatusColumn), QStringLiteral("Healthy"));
        QVERIFY(status->text().startsWith(QStringLiteral("Monitor: last sweep")));

        // A tenant switch restarts it for that tenant; closing the window stops it.
        m_window->setTenant(QStringLiteral("acme"));
        QTRY_VERIFY(m_window->healthMonitor());
        QCOMPARE(m_window->healthMonitor()->tenants(), QStringList{QStringLiteral("acme")});
        m_window->close();
        QVERIFY(!m_window->healthMonitor());
        QCOMPARE(status->text(), QStringLiteral("Monitor: off"));
    }

    void aTransitionToUnhealthyIsAnnouncedOnce()
    {
        const Integration consul = *byName(QStringLiteral("Consul"));
        QSignalSpy shown(m_window.get(), &MainWindow::notificationShown);
        HealthCheckRecord check;
        check.integrationId = consul.id;
        check.checkedAt = m_clock.now();
        check.status = HealthStatus::Unhealthy;
        check.errorMessage = QStringLiteral("connection refused");
        const RequestContext ctx = m_ctx;
        for (int n = 0; n < 2; ++n)
            QVERIFY(test::waitFor(m_catalog->run([ctx, check](IntegrationCatalog &c) {
                        return c.recordHealthCheck(ctx, check);
                    })).ok());
        QTRY_COMPARE(shown.size(), 1);
        QCOMPARE(shown.first().at(1).toString(),
                 QStringLiteral("Consul is unhealthy: connection refused"));
        // Offscreen there is no system tray: the status bar says it.
        if (!QSystemTrayIcon::isSystemTrayAvailable())
            QCOMPARE(m_window->statusBar()->currentMessage(),
                     QStringLiteral("Consul is unhealthy: connection refused"));
        test::listVia(*m_catalog, m_ctx);
        QCoreApplication::processEvents();
        QCOMPARE(shown.size(), 1);
    }

    void statusesWrittenByAnotherProcessAreReadAgain()
    {
        // A provider with a connector: one without shows "no connector — not checked" instead.
        const Integration harbor = *byName(QStringLiteral("Harbor prod"));
        QCOMPARE(cell(harbor.id, IntegrationListModel::StatusColumn), QStringLiteral("Unknown"));
        // Another process's monitor on the same catalog: a separate connection, no signal here.
        auto other = test::openOrFail(m_url, m_clock);
        QVERIFY(other);
        HealthCheckRecord check;
        check.integrationId = harbor.id;
        check.checkedAt = m_clock.now();
        check.status = HealthStatus::Degraded;
        QVERIFY(other->catalog().recordHealthCheck(m_ctx, check).ok());
        QCoreApplication::processEvents();
        QCOMPARE(cell(harbor.id, IntegrationListModel::StatusColumn), QStringLiteral("Unknown"));

        QSignalSpy reread(m_window->freshness(), &ListFreshness::reread);
        QSignalSpy reset(m_window->listModel(), &QAbstractItemModel::modelReset);
        m_window->freshness()->rereadNow(); // what the 60 s timer does
        QVERIFY(reread.wait(10'000));
        QCOMPARE(reread.first().at(0).toInt(), 1);
        QCOMPARE(cell(harbor.id, IntegrationListModel::StatusColumn), QStringLiteral("Degraded"));
        QCOMPARE(reset.size(), 0);
    }

    void theHealthTabShowsTheSelectedIntegrationsHistory()
    {
        openSandbox();
        const QUuid id = byName(QStringLiteral("eBPF agent (sandbox)"))->id;
        QVERIFY(m_window->selectIntegration(id));
        HealthPane *pane = m_window->healthPane();
        QSignalSpy loaded(pane, &HealthPane::loaded);
        auto *health = child<QAction>(QStringLiteral("actionHealth"));
        QVERIFY(health->isEnabled());
        health->trigger();
        QCOMPARE(m_window->detailTabs()->currentWidget(), static_cast<QWidget *>(pane));
        QVERIFY(loaded.wait(10'000));
        QCOMPARE(pane->integrationId(), id);
        QCOMPARE(pane->chartView()->history().checks(), 48); // every 30 min for a day
        QCOMPARE(pane->checksModel()->rowCount(), HealthPane::kCheckRows);
        // Down for the last two days in the sandbox.
        STELLA_COMPARE_ENUM(pane->chartView()->statusBand().last().status, HealthStatus::Unhealthy);
        // Check now sits in the tab too, and what it records is charted.
        auto *checkNow = child<QToolButton>(QStringLiteral("actionCheckNowHealthButton"));
        QCOMPARE(checkNow->defaultAction(), child<QAction>(QStringLiteral("actionCheckNow")));
        checkNow->click();
        QTRY_COMPARE(pane->chartView()->history().checks(), 49);
        QCOMPARE(pane->checksModel()->checks().first().checkedAt, m_clock.now());
    }

    void aFinishedTestConnectionFeedsTheDurationHistogram()
    {
        openSandbox();
        QVERIFY(m_window->selectIntegration(byName(QStringLiteral("Harbor (sandbox)"))->id));
        QSignalSpy recorded(m_window.get(), &MainWindow::testDurationRecorded);
        child<QAction>(QStringLiteral("actionTest"))->trigger();
        QVERIFY(recorded.wait(10'000));
        QCOMPARE(recorded.first().at(0).toString(), QStringLiteral("InMemory"));
        const auto metrics = test::waitFor(
            m_catalog->run([ctx = m_ctx](IntegrationCatalog &c) { return c.metrics(ctx); }));
        QVERIFY(metrics.ok());
        QCOMPARE(metrics->testConnectionDurations.size(), 1);
        QCOMPARE(metrics->testConnectionDurations.first().provider, QStringLiteral("InMemory"));
        QCOMPARE(metrics->testConnectionDurations.first().count, 1);

        // A cancelled run measured nothing.
        auto *dialog = child<TestConnectionDialog>(QStringLiteral("testConnectionDialog"));
        dialog->start();
        dialog->cancel();
        QCOMPARE(toString(dialog->state()), QStringLiteral("cancelled"));
        test::listVia(*m_catalog, m_ctx);
        QCoreApplication::processEvents();
        QCOMPARE(recorded.size(), 1);
    }

    void anEmptyTenantOffersTheWizardAndCtrlNOpensIt()
    {
        auto *empty = child<QWidget>(QStringLiteral("emptyState"));
        QVERIFY(!empty->isVisible()); // three integrations here
        auto *action = child<QAction>(QStringLiteral("actionNewIntegration"));
        QCOMPARE(action->shortcut(), QKeySequence(QKeySequence::New));
        action->trigger();
        OnboardingWizard *wizard = nullptr;
        QTRY_VERIFY((wizard = m_window->findChild<OnboardingWizard *>()) && wizard->isVisible());
        QCOMPARE(wizard->services().context.tenantId, QStringLiteral("default"));
        wizard->reject();
        QTRY_VERIFY(!m_window->findChild<OnboardingWizard *>());

        m_window->setTenant(QStringLiteral("nobody-yet"));
        QTRY_VERIFY(empty->isVisible());
        auto *button = child<QPushButton>(QStringLiteral("addFirstIntegrationButton"));
        QVERIFY(button->isVisible());
        button->click();
        QTRY_VERIFY((wizard = m_window->findChild<OnboardingWizard *>()) && wizard->isVisible());
        QCOMPARE(wizard->services().context.tenantId, QStringLiteral("nobody-yet"));
        wizard->reject();
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
