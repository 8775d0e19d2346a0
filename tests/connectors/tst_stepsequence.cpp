// SPDX-License-Identifier: Apache-2.0
#include "ConnectorTestSupport.h"
#include "connectors/base/StepSequence.h"
#include "connectors/registry/dockerregistry/DockerRegistryConnector.h"
#include "connectors/registry/harbor/HarborConnector.h"
#include "core/common/Clock.h"
#include "core/connectors/StepIds.h"
#include "core/http/HttpClient.h"

#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <memory>
#include <optional>

using namespace stella;
using test::LoopbackHttpServer;

// The step sequence every connector's operations are made of (connectors/base/StepSequence):
// order, a failing step stopping the rest, cancel in one place, and operations that outlive
// their connector.
class TestStepSequence : public QObject
{
    Q_OBJECT

private:
    test::ConnectorHarness m_harness;

    static QStringList ids(const ConnectorOperation &op) { return test::stepIds(op); }

private Q_SLOTS:
    void stepsRunInTheirOrder()
    {
        auto op = std::make_unique<ConnectorOperation>(ConnectorOperation::Kind::TestConnection);
        QStringList ran;
        // What each body saw when it began: every earlier step already ended.
        QStringList runningBefore;
        const auto noteRunning = [&](const ConnectorOperation &o) {
            int running = 0;
            for (const ConnectorStep &s : o.steps())
                running += s.state == ConnectorStep::State::Running ? 1 : 0;
            runningBefore.append(QString::number(running));
        };
        auto steps = StepSequence::create(op.get());
        steps
            ->add(StepId::Reach, QStringLiteral("Reach"),
                  [&](const Step &step) {
                      ran.append(StepId::Reach);
                      noteRunning(*op);
                      step.pass(QStringLiteral("up"));
                  })
            .add(StepId::Identify, QStringLiteral("Identify"),
                 [&](const Step &step) {
                     ran.append(StepId::Identify);
                     noteRunning(*op);
                     // Asynchronous: ends from the event loop, and the next waits for it.
                     step.after(1, [&, step] {
                         ran.append(QStringLiteral("identify answered"));
                         step.warn(QStringLiteral("no version"));
                     });
                 })
            .add(StepId::Authenticate, QStringLiteral("Authenticate"), [&](const Step &step) {
                ran.append(StepId::Authenticate);
                noteRunning(*op);
                step.skip(QStringLiteral("anonymous"));
            });
        QSignalSpy finished(op.get(), &ConnectorOperation::finished);
        steps->start();
        QVERIFY(!op->isFinished()); // the second step is still waiting
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(ran, (QStringList{StepId::Reach, StepId::Identify,
                                   QStringLiteral("identify answered"), StepId::Authenticate}));
        QCOMPARE(runningBefore,
                 (QStringList{QStringLiteral("1"), QStringLiteral("1"), QStringLiteral("1")}));
        QCOMPARE(ids(*op), (QStringList{StepId::Reach, StepId::Identify, StepId::Authenticate}));
        QCOMPARE(test::stepStates(*op),
                 (QStringList{QStringLiteral("passed"), QStringLiteral("warning"),
                              QStringLiteral("skipped")}));
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Succeeded);
    }

    void aFailingStepStopsTheRest()
    {
        auto op = std::make_unique<ConnectorOperation>(ConnectorOperation::Kind::TestConnection);
        bool thirdRan = false;
        std::optional<Step> failed;
        auto steps = StepSequence::create(op.get());
        steps
            ->add(StepId::Reach, QStringLiteral("Reach"),
                  [](const Step &step) { step.pass(QStringLiteral("up")); })
            .add(StepId::Authenticate, QStringLiteral("Authenticate"),
                 [&](const Step &step) {
                     failed = step;
                     step.fail(Error::failed(QStringLiteral("401 Unauthorized"),
                                             QStringLiteral("Check the secret")));
                 })
            .add(StepId::Permission, QStringLiteral("Permission"), [&](const Step &step) {
                thirdRan = true;
                step.pass({});
            });
        QSignalSpy finished(op.get(), &ConnectorOperation::finished);
        steps->start();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->error().message, QStringLiteral("401 Unauthorized"));
        QVERIFY(!thirdRan);
        QCOMPARE(ids(*op), (QStringList{StepId::Reach, StepId::Authenticate}));
        STELLA_COMPARE_ENUM(op->steps().last().state, ConnectorStep::State::Failed);
        // A late verdict from the failed step changes nothing.
        QVERIFY(failed && failed->isOver());
        failed->pass(QStringLiteral("too late"));
        QCOMPARE(finished.count(), 1);
        QVERIFY(!thirdRan);
        STELLA_COMPARE_ENUM(op->steps().last().state, ConnectorStep::State::Failed);
    }

    void finishEndsWithoutTheRemainingSteps()
    {
        auto op = std::make_unique<ConnectorOperation>(ConnectorOperation::Kind::HealthCheck);
        bool secondRan = false;
        auto steps = StepSequence::create(op.get());
        steps
            ->add(StepId::Health, QStringLiteral("Health"),
                  [](const Step &step) {
                      step.finish(ConnectorStep::State::Failed, QStringLiteral("HTTP 500"));
                  })
            .add(StepId::Writable, QStringLiteral("Writable"), [&](const Step &step) {
                secondRan = true;
                step.pass({});
            });
        steps->start();
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Succeeded);
        QVERIFY(!secondRan);
        QCOMPARE(ids(*op), QStringList{StepId::Health});
        QCOMPARE(op->steps().last().message, QStringLiteral("HTTP 500"));
    }

    void cancelMidStepAbortsRequestsAndFinishesOnce()
    {
        // A server that never answers: the request stays in flight until cancelled.
        LoopbackHttpServer server([](const LoopbackHttpServer::Request &) {
            LoopbackHttpServer::Response r;
            r.noAnswer = true;
            return r;
        });
        QVERIFY(server.listen());
        ManualClock clock{test::fixedNow()};
        HttpClient client(clock);
        auto op = std::make_unique<ConnectorOperation>(ConnectorOperation::Kind::Discovery);
        QPointer<HttpCall> call;
        std::optional<Step> running;
        bool timerFired = false;
        bool nextRan = false;
        auto steps = StepSequence::create(op.get());
        steps
            ->add(StepId::Discover, QStringLiteral("Discover"),
                  [&](const Step &step) {
                      running = step;
                      HttpRequest request;
                      request.url = server.url();
                      call = client.send(request, step.operation());
                      step.after(60000, [&] { timerFired = true; });
                  })
            .add(StepId::Health, QStringLiteral("Never"), [&](const Step &step) {
                nextRan = true;
                step.pass({});
            });
        QSignalSpy finished(op.get(), &ConnectorOperation::finished);
        steps->start();
        QVERIFY(call);
        QTRY_COMPARE(server.requests().size(), 1);
        QSignalSpy callFinished(call.data(), &HttpCall::finished);
        op->cancel();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Cancelled);
        QCOMPARE(callFinished.count(), 1); // aborted at once, not left to time out
        QVERIFY(call->isFinished());
        QCOMPARE(call->result().error().kind, ErrorKind::Cancelled);
        const QList<QTimer *> timers = op->findChildren<QTimer *>(Qt::FindDirectChildrenOnly);
        for (const QTimer *timer : timers)
            QVERIFY(!timer->isActive());
        STELLA_COMPARE_ENUM(op->steps().last().state, ConnectorStep::State::Skipped);
        // Nothing more: a late verdict, a second cancel.
        running->pass(QStringLiteral("late"));
        op->cancel();
        QCOMPARE(finished.count(), 1);
        QVERIFY(!nextRan);
        QVERIFY(!timerFired);
        QCOMPARE(ids(*op), QStringList{StepId::Discover});
    }

    void anOperationDestroyedMidStepIsSafe()
    {
        std::optional<Step> running;
        auto op = std::make_unique<ConnectorOperation>(ConnectorOperation::Kind::TestConnection);
        auto steps = StepSequence::create(op.get());
        steps->add(StepId::Reach, QStringLiteral("Reach"), [&](const Step &step) {
            running = step;
            step.after(1, [step] { step.pass({}); });
        });
        steps->start();
        const QPointer<QTimer> timer = op->findChild<QTimer *>();
        QVERIFY(timer && timer->isActive());
        op.reset();
        QVERIFY(!timer); // the step's timer went with its operation
        QVERIFY(running->isOver());
        QVERIFY(!running->operation());
        running->pass(QStringLiteral("after the end")); // ignored, no crash
        running->after(1, [] {});                       // no operation: no timer is made
    }

    void aDeletedConnectorDoesNotStopItsOperation_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::newRow("DockerRegistry") << QStringLiteral("DockerRegistry");
        QTest::newRow("Harbor") << QStringLiteral("Harbor");
    }
    void aDeletedConnectorDoesNotStopItsOperation()
    {
        QFETCH(QString, provider);
        // Enough of each API for a passing test-connection, anonymously.
        LoopbackHttpServer server([](const LoopbackHttpServer::Request &r) {
            if (r.path() == "/v2/" || r.path() == "/v2/_catalog") {
                auto ok = LoopbackHttpServer::Response::json(200, "{}");
                ok.headers.append(qMakePair(QByteArray("Docker-Distribution-API-Version"),
                                            QByteArray("registry/2.0")));
                return ok;
            }
            if (r.path() == "/api/v2.0/health")
                return LoopbackHttpServer::Response::json(200, R"({"status":"healthy"})");
            if (r.path() == "/api/v2.0/systeminfo")
                return LoopbackHttpServer::Response::json(200, R"({"harbor_version":"v2.11.0"})");
            if (r.path() == "/api/v2.0/repositories") {
                auto ok = LoopbackHttpServer::Response::json(200, "[]");
                ok.headers.append(qMakePair(QByteArray("X-Total-Count"), QByteArray("0")));
                return ok;
            }
            return LoopbackHttpServer::Response::json(404, "{}");
        });
        QVERIFY(server.listen());
        const Integration integration =
            test::integrationFor(provider, server.url().toString(), QString());
        std::unique_ptr<Connector> connector;
        if (provider == QLatin1String("Harbor"))
            connector = m_harness.make<HarborConnector>(integration);
        else
            connector = m_harness.make<DockerRegistryConnector>(integration);
        std::unique_ptr<ConnectorOperation> op(connector->testConnection(nullptr));
        connector.reset(); // the operation holds what it needs, not the connector
        QVERIFY(test::waitFinished(op.get()));
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Succeeded);
        QCOMPARE(ids(*op), (QStringList{StepId::Credential, StepId::Reach, StepId::Identify,
                                        StepId::Authenticate, StepId::Permission}));
        QVERIFY(server.requests().size() >= 3);
    }
};

QTEST_GUILESS_MAIN(TestStepSequence)
#include "tst_stepsequence.moc"
