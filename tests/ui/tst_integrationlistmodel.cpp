// SPDX-License-Identifier: Apache-2.0
#include "TestSupport.h"
#include "ui/models/IntegrationListModel.h"
#include "ui/views/CachedTextDelegate.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QIcon>
#include <QImage>
#include <QPersistentModelIndex>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <algorithm>

using namespace stella;
using namespace stella::ui;
using Col = IntegrationListModel::Column;

namespace {
Integration make(const QString &name, const QString &provider, IntegrationType type,
                 const QString &endpoint, HealthStatus status, const QDateTime &lastChecked = {})
{
    Integration i;
    i.id = QUuid::createUuid();
    i.tenantId = QStringLiteral("default");
    i.name = name;
    i.provider = provider;
    i.type = type;
    i.endpoint = endpoint;
    i.status = status;
    i.version = 1;
    i.lastCheckedAt = lastChecked;
    return i;
}

QStringList names(const IntegrationListModel &model)
{
    QStringList list;
    for (int r = 0; r < model.rowCount(); ++r)
        list.append(model.index(r, Col::NameColumn).data().toString());
    return list;
}
} // namespace

class TestIntegrationListModel : public QObject
{
    Q_OBJECT

private:
    ManualClock m_clock{test::fixedNow()};

    QList<Integration> sample() const
    {
        const QDateTime now = test::fixedNow();
        return {
            make(QStringLiteral("Harbor prod"), QStringLiteral("Harbor"), IntegrationType::Registry,
                 QStringLiteral("https://harbor.example.com"), HealthStatus::Healthy,
                 now.addSecs(-5 * 60)),
            make(QStringLiteral("jenkins"), QStringLiteral("Jenkins"), IntegrationType::CiCd,
                 QStringLiteral("https://ci.example.com"), HealthStatus::Unhealthy,
                 now.addSecs(-3 * 3600)),
            make(QStringLiteral("Vault"), QStringLiteral("Vault"), IntegrationType::SecretsManager,
                 QStringLiteral("https://vault.internal"), HealthStatus::Degraded, now.addDays(-3)),
            make(QStringLiteral("GitLab"), QStringLiteral("GitLabServer"), IntegrationType::Scm,
                 QStringLiteral("https://gitlab.example.com"), HealthStatus::Unknown),
        };
    }

private Q_SLOTS:
    void showsEveryColumnWithStatusIconsAndRelativeTimes()
    {
        IntegrationListModel model(m_clock);
        model.setIntegrations(sample());
        QCOMPARE(model.columnCount(), int(Col::ColumnCount));
        QCOMPARE(model.headerData(Col::LastCheckedColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Last checked"));
        // Sorted by name, case-insensitively, from the start.
        QCOMPARE(names(model), (QStringList{QStringLiteral("GitLab"), QStringLiteral("Harbor prod"),
                                            QStringLiteral("jenkins"), QStringLiteral("Vault")}));
        const int harbor = 1;
        QCOMPARE(model.index(harbor, Col::TypeColumn).data().toString(),
                 QStringLiteral("Registry"));
        QCOMPARE(model.index(harbor, Col::ProviderColumn).data().toString(),
                 QStringLiteral("Harbor"));
        QCOMPARE(model.index(harbor, Col::EndpointColumn).data().toString(),
                 QStringLiteral("https://harbor.example.com"));
        QCOMPARE(model.index(harbor, Col::StatusColumn).data().toString(),
                 QStringLiteral("Healthy"));
        QVERIFY(!model.index(harbor, Col::StatusColumn)
                     .data(Qt::DecorationRole)
                     .value<QIcon>()
                     .isNull());
        QCOMPARE(model.index(harbor, Col::LastCheckedColumn).data().toString(),
                 QStringLiteral("5 min ago"));
        QCOMPARE(model.index(harbor, Col::LastCheckedColumn).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("2026-01-15 09:55:00 UTC"));
        QCOMPARE(model.index(2, Col::LastCheckedColumn).data().toString(),
                 QStringLiteral("3 h ago"));
        QCOMPARE(model.index(3, Col::LastCheckedColumn).data().toString(),
                 QStringLiteral("3 days ago"));
        QCOMPARE(model.index(0, Col::LastCheckedColumn).data().toString(), QStringLiteral("never"));

        // The relative time follows the clock.
        m_clock.advanceMs(10 * 60'000);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.refreshRelativeTimes();
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.index(harbor, Col::LastCheckedColumn).data().toString(),
                 QStringLiteral("15 min ago"));
        m_clock.set(test::fixedNow());
    }

    // A TLS certificate near its expiry is said where the status is read; its expiry is in the
    // tooltip whatever it is; and a check that reads a new one patches the row.
    void showsTheCertificatesExpiryWithTheStatus()
    {
        IntegrationListModel model(m_clock);
        Integration soon = make(QStringLiteral("Soon"), QStringLiteral("Harbor"),
                                IntegrationType::Registry, QStringLiteral("https://h.example"),
                                HealthStatus::Degraded, test::fixedNow().addSecs(-60));
        soon.certificateExpiresAt = test::fixedNow().addDays(12);
        Integration later = soon;
        later.id = QUuid::createUuid();
        later.name = QStringLiteral("Later");
        later.status = HealthStatus::Healthy;
        later.certificateExpiresAt = test::fixedNow().addDays(200);
        model.setIntegrations({soon, later});
        const auto row = [&model](const QString &name) {
            for (int r = 0; r < model.rowCount(); ++r)
                if (model.integrationAt(r)->name == name)
                    return r;
            return -1;
        };
        QCOMPARE(model.index(row(QStringLiteral("Soon")), Col::StatusColumn).data().toString(),
                 QStringLiteral("Degraded · certificate expires in 12 days"));
        QCOMPARE(model.index(row(QStringLiteral("Later")), Col::StatusColumn).data().toString(),
                 QStringLiteral("Healthy"));
        QVERIFY(model.index(row(QStringLiteral("Later")), Col::StatusColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QLatin1String("TLS certificate: valid for 200 days")));

        later.certificateExpiresAt = test::fixedNow().addDays(-1);
        later.status = HealthStatus::Unhealthy;
        model.patchHealth({later});
        QCOMPARE(model.index(row(QStringLiteral("Later")), Col::StatusColumn).data().toString(),
                 QStringLiteral("Unhealthy · certificate expired 1 day ago"));
    }

    // A status older than two intervals says what was true then: shown as stale, not as down.
    void showsAStaleStatusAsStale()
    {
        ManualClock clock(test::fixedNow());
        IntegrationListModel model(clock);
        QCOMPARE(model.defaultIntervalMs(), MonitorSettings::kDefaultIntervalMs);
        const QDateTime checked = test::fixedNow().addSecs(-5 * 60);
        Integration harbor =
            make(QStringLiteral("Harbor"), QStringLiteral("Harbor"), IntegrationType::Registry,
                 QStringLiteral("https://h.example"), HealthStatus::Unhealthy, checked);
        Integration hourly =
            make(QStringLiteral("Hourly"), QStringLiteral("Nexus"), IntegrationType::Registry,
                 QStringLiteral("https://n.example"), HealthStatus::Healthy, checked);
        hourly.config = {{QStringLiteral("healthCheckInterval"), QStringLiteral("1h")}};
        Integration manual =
            make(QStringLiteral("Manual"), QStringLiteral("Vault"), IntegrationType::SecretsManager,
                 QStringLiteral("https://v.example"), HealthStatus::Healthy, checked);
        manual.config = {{QStringLiteral("healthCheckEnabled"), false}};
        model.setIntegrations({harbor, hourly, manual});
        const auto status = [&model](const QString &name, int role = Qt::DisplayRole) {
            for (int r = 0; r < model.rowCount(); ++r)
                if (model.integrationAt(r)->name == name)
                    return model.index(r, Col::StatusColumn).data(role);
            return QVariant();
        };
        const qint64 freshIcon =
            status(QStringLiteral("Harbor"), Qt::DecorationRole).value<QIcon>().cacheKey();
        QCOMPARE(status(QStringLiteral("Harbor")).toString(), QStringLiteral("Unhealthy"));
        QCOMPARE(status(QStringLiteral("Harbor"), Qt::ToolTipRole).toString(),
                 QStringLiteral("Unhealthy"));

        // Ten minutes is two default intervals; past it the monitor should have checked again.
        clock.advanceMs(5 * 60'000 + 1000);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.refreshRelativeTimes();
        QCOMPARE(reset.count(), 0);
        QCOMPARE(changed.count(), 1);
        // One signal over the two health columns of every row; the view repaints what it shows.
        QCOMPARE(changed.first().at(0).toModelIndex(), model.index(0, Col::StatusColumn));
        QCOMPARE(changed.first().at(1).toModelIndex(), model.index(2, Col::LastCheckedColumn));
        QVERIFY(changed.first().at(2).value<QList<int>>().contains(Qt::DecorationRole));

        QCOMPARE(status(QStringLiteral("Harbor")).toString(), QStringLiteral("Unhealthy · stale"));
        QCOMPARE(status(QStringLiteral("Harbor"), Qt::ToolTipRole).toString(),
                 QStringLiteral("Unhealthy — last checked 10 min ago; the monitor has not "
                                "checked it since"));
        QVERIFY(status(QStringLiteral("Harbor"), Qt::DecorationRole).value<QIcon>().cacheKey() !=
                freshIcon);
        // Its own interval is an hour: not stale yet.
        QCOMPARE(status(QStringLiteral("Hourly")).toString(), QStringLiteral("Healthy"));
        // Not monitored: never stale (nobody was going to check it), and the tooltip says why.
        QCOMPARE(status(QStringLiteral("Manual")).toString(), QStringLiteral("Healthy"));
        QVERIFY(status(QStringLiteral("Manual"), Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("Not monitored")));
        // Filtering still knows the status itself.
        model.setFilterText(QStringLiteral("unhealthy"));
        QCOMPARE(model.rowCount(), 1);

        // A monitor with another default interval moves the line.
        model.setFilterText({});
        model.setDefaultIntervalMs(3'600'000);
        QCOMPARE(status(QStringLiteral("Harbor")).toString(), QStringLiteral("Unhealthy"));
    }

    // Statuses another process wrote, read again: changed rows are patched in place.
    void patchesHealthReadAgainWithoutAReset()
    {
        IntegrationListModel model(m_clock);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<Integration> rows = sample();
        model.setIntegrations(rows);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);

        QCOMPARE(model.patchHealth(rows), 0); // nothing new: not a signal
        QCOMPARE(changed.count(), 0);

        QList<Integration> fresh = rows;
        fresh[0].status = HealthStatus::Unhealthy; // Harbor prod, row 1
        fresh[0].lastCheckedAt = test::fixedNow();
        fresh[0].name = QStringLiteral("Renamed elsewhere"); // not a health field: ignored
        fresh[2].lastCheckedAt = test::fixedNow();           // Vault, row 3
        Integration stranger = fresh[1];
        stranger.id = QUuid::createUuid(); // not in the model: left for a reload
        fresh.append(stranger);
        QCOMPARE(model.patchHealth(fresh), 2);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(layout.count(), 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex(), model.index(1, Col::StatusColumn));
        QCOMPARE(changed.first().at(1).toModelIndex(), model.index(3, Col::LastCheckedColumn));
        QCOMPARE(model.index(1, Col::StatusColumn).data().toString(), QStringLiteral("Unhealthy"));
        QCOMPARE(model.index(1, Col::NameColumn).data().toString(), QStringLiteral("Harbor prod"));
        QCOMPARE(model.index(3, Col::LastCheckedColumn).data().toString(),
                 QStringLiteral("just now"));
        QCOMPARE(model.totalCount(), 4);

        // Sorted by status, a patched status moves its row; the selection goes with it.
        model.sort(Col::StatusColumn, Qt::DescendingOrder);
        const QPersistentModelIndex vault(model.index(model.rowOf(rows[2].id), Col::NameColumn));
        fresh[2].status = HealthStatus::Unhealthy;
        fresh[2].lastCheckedAt = test::fixedNow().addSecs(30);
        QCOMPARE(model.patchHealth(fresh), 1);
        QCOMPARE(reset.count(), 0);
        QVERIFY(layout.count() >= 1);
        QCOMPARE(vault.row(), model.rowOf(rows[2].id));
        QCOMPARE(vault.data().toString(), QStringLiteral("Vault"));
    }

    void filtersAcrossFieldsAsYouType_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("name, any case")
            << QStringLiteral("HARB") << QStringList{QStringLiteral("Harbor prod")};
        QTest::newRow("provider") << QStringLiteral("gitlabserver")
                                  << QStringList{QStringLiteral("GitLab")};
        QTest::newRow("type") << QStringLiteral("secretsmanager")
                              << QStringList{QStringLiteral("Vault")};
        QTest::newRow("endpoint") << QStringLiteral("ci.example")
                                  << QStringList{QStringLiteral("jenkins")};
        QTest::newRow("status") << QStringLiteral("unhealthy")
                                << QStringList{QStringLiteral("jenkins")};
        QTest::newRow("every word must match")
            << QStringLiteral("example healthy")
            << QStringList{QStringLiteral("Harbor prod"), QStringLiteral("jenkins")};
        QTest::newRow("no match") << QStringLiteral("nothing-like-this") << QStringList{};
        QTest::newRow("blank shows all")
            << QStringLiteral("   ")
            << QStringList{QStringLiteral("GitLab"), QStringLiteral("Harbor prod"),
                           QStringLiteral("jenkins"), QStringLiteral("Vault")};
    }

    void filtersAcrossFieldsAsYouType()
    {
        QFETCH(QString, filter);
        QFETCH(QStringList, expected);
        IntegrationListModel model(m_clock);
        model.setIntegrations(sample());
        QSignalSpy counts(&model, &IntegrationListModel::countsChanged);
        model.setFilterText(filter);
        QCOMPARE(names(model), expected);
        QCOMPARE(model.totalCount(), 4);
        if (!counts.isEmpty())
            QCOMPARE(counts.last().at(0).toInt(), int(expected.size()));
    }

    // A keystroke that only narrows filters the rows shown, not every row: whatever was typed
    // before, the rows are those a fresh filter on the same text shows, in the same order.
    void typingOnFiltersAsAFreshFilterWould()
    {
        IntegrationListModel typed(m_clock);
        typed.setIntegrations(sample());
        const QStringList texts = {QStringLiteral("e"),
                                   QStringLiteral("ex"),
                                   QStringLiteral("exa"),
                                   QStringLiteral("exa h"),
                                   QStringLiteral("exa he"),
                                   QStringLiteral("he exa"),
                                   QStringLiteral("he"),
                                   QStringLiteral("unhealthy"),
                                   QStringLiteral("unhealth"),
                                   QStringLiteral("https"),
                                   QStringLiteral("https:// vault"),
                                   QStringLiteral("http"),
                                   QStringLiteral("nothing"),
                                   QStringLiteral("nothing-else"),
                                   QString()};
        for (const bool scoped : {false, true}) {
            OverviewScope scope;
            if (scoped)
                scope.category = OverviewCategory::Healthy;
            typed.setScope(scope);
            for (const QString &text : texts) {
                typed.setFilterText(text);
                IntegrationListModel fresh(m_clock);
                fresh.setIntegrations(sample());
                fresh.setScope(scope);
                fresh.setFilterText(text);
                QCOMPARE(names(typed), names(fresh));
                for (int r = 0; r < typed.rowCount(); ++r)
                    QCOMPARE(typed.rowOf(typed.integrationAt(r)->id), r);
            }
        }
    }

    void sortsByEveryColumnAndFilteringKeepsTheOrder()
    {
        IntegrationListModel model(m_clock);
        model.setIntegrations(sample());
        model.sort(Col::StatusColumn, Qt::DescendingOrder);
        QCOMPARE(names(model),
                 (QStringList{QStringLiteral("jenkins"), QStringLiteral("Vault"),
                              QStringLiteral("Harbor prod"), QStringLiteral("GitLab")}));
        model.sort(Col::LastCheckedColumn, Qt::AscendingOrder); // never-checked first
        QCOMPARE(names(model),
                 (QStringList{QStringLiteral("GitLab"), QStringLiteral("Vault"),
                              QStringLiteral("jenkins"), QStringLiteral("Harbor prod")}));
        // Alphabetically by the type's name (CiCd, Registry, Scm, SecretsManager), as the
        // column reads (issue #13 item 9), not in the order of docs/contracts.md §1.
        model.sort(Col::TypeColumn, Qt::AscendingOrder);
        QCOMPARE(names(model),
                 (QStringList{QStringLiteral("jenkins"), QStringLiteral("Harbor prod"),
                              QStringLiteral("GitLab"), QStringLiteral("Vault")}));
        model.sort(Col::EndpointColumn, Qt::DescendingOrder);
        model.setFilterText(QStringLiteral("example"));
        QCOMPARE(names(model), (QStringList{QStringLiteral("Harbor prod"), QStringLiteral("GitLab"),
                                            QStringLiteral("jenkins")}));
    }

    void changesPatchRowsWithoutResettingWhenTheOrderHolds()
    {
        IntegrationListModel model(m_clock);
        QList<Integration> rows = sample();
        model.setIntegrations(rows);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        // A health check: same place, one row repainted.
        Integration harbor = rows[0];
        harbor.status = HealthStatus::Unhealthy;
        model.upsert(harbor);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.index(1, Col::StatusColumn).data().toString(), QStringLiteral("Unhealthy"));

        // A new integration lands at its sorted place.
        model.upsert(make(QStringLiteral("Consul"), QStringLiteral("Consul"),
                          IntegrationType::RuntimeHost,
                          QStringLiteral("https://consul.example.com"), HealthStatus::Healthy));
        QCOMPARE(reset.count(), 0);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(names(model).first(), QStringLiteral("Consul"));
        QCOMPARE(model.rowCount(), 5);

        // A rename that moves the row re-sorts.
        harbor.name = QStringLiteral("Zot registry");
        model.upsert(harbor);
        QCOMPARE(names(model).last(), QStringLiteral("Zot registry"));

        model.remove(rows[1].id);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(model.rowCount(), 4);
        QVERIFY(!names(model).contains(QStringLiteral("jenkins")));
        QCOMPARE(model.rowOf(harbor.id), 3);
    }

