// SPDX-License-Identifier: Apache-2.0
// The health monitor's result writer against a real SQLite catalog: batches of one tenant in
// order, transitions, removed integrations, and a catalog that refuses writes (another program
// holds its write lock) losing nothing.
#include "HealthTestRecords.h"
#include "TestSupport.h"
#include "core/catalog/CatalogThread.h"
#include "core/catalog/IntegrationCatalog.h"
#include "core/health/HealthResultWriter.h"

#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace stella;

namespace {

const QString kDefault = QStringLiteral("default");
const QString kStaging = QStringLiteral("staging");
constexpr qint64 kRetryMs = 100;

IntegrationDraft draft(const QString &name)
{
    IntegrationDraft d;
    d.provider = QStringLiteral("InMemory");
    d.name = name;
    d.config = QJsonObject{{QStringLiteral("scenario"), QStringLiteral("healthy")}};
    return d;
}

using test::checkResult;

// Another program writing to the catalog: SQLite's write lock, held until release().
class WriteLock
{
public:
    explicit WriteLock(const QString &path)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), kName);
        db.setDatabaseName(path);
        m_ok = db.open() && QSqlQuery(db).exec(QStringLiteral("BEGIN IMMEDIATE"));
    }
    ~WriteLock() { release(); }
    bool isHeld() const { return m_ok; }
    void release()
    {
        if (!QSqlDatabase::contains(kName))
            return;
        {
            QSqlDatabase db = QSqlDatabase::database(kName, false);
            QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
            db.close();
        }
        QSqlDatabase::removeDatabase(kName);
    }

private:
    inline static const QString kName = QStringLiteral("another-program");
    bool m_ok = false;
};

} // namespace

class TestHealthResultWriter : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    ManualClock m_clock{test::fixedNow()};
    std::unique_ptr<CatalogThread> m_catalog;
    Integration m_a;       // in "default"
    Integration m_b;       // in "default"
    Integration m_staging; // in "staging"

    QString dbPath() const
    {
        return m_dir.filePath(
            QStringLiteral("%1.db").arg(QLatin1String(QTest::currentTestFunction())));
    }

    int historySize(const QString &tenant, const QUuid &id)
    {
        auto session = test::openOrFail(DatabaseUrl::sqliteFile(dbPath()), m_clock);
        if (!session)
            return -1;
        auto checks = session->catalog().healthHistory(RequestContext{tenant, QStringLiteral("t")},
                                                       id, 1'000'000);
        return checks ? int(checks->size()) : -1;
    }

