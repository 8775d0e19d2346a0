// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"

#include <QList>
#include <QStringList>

namespace stella {

class Clock;
class Database;

// Versioned schema changes, one list for both dialects. A database at a newer version than
// this build knows is refused, never downgraded.
class Migrations
{
public:
    struct Migration
    {
        int version;
        QString description;
        QStringList sqlite;
        QStringList postgres;
    };

    static const QList<Migration> &all();
    static int latestVersion();

    // Brings the database up to latestVersion() in one transaction per migration.
    static Result<void> apply(Database &db, const Clock &clock);
    static Result<int> currentVersion(Database &db);
};

} // namespace stella
