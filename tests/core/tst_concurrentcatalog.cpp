// SPDX-License-Identifier: Apache-2.0
// Concurrent use (docs/architecture.md, Reliability): two console-like sessions (threads, each
// with its own catalog connection, as the console's CatalogThread has) editing the same
// integrations while a headless `stella-integrations monitor` process checks them, on one
// SQLite file and on one PostgreSQL catalog; and two monitors on one catalog at once. For a
// bounded number of rounds: no lost update (every edit that lost the race is reported as the
// optimistic-concurrency conflict), no "database is locked" reaching the caller, no check run
// twice. The figures (edits, conflicts seen and reported) are printed as CONCURRENCY lines;
// bench/concurrent-catalog runs the same for minutes.
#include "TestSupport.h"
#include "core/catalog/CatalogSession.h"
#include "core/catalog/IntegrationCatalog.h"
#include "core/storage/Database.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <atomic>
#include <mutex>

using namespace stella;

namespace {

constexpr int kHot = 4;             // integrations both sessions edit
constexpr int kWatched = 60;        // integrations the monitor checks
constexpr int kDefaultRounds = 150; // edits per session; STELLA_CONCURRENCY_ROUNDS for more

int rounds()
{
    bool ok = false;
    const int n = qEnvironmentVariableIntValue("STELLA_CONCURRENCY_ROUNDS", &ok);
    return ok && n > 0 ? n : kDefaultRounds;
}

QString hotName(int item, int revision)
{
    return QStringLiteral("hot-%1-rev-%2").arg(item).arg(revision);
}

int revisionOf(const QString &name)
{
    return name.section(QStringLiteral("-rev-"), 1).toInt();
}

// What one console session saw: each edit either saved or was refused as a conflict; any
// other error (a lock above all) is a failure of the catalog, kept with its words.
struct SessionTally
{
    int saved = 0;
    int conflicts = 0;
    QStringList otherErrors;
    QHash<QUuid, int> savedPerIntegration;
};

// A console: reload the integration, change it from what it read, save with the version it
// read. Between read and save the other session may have saved: that must be a conflict.
class ConsoleSession : public QThread
{
public:
    ConsoleSession(QString url, QList<QUuid> hot, int rounds, quint32 seed)
        : m_url(std::move(url)), m_hot(std::move(hot)), m_rounds(rounds), m_random(seed)
    {}
    SessionTally tally;
    std::atomic<bool> *go = nullptr;

protected:
    void run() override
    {
        SystemClock clock;
        auto url = DatabaseUrl::parse(m_url);
        if (!url) {
            tally.otherErrors.append(url.error().message);
            return;
        }
        auto session = CatalogSession::open(*url, test::registry(), clock);
        if (!session) {
            tally.otherErrors.append(session.error().message);
            return;
        }
        IntegrationCatalog &catalog = (*session)->catalog();
        const RequestContext ctx;
        while (go && !go->load())
            QThread::yieldCurrentThread();
        for (int round = 0; round < m_rounds; ++round) {
            const QUuid id = m_hot.at(int(m_random.bounded(quint32(m_hot.size()))));
            auto read = catalog.get(ctx, id);
            if (!read) {
                tally.otherErrors.append(read.error().message);
                continue;
            }
            // The operator's think time, as a few yields: enough for the other session to
            // save in between now and then.
            for (quint32 i = m_random.bounded(50u); i > 0; --i)
                QThread::yieldCurrentThread();
            IntegrationPatch patch;
            const int item = read->name.section(QLatin1Char('-'), 1, 1).toInt();
            patch.name = hotName(item, revisionOf(read->name) + 1);
            auto saved = catalog.update(ctx, id, patch, read->version);
            if (saved) {
                ++tally.saved;
                ++tally.savedPerIntegration[id];
            } else if (saved.error().kind == ErrorKind::Conflict) {
                ++tally.conflicts;
            } else {
                tally.otherErrors.append(saved.error().message);
            }
        }
    }

private:
    QString m_url;
    QList<QUuid> m_hot;
    int m_rounds;
    QRandomGenerator m_random;
};

QProcess *startMonitor(const QString &home, const QString &url, const QStringList &extra,
                       QObject *parent)
{
    auto *p = new QProcess(parent);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("STELLA_DB"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/xdg"));
    p->setProcessEnvironment(env);
    // One sweep answers in JSON; a running monitor prints a line per result written.
    const QStringList format = extra.contains(QStringLiteral("--once"))
                                   ? QStringList{QStringLiteral("--json")}
                                   : QStringList{};
    p->start(qEnvironmentVariable("STELLA_CLI"),
             QStringList{QStringLiteral("--db"), url} + format +
                 QStringList{QStringLiteral("monitor"), QStringLiteral("--interval"),
                             QStringLiteral("10s"), QStringLiteral("--concurrency"),
                             QStringLiteral("8")} +
                 extra);
    return p;
}

} // namespace

class TestConcurrentCatalog : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    SystemClock m_clock;

