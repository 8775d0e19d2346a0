// SPDX-License-Identifier: Apache-2.0
// Crash safety (docs/architecture.md, Reliability): the real binary killed with SIGKILL at
// seeded points during a 100,000-row import and during a monitor sweep's writes; on
// PostgreSQL, the server's end of the connection killed during the import. Each time the
// catalog opens, passes integrity_check, and holds all of the import or none of it.
// STELLA_CRASH_SEED picks other points (the seed is printed); STELLA_CRASH_ROWS the import size.
#include "CliProcess.h"
#include "TestSupport.h"
#include "core/catalog/CatalogSession.h"
#include "core/common/Clock.h"
#include "core/storage/Database.h"
#include "core/storage/DatabaseUrl.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUuid>
#include <functional>

using namespace stella;
using namespace stella::test;

namespace {

quint32 crashSeed()
{
    bool ok = false;
    const quint32 seed = qEnvironmentVariable("STELLA_CRASH_SEED").toUInt(&ok);
    return ok ? seed : 20261201u;
}

int importRows()
{
    bool ok = false;
    const int rows = qEnvironmentVariableIntValue("STELLA_CRASH_ROWS", &ok);
    return ok && rows > 0 ? rows : 100000;
}

bool copyCatalog(const QString &from, const QString &to)
{
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(to + suffix);
    for (const QString &suffix : {QString(), QStringLiteral("-wal")}) {
        if (QFile::exists(from + suffix) && !QFile::copy(from + suffix, to + suffix))
            return false;
    }
    return true;
}

// Starts the binary and kills it (SIGKILL) `afterMs` after it started, or once it has written
// `afterLines` lines to stdout; answers whether the kill came before the process ended.
CliRun runAndKill(const QString &home, const QString &dbUrl, const QStringList &args, int afterMs,
                  int afterLines = -1, const std::function<void()> &instead = {},
                  const QByteArray &input = {})
{
    QProcess p;
    p.setProcessEnvironment(cliEnvironment(home));
    CliRun run;
    int lines = 0;
    bool struck = false;
    const auto strike = [&] {
        if (struck || p.state() != QProcess::Running)
            return;
        struck = true;
        if (instead)
            instead();
        else
            p.kill(); // SIGKILL: no handler, no flush, no rollback by the process itself
    };
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, strike);
    QObject::connect(&p, &QProcess::readyReadStandardOutput, [&] {
        const QByteArray chunk = p.readAllStandardOutput();
        run.out += chunk;
        lines += int(chunk.count('\n'));
        if (afterLines >= 0 && lines >= afterLines)
            strike();
    });
    QObject::connect(&p, &QProcess::started, [&] {
        if (afterMs >= 0)
            timer.start(afterMs);
    });
    QSignalSpy finished(&p, &QProcess::finished);
    p.start(qEnvironmentVariable("STELLA_CLI"), QStringList{QStringLiteral("--db"), dbUrl} + args);
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    if (!finished.wait(600000)) {
        p.kill();
        p.waitForFinished();
    }
    run.killed = struck && p.exitStatus() == QProcess::CrashExit;
    run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    run.out += p.readAllStandardOutput();
    run.err = p.readAllStandardError();
    return run;
}

} // namespace

