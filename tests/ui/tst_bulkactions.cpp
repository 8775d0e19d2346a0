// SPDX-License-Identifier: Apache-2.0
// Multi-select bulk actions (issue #13 item 3): move, tag, tier and delete in one transaction
// each through the catalog thread, and the typed "prod" confirmation.
#include "TestSupport.h"
#include "UiTestSupport.h"
#include "ui/dialogs/TypedConfirmation.h"
#include "ui/mainwindow/BulkActions.h"
#include "ui/models/IntegrationListModel.h"
#include "ui/views/IntegrationTableView.h"

#include <QItemSelectionModel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace stella;
using namespace stella::ui;

class TestBulkActions : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ManualClock m_clock{test::fixedNow()};
    std::unique_ptr<CatalogThread> m_catalog;
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
