// SPDX-License-Identifier: Apache-2.0
// The organised main window (issue #13 items 2-4): the overview dock and summary strip filter
// the list, a prod delete needs its name typed, the problems panel jumps to an integration
// even when the overview or the filter hides it.
#include "TestSupport.h"
#include "UiTestSupport.h"
#include "ui/dialogs/TypedConfirmation.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/models/IntegrationListModel.h"
#include "ui/session/ConsoleServices.h"
#include "ui/views/OverviewSidebar.h"
#include "ui/views/ProblemsPanel.h"
#include "ui/views/SummaryStrip.h"

#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

using namespace stella;
using namespace stella::ui;

class TestOrganisationWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ManualClock m_clock{test::fixedNow()};
    std::unique_ptr<CatalogThread> m_catalog;
    std::unique_ptr<ConsoleServices> m_services;
    std::unique_ptr<MainWindow> m_window;
    const RequestContext m_ctx{QStringLiteral("default"), QStringLiteral("tester")};
    int m_n = 0;

    QStringList shownNames() const
    {
        QStringList names;
        const IntegrationListModel *model = m_window->listModel();
        for (int r = 0; r < model->rowCount(); ++r)
            names.append(model->integrationAt(r)->name);
        return names;
    }

private Q_SLOTS:
    void init()
    {
        m_catalog = std::make_unique<CatalogThread>(test::registry(), m_clock);
        const DatabaseUrl url =
            DatabaseUrl::sqliteFile(m_dir.filePath(QStringLiteral("org-%1.db").arg(++m_n)));
        QVERIFY(test::waitFor(m_catalog->open(url)).ok());
        IntegrationDraft harbor =
            test::draft(QStringLiteral("Harbor"), QStringLiteral("Harbor prod"),
                        QStringLiteral("https://harbor.example.com"));
        harbor.folder = QStringLiteral("Team A/Registries");
        harbor.tier = EnvironmentTier::Prod;
        test::addVia(*m_catalog, m_ctx, harbor);
        IntegrationDraft jenkins =
            test::draft(QStringLiteral("Jenkins"), QStringLiteral("Jenkins CI"),
                        QStringLiteral("https://ci.example.com"));
        jenkins.folder = QStringLiteral("Team B");
        test::addVia(*m_catalog, m_ctx, jenkins);
        test::addVia(*m_catalog, m_ctx,
                     test::draft(QStringLiteral("Consul"), QStringLiteral("Consul"),
                                 QStringLiteral("https://consul.internal")));
        m_services =
            std::make_unique<ConsoleServices>(*m_catalog, test::registry(), m_clock, m_ctx);
        m_window = std::make_unique<MainWindow>(*m_services);
        m_window->setMonitorEnabled(false);
        m_window->show();
        QSignalSpy settled(m_window.get(), &MainWindow::settled);
        m_window->openCatalog(url);
        QVERIFY(settled.wait(10'000));
    }

    void cleanup()
    {
        m_window.reset();
        m_services.reset();
        m_catalog.reset();
    }

    void overviewFiltersTheList()
    {
        OverviewSidebar *sidebar = m_window->overviewSidebar();
        QTRY_COMPARE(sidebar->allItem()->text(0), QStringLiteral("All integrations  3"));
        QVERIFY(sidebar->folderItem(QStringLiteral("Team A/Registries")));
        sidebar->setCurrentItem(sidebar->folderItem(QStringLiteral("Team A")));
        QCOMPARE(shownNames(), QStringList{QStringLiteral("Harbor prod")});
        sidebar->setCurrentItem(sidebar->typeItem(IntegrationType::CiCd));
        QCOMPARE(shownNames(), QStringList{QStringLiteral("Jenkins CI")});
        sidebar->setCurrentItem(sidebar->allItem());
        QCOMPARE(shownNames().size(), 3);
        QToolButton *never = m_window->summaryStrip()->button(OverviewCategory::NeverChecked);
        QCOMPARE(never->text(), QStringLiteral("3 never checked"));
        QTest::mouseClick(never, Qt::LeftButton);
        QCOMPARE(shownNames().size(), 3);
        QTest::mouseClick(m_window->summaryStrip()->button(OverviewCategory::Healthy),
                          Qt::LeftButton);
        QVERIFY(shownNames().isEmpty());
        QTest::mouseClick(m_window->summaryStrip()->button(OverviewCategory::Healthy),
                          Qt::LeftButton);
        QCOMPARE(shownNames().size(), 3);
        // The tier column shows the tier's name beside its badge.
        const IntegrationListModel *model = m_window->listModel();
        const int row = model->rowOf(m_window->listModel()->integrationAt(1)->id);
        QCOMPARE(model->index(row, IntegrationListModel::TierColumn).data().toString(),
                 QStringLiteral("prod"));
        QVERIFY(
            !model->index(row, IntegrationListModel::TierColumn).data(Qt::DecorationRole).isNull());
    }

    void prodDeleteNeedsTheNameTyped()
    {
        QVERIFY(m_window->selectIntegration(m_window->listModel()->integrationAt(1)->id));
        QCOMPARE(m_window->selectedIntegration()->name, QStringLiteral("Harbor prod"));
        m_window->deleteSelected();
        TypedConfirmation *confirm = nullptr;
        QTRY_VERIFY((confirm = m_window->findChild<TypedConfirmation *>()) != nullptr);
        QVERIFY(!m_window->findChild<QMessageBox *>(QStringLiteral("confirmDelete")));
        auto *edit = confirm->findChild<QLineEdit *>(QStringLiteral("confirmationEdit"));
        auto *button = confirm->findChild<QPushButton *>(QStringLiteral("confirmButton"));
        QTest::keyClicks(edit, QStringLiteral("prod"));
        QVERIFY(!button->isEnabled());
        edit->clear();
        QTest::keyClicks(edit, QStringLiteral("Harbor prod"));
        // Asked once (issue #13 finding): the typed confirmation says what the ordinary
        // question said, the history kept and the secret left alone, and then deletes.
        QString said;
        for (const QLabel *label : confirm->findChildren<QLabel *>())
            said += label->text() + QLatin1Char('\n');
        QVERIFY2(said.contains(QLatin1String("health history and audit trail are kept")),
                 qPrintable(said));
        QVERIFY2(said.contains(QLatin1String("https://harbor.example.com")), qPrintable(said));
        QCOMPARE(said.contains(QLatin1String("AuthRef points to is not touched")),
                 !m_window->selectedIntegration()->authRefUri.isEmpty());
        QCOMPARE(button->text(), QStringLiteral("Delete"));
        QSignalSpy removed(m_window.get(), &MainWindow::integrationRemoved);
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(removed.wait(10'000));
        QVERIFY(!m_window->findChild<QMessageBox *>(QStringLiteral("confirmDelete")));
        QCOMPARE(test::listVia(*m_catalog, m_ctx).size(), 2);

        // Not prod: only the usual question.
        QVERIFY(m_window->selectIntegration(m_window->listModel()->integrationAt(0)->id));
        m_window->deleteSelected();
        QTRY_VERIFY(m_window->findChild<QMessageBox *>(QStringLiteral("confirmDelete")));
        QTRY_VERIFY(!m_window->findChild<TypedConfirmation *>()); // the first one, closed, goes
    }

    void problemsJumpLiftsTheScopeAndFilter()
    {
        ProblemsPanel *problems = m_window->problemsPanel();
        QTRY_COMPARE(problems->problemCount(), 3); // three never checked
        OverviewSidebar *sidebar = m_window->overviewSidebar();
        sidebar->setCurrentItem(sidebar->typeItem(IntegrationType::CiCd));
        auto *filter = m_window->findChild<QLineEdit *>(QStringLiteral("filterEdit"));
        QTest::keyClicks(filter, QStringLiteral("jenk"));
        QCOMPARE(shownNames(), QStringList{QStringLiteral("Jenkins CI")});
        QTreeWidgetItem *harborRow = nullptr;
        for (int r = 0; r < problems->tree()->topLevelItemCount(); ++r)
            if (problems->tree()->topLevelItem(r)->text(0) == QLatin1String("Harbor prod"))
                harborRow = problems->tree()->topLevelItem(r);
        QVERIFY(harborRow);
        QCOMPARE(harborRow->text(1), QStringLiteral("Never checked"));
        Q_EMIT problems->tree()->itemActivated(harborRow, 0);
        QCOMPARE(m_window->selectedIntegration()->name, QStringLiteral("Harbor prod"));
        QVERIFY(filter->text().isEmpty());
        QCOMPARE(shownNames().size(), 3);
    }
};

QTEST_MAIN(TestOrganisationWindow)
#include "tst_organisationwindow.moc"