class TestCrashSafety : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_base;       // a catalog holding one integration, "keeper"
    QString m_importFile; // the 100,000-row import
    int m_rows = 0;
    QRandomGenerator m_random{crashSeed()};

    QString path(const QString &name) const { return m_dir.filePath(name); }
    static QString sqliteUrl(const QString &file) { return QStringLiteral("sqlite://") + file; }

    // integrity_check passes and the import is there whole or not at all; "keeper" survives.
    void expectWholeOrNothing(const QString &db, const char *round, const CliRun &run)
    {
        SqliteInspection inspect(db);
        QCOMPARE(inspect.integrity(), QStringLiteral("ok"));
        const qint64 imported =
            inspect.count(QStringLiteral("SELECT COUNT(*) FROM integrations WHERE name LIKE "
                                         "'bulk-%'"));
        qInfo().noquote()
            << QStringLiteral("CRASH %1: %2, %3 of %4 rows imported")
                   .arg(QLatin1String(round),
                        run.killed ? QStringLiteral("killed")
                                   : QStringLiteral("finished with exit %1").arg(run.exitCode))
                   .arg(imported)
                   .arg(m_rows);
        QVERIFY2(imported == 0 || imported == m_rows, qPrintable(QString::number(imported)));
        if (!run.killed)
            QVERIFY2(run.exitCode == 0 && imported == m_rows, qPrintable(run.describe()));
        QCOMPARE(inspect.count(
                     QStringLiteral("SELECT COUNT(*) FROM integrations WHERE name = 'keeper'")),
                 qint64(1));
        // And the binary opens it and goes on.
        const CliRun show =
            runCli(m_dir.path(), sqliteUrl(db), {QStringLiteral("show"), QStringLiteral("keeper")});
        QVERIFY2(show.exitCode == 0, qPrintable(show.describe()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariable("STELLA_CLI").isEmpty())
            QFAIL("STELLA_CLI is not set: run through ctest");
        QVERIFY(m_dir.isValid());
        m_rows = importRows();
        qInfo().noquote() << QStringLiteral("crash seed %1 (STELLA_CRASH_SEED), %2 rows")
                                 .arg(crashSeed())
                                 .arg(m_rows);
        m_base = path(QStringLiteral("base.db"));
        const CliRun added =
            runCli(m_dir.path(), sqliteUrl(m_base),
                   {QStringLiteral("add"), QStringLiteral("--provider"), QStringLiteral("InMemory"),
                    QStringLiteral("--name"), QStringLiteral("keeper")});
        QVERIFY2(added.exitCode == 0, qPrintable(added.describe()));
        m_importFile = path(QStringLiteral("bulk.json"));
        QFile file(m_importFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bulkImport(m_rows));
    }

    void killedDuringImport()
    {
        // One import to its end places the kill points over its whole run: reading the file,
        // validating, writing the rows, committing. Its time is not asserted.
        const QString whole = path(QStringLiteral("whole.db"));
        QVERIFY(copyCatalog(m_base, whole));
        QElapsedTimer clock;
        clock.start();
        const CliRun complete =
            runCli(m_dir.path(), sqliteUrl(whole),
                   {QStringLiteral("import"), QStringLiteral("--file"), m_importFile});
        const qint64 span = std::max<qint64>(clock.elapsed(), 50);
        QVERIFY2(complete.exitCode == 0, qPrintable(complete.describe()));
        expectWholeOrNothing(whole, "complete import", complete);

        int killed = 0;
        for (int round = 0; round < 6; ++round) {
            const QString db = path(QStringLiteral("killed-%1.db").arg(round));
            QVERIFY(copyCatalog(m_base, db));
            const int at = int(m_random.bounded(quint32(span)));
            const CliRun run =
                runAndKill(m_dir.path(), sqliteUrl(db),
                           {QStringLiteral("import"), QStringLiteral("--file"), m_importFile}, at);
            killed += run.killed ? 1 : 0;
            const QByteArray name =
                QStringLiteral("import killed at %1 ms of ~%2 ms").arg(at).arg(span).toUtf8();
            expectWholeOrNothing(db, name.constData(), run);
            if (QTest::currentTestFailed())
                return;
        }
        qInfo().noquote() << QStringLiteral("%1 of 6 imports killed before they ended").arg(killed);
    }

    // The sweep prints a line per result written; the kill comes after a seeded number of them.
    void killedDuringMonitorSweep()
    {
        const QString db = path(QStringLiteral("monitor.db"));
        QVERIFY(copyCatalog(m_base, db));
        const QString small = path(QStringLiteral("monitored.json"));
        {
            QFile file(small);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(bulkImport(300, QStringLiteral("watched-")));
        }
        const CliRun imported = runCli(m_dir.path(), sqliteUrl(db),
                                       {QStringLiteral("import"), QStringLiteral("--file"), small});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.describe()));

        for (int round = 0; round < 3; ++round) {
            const int afterLines = 1 + int(m_random.bounded(200u));
            const CliRun run = runAndKill(m_dir.path(), sqliteUrl(db),
                                          {QStringLiteral("monitor"), QStringLiteral("--once"),
                                           QStringLiteral("--interval"), QStringLiteral("10s"),
                                           QStringLiteral("--concurrency"), QStringLiteral("16")},
                                          -1, afterLines);
            SqliteInspection inspect(db);
            QCOMPARE(inspect.integrity(), QStringLiteral("ok"));
            const qint64 checks =
                inspect.count(QStringLiteral("SELECT COUNT(*) FROM health_checks"));
            // Every result row belongs to an integration of the catalog: none half-written.
            QCOMPARE(inspect.count(QStringLiteral(
                         "SELECT COUNT(*) FROM health_checks h LEFT JOIN integrations i ON "
                         "i.id = h.integration_id WHERE i.id IS NULL")),
                     qint64(0));
            // Each result and its place in the running totals were written together.
            QCOMPARE(inspect.count(
                         QStringLiteral("SELECT COALESCE(SUM(total), 0) FROM health_check_totals")),
                     checks);
            qInfo().noquote()
                << QStringLiteral("CRASH monitor sweep killed after %1 result lines: %2; %3 "
                                  "results in the catalog")
                       .arg(afterLines)
                       .arg(run.killed ? QStringLiteral("killed")
                                       : QStringLiteral("finished with exit %1").arg(run.exitCode))
                       .arg(checks);
            QVERIFY(checks >= 0);
        }
        // The next sweep runs on the same catalog (checks leased by a killed monitor wait for
        // their lease to end; the others are checked).
        const CliRun after =
            runCli(m_dir.path(), sqliteUrl(db),
                   {QStringLiteral("--json"), QStringLiteral("monitor"), QStringLiteral("--once"),
                    QStringLiteral("--interval"), QStringLiteral("10s")});
        QVERIFY2(after.exitCode == 0 || after.exitCode == 1, qPrintable(after.describe()));
        const QJsonObject summary = QJsonDocument::fromJson(after.out).object();
        QVERIFY2(summary.contains(QStringLiteral("checked")), qPrintable(after.describe()));
        SqliteInspection inspect(db);
        QCOMPARE(inspect.integrity(), QStringLiteral("ok"));
        QCOMPARE(inspect.count(QStringLiteral("SELECT COUNT(*) FROM integrations")), qint64(301));
    }

    // The keychain holds the old value or the new one, whole, whatever point `secret set` dies
    // at (the keyring's own store is what makes this so; the test holds it to that).
    void killedDuringSecretSet()
    {
        STELLA_REQUIRE_KEYCHAIN();
        const QString ref = QStringLiteral("authref://keychain/crash-safety-%1#token")
                                .arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
        const QString db = sqliteUrl(m_base);
        const QByteArray oldValue = "old-token-1";        // 11 bytes
        const QByteArray newValue = "new-token-22222222"; // 18 bytes
        const auto setTo = [&](const QByteArray &value) {
            QProcess p;
            p.setProcessEnvironment(cliEnvironment(m_dir.path()));
            p.start(
                qEnvironmentVariable("STELLA_CLI"),
                {QStringLiteral("--db"), db, QStringLiteral("secret"), QStringLiteral("set"), ref});
            p.write(value + '\n');
            p.closeWriteChannel();
            return p.waitForFinished(60000) && p.exitCode() == 0;
        };
        QVERIFY(setTo(oldValue));
        QElapsedTimer clock;
        clock.start();
        QVERIFY(setTo(oldValue));
        const qint64 span = std::max<qint64>(clock.elapsed(), 20);
        for (int round = 0; round < 6; ++round) {
            const int at = int(m_random.bounded(quint32(span)));
            const CliRun run =
                runAndKill(m_dir.path(), db, {QStringLiteral("secret"), QStringLiteral("set"), ref},
                           at, -1, {}, newValue + '\n');
            const CliRun check = runCli(
                m_dir.path(), db,
                {QStringLiteral("--json"), QStringLiteral("secret"), QStringLiteral("check"), ref});
            QVERIFY2(check.exitCode == 0, qPrintable(check.describe()));
            const int length =
                QJsonDocument::fromJson(check.out).object().value(QStringLiteral("length")).toInt();
            qInfo().noquote() << QStringLiteral("CRASH secret set killed at %1 ms of ~%2 ms: %3; "
                                                "the keychain holds the %4 value")
                                     .arg(at)
                                     .arg(span)
                                     .arg(run.killed ? QStringLiteral("killed")
                                                     : QStringLiteral("finished"))
                                     .arg(length == newValue.size() ? QStringLiteral("new")
                                                                    : QStringLiteral("old"));
            QVERIFY2(length == oldValue.size() || length == newValue.size(),
                     qPrintable(check.describe()));
            if (!run.killed)
                QCOMPARE(length, int(newValue.size()));
            QVERIFY(setTo(oldValue)); // the next round starts from the old value again
        }
        runCli(m_dir.path(), db, {QStringLiteral("secret"), QStringLiteral("delete"), ref});
    }

    // PostgreSQL: the server ends the monitor's connections in the middle of a sweep. The
    // monitor stops with an error (or had finished); every result it wrote is whole (counted in
    // the running totals, its integration's status the newest result's), and the next sweep runs.
    void connectionKilledDuringPostgresMonitorSweep()
    {
        STELLA_REQUIRE_POSTGRES();
        ScratchPostgres pg(QStringLiteral("crashmonitor"));
        QVERIFY2(pg.isValid(), qPrintable(pg.error()));
        const QString watched = path(QStringLiteral("pg-monitored.json"));
        {
            QFile file(watched);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(bulkImport(300, QStringLiteral("watched-")));
        }
        const CliRun imported = runCli(
            m_dir.path(), pg.url(), {QStringLiteral("import"), QStringLiteral("--file"), watched});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.describe()));
        const QStringList sweep{QStringLiteral("monitor"),       QStringLiteral("--once"),
                                QStringLiteral("--interval"),    QStringLiteral("10s"),
                                QStringLiteral("--concurrency"), QStringLiteral("16")};
        for (int round = 0; round < 3; ++round) {
            const int afterLines = 1 + int(m_random.bounded(200u));
            QString killError;
            const CliRun run = runAndKill(m_dir.path(), pg.url(), sweep, -1, afterLines,
                                          [&] { killError = pg.disconnectClients(); });
            QVERIFY2(killError.isEmpty(), qPrintable(killError));
            QCOMPARE(pg.allowClients(), QString());
            if (run.exitCode != 0 && run.exitCode != 1)
                QVERIFY2(!run.err.isEmpty(), qPrintable(run.describe()));
            const auto url = DatabaseUrl::parse(pg.url());
            QVERIFY(url);
            SystemClock clock;
            auto session = openOrFail(*url, clock);
            QVERIFY(session);
            const auto count = [&](const QString &sql) -> qint64 {
                QSqlQuery q(session->database().connection());
                return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
            };
            const qint64 checks = count(QStringLiteral("SELECT COUNT(*) FROM health_checks"));
            qInfo().noquote() << QStringLiteral(
                                     "CRASH postgres monitor sweep, connections ended after %1 "
                                     "result lines: exit %2; %3 results in the catalog")
                                     .arg(afterLines)
                                     .arg(run.exitCode)
                                     .arg(checks);
            QVERIFY(checks >= 0);
            QCOMPARE(
                count(QStringLiteral("SELECT COALESCE(SUM(total), 0) FROM health_check_totals")),
                checks);
            // An integration's status is its newest result's (written in one transaction).
            QCOMPARE(
                count(QStringLiteral("SELECT COUNT(*) FROM integrations i JOIN health_checks h ON "
                                     "h.integration_id = i.id AND h.checked_at = i.last_checked_at "
                                     "WHERE h.status <> i.status")),
                qint64(0));
            QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM integrations")), qint64(300));
        }
        const CliRun after =
            runCli(m_dir.path(), pg.url(), QStringList{QStringLiteral("--json")} + sweep);
        QVERIFY2(after.exitCode == 0 || after.exitCode == 1, qPrintable(after.describe()));
        QVERIFY2(QJsonDocument::fromJson(after.out).object().contains(QStringLiteral("checked")),
                 qPrintable(after.describe()));
    }

    // PostgreSQL: the server ends the import's connection (pg_terminate_backend) at a seeded
    // point; the import fails or had committed, never half.
    void connectionKilledDuringPostgresImport()
    {
        STELLA_REQUIRE_POSTGRES();
        int rounds = 0;
        for (int round = 0; round < 3; ++round) {
            ScratchPostgres pg(QStringLiteral("crashsafety"));
            QVERIFY2(pg.isValid(), qPrintable(pg.error()));
            const CliRun added = runCli(m_dir.path(), pg.url(),
                                        {QStringLiteral("add"), QStringLiteral("--provider"),
                                         QStringLiteral("InMemory"), QStringLiteral("--name"),
                                         QStringLiteral("keeper")});
            QVERIFY2(added.exitCode == 0, qPrintable(added.describe()));
            const int at = 200 + int(m_random.bounded(4000u));
            QString killError;
            const CliRun run =
                runAndKill(m_dir.path(), pg.url(),
                           {QStringLiteral("import"), QStringLiteral("--file"), m_importFile}, at,
                           -1, [&] { killError = pg.disconnectClients(); });
            QVERIFY2(killError.isEmpty(), qPrintable(killError));
            QCOMPARE(pg.allowClients(), QString());
            const CliRun count =
                runCli(m_dir.path(), pg.url(), {QStringLiteral("--json"), QStringLiteral("list")});
            QVERIFY2(count.exitCode == 0, qPrintable(count.describe()));
            const qsizetype listed = QJsonDocument::fromJson(count.out).array().size();
            qInfo().noquote() << QStringLiteral("CRASH postgres import, connection killed at %1 "
                                                "ms: exit %2, %3 integrations listed")
                                     .arg(at)
                                     .arg(run.exitCode)
                                     .arg(listed);
            QVERIFY2(listed == 1 || listed == m_rows + 1, qPrintable(QString::number(listed)));
            if (run.exitCode != 0)
                QVERIFY2(listed == 1 && !run.err.isEmpty(), qPrintable(run.describe()));
            ++rounds;
        }
        QCOMPARE(rounds, 3);
    }
};

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "tst_crashsafety.moc"
