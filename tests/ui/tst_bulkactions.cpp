// SPDX-License-Identifier: Apache-2.0
// Multi-select bulk actions (issue #13 item 3): move, tag, tier and delete in one transaction
// each through the catalog thread, and the typed "prod" confirmation.
#include "TestSupport.h"
#include "UiTestSupport.h"
#include "core/connectors/ConnectorLauncher.h"
#include "ui/dialogs/BulkTestDialog.h"
#include "ui/dialogs/TypedConfirmation.h"
#include "ui/mainwindow/BulkActions.h"
#include "ui/models/IntegrationListModel.h"
#include "ui/views/IntegrationTableView.h"

#include <QComboBox>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

using namespace stella;
using namespace stella::ui;

class TestBulkActions : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ManualClock m_clock{test::fixedNow()};
    std::unique_ptr<CatalogThread> m_catalog;
    ConnectorLauncher m_launcher{test::registry(), m_clock, nullptr};
    const RequestContext m_ctx{QStringLiteral("default"), QStringLiteral("tester")};
    int m_n = 0;

    struct Fixture
    {
        QWidget window;
        IntegrationListModel model;
        IntegrationTableView table;
        std::unique_ptr<BulkActions> bulk;
        QStringList checked;

        Fixture(CatalogThread &catalog, const Clock &clock, const RequestContext &ctx)
            : model(clock), table(model, &window)
        {
            table.setSelectionMode(QAbstractItemView::ExtendedSelection);
            bulk = std::make_unique<BulkActions>(
                catalog, table, [ctx] { return ctx; },
                [this](const Integration &i) { checked.append(i.name); }, window);
        }
        void select(const QList<int> &rows)
        {
            table.selectionModel()->clearSelection();
            for (int row : rows)
                table.selectionModel()->select(model.index(row, 0), QItemSelectionModel::Select |
                                                                        QItemSelectionModel::Rows);
        }
    };

    void reload(Fixture &f) { f.model.setIntegrations(test::listVia(*m_catalog, m_ctx)); }

    void addFour(EnvironmentTier lastTier = EnvironmentTier::None)
    {
        for (int n = 0; n < 4; ++n) {
            IntegrationDraft d =
                test::draft(QStringLiteral("Jenkins"), QStringLiteral("ci-%1").arg(n),
                            QStringLiteral("https://ci%1.example.com").arg(n));
            if (n == 3)
                d.tier = lastTier;
            test::addVia(*m_catalog, m_ctx, d);
        }
    }

    // The sandbox's connector: steps after a real (short) timer, no network.
    void addInMemory(const QString &name, const QString &scenario,
                     EnvironmentTier tier = EnvironmentTier::None)
    {
        IntegrationDraft d = test::draft(QStringLiteral("InMemory"), name,
                                         QStringLiteral("https://%1.sandbox.invalid").arg(name),
                                         {{QStringLiteral("scenario"), scenario},
                                          {QStringLiteral("latency"), QStringLiteral("5ms")},
                                          {QStringLiteral("slowLatency"), QStringLiteral("60s")}});
        d.tier = tier;
        test::addVia(*m_catalog, m_ctx, d);
    }

    static BulkTestDialog *openBulkTest(Fixture &f)
    {
        f.bulk->updateEnabled(true);
        if (!f.bulk->test->isEnabled())
            return nullptr;
        f.bulk->test->trigger();
        return f.window.findChild<BulkTestDialog *>();
    }

    QMap<QString, Integration> stored()
    {
        QMap<QString, Integration> byName;
        for (const Integration &i : test::listVia(*m_catalog, m_ctx))
            byName.insert(i.name, i);
        return byName;
    }

