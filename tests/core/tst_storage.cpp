// SPDX-License-Identifier: Apache-2.0
// The storage layer against real databases: migrations, refusal of newer schemas, damaged,
// locked and unreachable catalogs.
#include "TestSupport.h"
#include "core/catalog/CatalogSession.h"
#include "core/catalog/IntegrationCatalog.h"
#include "core/storage/Database.h"
#include "core/storage/Migrations.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace stella;

namespace {
QByteArray fileHash(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}
} // namespace

class TestStorage : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ManualClock m_clock{test::fixedNow()};

    QString path(const char *name) const { return m_dir.filePath(QLatin1String(name)); }

    // A catalog as a build of schema version 4 left it, with one integration, then opened by
    // this build: v5 (docs/contracts.md §25) keeps the row, at the top level, untagged, no tier.
    void migrateFromVersion4(const DatabaseUrl &url)
    {
        {
            Database db(url);
            QVERIFY2(db.open().ok(), "cannot open the scratch catalog");
            const bool pg = db.dialect() == Database::Dialect::Postgres;
            QVERIFY(db.exec(pg ? QStringLiteral("CREATE TABLE schema_migrations (version INTEGER "
                                                "PRIMARY KEY, description TEXT NOT NULL,"
                                                " applied_at TIMESTAMPTZ NOT NULL)")
                               : QStringLiteral("CREATE TABLE schema_migrations (version INTEGER "
                                                "PRIMARY KEY, description TEXT NOT NULL,"
                                                " applied_at TEXT NOT NULL)"),
                            QStringLiteral("test"))
                        .ok());
            for (const Migrations::Migration &m : Migrations::all()) {
                if (m.version > 4)
                    break;
                for (const QString &sql : pg ? m.postgres : m.sqlite)
                    QVERIFY2(db.exec(sql, QStringLiteral("test")).ok(), qPrintable(sql));
                QVERIFY(db.exec(QStringLiteral("INSERT INTO schema_migrations VALUES (%1, 'v', "
                                               "'2026-01-01T00:00:00Z')")
                                    .arg(m.version),
                                QStringLiteral("test"))
                            .ok());
            }
            QVERIFY(db.exec(QStringLiteral(
                                "INSERT INTO integrations (id, tenant_id, type, provider, name,"
                                " endpoint, created_at, updated_at) VALUES"
                                " ('1b4e28ba-2fa1-11d2-883f-0016d3cca427', 'default', 'Registry',"
                                " 'Harbor', 'old harbor', 'https://harbor.example.com',"
                                " '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')"),
                            QStringLiteral("test"))
                        .ok());
        }
        auto session = test::openOrFail(url, m_clock);
        QVERIFY(session);
        QCOMPARE(*Migrations::currentVersion(session->database()), Migrations::latestVersion());
        auto all = session->catalog().list({});
        QVERIFY2(all.ok(), qPrintable(all.ok() ? QString() : all.error().toText()));
        QCOMPARE(all->size(), 1);
        QCOMPARE(all->first().name, QStringLiteral("old harbor"));
        QCOMPARE(all->first().folder, QString());
        QVERIFY(all->first().tags.isEmpty());
        STELLA_COMPARE_ENUM(all->first().tier, EnvironmentTier::None);
        IntegrationPatch patch;
        patch.folder = QStringLiteral("Team A");
        patch.tier = EnvironmentTier::Prod;
        QVERIFY(session->catalog().update({}, all->first().id, patch).ok());
        QCOMPARE(session->catalog().get({}, all->first().id)->folder, QStringLiteral("Team A"));
    }

