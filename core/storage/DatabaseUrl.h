// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"

#include <QString>

namespace stella {

// Where a catalog lives: `sqlite:///path/catalog.db`, `sqlite::memory:` (sandbox) or
// `postgresql://user[:password]@host[:port]/dbname` (docs/contracts.md §7).
struct DatabaseUrl
{
    enum class Kind
    {
        Sqlite,
        Postgres
    };

    Kind kind = Kind::Sqlite;
    QString path; // Sqlite: file path, or ":memory:"
    QString host;
    int port = 5432;
    QString user;
    QString password; // only if the URL carried one; prefer PGPASSWORD or ~/.pgpass
    QString database;
    int busyTimeoutMs = 5000;  // Sqlite
    int connectTimeoutSec = 5; // Postgres

    static Result<DatabaseUrl> parse(const QString &text);
    static DatabaseUrl sqliteFile(const QString &path);
    static DatabaseUrl inMemory();
    // The default catalog: catalog.db under the XDG data directory.
    static DatabaseUrl defaultCatalog();

    bool isInMemory() const { return kind == Kind::Sqlite && path == QLatin1String(":memory:"); }
    // For display and logs: never includes the password.
    QString displayString() const;
};

} // namespace stella