    // A scope switch and a filter keystroke change which rows are shown as a layout change:
    // the view keeps its selection and current row on their integrations (a reset forgot
    // both); a row no longer shown leaves the selection; a word every shown row already has
    // signals nothing at all.
    void selectionAndCurrentRowSurviveScopeAndFilter()
    {
        IntegrationListModel model(m_clock);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<Integration> rows = sample();
        rows[0].folder = QStringLiteral("Team A");
        rows[2].folder = QStringLiteral("Team A/Secrets");
        rows[3].folder = QStringLiteral("Team A");
        model.setIntegrations(rows);
        QTableView view;
        view.setModel(&model);
        view.setSelectionBehavior(QAbstractItemView::SelectRows);
        view.setSelectionMode(QAbstractItemView::ExtendedSelection);
        QItemSelectionModel *selection = view.selectionModel();
        // Sorted by name: GitLab, Harbor prod, jenkins, Vault.
        const QUuid vault = rows[2].id;
        const QUuid gitlab = rows[3].id;
        const QUuid jenkins = rows[1].id;
        selection->setCurrentIndex(model.index(model.rowOf(vault), 0),
                                   QItemSelectionModel::Select | QItemSelectionModel::Rows);
        selection->select(model.index(model.rowOf(gitlab), 0),
                          QItemSelectionModel::Select | QItemSelectionModel::Rows);
        selection->select(model.index(model.rowOf(jenkins), 0),
                          QItemSelectionModel::Select | QItemSelectionModel::Rows);
        const auto selectedIds = [&] {
            QList<QUuid> ids;
            for (const QModelIndex &index : selection->selectedRows())
                ids.append(model.integrationAt(index.row())->id);
            std::sort(ids.begin(), ids.end());
            return ids;
        };
        const auto sorted = [](QList<QUuid> ids) {
            std::sort(ids.begin(), ids.end());
            return ids;
        };

        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
        QSignalSpy current(selection, &QItemSelectionModel::currentRowChanged);
        OverviewScope teamA;
        teamA.folder = QStringLiteral("Team A");
        model.setScope(teamA);
        QCOMPARE(names(model), (QStringList{QStringLiteral("GitLab"), QStringLiteral("Harbor prod"),
                                            QStringLiteral("Vault")}));
        QCOMPARE(reset.count(), 0);
        QCOMPARE(layout.count(), 1);
        QCOMPARE(current.count(), 0); // still on Vault, now row 2
        QCOMPARE(model.integrationAt(selection->currentIndex().row())->id, vault);
        QCOMPARE(selectedIds(), sorted({vault, gitlab})); // jenkins is not shown: not selected

        model.setFilterText(QStringLiteral("vau"));
        QCOMPARE(names(model), QStringList{QStringLiteral("Vault")});
        QCOMPARE(model.integrationAt(selection->currentIndex().row())->id, vault);
        QCOMPARE(selectedIds(), QList<QUuid>{vault});
        // "vaul" still shows exactly Vault: no signal, nothing for the view to lay out.
        const int layoutsBefore = int(layout.count());
        QSignalSpy counts(&model, &IntegrationListModel::countsChanged);
        model.setFilterText(QStringLiteral("vaul"));
        QCOMPARE(layout.count(), layoutsBefore);
        QCOMPARE(counts.count(), 0);
        QCOMPARE(model.rowCount(), 1);

        // Back to everything: the current row is still Vault, the view's row for it too.
        model.setFilterText({});
        model.setScope({});
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.integrationAt(selection->currentIndex().row())->id, vault);
        QCOMPARE(selection->currentIndex().row(), 3);
        QCOMPARE(reset.count(), 0);