private Q_SLOTS:
    void sqliteSchemaAndSettings()
    {
        auto session = test::openOrFail(DatabaseUrl::sqliteFile(path("fresh.db")), m_clock);
        QVERIFY(session);
        QSqlQuery q = session->database().query();
        QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
        QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        // The fixed table and column names of docs/contracts.md §8.
        const QStringList columns{QStringLiteral("id"),          QStringLiteral("tenant_id"),
                                  QStringLiteral("type"),        QStringLiteral("provider"),
                                  QStringLiteral("name"),        QStringLiteral("endpoint"),
                                  QStringLiteral("config_json"), QStringLiteral("auth_ref_uri"),
                                  QStringLiteral("status"),      QStringLiteral("version"),
                                  QStringLiteral("created_at"),  QStringLiteral("updated_at"),
                                  QStringLiteral("deleted_at")};
        QVERIFY(q.exec(QStringLiteral("SELECT name FROM pragma_table_info('integrations')")));
        QStringList actual;
        while (q.next())
            actual.append(q.value(0).toString());
        for (const QString &c : columns)
            QVERIFY2(actual.contains(c), qPrintable(c));
        for (const char *table :
             {"plugin_metadata", "health_checks", "audit_logs", "schema_migrations"}) {
            QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM %1").arg(QLatin1String(table))));
        }
        QCOMPARE(*Migrations::currentVersion(session->database()), Migrations::latestVersion());
    }

    void reopeningAppliesNothingTwice()
    {
        const DatabaseUrl url = DatabaseUrl::sqliteFile(path("reopen.db"));
        QVERIFY(test::openOrFail(url, m_clock));
        auto again = test::openOrFail(url, m_clock);
        QVERIFY(again);
        QSqlQuery q = again->database().query();
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM schema_migrations")) && q.next());
        QCOMPARE(q.value(0).toInt(), Migrations::all().size());
    }

    void newerSchemaIsRefusedNeverDowngraded()
    {
        const DatabaseUrl url = DatabaseUrl::sqliteFile(path("newer.db"));
        {
            auto session = test::openOrFail(url, m_clock);
            QVERIFY(session);
            QVERIFY(session->database().exec(
                QStringLiteral(
                    "INSERT INTO schema_migrations VALUES (999, 'from the future', 'x')"),
                QStringLiteral("test")));
        }
        auto refused = CatalogSession::open(url, test::registry(), m_clock);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, ErrorKind::BackendUnavailable);
        QVERIFY2(refused.error().message.contains(QStringLiteral("schema version 999")),
                 qPrintable(refused.error().message));
        QVERIFY(refused.error().hint.contains(QStringLiteral("Upgrade")));
        Database raw(url);
        QVERIFY(raw.open());
        QCOMPARE(*Migrations::currentVersion(raw), 999);
    }

    void corruptFileIsReportedAndUntouched()
    {
        const QString file = path("corrupt.db");
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QByteArray garbage;
            for (int i = 0; i < 4096; ++i)
                garbage.append(char((i * 131 + 7) % 251));
            f.write(garbage);
        }
        const QByteArray before = fileHash(file);
        auto refused =
            CatalogSession::open(DatabaseUrl::sqliteFile(file), test::registry(), m_clock);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, ErrorKind::BackendUnavailable);
        QVERIFY2(refused.error().message.contains(QStringLiteral("damaged or is not a catalog")),
                 qPrintable(refused.ok() ? QString() : refused.error().toText()));
        QVERIFY(refused.error().hint.contains(QStringLiteral("backup")));
        QCOMPARE(fileHash(file), before);
    }

    void directoryInsteadOfFile()
    {
        auto refused =
            CatalogSession::open(DatabaseUrl::sqliteFile(m_dir.path()), test::registry(), m_clock);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, ErrorKind::InvalidInput);
        QVERIFY(refused.error().message.contains(QStringLiteral("is a directory")));
    }

    void lockedFileIsReported()
    {
        const QString file = path("locked.db");
        QVERIFY(test::openOrFail(DatabaseUrl::sqliteFile(file), m_clock));
        // Another program holds the write lock.
        const QString lockName = QStringLiteral("locker");
        {
            QSqlDatabase locker = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), lockName);
            locker.setDatabaseName(file);
            QVERIFY(locker.open());
            QSqlQuery q(locker);
            QVERIFY(q.exec(QStringLiteral("BEGIN EXCLUSIVE")));

            DatabaseUrl url = DatabaseUrl::sqliteFile(file);
            url.busyTimeoutMs = 100;
            auto session = CatalogSession::open(url, test::registry(), m_clock);
            Error error;
            if (session.ok()) {
                IntegrationDraft d;
                d.provider = QStringLiteral("InMemory");
                d.name = QStringLiteral("blocked");
                auto added = session.value()->catalog().add({}, d);
                QVERIFY(!added.ok());
                error = added.error();
            } else {
                error = session.error();
            }
            QCOMPARE(error.kind, ErrorKind::BackendUnavailable);
            QVERIFY2(error.message.contains(QStringLiteral("locked by another program")),
                     qPrintable(error.toText()));
            QVERIFY(q.exec(QStringLiteral("ROLLBACK")));
            locker.close();
        }
        QSqlDatabase::removeDatabase(lockName);
        // Once released, the catalog works and holds nothing half-written.
        auto session = test::openOrFail(DatabaseUrl::sqliteFile(file), m_clock);
        QVERIFY(session);
        QVERIFY(session->catalog().list({})->isEmpty());
    }

    void sqliteMigratesVersion4Catalog()
    {
        migrateFromVersion4(DatabaseUrl::sqliteFile(path("v4.db")));
    }

    void postgresMigratesVersion4Catalog()
    {
        STELLA_REQUIRE_POSTGRES();
        test::ScratchPostgres pg(QStringLiteral("v4"));
        QVERIFY2(pg.isValid(), qPrintable(pg.error()));
        migrateFromVersion4(*DatabaseUrl::parse(pg.url()));
    }

    void unreachablePostgres()
    {
        auto url = DatabaseUrl::parse(
            QStringLiteral("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2"));
        QVERIFY(url.ok());
        auto refused = CatalogSession::open(*url, test::registry(), m_clock);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, ErrorKind::BackendUnavailable);
        QVERIFY2(
            refused.error().message.contains(QStringLiteral("Cannot reach the PostgreSQL catalog")),
            qPrintable(refused.ok() ? QString() : refused.error().toText()));
        QVERIFY(refused.error().hint.contains(QStringLiteral("server is running")));
    }

    void postgresSchemaAndNewerRefusal()
    {
        STELLA_REQUIRE_POSTGRES();
        test::ScratchPostgres pg(QStringLiteral("storage"));
        QVERIFY2(pg.isValid(), qPrintable(pg.error()));
        const DatabaseUrl url = *DatabaseUrl::parse(pg.url());
        {
            auto session = test::openOrFail(url, m_clock);
            QVERIFY(session);
            QSqlQuery q = session->database().query();
            QVERIFY(q.exec(
                QStringLiteral("SELECT data_type FROM information_schema.columns"
                               " WHERE table_name = 'integrations' AND column_name = 'id'")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("uuid"));
            QVERIFY(session->database().exec(
                QStringLiteral("INSERT INTO schema_migrations VALUES (999, 'future', now())"),
                QStringLiteral("test")));
        }
        auto refused = CatalogSession::open(url, test::registry(), m_clock);
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().message.contains(QStringLiteral("schema version 999")));
    }

    void postgresConcurrentOpenMigratesOnce()
    {
        STELLA_REQUIRE_POSTGRES();
        test::ScratchPostgres pg(QStringLiteral("migrate"));
        QVERIFY2(pg.isValid(), qPrintable(pg.error()));
        const DatabaseUrl url = *DatabaseUrl::parse(pg.url());
        auto a = test::openOrFail(url, m_clock);
        auto b = test::openOrFail(url, m_clock);
        QVERIFY(a && b);
        QSqlQuery q = b->database().query();
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM schema_migrations")) && q.next());
        QCOMPARE(q.value(0).toInt(), Migrations::all().size());
    }
};

QTEST_GUILESS_MAIN(TestStorage)
#include "tst_storage.moc"
