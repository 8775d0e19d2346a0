// SPDX-License-Identifier: Apache-2.0
#include "Database.h"

#include "core/common/Logging.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace stella {

namespace {
struct DatabaseText
{
    Q_DECLARE_TR_FUNCTIONS(stella::Database)
};
} // namespace

namespace {
QAtomicInt g_connectionCounter;

QString sqliteCode(const QSqlError &e)
{
    return e.nativeErrorCode();
}

// docs/contracts.md, the reliability errors section: the words an operator sees on a full disk.
Error diskFull(const QString &where, const QString &doing)
{
    return Error::backend(
        DatabaseText::tr("The disk holding the catalog %1 is full while %2: nothing was written")
            .arg(where, doing),
        DatabaseText::tr("Free space on the disk holding the catalog and retry"));
}
} // namespace

Database::Database(DatabaseUrl url)
    : m_url(std::move(url)),
      m_dialect(m_url.kind == DatabaseUrl::Kind::Postgres ? Dialect::Postgres : Dialect::Sqlite),
      m_connectionName(
          QStringLiteral("stella-catalog-%1").arg(g_connectionCounter.fetchAndAddRelaxed(1)))
{}

Database::~Database()
{
    m_statements.clear(); // prepared queries must go before their connection
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isValid())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QSqlDatabase Database::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

QSqlQuery Database::query() const
{
    QSqlQuery q(connection());
    q.setForwardOnly(true);
    return q;
}

Result<void> Database::open()
{
    if (m_dialect == Dialect::Sqlite) {
        if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
            return Error::backend(
                DatabaseText::tr("The Qt SQLite driver (QSQLITE) is not installed"),
                DatabaseText::tr("Install libqt6sql6-sqlite"));
        if (!m_url.isInMemory()) {
            const QFileInfo info(m_url.path);
            if (info.exists() && info.isDir())
                return Error::invalidInput(
                    DatabaseText::tr("The catalog path %1 is a directory").arg(m_url.path),
                    DatabaseText::tr("Give the path of a catalog file, e.g. %1/catalog.db")
                        .arg(m_url.path));
            if (!QDir().mkpath(info.absolutePath()))
                return Error::backend(
                    DatabaseText::tr("Cannot create the directory %1 for the catalog")
                        .arg(info.absolutePath()),
                    DatabaseText::tr("Check the permissions, or choose another catalog path"));
        }
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        db.setDatabaseName(m_url.path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(m_url.busyTimeoutMs));
        if (!db.open())
            return translate(db.lastError(), DatabaseText::tr("opening the catalog"));
        // schema_version reads the header: it fails at once on a file that is not a database.
        for (const char *pragma :
             {"PRAGMA schema_version", "PRAGMA foreign_keys = ON", "PRAGMA synchronous = NORMAL"}) {
            if (auto r = exec(QLatin1String(pragma), DatabaseText::tr("opening the catalog")); !r)
                return r;
        }
        if (!m_url.isInMemory()) {
            if (auto r = exec(QStringLiteral("PRAGMA journal_mode = WAL"),
                              DatabaseText::tr("opening the catalog"));
                !r)
                return r;
        }
        return {};
    }

    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return Error::backend(QStringLiteral("The Qt PostgreSQL driver (QPSQL) is not installed"),
                              QStringLiteral("Install libqt6sql6-psql"));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connectionName);
    db.setHostName(m_url.host);
    db.setPort(m_url.port);
    db.setDatabaseName(m_url.database);
    if (!m_url.user.isEmpty())
        db.setUserName(m_url.user);
    if (!m_url.password.isEmpty())
        db.setPassword(m_url.password);
    db.setConnectOptions(QStringLiteral("connect_timeout=%1;application_name=stella-integrations")
                             .arg(m_url.connectTimeoutSec));
    if (!db.open())
        return translate(db.lastError(), DatabaseText::tr("connecting"));
    return applySessionSettings(DatabaseText::tr("connecting"));
}

Result<void> Database::exec(const QString &sql, const QString &doing)
{
    QSqlQuery q = query();
    if (!q.exec(sql))
        return translate(q.lastError(), doing);
    return {};
}

Result<void> Database::exec(QSqlQuery &q, const QString &doing)
{
    if (!q.exec())
        return translate(q.lastError(), doing);
    return {};
}

Result<void> Database::execCached(const QString &sql, const QVariantList &binds,
                                  const QString &doing)
{
    auto changed = execCachedCounting(sql, binds, doing);
    if (!changed)
        return changed.error();
    return {};
}

Result<int> Database::execCachedCounting(const QString &sql, const QVariantList &binds,
                                         const QString &doing)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        QSqlQuery q = query();
        if (!q.prepare(sql))
            return translate(q.lastError(), doing);
        it = m_statements.insert(sql, q);
    }
    QSqlQuery &q = it.value();
    for (const QVariant &value : binds)
        q.addBindValue(value);
    if (!q.exec()) {
        const Error error = translate(q.lastError(), doing);
        m_statements.erase(it); // a failed statement is prepared afresh next time
        return error;
    }
    const int changed = q.numRowsAffected();
    q.finish();
    return changed;
}

Result<void> Database::applySessionSettings(const QString &doing)
{
    // Times are UTC; the server's NOTICEs ("relation already exists, skipping" on every
    // migration check) are not the operator's business.
    if (auto r = exec(QStringLiteral("SET TIME ZONE 'UTC'"), doing); !r)
        return r;
    return exec(QStringLiteral("SET client_min_messages TO WARNING"), doing);
}