        // The current integration filtered away: the current index is invalid (the window
        // then chooses another), never left on a row that now shows someone else.
        model.setFilterText(QStringLiteral("gitlab"));
        QVERIFY(!selection->currentIndex().isValid() ||
                model.integrationAt(selection->currentIndex().row())->id != vault);
        QVERIFY(!selectedIds().contains(vault));
    }

    // A load leaves the filter's texts for after the first paint; a filter typed before they
    // are built finds what a prepared one would, and the rest are built on the event loop.
    void filterTextsAreBuiltAfterTheLoad()
    {
        QList<Integration> rows;
        for (int n = 0; n < 9000; ++n)
            rows.append(make(QStringLiteral("row %1").arg(n, 4, 10, QLatin1Char('0')),
                             QStringLiteral("Harbor"), IntegrationType::Registry,
                             QStringLiteral("https://h%1.example.com").arg(n),
                             HealthStatus::Healthy));
        IntegrationListModel early(m_clock);
        early.setIntegrations(rows);
        QVERIFY(!early.isFilterPrepared());
        early.setFilterText(QStringLiteral("h8999.example"));
        QVERIFY(early.isFilterPrepared());
        QCOMPARE(names(early), QStringList{QStringLiteral("row 8999")});

        IntegrationListModel later(m_clock);
        later.setIntegrations(rows);
        QTRY_VERIFY(later.isFilterPrepared());
        later.setFilterText(QStringLiteral("healthy row 0042"));
        QCOMPARE(names(later), QStringList{QStringLiteral("row 0042")});
        later.remove(rows[42].id);
        QCOMPARE(later.rowCount(), 0);
    }

    // The scope is tested on packed per-row keys: they follow every change of a row (an edit
    // moving it to another folder, a removal shifting the rows after it, a monitor result).
    void scopeFollowsEditsRemovalsAndHealth()
    {
        IntegrationListModel model(m_clock);
        QList<Integration> rows = sample();
        rows[0].folder = QStringLiteral("Team A");       // Harbor prod
        rows[1].folder = QStringLiteral("Team AB");      // jenkins: not under "Team A"
        rows[2].folder = QStringLiteral("Team A/Vault"); // Vault
        model.setIntegrations(rows);
        OverviewScope teamA;
        teamA.folder = QStringLiteral("Team A");
        model.setScope(teamA);
        QCOMPARE(names(model),
                 (QStringList{QStringLiteral("Harbor prod"), QStringLiteral("Vault")}));

        model.remove(rows[1].id); // a row before Vault's: the keys shift with the rows
        Integration gitlab = rows[3];
        gitlab.folder = QStringLiteral("Team A/Scm");
        model.upsert(gitlab);
        QCOMPARE(names(model), (QStringList{QStringLiteral("GitLab"), QStringLiteral("Harbor prod"),
                                            QStringLiteral("Vault")}));
        OverviewScope top;
        top.folder = QString();
        model.setScope(top);
        QCOMPARE(model.rowCount(), 0);

        OverviewScope unhealthy;
        unhealthy.category = OverviewCategory::Unhealthy;
        model.setScope(unhealthy);
        QCOMPARE(model.rowCount(), 0);
        QList<Integration> fresh = rows;
        fresh[2].status = HealthStatus::Unhealthy;
        fresh[2].lastCheckedAt = test::fixedNow();
        QCOMPARE(model.patchHealth(fresh), 1);
        QCOMPARE(names(model), QStringList{QStringLiteral("Vault")});
        OverviewScope registries;
        registries.type = IntegrationType::Registry;
        model.setScope(registries);
        QCOMPARE(names(model), QStringList{QStringLiteral("Harbor prod")});
    }

    // A text's first paint is the style's; from the second it is drawn from the delegate's
    // cache, still drawn, and a repaint of the same rows shapes nothing new.
    void cachedTextDelegateDrawsFromItsCache()
    {
        IntegrationListModel model(m_clock);
        model.setIntegrations(sample());
        QTableView view;
        view.setModel(&model);
        view.setWordWrap(false); // as the console's list: a wrapped text is the style's alone
        auto *delegate = new CachedTextDelegate(&view);
        view.setItemDelegate(delegate);
        view.resize(900, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QRect cell = view.visualRect(model.index(0, Col::NameColumn));
        const auto darkPixels = [&] {
            QImage image(view.viewport()->size(), QImage::Format_ARGB32);
            image.fill(Qt::white);
            view.viewport()->render(&image);
            int dark = 0;
            for (int y = cell.top(); y <= cell.bottom(); ++y)
                for (int x = cell.left(); x <= cell.right(); ++x)
                    dark += qGray(image.pixel(x, y)) < 128 ? 1 : 0;
            return dark;
        };
        const int byStyle = darkPixels();
        const qsizetype seen = delegate->cachedTexts();
        QVERIFY(seen > 0);
        const int fromCache = darkPixels();
        QCOMPARE(delegate->cachedTexts(), seen);
        QVERIFY2(byStyle > 0 && fromCache > byStyle / 2 && fromCache < byStyle * 2,
                 qPrintable(QStringLiteral("%1 dark pixels by the style, %2 from the cache")
                                .arg(byStyle)
                                .arg(fromCache)));
    }

    // The haystack is UTF-8: a word outside ASCII is found as it was in the QString haystack.
    void filtersWordsOutsideAscii()
    {
        IntegrationListModel model(m_clock);
        QList<Integration> rows = sample();
        rows[0].name = QStringLiteral("Größe Ärger prod");
        model.setIntegrations(rows);
        model.setFilterText(QStringLiteral("äRGER"));
        QCOMPARE(names(model), QStringList{QStringLiteral("Größe Ärger prod")});
        model.setFilterText(QStringLiteral("größe ärg"));
        QCOMPARE(model.rowCount(), 1);
        model.setFilterText(QStringLiteral("äö"));
        QCOMPARE(model.rowCount(), 0);
    }

    // Behaviour only; the timings are printed for the record (docs/contracts.md §18 budget: ≤ 50 ms
    // per keystroke at 100,000 rows), never asserted, since CI machines vary.
    void filtersOneHundredThousandRows()
    {
        const QList<Integration> base = sample();
        QList<Integration> rows;
        rows.reserve(100'000);
        for (int n = 0; n < 100'000; ++n) {
            Integration i = base[n % base.size()];
            i.id = QUuid::createUuid();
            i.name = QStringLiteral("%1 %2").arg(i.name).arg(n, 6, 10, QLatin1Char('0'));
            rows.append(i);
        }
        IntegrationListModel model(m_clock);
        QElapsedTimer timer;
        timer.start();
        model.setIntegrations(rows);
        const qint64 loadMs = timer.restart();
        model.setFilterText(QStringLiteral("v"));
        const qint64 firstKeyMs = timer.restart();
        model.setFilterText(QStringLiteral("va"));
        const qint64 secondKeyMs = timer.restart();
        model.setFilterText(QStringLiteral("vault 0999"));
        const qint64 wordsMs = timer.restart();
        model.sort(Col::StatusColumn, Qt::DescendingOrder);
        const qint64 sortMs = timer.restart();
        // The 60 s re-read of statuses: every row compared, a hundred of them changed.
        model.setFilterText({});
        model.sort(Col::NameColumn, Qt::AscendingOrder);
        QList<Integration> reread = rows;
        for (int n = 0; n < 100; ++n)
            reread[n * 997].lastCheckedAt = test::fixedNow();
        timer.restart();
        QCOMPARE(model.patchHealth(reread), 100);
        const qint64 patchMs = timer.elapsed();
        qInfo("100,000 rows: load %lld ms; filter 'v' %lld ms, 'va' %lld ms, 'vault 0999' %lld ms; "
              "sort %lld ms; patchHealth (100 changed) %lld ms",
              loadMs, firstKeyMs, secondKeyMs, wordsMs, sortMs, patchMs);
        model.setFilterText(QStringLiteral("vault 0999"));
        QCOMPARE(model.totalCount(), 100'000);
        QCOMPARE(model.rowCount(), 28); // the Vault rows (every 4th) whose number contains 0999
        model.setFilterText({});
        QCOMPARE(model.rowCount(), 100'000);
    }
};

QTEST_MAIN(TestIntegrationListModel)
#include "tst_integrationlistmodel.moc"
