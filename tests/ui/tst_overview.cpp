// SPDX-License-Identifier: Apache-2.0
// The overview (issue #13 item 2): sidebar and summary strip counts following monitor results,
// and their selections filtering the integration list.
#include "TestSupport.h"
#include "ui/models/IntegrationListModel.h"
#include "ui/views/OverviewPresenter.h"
#include "ui/views/OverviewSidebar.h"
#include "ui/views/ProblemsPanel.h"
#include "ui/views/SummaryStrip.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace stella;
using namespace stella::ui;

namespace {
Integration make(const QString &name, IntegrationType type, const QString &folder,
                 HealthStatus status, const QDateTime &lastChecked)
{
    Integration i;
    i.id = QUuid::createUuid();
    i.tenantId = QStringLiteral("default");
    i.name = name;
    i.provider =
        type == IntegrationType::Registry ? QStringLiteral("Harbor") : QStringLiteral("Jenkins");
    i.type = type;
    i.folder = folder;
    i.status = status;
    i.version = 1;
    i.lastCheckedAt = lastChecked;
    return i;
}

QStringList shownNames(const IntegrationListModel &model)
{
    QStringList names;
    for (int r = 0; r < model.rowCount(); ++r)
        names.append(model.integrationAt(r)->name);
    return names;
}
} // namespace

class TestOverview : public QObject
{
    Q_OBJECT

private:
    ManualClock m_clock{test::fixedNow()};

    QList<Integration> sample() const
    {
        const QDateTime recently = test::fixedNow().addSecs(-60);
        Integration insecure = make(QStringLiteral("reg-insecure"), IntegrationType::Registry,
                                    QStringLiteral("Team A"), HealthStatus::Healthy, recently);
        insecure.config.insert(QStringLiteral("insecureSkipTlsVerify"), true);
        return {
            make(QStringLiteral("reg-a"), IntegrationType::Registry,
                 QStringLiteral("Team A/Registries"), HealthStatus::Healthy, recently),
            make(QStringLiteral("reg-b"), IntegrationType::Registry,
                 QStringLiteral("Team A/Registries"), HealthStatus::Unhealthy, recently),
            insecure,
            make(QStringLiteral("ci"), IntegrationType::CiCd, QStringLiteral("Team B"),
                 HealthStatus::Degraded, recently),
            make(QStringLiteral("ci-new"), IntegrationType::CiCd, QString(), HealthStatus::Unknown,
                 QDateTime()),
            // Checked long ago: stale at the monitor's default interval.
            make(QStringLiteral("ci-old"), IntegrationType::CiCd, QString(), HealthStatus::Healthy,
                 test::fixedNow().addDays(-2)),
        };
    }

private Q_SLOTS:
    void init() { m_clock.set(test::fixedNow()); }

    void countsByTypeFolderAndCategory()
    {
        IntegrationListModel model(m_clock);
        QAbstractItemModelTester tester(&model);
        model.setIntegrations(sample());
        const OverviewCounts &c = model.overviewCounts();
        QCOMPARE(c.all().total, 6);
        QCOMPARE(c.all()[OverviewCategory::Healthy], 3);
        QCOMPARE(c.all()[OverviewCategory::Unhealthy], 1);
        QCOMPARE(c.all()[OverviewCategory::Degraded], 1);
        QCOMPARE(c.all()[OverviewCategory::NeverChecked], 1);
        QCOMPARE(c.all()[OverviewCategory::Stale], 1);
        QCOMPARE(c.all()[OverviewCategory::InsecureTls], 1);
        QCOMPARE(c.type(IntegrationType::Registry).total, 3);
        QCOMPARE(c.type(IntegrationType::ObjectStorage).total, 0);
        // A folder counts its subfolders.
        QCOMPARE(c.folder(QStringLiteral("Team A")).total, 3);
        QCOMPARE(c.folder(QStringLiteral("Team A/Registries")).total, 2);
        QCOMPARE(c.folder(QString()).total, 2); // the top level
        QCOMPARE(c.folders(),
                 (QStringList{QStringLiteral("Team A"), QStringLiteral("Team A/Registries"),
                              QStringLiteral("Team B")}));
    }

