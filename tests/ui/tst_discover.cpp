// SPDX-License-Identifier: Apache-2.0
// The Discover tab against the sandbox's InMemory connector (and, for a failing step, a
// DockerRegistry integration pointed at a closed loopback port): no network.
#include "TestSupport.h"
#include "core/connectors/ConnectorLauncher.h"
#include "core/model/ResourceTypes.h"
#include "ui/models/DiscoveredResourceModel.h"
#include "ui/views/DiscoverPane.h"
#include "ui/views/MessageWidget.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace stella;
using namespace stella::ui;

class TestDiscover : public QObject
{
    Q_OBJECT

private:
    ManualClock m_clock{test::fixedNow()};
    ConnectorLauncher m_launcher{test::registry(), m_clock, nullptr};
    ConnectorLauncher m_launcherWithoutJenkins{test::registryWithoutJenkinsConnector(), m_clock,
                                               nullptr};

    static Integration inMemory(IntegrationType type, int count, int pageSize,
                                const QString &latency = QStringLiteral("1ms"),
                                const QString &scenario = QStringLiteral("healthy"))
    {
        Integration i;
        i.id = QUuid::createUuid();
        i.provider = QStringLiteral("InMemory");
        i.type = type;
        i.name = QStringLiteral("Sandbox %1").arg(toString(type));
        i.config = {{QStringLiteral("scenario"), scenario},
                    {QStringLiteral("latency"), latency},
                    {QStringLiteral("resourceCount"), count},
                    {QStringLiteral("pageSize"), pageSize},
                    {QStringLiteral("resourcePrefix"), QStringLiteral("acme")}};
        return i;
    }
    template <typename W> static W *child(QWidget *parent, const QString &name)
    {
        W *w = parent->findChild<W *>(name);
        if (!w)
            qFatal("no widget %s", qPrintable(name));
        return w;
    }
    static QStringList comboItems(QComboBox *combo)
    {
        QStringList items;
        for (int i = 0; i < combo->count(); ++i)
            items.append(combo->itemText(i));
        return items;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Counts are shown with the operator's digit grouping; pin one for the comparisons.
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void offersTheIntegrationsResourceTypes()
    {
        DiscoverPane pane(m_launcher);
        pane.setIntegration(inMemory(IntegrationType::Registry, 10, 10));
        QCOMPARE(comboItems(child<QComboBox>(&pane, QStringLiteral("resourceTypeCombo"))),
                 (QStringList{ResourceType::Repositories, ResourceType::Tags}));
        pane.setIntegration(inMemory(IntegrationType::CiCd, 10, 10));
        QCOMPARE(comboItems(child<QComboBox>(&pane, QStringLiteral("resourceTypeCombo"))),
                 (QStringList{ResourceType::Jobs, ResourceType::Pipelines}));
        // Nothing to discover on a secrets manager: said, and Start is off.
        pane.setIntegration(inMemory(IntegrationType::SecretsManager, 0, 10));
        QCOMPARE(child<QComboBox>(&pane, QStringLiteral("resourceTypeCombo"))->count(), 0);
        QVERIFY(!child<QPushButton>(&pane, QStringLiteral("discoverStartButton"))->isEnabled());
        QVERIFY(child<QLabel>(&pane, QStringLiteral("discoverNotice"))
                    ->text()
                    .contains(QStringLiteral("nothing to discover")));
        // A provider without a connector in this build: said too.
        DiscoverPane withoutConnector(m_launcherWithoutJenkins);
        Integration jenkins;
        jenkins.id = QUuid::createUuid();
        jenkins.provider = QStringLiteral("Jenkins");
        jenkins.type = IntegrationType::CiCd;
        jenkins.name = QStringLiteral("Jenkins CI");
        withoutConnector.setIntegration(jenkins);
        QVERIFY(!child<QPushButton>(&withoutConnector, QStringLiteral("discoverStartButton"))
                     ->isEnabled());
        QVERIFY(child<QLabel>(&withoutConnector, QStringLiteral("discoverNotice"))
                    ->text()
                    .contains(QStringLiteral("no connector for")));
    }

    void streamsAllResourcesPageByPageWithARunningCount()
    {
        DiscoverPane pane(m_launcher);
        pane.resize(700, 500);
        pane.show();
        pane.setIntegration(inMemory(IntegrationType::Registry, 12'000, 250));
        QSignalSpy done(&pane, &DiscoverPane::discoveryFinished);
        QElapsedTimer timer;
        timer.start();
        QTest::mouseClick(child<QPushButton>(&pane, QStringLiteral("discoverStartButton")),
                          Qt::LeftButton);
        // The first page comes after the connector's latency, never within the click.
        QCOMPARE(pane.model()->totalCount(), 0);
        QSignalSpy inserted(pane.model(), &QAbstractItemModel::rowsInserted);
        QSignalSpy resets(pane.model(), &QAbstractItemModel::modelReset);
        QStringList runningCounts;
        connect(pane.model(), &DiscoveredResourceModel::countsChanged, &pane,
                [&] { runningCounts.append(pane.countText()); });
        QVERIFY(pane.isRunning());
        QVERIFY(child<QPushButton>(&pane, QStringLiteral("discoverCancelButton"))->isEnabled());
        QVERIFY(done.wait(30'000));
        QVERIFY(pane.operation()->outcome() == ConnectorOperation::Outcome::Succeeded);
        QCOMPARE(pane.model()->totalCount(), 12'000);
        QCOMPARE(pane.model()->rowCount(), 12'000);
        // Appended page by page, never reset while streaming.
        QCOMPARE(inserted.count(), 48);
        QCOMPARE(resets.count(), 0);
        QCOMPARE(runningCounts.first(), QStringLiteral("250 repositories…"));
        QVERIFY(runningCounts.contains(QStringLiteral("6,000 repositories…")));
        QVERIFY2(pane.countText().startsWith(QStringLiteral("12,000 repositories in ")),
                 qPrintable(pane.countText()));
        QCOMPARE(pane.model()->index(0, 0).data().toString(), QStringLiteral("acme/service-0000"));
        QCOMPARE(pane.model()->index(11'999, 0).data().toString(),
                 QStringLiteral("acme/service-11999"));
        // 48 pages at 1 ms each: the view kept up (no per-row work beyond the page).
        QVERIFY2(timer.elapsed() < 20'000, qPrintable(QString::number(timer.elapsed())));

        // The filter narrows the results, and says how many of how many are shown.
        auto *filter = child<QLineEdit>(&pane, QStringLiteral("discoverFilterEdit"));
        QTest::keyClicks(filter, QStringLiteral("SERVICE-000"));
        QCOMPARE(pane.model()->rowCount(), 10);
        QCOMPARE(pane.model()->resourceAt(9)->name, QStringLiteral("acme/service-0009"));
        QVERIFY2(pane.countText().startsWith(QStringLiteral("10 of 12,000 repositories shown")),
                 qPrintable(pane.countText()));
        filter->clear();
        QCOMPARE(pane.model()->rowCount(), 12'000);
    }

    void theNamePatternIsAGlobForTheConnector()
    {
        DiscoverPane pane(m_launcher);
        pane.setIntegration(inMemory(IntegrationType::Registry, 500, 100));
        child<QLineEdit>(&pane, QStringLiteral("namePatternEdit"))
            ->setText(QStringLiteral("*SERVICE-001?"));
        QSignalSpy done(&pane, &DiscoverPane::discoveryFinished);
        pane.start();
        QVERIFY(done.wait(10'000));
        QCOMPARE(pane.model()->totalCount(), 10);
        QVERIFY2(pane.countText().startsWith(QStringLiteral("10 repositories in")),
                 qPrintable(pane.countText()));
    }

    void aFilterTypedWhileStreamingAppliesToLaterPages()
    {
        DiscoverPane pane(m_launcher);
        pane.setIntegration(inMemory(IntegrationType::CiCd, 1'000, 100));
        child<QComboBox>(&pane, QStringLiteral("resourceTypeCombo"))->setCurrentIndex(0); // jobs
        QSignalSpy done(&pane, &DiscoverPane::discoveryFinished);
        pane.start();
        QTRY_VERIFY(pane.model()->totalCount() > 0);
        child<QLineEdit>(&pane, QStringLiteral("discoverFilterEdit"))
            ->setText(QStringLiteral("job-009"));
        QVERIFY(done.wait(10'000));
        QCOMPARE(pane.model()->totalCount(), 1'000);
        QCOMPARE(pane.model()->rowCount(), 10); // acme-job-0090 … acme-job-0099
        QCOMPARE(pane.model()->resourceAt(0)->name, QStringLiteral("acme-job-0090"));
    }

    void cancelStopsTheDiscoveryAndKeepsWhatArrived()
    {
        DiscoverPane pane(m_launcher);
        pane.setIntegration(
            inMemory(IntegrationType::Registry, 1'000'000, 100, QStringLiteral("200ms")));
        QSignalSpy done(&pane, &DiscoverPane::discoveryFinished);
        pane.start();
        QTRY_VERIFY(pane.model()->totalCount() >= 100);
        QPointer<ConnectorOperation> op = pane.operation();
        QTest::mouseClick(child<QPushButton>(&pane, QStringLiteral("discoverCancelButton")),
                          Qt::LeftButton);
        // At once.
        QCOMPARE(done.count(), 1);
        QCOMPARE(int(pane.state()), int(DiscoverPane::State::Cancelled));
        QVERIFY(op && op->outcome() == ConnectorOperation::Outcome::Cancelled);
        const int kept = pane.model()->totalCount();
        QVERIFY(kept >= 100 && kept < 1'000'000);
        QVERIFY2(pane.countText().endsWith(QStringLiteral("(cancelled)")),
                 qPrintable(pane.countText()));
        QVERIFY(!child<QPushButton>(&pane, QStringLiteral("discoverCancelButton"))->isEnabled());
        QVERIFY(child<QPushButton>(&pane, QStringLiteral("discoverStartButton"))->isEnabled());
        // Nothing more arrives (a page would be due after 200 ms).
        QSignalSpy inserted(pane.model(), &QAbstractItemModel::rowsInserted);
        QVERIFY(!inserted.wait(600));
        QCOMPARE(pane.model()->totalCount(), kept);
    }

    void anotherIntegrationDropsARunningDiscovery()
    {
        DiscoverPane pane(m_launcher);
        const Integration first =
            inMemory(IntegrationType::Registry, 1'000'000, 100, QStringLiteral("100ms"));
        pane.setIntegration(first);
        pane.start();
        QTRY_VERIFY(pane.model()->totalCount() > 0);
        QPointer<ConnectorOperation> op = pane.operation();
        QVERIFY(op);

        // The same integration refreshed (an edit, a health check): the discovery goes on.
        pane.setIntegration(first);
        QVERIFY(pane.isRunning());
        QVERIFY(op);

        pane.setIntegration(inMemory(IntegrationType::Scm, 10, 10));
        QVERIFY(op.isNull()); // cancelled and gone
        QVERIFY(!pane.isRunning());
        QCOMPARE(pane.model()->totalCount(), 0);
        QCOMPARE(pane.countText(), QString());
        QCOMPARE(comboItems(child<QComboBox>(&pane, QStringLiteral("resourceTypeCombo"))),
                 (QStringList{ResourceType::Projects, ResourceType::Repositories}));
    }

    void aFailureSaysWhichStepFailedAndWhy()
    {
        DiscoverPane pane(m_launcher);
        pane.resize(700, 500);
        pane.show();
        pane.setIntegration(inMemory(IntegrationType::Registry, 100, 10, QStringLiteral("1ms"),
                                     QStringLiteral("unhealthy")));
        QSignalSpy done(&pane, &DiscoverPane::discoveryFinished);
        pane.start();
        QVERIFY(done.wait(10'000));
        QCOMPARE(int(pane.state()), int(DiscoverPane::State::Failed));
        QVERIFY(pane.errorBanner()->isVisible());
        QVERIFY2(pane.errorBanner()->plainText().startsWith(
                     QStringLiteral("Discovery of repositories failed: connection refused")),
                 qPrintable(pane.errorBanner()->plainText()));

        // A real connector that fails inside a step: the banner names the step.
        Integration registry;
        registry.id = QUuid::createUuid();
        registry.provider = QStringLiteral("DockerRegistry");
        registry.name = QStringLiteral("Lab registry");
        registry.endpoint = QStringLiteral("http://127.0.0.1:9"); // nothing listens there
        registry.config = {{QStringLiteral("timeout"), QStringLiteral("2s")}};
        pane.setIntegration(registry);
        QVERIFY(!pane.errorBanner()->isVisible()); // the previous error went with its integration
        pane.start();
        QVERIFY(done.wait(20'000));
        QCOMPARE(int(pane.state()), int(DiscoverPane::State::Failed));
        QVERIFY2(pane.errorBanner()->plainText().startsWith(QStringLiteral(
                     "Discovery of repositories failed at “Discover repositories”:")),
                 qPrintable(pane.errorBanner()->plainText()));
    }
};

QTEST_MAIN(TestDiscover)
#include "tst_discover.moc"