private Q_SLOTS:
    void init()
    {
        // A short busy timeout: a locked catalog refuses within 50 ms instead of 5 s.
        auto url = DatabaseUrl::parse(QStringLiteral("sqlite://%1?busy_timeout=50").arg(dbPath()));
        QVERIFY(url);
        {
            auto session = test::openOrFail(*url, m_clock);
            QVERIFY(session);
            const RequestContext def{kDefault, QStringLiteral("t")};
            const RequestContext staging{kStaging, QStringLiteral("t")};
            m_a = *session->catalog().add(def, draft(QStringLiteral("a")));
            m_b = *session->catalog().add(def, draft(QStringLiteral("b")));
            m_staging = *session->catalog().add(staging, draft(QStringLiteral("s")));
        }
        m_catalog = std::make_unique<CatalogThread>(test::registry(), m_clock);
        auto opened = m_catalog->open(*url);
        QTRY_VERIFY(opened.isFinished());
        QVERIFY2(opened.result().ok(), qPrintable(opened.result().error().toText()));
    }
    void cleanup() { m_catalog.reset(); }

    void writesInOrderInBatchesOfOneTenant()
    {
        HealthResultWriter writer(*m_catalog, kRetryMs);
        QList<QUuid> order;
        QList<int> batches{0};
        connect(&writer, &HealthResultWriter::recorded, this,
                [&](const QString &, const HealthCheckRecord &r) {
                    order.append(r.integrationId);
                    ++batches.last();
                });
        connect(&writer, &HealthResultWriter::batchAnswered, this, [&] { batches.append(0); });
        QList<QUuid> expected;
        auto add = [&](const QString &tenant, const QUuid &id, int count) {
            for (int i = 0; i < count; ++i) {
                m_clock.advanceMs(1000);
                writer.append(tenant, checkResult(id, m_clock.now(), HealthStatus::Healthy));
                expected.append(id);
            }
        };
        add(kDefault, m_a.id, 150);
        add(kStaging, m_staging.id, 10);
        add(kDefault, m_b.id, 5);
        QCOMPARE(writer.pending(), 165);
        QTRY_COMPARE(writer.pending(), 0);
        QCOMPARE(order, expected);
        // The first result goes at once; the others queue behind it, at most 100 of one tenant
        // per batch, a batch ending where the tenant changes.
        batches.removeLast();
        QCOMPARE(batches, (QList<int>{1, 100, 49, 10, 5}));
        QCOMPARE(historySize(kDefault, m_a.id), 150);
        QCOMPARE(historySize(kStaging, m_staging.id), 10);
        QCOMPARE(historySize(kDefault, m_b.id), 5);
        QVERIFY(writer.isSettled());
        QCOMPARE(int(writer.catalogState()), int(HealthResultWriter::CatalogState::Available));
    }

    void aTransitionIsSignalledOnceWithThePreviousStatus()
    {
        HealthResultWriter writer(*m_catalog, kRetryMs);
        QSignalSpy changed(&writer, &HealthResultWriter::statusChanged);
        QSignalSpy recorded(&writer, &HealthResultWriter::recorded);
        for (HealthStatus s : {HealthStatus::Healthy, HealthStatus::Healthy,
                               HealthStatus::Unhealthy, HealthStatus::Unhealthy}) {
            m_clock.advanceMs(1000);
            writer.append(kDefault, checkResult(m_a.id, m_clock.now(), s));
        }
        QTRY_COMPARE(recorded.count(), 4);
        QCOMPARE(changed.count(), 2);
        STELLA_COMPARE_ENUM(changed.at(0).at(2).value<HealthStatus>(), HealthStatus::Unknown);
        STELLA_COMPARE_ENUM(changed.at(0).at(1).value<HealthCheckRecord>().status,
                            HealthStatus::Healthy);
        STELLA_COMPARE_ENUM(changed.at(1).at(2).value<HealthStatus>(), HealthStatus::Healthy);
        STELLA_COMPARE_ENUM(changed.at(1).at(1).value<HealthCheckRecord>().status,
                            HealthStatus::Unhealthy);
    }

    void aResultForARemovedIntegrationIsDroppedAndSaidSo()
    {
        {
            auto session = test::openOrFail(DatabaseUrl::sqliteFile(dbPath()), m_clock);
            QVERIFY(session);
            QVERIFY(session->catalog()
                        .remove(RequestContext{kDefault, QStringLiteral("t")}, m_a.id)
                        .ok());
        }
        HealthResultWriter writer(*m_catalog, kRetryMs);
        QSignalSpy gone(&writer, &HealthResultWriter::integrationGone);
        QSignalSpy recorded(&writer, &HealthResultWriter::recorded);
        QSignalSpy unavailable(&writer, &HealthResultWriter::catalogUnavailable);
        writer.append(kDefault, checkResult(m_a.id, m_clock.now(), HealthStatus::Healthy));
        writer.append(kDefault, checkResult(m_b.id, m_clock.now(), HealthStatus::Healthy));
        QTRY_COMPARE(writer.pending(), 0);
        QCOMPARE(gone.count(), 1);
        QCOMPARE(gone.first().first().toUuid(), m_a.id);
        QCOMPARE(recorded.count(), 1);
        QCOMPARE(recorded.first().at(1).value<HealthCheckRecord>().integrationId, m_b.id);
        QCOMPARE(unavailable.count(), 0); // a removed integration is not an outage
    }

    void resultsTheCatalogRefusesAreKeptRetriedAndAllWritten()
    {
        HealthResultWriter writer(*m_catalog, kRetryMs);
        QSignalSpy unavailable(&writer, &HealthResultWriter::catalogUnavailable);
        QSignalSpy restored(&writer, &HealthResultWriter::catalogRestored);
        QSignalSpy answered(&writer, &HealthResultWriter::batchAnswered);
        QList<QUuid> order;
        connect(
            &writer, &HealthResultWriter::recorded, this,
            [&](const QString &, const HealthCheckRecord &r) { order.append(r.integrationId); });

        WriteLock lock(dbPath());
        QVERIFY(lock.isHeld());
        const QList<QUuid> expected{m_a.id, m_b.id, m_a.id};
        for (const QUuid &id : expected) {
            m_clock.advanceMs(1000);
            writer.append(kDefault, checkResult(id, m_clock.now(), HealthStatus::Healthy));
        }
        QVERIFY(unavailable.wait(10000));
        QCOMPARE(int(writer.catalogState()), int(HealthResultWriter::CatalogState::Unavailable));
        QVERIFY2(
            unavailable.first().first().value<Error>().message.contains(QLatin1String("locked")),
            qPrintable(unavailable.first().first().value<Error>().message));
        QCOMPARE(writer.pending(), 3);
        // Tried again and again while refused, announced once.
        QTRY_VERIFY_WITH_TIMEOUT(answered.count() >= 3, 10000);
        QCOMPARE(unavailable.count(), 1);
        QCOMPARE(writer.pending(), 3);
        QVERIFY(writer.isSettled());
        QVERIFY(order.isEmpty());

        lock.release();
        QVERIFY(restored.wait(10000));
        QCOMPARE(restored.count(), 1);
        QCOMPARE(writer.pending(), 0);
        QCOMPARE(order, expected);
        QCOMPARE(historySize(kDefault, m_a.id), 2);
        QCOMPARE(historySize(kDefault, m_b.id), 1);
        QCOMPARE(int(writer.catalogState()), int(HealthResultWriter::CatalogState::Available));
    }

    void anOutageNoticedElsewhereHoldsNewResultsUntilTheRetry()
    {
        HealthResultWriter writer(*m_catalog, kRetryMs);
        QSignalSpy unavailable(&writer, &HealthResultWriter::catalogUnavailable);
        QSignalSpy restored(&writer, &HealthResultWriter::catalogRestored);
        QSignalSpy answered(&writer, &HealthResultWriter::batchAnswered);
        // The monitor's lease claim failed: the writer holds results rather than adding load.
        writer.noteCatalogUnavailable(Error::backend(QStringLiteral("the claim failed")));
        QCOMPARE(unavailable.count(), 1);
        writer.append(kDefault, checkResult(m_a.id, m_clock.now(), HealthStatus::Healthy));
        QCOMPARE(answered.count(), 0);
        QCOMPARE(writer.pending(), 1);
        QVERIFY(writer.isSettled());
        // The retry timer writes it; the catalog takes it, so the outage is over.
        QVERIFY(restored.wait(10000));
        QCOMPARE(writer.pending(), 0);
        QCOMPARE(historySize(kDefault, m_a.id), 1);
    }

    void resultsKeptAtStopAreWrittenUnannounced()
    {
        HealthResultWriter writer(*m_catalog, kRetryMs);
        QSignalSpy recorded(&writer, &HealthResultWriter::recorded);
        QSignalSpy changed(&writer, &HealthResultWriter::statusChanged);
        WriteLock lock(dbPath());
        QVERIFY(lock.isHeld());
        writer.append(kDefault, checkResult(m_a.id, m_clock.now(), HealthStatus::Unhealthy));
        writer.append(kDefault, checkResult(m_b.id, m_clock.now(), HealthStatus::Healthy));
        writer.silenceKept();
        lock.release();
        QTRY_COMPARE_WITH_TIMEOUT(writer.pending(), 0, 10000);
        QCOMPARE(recorded.count(), 0);
        QCOMPARE(changed.count(), 0);
        QCOMPARE(historySize(kDefault, m_a.id), 1);
        QCOMPARE(historySize(kDefault, m_b.id), 1);
        // A result measured after that is announced again.
        writer.append(kDefault,
                      checkResult(m_b.id, m_clock.now().addSecs(1), HealthStatus::Healthy));
        QTRY_COMPARE(recorded.count(), 1);
    }
};

QTEST_GUILESS_MAIN(TestHealthResultWriter)
#include "tst_healthresultwriter.moc"
