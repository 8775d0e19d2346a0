// SPDX-License-Identifier: Apache-2.0
#include "TestSupport.h"
#include "connectors/inmemory/InMemoryConnector.h"
#include "core/common/Clock.h"
#include "core/connectors/StepIds.h"
#include "core/model/ResourceTypes.h"

#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>
#include <memory>

using namespace stella;

class TestInMemoryConnector : public QObject
{
    Q_OBJECT

private:
    // 10:01 UTC: minute 601, not a multiple of 3, so flaky integrations are up.
    ManualClock m_clock{QDateTime(QDate(2026, 1, 15), QTime(10, 1), QTimeZone::utc())};

    std::unique_ptr<InMemoryConnector> connector(const QString &scenario,
                                                 IntegrationType type = IntegrationType::Registry,
                                                 QJsonObject extra = {})
    {
        Integration i;
        i.id = QUuid::createUuid();
        i.provider = QStringLiteral("InMemory");
        i.type = type;
        i.config = extra;
        i.config.insert(QStringLiteral("scenario"), scenario);
        i.config.insert(QStringLiteral("latency"), QStringLiteral("1ms"));
        ConnectorContext context;
        context.clock = &m_clock;
        return std::make_unique<InMemoryConnector>(i, context);
    }

    static void finish(ConnectorOperation *op)
    {
        QSignalSpy finished(op, &ConnectorOperation::finished);
        if (!op->isFinished())
            QVERIFY(finished.wait(5000));
    }

private Q_SLOTS:
    void healthyTestConnectionIsAChecklist()
    {
        auto c = connector(QStringLiteral("healthy"));
        std::unique_ptr<ConnectorOperation> op(c->testConnection(nullptr));
        QSignalSpy steps(op.get(), &ConnectorOperation::stepChanged);
        finish(op.get());
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Succeeded);
        QStringList ids;
        for (const ConnectorStep &s : op->steps())
            ids.append(s.id);
        QCOMPARE(ids, (QStringList{StepId::Credential, StepId::Reach, StepId::Identify,
                                   StepId::Authenticate, StepId::Permission}));
        QCOMPARE(steps.count(), 10); // each step reported when it starts and when it ends
        QCOMPARE(op->server().product, QStringLiteral("InMemory"));
        STELLA_COMPARE_ENUM(op->healthStatus(), HealthStatus::Healthy);
    }

    void scenarios_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<int>("health");
        QTest::addColumn<bool>("testPasses");
        QTest::newRow("healthy") << QStringLiteral("healthy") << int(HealthStatus::Healthy) << true;
        QTest::newRow("degraded") << QStringLiteral("degraded") << int(HealthStatus::Degraded)
                                  << true;
        QTest::newRow("unhealthy")
            << QStringLiteral("unhealthy") << int(HealthStatus::Unhealthy) << false;
        QTest::newRow("slow") << QStringLiteral("slow") << int(HealthStatus::Degraded) << true;
        QTest::newRow("flaky up") << QStringLiteral("flaky") << int(HealthStatus::Healthy) << true;
    }
    void scenarios()
    {
        QFETCH(QString, scenario);
        QFETCH(int, health);
        QFETCH(bool, testPasses);
        auto c = connector(scenario, IntegrationType::Registry,
                           {{QStringLiteral("slowLatency"), QStringLiteral("5ms")}});
        std::unique_ptr<ConnectorOperation> check(c->checkHealth(nullptr));
        finish(check.get());
        QCOMPARE(check->outcome(), ConnectorOperation::Outcome::Succeeded);
        QCOMPARE(int(check->healthStatus()), health);
        std::unique_ptr<ConnectorOperation> test(c->testConnection(nullptr));
        finish(test.get());
        QCOMPARE(test->outcome() == ConnectorOperation::Outcome::Succeeded, testPasses);
        if (!testPasses) {
            STELLA_COMPARE_ENUM(test->steps().last().state, ConnectorStep::State::Failed);
            QVERIFY(!test->error().hint.isEmpty());
        }
    }

    void flakyFollowsTheClock()
    {
        auto c = connector(QStringLiteral("flaky"));
        QVERIFY(!c->flakyFailsNow());
        m_clock.set(
            QDateTime(QDate(2026, 1, 15), QTime(10, 2), QTimeZone::utc())); // minute 602 % 3 == 2
        QVERIFY(!c->flakyFailsNow());
        m_clock.set(
            QDateTime(QDate(2026, 1, 15), QTime(10, 3), QTimeZone::utc())); // minute 603 % 3 == 0
        QVERIFY(c->flakyFailsNow());
        std::unique_ptr<ConnectorOperation> check(c->checkHealth(nullptr));
        finish(check.get());
        STELLA_COMPARE_ENUM(check->healthStatus(), HealthStatus::Unhealthy);
        m_clock.set(QDateTime(QDate(2026, 1, 15), QTime(10, 1), QTimeZone::utc()));
    }

    void discoveryStreamsPages()
    {
        auto c =
            connector(QStringLiteral("healthy"), IntegrationType::Registry,
                      {{QStringLiteral("resourceCount"), 250}, {QStringLiteral("pageSize"), 100}});
        std::unique_ptr<ConnectorOperation> op(
            c->discover(ResourceType::Repositories, QString(), nullptr));
        QSignalSpy pages(op.get(), &ConnectorOperation::pageReady);
        finish(op.get());
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Succeeded);
        QCOMPARE(pages.count(), 3);
        QCOMPARE(op->resourceCount(), 250);
        const auto first = pages.first().first().value<QList<DiscoveredResource>>();
        QCOMPARE(first.size(), 100);
        QCOMPARE(first.first().name, QStringLiteral("demo/service-0000"));
    }

    void discoveryFiltersByGlob()
    {
        auto c = connector(QStringLiteral("healthy"), IntegrationType::CiCd,
                           {{QStringLiteral("resourceCount"), 120}});
        std::unique_ptr<ConnectorOperation> op(
            c->discover(ResourceType::Jobs, QStringLiteral("DEMO-JOB-00[1-2]?"), nullptr));
        int count = 0;
        connect(op.get(), &ConnectorOperation::pageReady, this,
                [&count](const QList<DiscoveredResource> &page) { count += int(page.size()); });
        finish(op.get());
        QCOMPARE(count, 20); // 0010..0029, case-insensitive
    }

    void unsupportedResourceTypeListsTheSupportedOnes()
    {
        auto c = connector(QStringLiteral("healthy"), IntegrationType::Scm);
        std::unique_ptr<ConnectorOperation> op(c->discover(ResourceType::Tags, QString(), nullptr));
        finish(op.get());
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Failed);
        QCOMPARE(op->error().kind, ErrorKind::InvalidInput);
        QVERIFY(op->error().hint.contains(QStringLiteral("projects, repositories")));

        auto vault = connector(QStringLiteral("healthy"), IntegrationType::SecretsManager);
        std::unique_ptr<ConnectorOperation> none(
            vault->discover(ResourceType::Repositories, QString(), nullptr));
        finish(none.get());
        QVERIFY(none->error().message.contains(QStringLiteral("support no discovery")));
    }

    void cancelStopsAtOnce()
    {
        auto c = connector(
            QStringLiteral("healthy"), IntegrationType::Registry,
            {{QStringLiteral("resourceCount"), 100000}, {QStringLiteral("pageSize"), 10}});
        std::unique_ptr<ConnectorOperation> op(c->discover(ResourceType::Tags, QString(), nullptr));
        QSignalSpy pages(op.get(), &ConnectorOperation::pageReady);
        QVERIFY(pages.wait(5000));
        QSignalSpy finished(op.get(), &ConnectorOperation::finished);
        op->cancel();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Cancelled);
        const int seen = int(pages.count());
        // No further page may arrive: wait for a would-be page and expect none.
        QVERIFY(!pages.wait(50));
        QCOMPARE(int(pages.count()), seen);
        op->cancel(); // idempotent
        QCOMPARE(finished.count(), 1);
    }

    void operationOutlivesItsConnector()
    {
        auto c = connector(QStringLiteral("healthy"));
        std::unique_ptr<ConnectorOperation> op(c->testConnection(nullptr));
        c.reset();
        finish(op.get());
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Succeeded);
    }

    void globPatterns()
    {
        const auto matches = [](const QString &glob, const QString &name) {
            return QRegularExpression(globToRegularExpression(glob)).match(name).hasMatch();
        };
        QVERIFY(matches(QStringLiteral("team/*"), QStringLiteral("team/app/api")));
        QVERIFY(matches(QStringLiteral("*api"), QStringLiteral("team/app/api")));
        QVERIFY(!matches(QStringLiteral("*api"), QStringLiteral("team/apis")));
        QVERIFY(matches(QStringLiteral("v1.?"), QStringLiteral("v1.2")));
        QVERIFY(matches(QStringLiteral("v[!0]*"), QStringLiteral("v1")));
        QVERIFY(!matches(QStringLiteral("v[!0]*"), QStringLiteral("v0")));
        QVERIFY(matches(QStringLiteral("a.b(c)"), QStringLiteral("a.b(c)")));
        QVERIFY(!matches(QStringLiteral("a.b"), QStringLiteral("axb")));
    }
};

QTEST_GUILESS_MAIN(TestInMemoryConnector)
#include "tst_inmemoryconnector.moc"
