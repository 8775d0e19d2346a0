// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"
#include "core/storage/DatabaseUrl.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace stella {

// One open connection to a catalog database. QtSql connections belong to the thread that
// opened them, so a Database is created, used and destroyed on one thread.
class Database
{
public:
    enum class Dialect
    {
        Sqlite,
        Postgres
    };

    explicit Database(DatabaseUrl url);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Opens the connection and applies the connection settings (WAL, foreign keys, busy
    // timeout on SQLite; UTC on PostgreSQL). Errors say what is wrong and what to do.
    Result<void> open();

    Dialect dialect() const { return m_dialect; }
    const DatabaseUrl &url() const { return m_url; }
    QSqlDatabase connection() const;

    // A prepared query on this connection, forward-only (fast, low memory).
    QSqlQuery query() const;
    // Runs one statement; Error describes the failure in the operator's terms.
    Result<void> exec(const QString &sql, const QString &doing);
    Result<void> exec(QSqlQuery &query, const QString &doing);
    // Runs a statement that is executed once per row (inserts during an import or a health
    // sweep) from a cache of prepared queries: re-parsing each INSERT was a quarter of an
    // import's time on SQLite.
    Result<void> execCached(const QString &sql, const QVariantList &binds, const QString &doing);
    // The same, answering how many rows the statement changed.
    Result<int> execCachedCounting(const QString &sql, const QVariantList &binds,
                                   const QString &doing);

    // After a PostgreSQL connection was lost (the server restarted, an administrator ended the
    // session), opens it again; a no-op otherwise. Called where a long-running caller (the
    // health monitor) starts a unit of work, so it resumes by itself when the server is back.
    Result<void> reconnectIfLost(const QString &doing);

    Result<void> begin(const QString &doing);
    Result<void> commit(const QString &doing);
    void rollback();

    // Translates a driver error into what the operator should know: locked, corrupt,
    // unreachable, a constraint, and what to do about each.
    Error translate(const QSqlError &error, const QString &doing) const;

private:
    Result<void> applySessionSettings(const QString &doing); // PostgreSQL, after each connect

    DatabaseUrl m_url;
    Dialect m_dialect;
    QString m_connectionName;
    QHash<QString, QSqlQuery> m_statements; // execCached's prepared queries, by SQL text
    mutable bool m_connectionLost = false;  // set by translate() when the server went away
};

// Calls rollback() unless commit() succeeded: no half-written catalog, whatever path returns.
class Transaction
{
public:
    explicit Transaction(Database &db) : m_db(db) {}
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    // After a PostgreSQL connection was lost (the server restarted, an administrator ended the
    // session), opens it again; a no-op otherwise. Called where a long-running caller (the
    // health monitor) starts a unit of work, so it resumes by itself when the server is back.
    Result<void> reconnectIfLost(const QString &doing);

    Result<void> begin(const QString &doing);
    Result<void> commit(const QString &doing);

private:
    Database &m_db;
    bool m_open = false;
};

} // namespace stella