    void countsFollowMonitorResults()
    {
        IntegrationListModel model(m_clock);
        OverviewSidebar sidebar;
        SummaryStrip strip;
        OverviewPresenter presenter(model, sidebar, strip);
        QList<Integration> all = sample();
        model.setIntegrations(all);
        QTRY_COMPARE(sidebar.typeItem(IntegrationType::Registry)->text(0),
                     QStringLiteral("Registries  3 · 1 unhealthy"));
        QCOMPARE(strip.button(OverviewCategory::Unhealthy)->text(), QStringLiteral("1 unhealthy"));
        QCOMPARE(sidebar.folderItem(QStringLiteral("Team A/Registries"))->text(0),
                 QStringLiteral("Registries  2 · 1 unhealthy"));

        // A monitor result: reg-a turns unhealthy.
        Integration fresh = all.first();
        fresh.status = HealthStatus::Unhealthy;
        fresh.lastCheckedAt = test::fixedNow();
        QCOMPARE(model.patchHealth({fresh}), 1);
        QTRY_COMPARE(sidebar.typeItem(IntegrationType::Registry)->text(0),
                     QStringLiteral("Registries  3 · 2 unhealthy"));
        QCOMPARE(strip.button(OverviewCategory::Unhealthy)->text(), QStringLiteral("2 unhealthy"));
        QCOMPARE(strip.button(OverviewCategory::Healthy)->text(), QStringLiteral("2 healthy"));
        QCOMPARE(sidebar.folderItem(QStringLiteral("Team A"))->text(0),
                 QStringLiteral("Team A  3 · 2 unhealthy"));

        // Removing the last integration of a folder takes the folder off the sidebar.
        model.remove(all.at(3).id);
        QTRY_VERIFY(!sidebar.folderItem(QStringLiteral("Team B")));
        QCOMPARE(model.overviewCounts().all().total, 5);

        // Time alone makes a check stale.
        m_clock.advanceMs(qint64(3) * 24 * 3600 * 1000);
        model.refreshRelativeTimes();
        QTRY_COMPARE(strip.button(OverviewCategory::Stale)->text(), QStringLiteral("4 stale"));
    }

    void sidebarAndStripFilterTheList()
    {
        IntegrationListModel model(m_clock);
        QAbstractItemModelTester tester(&model);
        OverviewSidebar sidebar;
        SummaryStrip strip;
        OverviewPresenter presenter(model, sidebar, strip);
        model.setIntegrations(sample());
        presenter.flush();

        sidebar.setCurrentItem(sidebar.typeItem(IntegrationType::CiCd));
        QCOMPARE(shownNames(model), (QStringList{QStringLiteral("ci"), QStringLiteral("ci-new"),
                                                 QStringLiteral("ci-old")}));
        sidebar.setCurrentItem(sidebar.folderItem(QStringLiteral("Team A")));
        QCOMPARE(shownNames(model), (QStringList{QStringLiteral("reg-a"), QStringLiteral("reg-b"),
                                                 QStringLiteral("reg-insecure")}));
        // The strip narrows the sidebar's scope further; a second click lifts it.
        QTest::mouseClick(strip.button(OverviewCategory::Unhealthy), Qt::LeftButton);
        QCOMPARE(shownNames(model), QStringList{QStringLiteral("reg-b")});
        QTest::mouseClick(strip.button(OverviewCategory::InsecureTls), Qt::LeftButton);
        QVERIFY(!strip.button(OverviewCategory::Unhealthy)->isChecked());
        QCOMPARE(shownNames(model), QStringList{QStringLiteral("reg-insecure")});
        QTest::mouseClick(strip.button(OverviewCategory::InsecureTls), Qt::LeftButton);
        QCOMPARE(model.rowCount(), 3);
        // The text filter applies within the scope.
        model.setFilterText(QStringLiteral("reg-b"));
        QCOMPARE(shownNames(model), QStringList{QStringLiteral("reg-b")});
        model.setFilterText(QString());

        sidebar.setCurrentItem(sidebar.allItem());
        QCOMPARE(model.rowCount(), 6);
        QTest::mouseClick(strip.button(OverviewCategory::NeverChecked), Qt::LeftButton);
        QCOMPARE(shownNames(model), QStringList{QStringLiteral("ci-new")});

        // A monitor result moving a row out of the scope takes it off the list.
        Integration checked = *model.integrationAt(0);
        checked.status = HealthStatus::Healthy;
        checked.lastCheckedAt = test::fixedNow();
        model.patchHealth({checked});
        QCOMPARE(model.rowCount(), 0);
    }