Result<void> Database::reconnectIfLost(const QString &doing)
{
    if (!m_connectionLost)
        return {};
    m_statements.clear(); // prepared on the old connection
    QSqlDatabase db = connection();
    db.close();
    if (!db.open()) {
        const Error error = translate(db.lastError(), doing);
        STELLA_LOG_DEBUG(lcStorage).noquote() << "reconnecting failed:" << error.message;
        return error;
    }
    m_connectionLost = false;
    STELLA_LOG_INFO(lcStorage).noquote() << "reconnected to" << m_url.displayString();
    return applySessionSettings(doing);
}

Result<void> Database::begin(const QString &doing)
{
    // IMMEDIATE takes SQLite's write lock up front, so a busy catalog fails here, before any
    // work, rather than half-way through.
    if (m_dialect == Dialect::Sqlite)
        return exec(QStringLiteral("BEGIN IMMEDIATE"), doing);
    return exec(QStringLiteral("BEGIN"), doing);
}

Result<void> Database::commit(const QString &doing)
{
    return exec(QStringLiteral("COMMIT"), doing);
}

void Database::rollback()
{
    QSqlQuery q = query();
    q.exec(QStringLiteral("ROLLBACK"));
}

Error Database::translate(const QSqlError &error, const QString &doing) const
{
    const QString where = m_url.displayString();
    const QString text = error.text().trimmed();
    // Per failure, so debug: the caller decides whether it is the operator's business.
    STELLA_LOG_DEBUG(lcStorage).noquote() << "SQL error" << error.nativeErrorCode() << "while"
                                          << doing << "on" << where << ":" << text;
    if (m_dialect == Dialect::Sqlite) {
        const QString code = sqliteCode(error);
        if (code == QLatin1String("5") || code == QLatin1String("6") ||
            text.contains(QLatin1String("locked")))
            return Error::backend(
                DatabaseText::tr("The catalog %1 is locked by another program while %2")
                    .arg(where, doing),
                DatabaseText::tr("Close the other program using it, or wait and try again"));
        // SQLITE_FULL, and the shared-memory index that cannot grow (IOERR_SHMSIZE): a full
        // disk is the operator's to fix, and the transaction it stopped was rolled back.
        if (code == QLatin1String("13") || code == QLatin1String("4874") ||
            text.contains(QLatin1String("disk is full")))
            return diskFull(where, doing);
        if (code == QLatin1String("26") || code == QLatin1String("11") ||
            text.contains(QLatin1String("not a database")) ||
            text.contains(QLatin1String("malformed")))
            return Error::backend(
                DatabaseText::tr("The catalog %1 is damaged or is not a catalog database (%2)")
                    .arg(where, text),
                DatabaseText::tr("Restore it from a backup, or open another catalog"));
        if (code == QLatin1String("14") || text.contains(QLatin1String("unable to open")))
            return Error::backend(
                DatabaseText::tr("Cannot open the catalog file %1 (%2)").arg(where, text),
                DatabaseText::tr("Check that the path exists and is writable"));
        if (code == QLatin1String("8") || text.contains(QLatin1String("readonly")))
            return Error::backend(DatabaseText::tr("The catalog %1 is read-only").arg(where),
                                  DatabaseText::tr("Check the file's permissions"));
        if (code == QLatin1String("19") || code == QLatin1String("2067") ||
            code == QLatin1String("1555"))
            return Error::conflict(
                DatabaseText::tr("A constraint was violated while %1 (%2)").arg(doing, text));
        return Error::backend(
            DatabaseText::tr("Database error while %1 on %2: %3").arg(doing, where, text),
            DatabaseText::tr("Check the catalog file"));
    }
    const QString state = error.nativeErrorCode();
    const bool lost = error.type() == QSqlError::ConnectionError || !connection().isOpen() ||
                      state.startsWith(QLatin1String("08")) ||
                      state.startsWith(QLatin1String("57P")) ||
                      text.contains(QLatin1String("server closed the connection")) ||
                      text.contains(QLatin1String("no connection to the server")) ||
                      text.contains(QLatin1String("terminating connection"));
    if (lost && !m_connectionLost)
        STELLA_LOG_WARNING(lcStorage).noquote() << "lost the connection to" << where << "while"
                                                << doing << QStringLiteral("(%1)").arg(text);
    if (lost)
        m_connectionLost = true;
    if (error.type() == QSqlError::ConnectionError || !connection().isOpen())
        return Error::backend(
            DatabaseText::tr("Cannot reach the PostgreSQL catalog %1 while %2 (%3)")
                .arg(where, doing, text),
            DatabaseText::tr(
                "Check that the server is running and reachable, and the URL, user and "
                "password (PGPASSWORD or ~/.pgpass) are right"));
    if (state == QLatin1String("23505") || state.startsWith(QLatin1String("23")))
        return Error::conflict(
            DatabaseText::tr("A constraint was violated while %1 (%2)").arg(doing, text));
    if (lost)
        return Error::backend(
            DatabaseText::tr("Lost the connection to the PostgreSQL catalog %1 while %2")
                .arg(where, doing),
            DatabaseText::tr("Check the server and try again"));
    if (state == QLatin1String("53100")) // disk_full
        return diskFull(where, doing);
    if (state == QLatin1String("42501"))
        return Error::backend(
            DatabaseText::tr("Permission denied on %1 while %2 (%3)").arg(where, doing, text),
            DatabaseText::tr("Grant the catalog user access to the integration tables"));
    return Error::backend(
        DatabaseText::tr("Database error while %1 on %2: %3").arg(doing, where, text),
        DatabaseText::tr("Check the database server's log"));
}

Transaction::~Transaction()
{
    if (m_open)
        m_db.rollback();
}

Result<void> Transaction::begin(const QString &doing)
{
    auto r = m_db.begin(doing);
    m_open = r.ok();
    return r;
}

Result<void> Transaction::commit(const QString &doing)
{
    auto r = m_db.commit(doing);
    if (r)
        m_open = false;
    return r;
}

} // namespace stella
