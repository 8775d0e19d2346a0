// SPDX-License-Identifier: Apache-2.0
// The console's side of plugins: Help → Plugins lists what the start-up scan loaded and
// refused, and an integration whose provider has no connector in this build reads "no
// connector — not checked", never Unhealthy.
#include "TestSupport.h"
#include "core/common/Clock.h"
#include "ui/dialogs/PluginsDialog.h"
#include "ui/models/IntegrationListModel.h"

#include <QApplication>
#include <QTest>
#include <QTreeWidget>

using namespace stella;

class TestPluginsUi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dialogListsLoadedAndRefused()
    {
        PluginScan scan;
        LoadedPlugin p;
        p.id = QStringLiteral("statuspage");
        p.version = QStringLiteral("1.0.0");
        p.path = QStringLiteral("/usr/lib/x/libstella-plugin-statuspage.so");
        p.providerIds = {QStringLiteral("StatusPage")};
        scan.loaded.append(p);
        scan.refused.append({QStringLiteral("/home/u/.local/share/stella-ops/plugins/libold.so"),
                             QStringLiteral("plugin \"old\" is built for plugin API version 0")});
        ui::PluginsDialog dialog(scan,
                                 {{QStringLiteral("/usr/lib/x"), PluginFolder::Origin::System}});
        QTreeWidget *table = dialog.table();
        QCOMPARE(table->topLevelItemCount(), 2);
        QCOMPARE(table->topLevelItem(0)->text(0), QStringLiteral("statuspage"));
        QCOMPARE(table->topLevelItem(0)->text(2), QStringLiteral("loaded"));
        QCOMPARE(table->topLevelItem(0)->text(3), QStringLiteral("StatusPage"));
        QCOMPARE(table->topLevelItem(1)->text(2), QStringLiteral("refused"));
        QVERIFY(table->topLevelItem(1)->text(4).contains(QStringLiteral("API version 0")));

        ui::PluginsDialog empty(PluginScan{}, {});
        QCOMPARE(empty.table()->topLevelItemCount(), 1);
        QCOMPARE(empty.table()->topLevelItem(0)->text(0), QStringLiteral("No plugins found"));
    }

    void aProviderWithoutAConnectorIsNotCalledUnhealthy()
    {
        ManualClock clock(test::fixedNow());
        ui::IntegrationListModel model(clock);
        Integration orphan;
        orphan.id = QUuid::createUuid();
        orphan.name = QStringLiteral("old-status");
        orphan.provider = QStringLiteral("StatusPage");
        orphan.status = HealthStatus::Unknown;
        Integration harbor = orphan;
        harbor.id = QUuid::createUuid();
        harbor.name = QStringLiteral("harbor");
        harbor.provider = QStringLiteral("Harbor");
        harbor.status = HealthStatus::Healthy;
        model.setIntegrations({harbor, orphan});
        model.setConnectorAvailable(
            [](const Integration &i) { return i.provider != QLatin1String("StatusPage"); });
        QStringList shown;
        for (int row = 0; row < model.rowCount(); ++row)
            shown.append(
                model.index(row, ui::IntegrationListModel::StatusColumn).data().toString());
        shown.sort();
        QCOMPARE(shown, (QStringList{QStringLiteral("Healthy"),
                                     QStringLiteral("no connector — not checked")}));
    }
};

QTEST_MAIN(TestPluginsUi)
#include "tst_pluginsui.moc"