    // kHot edited integrations and kWatched monitored ones; answers the hot ids.
    QList<QUuid> seed(IntegrationCatalog &catalog)
    {
        const RequestContext ctx;
        QList<QUuid> hot;
        for (int i = 0; i < kHot + kWatched; ++i) {
            IntegrationDraft d;
            d.provider = QStringLiteral("InMemory");
            d.name = i < kHot ? hotName(i, 0) : QStringLiteral("watched-%1").arg(i);
            d.config = QJsonObject{{QStringLiteral("scenario"), QStringLiteral("healthy")},
                                   {QStringLiteral("latency"), QStringLiteral("1ms")}};
            auto added = catalog.add(ctx, d);
            if (!added) {
                qWarning("%s", qPrintable(added.error().toText()));
                return {};
            }
            if (i < kHot)
                hot.append(added->id);
        }
        return hot;
    }

    // Two sessions and a monitor process at once, then the books: every edit saved is in the
    // integration's revision, every other one was reported as a conflict.
    void editWhileMonitoring(const QString &url, const char *where)
    {
        auto opened = DatabaseUrl::parse(url);
        QVERIFY(opened);
        auto owner = test::openOrFail(*opened, m_clock);
        QVERIFY(owner);
        const QList<QUuid> hot = seed(owner->catalog());
        QCOMPARE(hot.size(), kHot);

        std::atomic<bool> go{false};
        ConsoleSession a(url, hot, rounds(), 1), b(url, hot, rounds(), 2);
        a.go = b.go = &go;
        a.start();
        b.start();
        std::unique_ptr<QProcess> monitor(startMonitor(m_dir.path(), url, {}, nullptr));
        QVERIFY(monitor->waitForStarted());
        // The monitor's first results are being written when the sessions start editing.
        if (!monitor->canReadLine())
            QVERIFY2(monitor->waitForReadyRead(60000), "the monitor wrote no result");
        go = true;
        QVERIFY(a.wait(300000));
        QVERIFY(b.wait(300000));
        monitor->terminate(); // SIGTERM: the monitor stops cleanly
        QVERIFY(monitor->waitForFinished(60000));
        const QByteArray monitorErr = monitor->readAllStandardError();
        QVERIFY2(monitor->exitStatus() == QProcess::NormalExit && monitor->exitCode() == 0,
                 monitorErr.constData());
        QVERIFY2(!monitorErr.contains("locked"), monitorErr.constData());

        const int saved = a.tally.saved + b.tally.saved;
        const int conflicts = a.tally.conflicts + b.tally.conflicts;
        qInfo().noquote() << QStringLiteral(
                                 "CONCURRENCY %1: %2 edits, %3 saved, %4 conflicts reported, %5 "
                                 "other errors")
                                 .arg(QLatin1String(where))
                                 .arg(2 * rounds())
                                 .arg(saved)
                                 .arg(conflicts)
                                 .arg(a.tally.otherErrors.size() + b.tally.otherErrors.size());
        QVERIFY2(a.tally.otherErrors.isEmpty(),
                 qPrintable(a.tally.otherErrors.join(QLatin1Char('\n'))));
        QVERIFY2(b.tally.otherErrors.isEmpty(),
                 qPrintable(b.tally.otherErrors.join(QLatin1Char('\n'))));
        QCOMPARE(saved + conflicts, 2 * rounds());

        // No lost update: each integration's revision counts exactly the edits saved on it;
        // an edit that overwrote another without a conflict would leave it short.
        const RequestContext ctx;
        for (const QUuid &id : hot) {
            auto now = owner->catalog().get(ctx, id);
            QVERIFY(now);
            const int expected =
                a.tally.savedPerIntegration.value(id) + b.tally.savedPerIntegration.value(id);
            QCOMPARE(revisionOf(now->name), expected);
            QCOMPARE(now->version, 1 + expected);
        }
        // The monitor's results reached the catalog alongside the edits.
        auto history = owner->catalog().healthHistory(ctx, hot.first(), 10);
        QVERIFY(history);
        QVERIFY(!history->isEmpty());
    }