    // Issue #13 finding: "(top level) 0" was listed when every integration is in a folder.
    void theTopLevelIsListedOnlyWhileItHoldsIntegrations()
    {
        IntegrationListModel model(m_clock);
        OverviewSidebar sidebar;
        SummaryStrip strip;
        OverviewPresenter presenter(model, sidebar, strip);
        const QDateTime recently = test::fixedNow().addSecs(-60);
        const Integration filed = make(QStringLiteral("reg"), IntegrationType::Registry,
                                       QStringLiteral("Team A"), HealthStatus::Healthy, recently);
        const Integration loose = make(QStringLiteral("ci"), IntegrationType::CiCd, QString(),
                                       HealthStatus::Healthy, recently);
        const auto topLevel = [&sidebar]() -> QTreeWidgetItem * {
            QTreeWidgetItem *folders = sidebar.folderItem(QStringLiteral("Team A"))->parent();
            for (int n = 0; n < folders->childCount(); ++n)
                if (folders->child(n)->text(0).startsWith(QLatin1String("(top level)")))
                    return folders->child(n);
            return nullptr;
        };
        model.setIntegrations({filed});
        presenter.flush();
        QVERIFY(topLevel());
        QVERIFY(topLevel()->isHidden());

        model.setIntegrations({filed, loose});
        presenter.flush();
        QVERIFY(!topLevel()->isHidden());
        QCOMPARE(topLevel()->text(0), QStringLiteral("(top level)  1"));
        sidebar.setCurrentItem(topLevel());
        QCOMPARE(shownNames(model), QStringList{QStringLiteral("ci")});

        // The last one leaves the top level: the entry goes, and with it the scope it set.
        model.remove(loose.id);
        presenter.flush();
        QVERIFY(topLevel()->isHidden());
        QCOMPARE(sidebar.currentItem(), sidebar.allItem());
        QCOMPARE(shownNames(model), QStringList{QStringLiteral("reg")});
    }

    // Issue #13 item 4: a healthy integration that is stale was counted as healthy and stale,
    // side by side, so the strip's numbers added up to more than the catalog held. The status
    // counts take each integration once, by its last check; what needs attention (stale, never
    // checked, TLS unverified) is a group of its own, apart, and may overlap them.
    void theStatusCountsAddUpAndAttentionIsApart()
    {
        IntegrationListModel model(m_clock);
        OverviewSidebar sidebar;
        SummaryStrip strip;
        OverviewPresenter presenter(model, sidebar, strip);
        model.setIntegrations(sample());
        presenter.flush();
        const auto count = [&strip](OverviewCategory c) {
            return strip.button(c)->text().section(QLatin1Char(' '), 0, 0).toInt();
        };
        const int statuses = count(OverviewCategory::Healthy) + count(OverviewCategory::Degraded) +
                             count(OverviewCategory::Unhealthy);
        // Six integrations: one never checked has no verdict, the five others one each.
        QCOMPARE(statuses, 5);
        QCOMPARE(statuses + count(OverviewCategory::NeverChecked),
                 model.overviewCounts().all().total);
        QCOMPARE(count(OverviewCategory::Stale), 1); // ci-old, also among the healthy

        QWidget *statusGroup = strip.findChild<QWidget *>(QStringLiteral("summaryStatus"));
        QWidget *attentionGroup = strip.findChild<QWidget *>(QStringLiteral("summaryAttention"));
        QVERIFY(statusGroup && attentionGroup);
        for (OverviewCategory c :
             {OverviewCategory::Healthy, OverviewCategory::Degraded, OverviewCategory::Unhealthy})
            QCOMPARE(strip.button(c)->parentWidget(), statusGroup);
        for (OverviewCategory c : {OverviewCategory::Stale, OverviewCategory::NeverChecked,
                                   OverviewCategory::InsecureTls})
            QCOMPARE(strip.button(c)->parentWidget(), attentionGroup);
        QVERIFY(!statusGroup->accessibleName().isEmpty());
        QVERIFY(!attentionGroup->accessibleName().isEmpty());
        auto *heading =
            attentionGroup->findChild<QLabel *>(QStringLiteral("summaryAttentionLabel"));
        QVERIFY(heading && !heading->text().isEmpty());
    }

