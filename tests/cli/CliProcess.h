// SPDX-License-Identifier: Apache-2.0
#pragma once

// The real stella-integrations binary for the reliability suites (crash safety, disk full):
// run to the end, or started and killed at a chosen point, and the catalog it leaves read
// without the binary.

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QUuid>
#include <QVariant>

namespace stella::test {

struct CliRun
{
    int exitCode = -1;
    bool killed = false;
    QByteArray out;
    QByteArray err;

    QString describe() const
    {
        return QStringLiteral("exit %1%2\nstdout: %3\nstderr: %4")
            .arg(exitCode)
            .arg(killed ? QStringLiteral(" (killed)") : QString())
            .arg(QString::fromUtf8(out.left(2000)), QString::fromUtf8(err.left(2000)));
    }
};

inline QProcessEnvironment cliEnvironment(const QString &home)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("STELLA_DB"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/xdg"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
    return env;
}

// Runs the binary on the catalog `dbUrl` to its end.
inline CliRun runCli(const QString &home, const QString &dbUrl, const QStringList &args,
                     int timeoutMs = 600000)
{
    QProcess p;
    p.setProcessEnvironment(cliEnvironment(home));
    p.start(qEnvironmentVariable("STELLA_CLI"), QStringList{QStringLiteral("--db"), dbUrl} + args);
    CliRun run;
    if (!p.waitForStarted())
        return run;
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        run.killed = true;
    }
    run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    run.out = p.readAllStandardOutput();
    run.err = p.readAllStandardError();
    return run;
}

// An import file of `rows` InMemory integrations named bulk-000000...
inline QByteArray bulkImport(int rows, const QString &prefix = QStringLiteral("bulk-"))
{
    QByteArray doc = "{\"format\":\"stella-integrations-export\",\"formatVersion\":1,"
                     "\"integrations\":[";
    for (int i = 0; i < rows; ++i) {
        if (i)
            doc += ',';
        doc += "{\"provider\":\"InMemory\",\"name\":\"" + prefix.toUtf8() +
               QByteArray::number(i).rightJustified(6, '0') +
               "\",\"config\":{\"scenario\":\"healthy\",\"latency\":\"1ms\"}}";
    }
    return doc + "]}";
}

// The catalog file read with SQLite itself: whether it passes integrity_check, and counts.
class SqliteInspection
{
public:
    explicit SqliteInspection(const QString &path)
        : m_name(QStringLiteral("inspect-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        m_open = db.open();
    }
    ~SqliteInspection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    SqliteInspection(const SqliteInspection &) = delete;
    SqliteInspection &operator=(const SqliteInspection &) = delete;

    // "ok", or what integrity_check found (or why it could not run).
    QString integrity() const
    {
        if (!m_open)
            return QStringLiteral("cannot open");
        QSqlQuery q(QSqlDatabase::database(m_name));
        if (!q.exec(QStringLiteral("PRAGMA integrity_check")))
            return q.lastError().text();
        QStringList lines;
        while (q.next())
            lines.append(q.value(0).toString());
        return lines.join(QLatin1Char('\n'));
    }
    qint64 count(const QString &sql) const
    {
        QSqlQuery q(QSqlDatabase::database(m_name));
        if (!q.exec(sql) || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }

private:
    QString m_name;
    bool m_open = false;
};

} // namespace stella::test