    // Two monitors on one catalog at once: each due check taken by one of them.
    void twoMonitorsNeverRunOneCheckTwice(const QString &url, const char *where,
                                          const std::function<qint64()> &duplicates)
    {
        auto opened = DatabaseUrl::parse(url);
        QVERIFY(opened);
        auto owner = test::openOrFail(*opened, m_clock);
        QVERIFY(owner);
        QCOMPARE(seed(owner->catalog()).size(), kHot);
        owner.reset();

        std::unique_ptr<QProcess> first(
            startMonitor(m_dir.path(), url, {QStringLiteral("--once")}, nullptr));
        std::unique_ptr<QProcess> second(
            startMonitor(m_dir.path(), url, {QStringLiteral("--once")}, nullptr));
        int checked = 0, leased = 0;
        for (QProcess *p : {first.get(), second.get()}) {
            QVERIFY(p->waitForFinished(120000));
            const QByteArray err = p->readAllStandardError();
            QVERIFY2(p->exitCode() == 0, err.constData());
            QVERIFY2(!err.contains("locked"), err.constData());
            const QJsonObject summary =
                QJsonDocument::fromJson(p->readAllStandardOutput()).object();
            checked += summary.value(QStringLiteral("checked")).toInt();
            leased += summary.value(QStringLiteral("leasedElsewhere")).toInt();
        }
        qInfo().noquote() << QStringLiteral("CONCURRENCY %1: two monitors checked %2 of %3, %4 "
                                            "skipped as leased by the other")
                                 .arg(QLatin1String(where))
                                 .arg(checked)
                                 .arg(kHot + kWatched)
                                 .arg(leased);
        QCOMPARE(checked, kHot + kWatched);
        QCOMPARE(duplicates(), qint64(0));
    }

    static qint64 sqliteDuplicates(const QString &file)
    {
        const QString name = QStringLiteral("duplicates");
        qint64 n = -1;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(file);
            if (db.open()) {
                QSqlQuery q(db);
                if (q.exec(QStringLiteral("SELECT COUNT(*) FROM (SELECT integration_id FROM "
                                          "health_checks GROUP BY integration_id HAVING "
                                          "COUNT(*) > 1)")) &&
                    q.next())
                    n = q.value(0).toLongLong();
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
        return n;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariable("STELLA_CLI").isEmpty())
            QFAIL("STELLA_CLI is not set: run through ctest");
        QVERIFY(m_dir.isValid());
    }

    void sqliteTwoSessionsAndAMonitor()
    {
        editWhileMonitoring(QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("a.db")),
                            "sqlite");
    }

    void sqliteTwoMonitors()
    {
        const QString file = m_dir.filePath(QStringLiteral("b.db"));
        twoMonitorsNeverRunOneCheckTwice(QStringLiteral("sqlite://") + file, "sqlite",
                                         [file] { return sqliteDuplicates(file); });
    }

    void postgresTwoSessionsAndAMonitor()
    {
        STELLA_REQUIRE_POSTGRES();
        test::ScratchPostgres pg(QStringLiteral("concurrent"));
        QVERIFY2(pg.isValid(), qPrintable(pg.error()));
        editWhileMonitoring(pg.url(), "postgres");
    }

    void postgresTwoMonitors()
    {
        STELLA_REQUIRE_POSTGRES();
        test::ScratchPostgres pg(QStringLiteral("concurrentmonitors"));
        QVERIFY2(pg.isValid(), qPrintable(pg.error()));
        const QString url = pg.url();
        twoMonitorsNeverRunOneCheckTwice(url, "postgres", [this, url] {
            auto opened = DatabaseUrl::parse(url);
            if (!opened)
                return qint64(-1);
            auto session = test::openOrFail(*opened, m_clock);
            if (!session)
                return qint64(-1);
            QSqlQuery q = session->database().query();
            if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM (SELECT integration_id FROM "
                                       "health_checks GROUP BY integration_id HAVING "
                                       "COUNT(*) > 1) AS d")) ||
                !q.next())
                return qint64(-1);
            return q.value(0).toLongLong();
        });
    }
};

QTEST_GUILESS_MAIN(TestConcurrentCatalog)
#include "tst_concurrentcatalog.moc"