    // Too narrow for both groups side by side, the attention group goes below the status
    // group: the strip asks no more width than its wider group, so it never widens the list
    // (at 1400 px it used to squeeze the details pane beside it).
    void theStripWrapsRatherThanWidenTheList()
    {
        IntegrationListModel model(m_clock);
        OverviewSidebar sidebar;
        QWidget holder;
        auto *layout = new QVBoxLayout(&holder);
        auto *strip = new SummaryStrip;
        layout->addWidget(strip);
        layout->addStretch(1);
        OverviewPresenter presenter(model, sidebar, *strip);
        model.setIntegrations(sample());
        presenter.flush();
        QWidget *status = strip->findChild<QWidget *>(QStringLiteral("summaryStatus"));
        QWidget *attention = strip->findChild<QWidget *>(QStringLiteral("summaryAttention"));
        const int oneRow = strip->sizeHint().width();
        QVERIFY2(strip->minimumSizeHint().width() < oneRow,
                 qPrintable(
                     QStringLiteral("%1 >= %2").arg(strip->minimumSizeHint().width()).arg(oneRow)));
        QVERIFY(strip->heightForWidth(oneRow - 1) > strip->heightForWidth(oneRow));

        holder.resize(oneRow + 100, 200);
        holder.show();
        QVERIFY(QTest::qWaitForWindowExposed(&holder));
        QTRY_VERIFY(!strip->isWrapped());
        QCOMPARE(attention->y(), status->y());

        holder.resize(strip->minimumSizeHint().width() + 20, 200);
        QTRY_VERIFY(strip->isWrapped());
        QTRY_VERIFY(attention->y() >= status->geometry().bottom());
        QVERIFY(strip->width() <= holder.width());
        for (QToolButton *b : strip->findChildren<QToolButton *>())
            QVERIFY2(b->geometry().right() < strip->width(), qPrintable(b->text()));

        holder.resize(oneRow + 100, 200);
        QTRY_VERIFY(!strip->isWrapped());
        QTRY_COMPARE(attention->y(), status->y());
    }

    // Past kMaxRows the panel still counts every problem, and lists the first it finds; a filter
    // keystroke or a scope switch changes what the list shows, not what is wrong, so the panel
    // is not rebuilt for them (at 100,000 rows that rebuild followed every keystroke).
    void problemsPanelCountsEveryProblemAndIgnoresTheFilter()
    {
        IntegrationListModel model(m_clock);
        QList<Integration> all;
        const int n = ProblemsPanel::kMaxRows + 25;
        for (int k = 0; k < n; ++k) {
            Integration i;
            i.id = QUuid::createUuid();
            i.tenantId = QStringLiteral("default");
            i.name = QStringLiteral("never-%1").arg(k, 5, 10, QLatin1Char('0'));
            i.provider = QStringLiteral("Harbor");
            i.type = IntegrationType::Registry;
            i.version = 1;
            all.append(i);
        }
        all[3].status = HealthStatus::Unhealthy; // never checked and unhealthy: two problems
        model.setIntegrations(all);
        ProblemsPanel panel(model, m_clock);
        panel.rebuild();
        QCOMPARE(panel.problemCount(), n + 1);
        QCOMPARE(panel.tree()->topLevelItemCount(), ProblemsPanel::kMaxRows);
        QVERIFY(panel.findChild<QLabel *>(QStringLiteral("problemsSummary"))
                    ->text()
                    .contains(QString::number(ProblemsPanel::kMaxRows)));
        QTreeWidgetItem *first = panel.tree()->topLevelItem(0);
        QCOMPARE(first->text(0), QStringLiteral("never-00000"));

        QSignalSpy problems(&panel, &ProblemsPanel::problemsChanged);
        model.setFilterText(QStringLiteral("never-0001"));
        OverviewScope scope;
        scope.type = IntegrationType::Scm;
        model.setScope(scope);
        QCoreApplication::processEvents();
        QCOMPARE(panel.tree()->topLevelItem(0), first); // the same rows: not rebuilt
        QCOMPARE(panel.problemCount(), n + 1);

        // A monitor result is a change in what is wrong: rebuilt, counted again.
        Integration checked = all[3];
        checked.status = HealthStatus::Healthy;
        checked.lastCheckedAt = test::fixedNow();
        model.upsert(checked);
        QTRY_COMPARE(panel.problemCount(), n - 1);
        QCOMPARE(problems.count(), 1);
    }