private Q_SLOTS:
    void init()
    {
        m_catalog = std::make_unique<CatalogThread>(test::registry(), m_clock);
        const QString file = m_dir.filePath(QStringLiteral("bulk-%1.db").arg(++m_n));
        QVERIFY(test::waitFor(m_catalog->open(DatabaseUrl::sqliteFile(file))).ok());
    }

    void cleanup() { m_catalog.reset(); }

    void moveTagTierAndDelete()
    {
        addFour();
        Fixture f(*m_catalog, m_clock, m_ctx);
        reload(f);
        f.bulk->updateEnabled(true);
        QVERIFY(!f.bulk->move->isEnabled()); // nothing selected
        f.select({0, 2});
        f.bulk->updateEnabled(true);
        QVERIFY(f.bulk->move->isEnabled());
        QCOMPARE(f.bulk->selection().size(), 2);

        QSignalSpy finished(f.bulk.get(), &BulkActions::finished);
        QSignalSpy reset(m_catalog.get(), &CatalogThread::catalogReset);
        f.bulk->moveSelected(QStringLiteral("Team A/CI"));
        QVERIFY(finished.wait(10'000));
        QVERIFY(finished.first().at(1).toBool());
        QCOMPARE(stored().value(QStringLiteral("ci-0")).folder, QStringLiteral("Team A/CI"));
        QCOMPARE(stored().value(QStringLiteral("ci-2")).folder, QStringLiteral("Team A/CI"));
        QCOMPARE(stored().value(QStringLiteral("ci-1")).folder, QString());
        QTRY_COMPARE(reset.count(), 1); // one change for the list to follow

        f.bulk->tagSelected(QStringLiteral("edge"));
        QVERIFY(finished.wait(10'000));
        QCOMPARE(stored().value(QStringLiteral("ci-2")).tags, QStringList{QStringLiteral("edge")});
        f.bulk->setTierOfSelected(EnvironmentTier::Staging);
        QVERIFY(finished.wait(10'000));
        STELLA_COMPARE_ENUM(stored().value(QStringLiteral("ci-0")).tier, EnvironmentTier::Staging);

        // A tag with a comma is refused by the catalog: nothing changes, the error is named.
        finished.clear();
        f.bulk->tagSelected(QStringLiteral("a,b"));
        QVERIFY(finished.wait(10'000));
        QVERIFY(!finished.first().at(1).toBool());
        QVERIFY(finished.first().at(2).value<Error>().message.contains(QStringLiteral("comma")));
        QCOMPARE(stored().value(QStringLiteral("ci-2")).tags, QStringList{QStringLiteral("edge")});

        f.bulk->checkSelected();
        QCOMPARE(f.checked.size(), 2);

        f.bulk->deleteSelected();
        QVERIFY(finished.wait(10'000));
        QCOMPARE(stored().keys(), (QStringList{QStringLiteral("ci-1"), QStringLiteral("ci-3")}));
    }

    // Issue #13 finding: the bulk move, tag and tier asked through bare QInputDialogs, without
    // the folder completion and the inline validation of the wizard and the edit dialog.
    void moveTagAndTierAskThroughTheOrganisationFields()
    {
        addFour();
        {
            IntegrationDraft filed = test::draft(QStringLiteral("Jenkins"), QStringLiteral("filed"),
                                                 QStringLiteral("https://filed.example.com"));
            filed.folder = QStringLiteral("Team A/CI");
            test::addVia(*m_catalog, m_ctx, filed);
        }
        Fixture f(*m_catalog, m_clock, m_ctx);
        f.window.show();
        reload(f);
        f.select({0, 1});
        f.bulk->updateEnabled(true);
        QSignalSpy finished(f.bulk.get(), &BulkActions::finished);

        f.bulk->move->trigger();
        QDialog *ask = nullptr;
        QTRY_VERIFY((ask = f.window.findChild<QDialog *>(QStringLiteral("bulkFolderDialog"))));
        auto *folder = ask->findChild<QComboBox *>(QStringLiteral("folderCombo"));
        auto *folderError = ask->findChild<QWidget *>(QStringLiteral("folderError"));
        auto *apply = ask->findChild<QPushButton *>(QStringLiteral("applyButton"));
        QVERIFY(folder && folderError && apply);
        QVERIFY(folder->isVisible());
        QVERIFY(!ask->findChild<QWidget *>(QStringLiteral("tagsEdit"))->isVisible());
        QVERIFY(!ask->findChild<QWidget *>(QStringLiteral("tierCombo"))->isVisible());
        // The catalog's folders are offered, as in the edit dialog.
        QVERIFY(folder->findText(QStringLiteral("Team A/CI")) >= 0);
        folder->lineEdit()->clear();
        QTest::keyClicks(folder->lineEdit(), QStringLiteral("Team A//CI"));
        QVERIFY(folderError->isVisible());
        QVERIFY(!apply->isEnabled());
        folder->lineEdit()->clear();
        QTest::keyClicks(folder->lineEdit(), QString(300, QLatin1Char('x')));
        QVERIFY(folderError->isVisible()); // too long
        QVERIFY(!apply->isEnabled());
        folder->lineEdit()->clear();
        QTest::keyClicks(folder->lineEdit(), QStringLiteral("Team A/CI"));
        QVERIFY(!folderError->isVisible());
        QVERIFY(apply->isEnabled());
        QTest::mouseClick(apply, Qt::LeftButton);
        QVERIFY(finished.wait(10'000));
        QVERIFY(finished.last().at(1).toBool());
        QCOMPARE(stored().value(QStringLiteral("ci-1")).folder, QStringLiteral("Team A/CI"));

        f.bulk->tag->trigger();
        QTRY_VERIFY((ask = f.window.findChild<QDialog *>(QStringLiteral("bulkTagDialog"))));
        auto *tags = ask->findChild<QPlainTextEdit *>(QStringLiteral("tagsEdit"));
        auto *tagsError = ask->findChild<QWidget *>(QStringLiteral("tagsError"));
        apply = ask->findChild<QPushButton *>(QStringLiteral("applyButton"));
        QVERIFY(tags->isVisible());
        QVERIFY(!apply->isEnabled()); // no tag yet
        QTest::keyClicks(tags, QStringLiteral("edge,eu"));
        QVERIFY(tagsError->isVisible());
        QVERIFY(!apply->isEnabled());
        tags->setPlainText(QStringLiteral("edge\neu"));
        QVERIFY(!tagsError->isVisible());
        QVERIFY(apply->isEnabled());
        finished.clear();
        QTest::mouseClick(apply, Qt::LeftButton);
        QVERIFY(finished.wait(10'000));
        QCOMPARE(stored().value(QStringLiteral("ci-0")).tags,
                 (QStringList{QStringLiteral("edge"), QStringLiteral("eu")}));

        f.bulk->tier->trigger();
        QTRY_VERIFY((ask = f.window.findChild<QDialog *>(QStringLiteral("bulkTierDialog"))));
        auto *tier = ask->findChild<QComboBox *>(QStringLiteral("tierCombo"));
        QVERIFY(tier->isVisible());
        tier->setCurrentIndex(tier->findText(QStringLiteral("staging")));
        finished.clear();
        QTest::mouseClick(ask->findChild<QPushButton *>(QStringLiteral("applyButton")),
                          Qt::LeftButton);
        QVERIFY(finished.wait(10'000));
        STELLA_COMPARE_ENUM(stored().value(QStringLiteral("ci-1")).tier, EnvironmentTier::Staging);
        STELLA_COMPARE_ENUM(stored().value(QStringLiteral("ci-2")).tier, EnvironmentTier::None);

        // Cancel changes nothing.
        f.bulk->move->trigger();
        QTRY_VERIFY((ask = f.window.findChild<QDialog *>(QStringLiteral("bulkFolderDialog"))));
        QPointer<QDialog> cancelled = ask;
        finished.clear();
        ask->reject();
        QTRY_VERIFY(cancelled.isNull());
        QCOMPARE(finished.count(), 0);
    }

    // Issue #13 item 3: "Multi-select: bulk check, test, ...": the selection's connections
    // tested in one window, results streamed in as each ends, "N passed, M failed".
    void bulkTestStreamsEachResultAndSumsThemUp()
    {
        addInMemory(QStringLiteral("reg-degraded"), QStringLiteral("degraded"),
                    EnvironmentTier::Prod);
        addInMemory(QStringLiteral("reg-down"), QStringLiteral("unhealthy"));
        addInMemory(QStringLiteral("reg-up"), QStringLiteral("healthy"));
        Fixture f(*m_catalog, m_clock, m_ctx);
        f.window.show();
        reload(f);
        f.select({0, 1, 2});
        f.bulk->updateEnabled(true);
        QVERIFY(!f.bulk->test->isEnabled()); // no launcher, no test
        f.bulk->setLauncher(&m_launcher);
        BulkTestDialog *dialog = openBulkTest(f);
        QVERIFY(dialog);
        // A test changes nothing: prod in the selection asks for nothing.
        QVERIFY(!f.window.findChild<TypedConfirmation *>());
        QSignalSpy tested(dialog, &BulkTestDialog::integrationTested);
        QSignalSpy measured(dialog, &BulkTestDialog::testMeasured);
        QSignalSpy done(dialog, &BulkTestDialog::allFinished);
        QTreeWidget *rows = dialog->results();
        QCOMPARE(rows->topLevelItemCount(), 3);
        QVERIFY(dialog->isRunning());
        QVERIFY(done.wait(10'000));
        QCOMPARE(tested.count(), 3);   // one verdict per integration, as each ended
        QCOMPARE(measured.count(), 3); // each verdict feeds the test-connection histogram
        QCOMPARE(measured.first().at(0).toString(), QStringLiteral("InMemory"));
        QVERIFY(!dialog->isRunning());
        QCOMPARE(dialog->count(BulkTestDialog::Outcome::Passed), 2);
        QCOMPARE(dialog->count(BulkTestDialog::Outcome::Failed), 1);
        auto *summary = dialog->findChild<QLabel *>(QStringLiteral("bulkTestSummary"));
        QCOMPARE(summary->text(), QStringLiteral("2 passed, 1 failed"));
        QVERIFY(!dialog->findChild<QPushButton *>(QStringLiteral("cancelButton"))->isEnabled());

        QMap<QString, QTreeWidgetItem *> byName;
        for (int r = 0; r < rows->topLevelItemCount(); ++r)
            byName.insert(rows->topLevelItem(r)->text(0), rows->topLevelItem(r));
        // Each verdict has its icon and its word; the failure says where and why.
        for (QTreeWidgetItem *row : std::as_const(byName))
            QVERIFY(!row->icon(1).isNull() && !row->text(1).isEmpty());
        QCOMPARE(byName.value(QStringLiteral("reg-up"))->text(1), QStringLiteral("Passed"));
        QCOMPARE(byName.value(QStringLiteral("reg-down"))->text(1), QStringLiteral("Failed"));
        QVERIFY2(
            byName.value(QStringLiteral("reg-down"))->text(2).contains(QLatin1String("refused")),
            qPrintable(byName.value(QStringLiteral("reg-down"))->text(2)));
        QVERIFY(byName.value(QStringLiteral("reg-degraded"))
                    ->text(2)
                    .contains(QLatin1String("warnings")));

        // The checklist below shows the selected row's own steps.
        rows->setCurrentItem(byName.value(QStringLiteral("reg-down")));
        auto *steps = dialog->findChild<QTableView *>(QStringLiteral("stepsView"));
        QVERIFY(steps && steps->model()->rowCount() > 0);
        bool sawFailed = false;
        for (int r = 0; r < steps->model()->rowCount(); ++r)
            sawFailed = sawFailed || steps->model()->index(r, 1).data().toString().contains(
                                         QLatin1String("refused"));
        QVERIFY(sawFailed);
        // Nothing was stored: a test is not a health check.
        QVERIFY(!stored().value(QStringLiteral("reg-up")).lastCheckedAt.isValid());
    }

    void bulkTestCancelsWhatRunsAndStartsNoMore()
    {
        for (int n = 0; n < BulkTestDialog::kParallel + 2; ++n)
            addInMemory(QStringLiteral("slow-%1").arg(n), QStringLiteral("slow"));
        Fixture f(*m_catalog, m_clock, m_ctx);
        f.window.show();
        reload(f);
        f.select({0, 1, 2, 3, 4, 5});
        f.bulk->setLauncher(&m_launcher);
        BulkTestDialog *dialog = openBulkTest(f);
        QVERIFY(dialog);
        QSignalSpy done(dialog, &BulkTestDialog::allFinished);
        QSignalSpy measured(dialog, &BulkTestDialog::testMeasured);
        QCOMPARE(dialog->count(BulkTestDialog::Outcome::Running), BulkTestDialog::kParallel);
        QCOMPARE(dialog->count(BulkTestDialog::Outcome::Waiting), 2);
        auto *cancel = dialog->findChild<QPushButton *>(QStringLiteral("cancelButton"));
        QVERIFY(cancel->isEnabled());
        QTest::mouseClick(cancel, Qt::LeftButton);
        QTRY_COMPARE(done.count(), 1);
        QCOMPARE(dialog->count(BulkTestDialog::Outcome::Cancelled), BulkTestDialog::kParallel + 2);
        QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("bulkTestSummary"))->text(),
                 QStringLiteral("0 passed, 0 failed, 6 cancelled"));
        QVERIFY(!cancel->isEnabled());
        QVERIFY(!dialog->isRunning());
        QCOMPARE(measured.count(), 0); // a cancelled test measured nothing
    }

    void prodInTheSelectionNeedsProdTyped()
    {
        addFour(EnvironmentTier::Prod);
        Fixture f(*m_catalog, m_clock, m_ctx);
        f.window.show();
        reload(f);
        f.select({1, 3}); // ci-3 is prod
        QSignalSpy finished(f.bulk.get(), &BulkActions::finished);
        f.bulk->deleteSelected();
        TypedConfirmation *confirm = nullptr;
        QTRY_VERIFY((confirm = f.window.findChild<TypedConfirmation *>()) != nullptr);
        QCOMPARE(confirm->expected(), QStringLiteral("prod"));
        auto *edit = confirm->findChild<QLineEdit *>(QStringLiteral("confirmationEdit"));
        auto *button = confirm->findChild<QPushButton *>(QStringLiteral("confirmButton"));
        QTest::keyClicks(edit, QStringLiteral("ci-3"));
        QVERIFY(!button->isEnabled());
        QPointer<TypedConfirmation> first = confirm;
        confirm->reject();
        QTRY_VERIFY(first.isNull()); // closed and gone
        QCOMPARE(finished.count(), 0);
        QCOMPARE(stored().size(), 4); // cancelled: nothing deleted

        f.bulk->deleteSelected();
        QTRY_VERIFY((confirm = f.window.findChild<TypedConfirmation *>()) != nullptr &&
                    confirm->isVisible());
        edit = confirm->findChild<QLineEdit *>(QStringLiteral("confirmationEdit"));
        button = confirm->findChild<QPushButton *>(QStringLiteral("confirmButton"));
        QTest::keyClicks(edit, QStringLiteral("prod"));
        QVERIFY(button->isEnabled());
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(finished.wait(10'000));
        QCOMPARE(stored().keys(), (QStringList{QStringLiteral("ci-0"), QStringLiteral("ci-2")}));

        // Without prod in the selection, no confirmation.
        reload(f);
        f.select({0});
        f.bulk->moveSelected(QStringLiteral("Dev"));
        QVERIFY(finished.wait(10'000));
        QCOMPARE(stored().value(QStringLiteral("ci-0")).folder, QStringLiteral("Dev"));
    }
};

QTEST_MAIN(TestBulkActions)
#include "tst_bulkactions.moc"
