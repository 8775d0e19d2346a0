// SPDX-License-Identifier: Apache-2.0
// The live test-connection dialog against the sandbox's InMemory connector: no network.
#include "TestSupport.h"
#include "core/connectors/ConnectorLauncher.h"
#include "ui/dialogs/TestConnectionDialog.h"
#include "ui/models/ConnectorStepModel.h"
#include "ui/views/MessageWidget.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace stella;
using namespace stella::ui;

class TestTestConnection : public QObject
{
    Q_OBJECT

private:
    ManualClock m_clock{test::fixedNow()};
    ConnectorLauncher m_launcher{test::registry(), m_clock, nullptr};
    ConnectorLauncher m_launcherWithoutJenkins{test::registryWithoutJenkinsConnector(), m_clock,
                                               nullptr};

    static Integration inMemory(const QString &scenario,
                                const QString &latency = QStringLiteral("5ms"))
    {
        Integration i;
        i.id = QUuid::createUuid();
        i.tenantId = QStringLiteral("default");
        i.provider = QStringLiteral("InMemory");
        i.type = IntegrationType::Registry;
        i.name = QStringLiteral("Registry (%1)").arg(scenario);
        i.endpoint = QStringLiteral("https://registry.sandbox.invalid");
        i.authRefUri = QStringLiteral("authref://inmemory/sandbox#token");
        i.config = {{QStringLiteral("scenario"), scenario},
                    {QStringLiteral("latency"), latency},
                    {QStringLiteral("slowLatency"), QStringLiteral("60s")}};
        return i;
    }
    template <typename W> static W *child(QWidget *parent, const QString &name)
    {
        W *w = parent->findChild<W *>(name);
        if (!w)
            qFatal("no widget %s", qPrintable(name));
        return w;
    }
    static QStringList titles(const ConnectorStepModel *model)
    {
        QStringList t;
        for (const ConnectorStep &s : model->steps())
            t.append(s.title);
        return t;
    }
    static QStringList states(const ConnectorStepModel *model)
    {
        QStringList t;
        for (const ConnectorStep &s : model->steps())
            t.append(toString(s.state));
        return t;
    }

private Q_SLOTS:
    void showsTheStepsInOrderAsTheyHappenAndTheSuccessLine()
    {
        TestConnectionDialog dialog(m_launcher, inMemory(QStringLiteral("healthy")));
        dialog.show();
        // Every row the view receives, in order of arrival: steps appear one by one, live.
        QStringList arrived;
        connect(dialog.stepModel(), &QAbstractItemModel::rowsInserted, &dialog,
                [&](const QModelIndex &, int first, int) {
                    arrived.append(dialog.stepModel()->steps()[size_t(first)].title);
                });
        QSignalSpy done(&dialog, &TestConnectionDialog::testFinished);
        dialog.start();
        QVERIFY(dialog.isRunning());
        QVERIFY(child<QPushButton>(&dialog, QStringLiteral("cancelButton"))->isEnabled());
        QVERIFY(!child<QPushButton>(&dialog, QStringLiteral("runAgainButton"))->isEnabled());
        QVERIFY(done.wait(10'000));

        const QStringList expected{
            QStringLiteral("Resolve credential"), QStringLiteral("Reach the server"),
            QStringLiteral("Identify product and version"), QStringLiteral("Authenticated call"),
            QStringLiteral("Permission check")};
        QCOMPARE(arrived, expected);
        QCOMPARE(titles(dialog.stepModel()), expected);
        QCOMPARE(states(dialog.stepModel()), QStringList(5, QStringLiteral("passed")));
        QCOMPARE(toString(dialog.state()), QStringLiteral("passed"));
        QVERIFY2(dialog.resultText().startsWith(QStringLiteral("Passed in ")),
                 qPrintable(dialog.resultText()));
        QCOMPARE(dialog.serverText(), QStringLiteral("Server: InMemory 1.0"));
        // Each row has its icon, message and duration.
        const QModelIndex time = dialog.stepModel()->index(1, ConnectorStepModel::DurationColumn);
        QVERIFY(time.data().toString().endsWith(QStringLiteral(" ms")));
        QVERIFY(!dialog.stepModel()
                     ->index(1, ConnectorStepModel::StepColumn)
                     .data(Qt::DecorationRole)
                     .value<QIcon>()
                     .isNull());
        QVERIFY(dialog.stepModel()
                    ->index(1, ConnectorStepModel::MessageColumn)
                    .data()
                    .toString()
                    .contains(QStringLiteral("200")));
        QVERIFY(!child<QPushButton>(&dialog, QStringLiteral("cancelButton"))->isEnabled());
        QVERIFY(child<QPushButton>(&dialog, QStringLiteral("runAgainButton"))->isEnabled());
        QVERIFY(!child<MessageWidget>(&dialog, QStringLiteral("warningBanner"))->isVisible());
    }

    void theUnhealthyScenarioShowsTheFailedStepAndItsMessage()
    {
        TestConnectionDialog dialog(m_launcher, inMemory(QStringLiteral("unhealthy")));
        dialog.show();
        QSignalSpy done(&dialog, &TestConnectionDialog::testFinished);
        dialog.start();
        QVERIFY(done.wait(10'000));
        QCOMPARE(toString(dialog.state()), QStringLiteral("failed"));
        QCOMPARE(titles(dialog.stepModel()), (QStringList{QStringLiteral("Resolve credential"),
                                                          QStringLiteral("Reach the server")}));
        QCOMPARE(states(dialog.stepModel()),
                 (QStringList{QStringLiteral("passed"), QStringLiteral("failed")}));
        QVERIFY(dialog.stepModel()
                    ->index(1, ConnectorStepModel::MessageColumn)
                    .data()
                    .toString()
                    .contains(QStringLiteral("connection refused")));
        const QString result = dialog.resultText();
        QVERIFY2(result.startsWith(QStringLiteral("Failed at “Reach the server”")),
                 qPrintable(result));
        QVERIFY(result.contains(QStringLiteral("connection refused")));
        QVERIFY(result.contains(QStringLiteral("Change the integration's scenario"))); // the hint
        QCOMPARE(dialog.serverText(), QStringLiteral("Server: not identified"));
    }

    void cancelOnTheSlowScenarioCancelsAtOnce()
    {
        TestConnectionDialog dialog(m_launcher, inMemory(QStringLiteral("slow")));
        dialog.show();
        QSignalSpy done(&dialog, &TestConnectionDialog::testFinished);
        dialog.start();
        // Waiting on the server (60 s per request in this scenario).
        QTRY_COMPARE(dialog.stepModel()->rowCount(), 2);
        QCOMPARE(toString(dialog.stepModel()->steps().back().state), QStringLiteral("running"));
        QVERIFY(dialog.resultText().contains(QStringLiteral("Reach the server")));

        QTest::mouseClick(child<QPushButton>(&dialog, QStringLiteral("cancelButton")),
                          Qt::LeftButton);
        // At once: no event loop turn, no waiting for the server.
        QCOMPARE(done.count(), 1);
        QCOMPARE(toString(dialog.state()), QStringLiteral("cancelled"));
        QVERIFY2(dialog.resultText().startsWith(QStringLiteral("Cancelled after ")),
                 qPrintable(dialog.resultText()));
        QVERIFY(dialog.resultText().contains(QStringLiteral("during “Reach the server”")));
        QCOMPARE(states(dialog.stepModel()),
                 (QStringList{QStringLiteral("passed"), QStringLiteral("skipped")}));
        QVERIFY(!child<QPushButton>(&dialog, QStringLiteral("cancelButton"))->isEnabled());
        QVERIFY(child<QPushButton>(&dialog, QStringLiteral("runAgainButton"))->isEnabled());
    }

    void runAgainStartsOver()
    {
        TestConnectionDialog dialog(m_launcher, inMemory(QStringLiteral("degraded")));
        dialog.show();
        QSignalSpy done(&dialog, &TestConnectionDialog::testFinished);
        dialog.start();
        QVERIFY(done.wait(10'000));
        QVERIFY2(dialog.resultText().startsWith(QStringLiteral("Passed with warnings")),
                 qPrintable(dialog.resultText()));
        QTest::mouseClick(child<QPushButton>(&dialog, QStringLiteral("runAgainButton")),
                          Qt::LeftButton);
        QVERIFY(dialog.isRunning());
        QVERIFY(dialog.stepModel()->rowCount() <= 1);
        QVERIFY(done.wait(10'000));
        QCOMPARE(done.count(), 2);
        QCOMPARE(dialog.stepModel()->rowCount(), 5);
    }

    void copyReportPutsTheStepsOnTheClipboard()
    {
        TestConnectionDialog dialog(m_launcher, inMemory(QStringLiteral("unhealthy")));
        dialog.show();
        QSignalSpy done(&dialog, &TestConnectionDialog::testFinished);
        dialog.start();
        QVERIFY(done.wait(10'000));
        QGuiApplication::clipboard()->clear();
        QTest::mouseClick(child<QPushButton>(&dialog, QStringLiteral("copyReportButton")),
                          Qt::LeftButton);
        const QString report = QGuiApplication::clipboard()->text();
        QCOMPARE(report, dialog.report());
        QVERIFY(report.contains(QStringLiteral("Registry (unhealthy)")));
        QVERIFY(report.contains(QStringLiteral("Provider: InMemory")));
        const qsizetype first = report.indexOf(QStringLiteral("[passed ] Resolve credential"));
        const qsizetype second = report.indexOf(QStringLiteral("[failed ] Reach the server — "
                                                               "connection refused"));
        QVERIFY2(first > 0 && second > first, qPrintable(report));
        QVERIFY(report.contains(
            QRegularExpression(QStringLiteral("Reach the server .*\\(\\d+ ms\\)"))));
        QVERIFY(report.contains(QStringLiteral("Result: Failed at “Reach the server”")));
    }

    void theReportNeverCarriesASecret()
    {
        // A server that echoes a token into a step message must not put it on the clipboard.
        TestConnectionDialog dialog(m_launcher, inMemory(QStringLiteral("healthy")));
        ConnectorStep step;
        step.id = QStringLiteral("x");
        step.title = QStringLiteral("Authenticated call");
        step.state = ConnectorStep::State::Passed;
        step.message = QStringLiteral("Authorization: Bearer s3cr3t-token-value");
        dialog.stepModel()->applyStep(step);
        QVERIFY(!dialog.report().contains(QStringLiteral("s3cr3t-token-value")));
    }

    void aProviderWithoutAConnectorSaysSo()
    {
        Integration harbor;
        harbor.id = QUuid::createUuid();
        harbor.provider = QStringLiteral("Jenkins");
        harbor.type = IntegrationType::CiCd;
        harbor.name = QStringLiteral("Jenkins CI");
        harbor.endpoint = QStringLiteral("https://ci.example.com");
        TestConnectionDialog dialog(m_launcherWithoutJenkins, harbor);
        dialog.show();
        QSignalSpy done(&dialog, &TestConnectionDialog::testFinished);
        dialog.start();
        QCOMPARE(done.count(), 1);
        QCOMPARE(toString(dialog.state()), QStringLiteral("unavailable"));
        QVERIFY2(dialog.resultText().contains(QStringLiteral("no connector for")),
                 qPrintable(dialog.resultText()));
        QVERIFY(dialog.resultText().contains(QStringLiteral("Connectors in this build:")));
        QVERIFY(!child<QTableView>(&dialog, QStringLiteral("stepsView"))->isVisible());
        QVERIFY(!child<QPushButton>(&dialog, QStringLiteral("runAgainButton"))->isEnabled());
        QVERIFY(!child<QPushButton>(&dialog, QStringLiteral("cancelButton"))->isEnabled());
    }

    void skippingTlsVerificationIsShownAsAWarning()
    {
        Integration registry;
        registry.id = QUuid::createUuid();
        registry.provider = QStringLiteral("DockerRegistry");
        registry.name = QStringLiteral("Lab registry");
        // Nothing listens on port 9 of loopback: the test ends quickly and offline.
        registry.endpoint = QStringLiteral("https://127.0.0.1:9");
        registry.config = {{QStringLiteral("insecureSkipTlsVerify"), true},
                           {QStringLiteral("timeout"), QStringLiteral("2s")}};
        TestConnectionDialog dialog(m_launcher, registry);
        dialog.show();
        auto *banner = child<MessageWidget>(&dialog, QStringLiteral("warningBanner"));
        QVERIFY(banner->isVisible());
        QVERIFY(banner->plainText().contains(QStringLiteral("TLS verification is off")));
        QSignalSpy done(&dialog, &TestConnectionDialog::testFinished);
        dialog.start();
        QVERIFY(done.wait(20'000));
        QCOMPARE(toString(dialog.state()), QStringLiteral("failed"));
        QVERIFY(dialog.report().contains(QStringLiteral("TLS verification: OFF")));
    }

    void closingARunningTestCancelsIt()
    {
        TestConnectionDialog dialog(m_launcher, inMemory(QStringLiteral("slow")));
        dialog.show();
        QSignalSpy done(&dialog, &TestConnectionDialog::testFinished);
        dialog.start();
        QTRY_COMPARE(dialog.stepModel()->rowCount(), 2);
        QTest::mouseClick(child<QPushButton>(&dialog, QStringLiteral("closeButton")),
                          Qt::LeftButton);
        QVERIFY(dialog.isHidden());
        QCOMPARE(done.count(), 1);
        QCOMPARE(toString(dialog.state()), QStringLiteral("cancelled"));
    }
};

QTEST_MAIN(TestTestConnection)
#include "tst_testconnection.moc"