    // Issue #13 item 4: each problem is a row saying why and what to do; activation names the
    // integration; rows follow monitor results.
    void problemsPanelRowsAndJump()
    {
        IntegrationListModel model(m_clock);
        QList<Integration> all = sample();
        all[0].authRefUri = QStringLiteral("authref://env/MISSING_TOKEN");
        all[0].certificateExpiresAt = test::fixedNow().addDays(5);
        model.setIntegrations(all);
        ProblemsPanel panel(model, m_clock);
        QStringList asked;
        panel.setAuthRefCheck([&asked](const QString &uri, std::function<void(QString)> done) {
            asked.append(uri);
            done(uri.contains(QStringLiteral("MISSING"))
                     ? QStringLiteral("the environment variable MISSING_TOKEN is not set")
                     : QString());
        });
        panel.rebuild();
        panel.rebuild(); // the answer came during the first
        auto rowsOf = [&panel](const QString &name) {
            QStringList why;
            for (int r = 0; r < panel.tree()->topLevelItemCount(); ++r)
                if (panel.tree()->topLevelItem(r)->text(0) == name)
                    why.append(panel.tree()->topLevelItem(r)->text(1));
            return why;
        };
        QCOMPARE(asked, QStringList{QStringLiteral("authref://env/MISSING_TOKEN")});
        QVERIFY2(panel.tree()->topLevelItemCount() >= 6,
                 qPrintable(QString::number(panel.tree()->topLevelItemCount())));
        QVERIFY(rowsOf(QStringLiteral("reg-b")).value(0).startsWith(QStringLiteral("Unhealthy")));
        QCOMPARE(rowsOf(QStringLiteral("ci-new")), QStringList{QStringLiteral("Never checked")});
        QVERIFY(rowsOf(QStringLiteral("ci-old")).value(0).startsWith(QStringLiteral("Stale")));
        QVERIFY(rowsOf(QStringLiteral("reg-insecure"))
                    .value(0)
                    .contains(QStringLiteral("not verified")));
        const QStringList regA = rowsOf(QStringLiteral("reg-a"));
        QCOMPARE(regA.size(), 2);
        QVERIFY2(regA.join(QLatin1Char('|')).contains(QStringLiteral("expires in 5 days")),
                 qPrintable(regA.join(QLatin1Char('|'))));
        QVERIFY(regA.join(QLatin1Char('|')).contains(QStringLiteral("MISSING_TOKEN is not set")));
        QVERIFY(rowsOf(QStringLiteral("ci")).isEmpty()); // degraded, fresh: not a problem
        // Every row says what to do.
        for (int r = 0; r < panel.tree()->topLevelItemCount(); ++r)
            QVERIFY(!panel.tree()->topLevelItem(r)->text(2).isEmpty());
        QCOMPARE(panel.problemCount(), 6);

        QSignalSpy activated(&panel, &ProblemsPanel::integrationActivated);
        // Shown first: the event loop runs the rebuild the credential answer asked for, which
        // replaces the rows.
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QTreeWidgetItem *never = nullptr;
        for (int r = 0; r < panel.tree()->topLevelItemCount(); ++r)
            if (panel.tree()->topLevelItem(r)->text(0) == QLatin1String("ci-new"))
                never = panel.tree()->topLevelItem(r);
        QVERIFY(never);
        panel.tree()->setCurrentItem(never);
        panel.tree()->setFocus();
        QTest::keyClick(panel.tree(), Qt::Key_Return);
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.first().first().toUuid(), all.at(4).id);

        // A monitor result: ci-new checked healthy, its row goes.
        Integration checked = all.at(4);
        checked.status = HealthStatus::Healthy;
        checked.lastCheckedAt = test::fixedNow();
        model.patchHealth({checked});
        QTRY_VERIFY(rowsOf(QStringLiteral("ci-new")).isEmpty());
        QCOMPARE(panel.problemCount(), 5);
    }
};

QTEST_MAIN(TestOverview)
#include "tst_overview.moc"
