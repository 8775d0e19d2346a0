// SPDX-License-Identifier: Apache-2.0
#include "Migrations.h"

#include "core/common/Clock.h"
#include "core/common/Logging.h"
#include "core/storage/Database.h"

#include <QCoreApplication>
#include <QVariant>

namespace stella {

namespace {
struct MigrationsText
{
    Q_DECLARE_TR_FUNCTIONS(stella::Migrations)
};
} // namespace

namespace {
QString doing()
{
    return MigrationsText::tr("upgrading the catalog schema");
}

QList<Migrations::Migration> buildMigrations()
{
    QList<Migrations::Migration> list;
    // Version 1: the catalog schema of docs/contracts.md §8. Extra columns: last_checked_at on
    // integrations (the list shows it without a join), tenant_id on audit_logs and
    // health_checks (tenant scoping in the data layer), surrogate keys for ordering.
    list.append(
        {1,
         QStringLiteral("catalog schema"),
         {
             QStringLiteral("CREATE TABLE integrations ("
                            " id TEXT PRIMARY KEY,"
                            " tenant_id TEXT NOT NULL,"
                            " type TEXT NOT NULL,"
                            " provider TEXT NOT NULL,"
                            " name TEXT NOT NULL,"
                            " endpoint TEXT NOT NULL DEFAULT '',"
                            " config_json TEXT NOT NULL DEFAULT '{}',"
                            " auth_ref_uri TEXT,"
                            " status TEXT NOT NULL DEFAULT 'Unknown',"
                            " version INTEGER NOT NULL DEFAULT 1,"
                            " created_at TEXT NOT NULL,"
                            " updated_at TEXT NOT NULL,"
                            " deleted_at TEXT,"
                            " last_checked_at TEXT)"),
             QStringLiteral("CREATE UNIQUE INDEX ux_integrations_tenant_name"
                            " ON integrations(tenant_id, name) WHERE deleted_at IS NULL"),
             QStringLiteral("CREATE INDEX ix_integrations_tenant ON integrations(tenant_id, "
                            "deleted_at, name)"),
             QStringLiteral("CREATE TABLE plugin_metadata ("
                            " plugin_id TEXT PRIMARY KEY, type TEXT NOT NULL,"
                            " version TEXT NOT NULL, capabilities TEXT NOT NULL DEFAULT '[]',"
                            " path TEXT)"),
             QStringLiteral("CREATE TABLE health_checks ("
                            " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                            " integration_id TEXT NOT NULL REFERENCES integrations(id),"
                            " tenant_id TEXT NOT NULL,"
                            " checked_at TEXT NOT NULL,"
                            " status TEXT NOT NULL,"
                            " latency_ms INTEGER,"
                            " error_message TEXT)"),
             QStringLiteral("CREATE INDEX ix_health_checks_integration_time"
                            " ON health_checks(integration_id, checked_at)"),
             QStringLiteral("CREATE TABLE audit_logs ("
                            " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                            " tenant_id TEXT NOT NULL,"
                            " actor TEXT NOT NULL,"
                            " action TEXT NOT NULL,"
                            " integration_id TEXT,"
                            " timestamp TEXT NOT NULL,"
                            " details TEXT NOT NULL DEFAULT '{}')"),
             QStringLiteral(
                 "CREATE INDEX ix_audit_logs_tenant ON audit_logs(tenant_id, integration_id, id)"),
         },
         {
             QStringLiteral("CREATE TABLE integrations ("
                            " id UUID PRIMARY KEY,"
                            " tenant_id TEXT NOT NULL,"
                            " type TEXT NOT NULL,"
                            " provider TEXT NOT NULL,"
                            " name TEXT NOT NULL,"
                            " endpoint TEXT NOT NULL DEFAULT '',"
                            " config_json JSONB NOT NULL DEFAULT '{}',"
                            " auth_ref_uri TEXT,"
                            " status TEXT NOT NULL DEFAULT 'Unknown',"
                            " version INTEGER NOT NULL DEFAULT 1,"
                            " created_at TIMESTAMPTZ NOT NULL,"
                            " updated_at TIMESTAMPTZ NOT NULL,"
                            " deleted_at TIMESTAMPTZ,"
                            " last_checked_at TIMESTAMPTZ)"),
             QStringLiteral("CREATE UNIQUE INDEX ux_integrations_tenant_name"
                            " ON integrations(tenant_id, name) WHERE deleted_at IS NULL"),
             QStringLiteral("CREATE INDEX ix_integrations_tenant ON integrations(tenant_id, "
                            "deleted_at, name)"),
             QStringLiteral("CREATE TABLE plugin_metadata ("
                            " plugin_id TEXT PRIMARY KEY, type TEXT NOT NULL,"
                            " version TEXT NOT NULL, capabilities JSONB NOT NULL DEFAULT '[]',"
                            " path TEXT)"),
             QStringLiteral("CREATE TABLE health_checks ("
                            " id BIGSERIAL PRIMARY KEY,"
                            " integration_id UUID NOT NULL REFERENCES integrations(id),"
                            " tenant_id TEXT NOT NULL,"
                            " checked_at TIMESTAMPTZ NOT NULL,"
                            " status TEXT NOT NULL,"
                            " latency_ms INTEGER,"
                            " error_message TEXT)"),
             QStringLiteral("CREATE INDEX ix_health_checks_integration_time"
                            " ON health_checks(integration_id, checked_at)"),
             QStringLiteral("CREATE TABLE audit_logs ("
                            " id BIGSERIAL PRIMARY KEY,"
                            " tenant_id TEXT NOT NULL,"
                            " actor TEXT NOT NULL,"
                            " action TEXT NOT NULL,"
                            " integration_id UUID,"
                            " timestamp TIMESTAMPTZ NOT NULL,"
                            " details JSONB NOT NULL DEFAULT '{}')"),
             QStringLiteral(
                 "CREATE INDEX ix_audit_logs_tenant ON audit_logs(tenant_id, integration_id, id)"),
         }});
    // Version 2: the health monitor. A covering index for downsampled history (a 30-day
    // range of one integration is read from the index alone), an index on time for retention,
    // leases so several monitors never check one integration twice in an interval, and the
    // metrics' counters, which pruning history must not make go backwards.
    list.append(
        {2,
         QStringLiteral("health monitor"),
         {
             QStringLiteral("DROP INDEX ix_health_checks_integration_time"),
             QStringLiteral("CREATE INDEX ix_health_checks_history ON health_checks("
                            "integration_id, checked_at, tenant_id, status, latency_ms)"),
             QStringLiteral("CREATE INDEX ix_health_checks_time ON health_checks(checked_at)"),
             QStringLiteral("CREATE TABLE health_check_leases ("
                            " integration_id TEXT PRIMARY KEY,"
                            " holder TEXT NOT NULL,"
                            " leased_until TEXT NOT NULL)"),
             QStringLiteral("CREATE TABLE health_check_totals ("
                            " tenant_id TEXT NOT NULL, provider TEXT NOT NULL,"
                            " status TEXT NOT NULL, total INTEGER NOT NULL,"
                            " PRIMARY KEY (tenant_id, provider, status))"),
             QStringLiteral("INSERT INTO health_check_totals (tenant_id, provider, status, total)"
                            " SELECT h.tenant_id, i.provider, h.status, COUNT(*)"
                            " FROM health_checks h JOIN integrations i ON i.id = h.integration_id"
                            " GROUP BY h.tenant_id, i.provider, h.status"),
             QStringLiteral("CREATE TABLE test_connection_durations ("
                            " tenant_id TEXT NOT NULL, provider TEXT NOT NULL,"
                            " bucket INTEGER NOT NULL, count INTEGER NOT NULL,"
                            " sum_ms INTEGER NOT NULL,"
                            " PRIMARY KEY (tenant_id, provider, bucket))"),
         },
         {
             QStringLiteral("DROP INDEX ix_health_checks_integration_time"),
             QStringLiteral("CREATE INDEX ix_health_checks_history ON health_checks("
                            "integration_id, checked_at) INCLUDE (tenant_id, status, latency_ms)"),
             QStringLiteral("CREATE INDEX ix_health_checks_time ON health_checks(checked_at)"),
             QStringLiteral("CREATE TABLE health_check_leases ("
                            " integration_id UUID PRIMARY KEY,"
                            " holder TEXT NOT NULL,"
                            " leased_until TIMESTAMPTZ NOT NULL)"),
             QStringLiteral("CREATE TABLE health_check_totals ("
                            " tenant_id TEXT NOT NULL, provider TEXT NOT NULL,"
                            " status TEXT NOT NULL, total BIGINT NOT NULL,"
                            " PRIMARY KEY (tenant_id, provider, status))"),
             QStringLiteral("INSERT INTO health_check_totals (tenant_id, provider, status, total)"
                            " SELECT h.tenant_id, i.provider, h.status, COUNT(*)"
                            " FROM health_checks h JOIN integrations i ON i.id = h.integration_id"
                            " GROUP BY h.tenant_id, i.provider, h.status"),
             QStringLiteral("CREATE TABLE test_connection_durations ("
                            " tenant_id TEXT NOT NULL, provider TEXT NOT NULL,"
                            " bucket INTEGER NOT NULL, count BIGINT NOT NULL,"
                            " sum_ms BIGINT NOT NULL,"
                            " PRIMARY KEY (tenant_id, provider, bucket))"),
         }});
    // Version 3: TLS certificate expiry and Stella Ops' metric names (docs/contracts.md §8,
    // §15): each health check records when the server's certificate expires, and the
    // integration keeps the latest, so the list shows it without a join; the health-check
    // latency histogram's counters, started from the history there is (its buckets are those
    // of metrics::latencyBucketBoundsMs()).
    // Written out, not computed from the bounds: a migration must stay what it was.
    const QString bucketOfLatency = QStringLiteral(
        " CASE WHEN latency_ms <= 5 THEN 0 WHEN latency_ms <= 10 THEN 1 WHEN latency_ms <= 25 THEN "
        "2 WHEN latency_ms <= 50 THEN 3 WHEN latency_ms <= 100 THEN 4 WHEN latency_ms <= 250 THEN "
        "5 WHEN latency_ms <= 500 THEN 6 WHEN latency_ms <= 1000 THEN 7 WHEN latency_ms <= 2500 "
        "THEN 8 WHEN latency_ms <= 5000 THEN 9 WHEN latency_ms <= 10000 THEN 10 WHEN latency_ms <= "
        "30000 THEN 11 ELSE 12 END");
    const QString latencyBuckets = QStringLiteral(
        "INSERT INTO health_check_latencies (tenant_id, bucket, count, sum_ms)"
        " SELECT tenant_id, bucket, COUNT(*), SUM(latency_ms) FROM (SELECT tenant_id, latency_ms,"
        "%1 AS bucket FROM health_checks WHERE latency_ms IS NOT NULL) AS b"
        " GROUP BY tenant_id, bucket");
    list.append(
        {3,
         QStringLiteral("certificate expiry and health latency"),
         {
             QStringLiteral("ALTER TABLE health_checks ADD COLUMN certificate_expires_at TEXT"),
             QStringLiteral("ALTER TABLE integrations ADD COLUMN certificate_expires_at TEXT"),
             QStringLiteral("CREATE TABLE health_check_latencies ("
                            " tenant_id TEXT NOT NULL, bucket INTEGER NOT NULL,"
                            " count INTEGER NOT NULL, sum_ms INTEGER NOT NULL,"
                            " PRIMARY KEY (tenant_id, bucket))"),
             latencyBuckets.arg(bucketOfLatency),
         },
         {
             QStringLiteral("ALTER TABLE health_checks ADD COLUMN certificate_expires_at "
                            "TIMESTAMPTZ"),
             QStringLiteral("ALTER TABLE integrations ADD COLUMN certificate_expires_at "
                            "TIMESTAMPTZ"),
             QStringLiteral("CREATE TABLE health_check_latencies ("
                            " tenant_id TEXT NOT NULL, bucket INTEGER NOT NULL,"
                            " count BIGINT NOT NULL, sum_ms BIGINT NOT NULL,"
                            " PRIMARY KEY (tenant_id, bucket))"),
             latencyBuckets.arg(bucketOfLatency),
         }});
    // Version 4: the SCM annotation outbox (docs/contracts.md §19.3) and the annotation
    // metrics' counters and histogram (§19.5), kept apart from the health counters.
    list.append({4,
                 QStringLiteral("scm annotation outbox"),
                 {
                     QStringLiteral("CREATE TABLE scm_annotation_outbox ("
                                    " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                                    " tenant_id TEXT NOT NULL,"
                                    " integration_id TEXT NOT NULL,"
                                    " provider TEXT NOT NULL,"
                                    " operation TEXT NOT NULL,"
                                    " target TEXT NOT NULL,"
                                    " request_json TEXT NOT NULL,"
                                    " progress_json TEXT NOT NULL DEFAULT '{}',"
                                    " state TEXT NOT NULL,"
                                    " outcome TEXT,"
                                    " reason TEXT NOT NULL DEFAULT '',"
                                    " attempts INTEGER NOT NULL DEFAULT 0,"
                                    " created_at TEXT NOT NULL,"
                                    " updated_at TEXT NOT NULL,"
                                    " delivered_at TEXT)"),
                     QStringLiteral("CREATE INDEX ix_scm_annotation_outbox_tenant"
                                    " ON scm_annotation_outbox(tenant_id, state, id)"),
                     QStringLiteral("CREATE TABLE scm_annotation_totals ("
                                    " tenant_id TEXT NOT NULL, provider TEXT NOT NULL,"
                                    " operation TEXT NOT NULL, status TEXT NOT NULL,"
                                    " total INTEGER NOT NULL,"
                                    " PRIMARY KEY (tenant_id, provider, operation, status))"),
                     QStringLiteral("CREATE TABLE scm_annotation_durations ("
                                    " tenant_id TEXT NOT NULL, provider TEXT NOT NULL,"
                                    " operation TEXT NOT NULL, bucket INTEGER NOT NULL,"
                                    " count INTEGER NOT NULL, sum_ms INTEGER NOT NULL,"
                                    " PRIMARY KEY (tenant_id, provider, operation, bucket))"),
                 },
                 {
                     QStringLiteral("CREATE TABLE scm_annotation_outbox ("
                                    " id BIGSERIAL PRIMARY KEY,"
                                    " tenant_id TEXT NOT NULL,"
                                    " integration_id UUID NOT NULL,"
                                    " provider TEXT NOT NULL,"
                                    " operation TEXT NOT NULL,"
                                    " target TEXT NOT NULL,"
                                    " request_json JSONB NOT NULL,"
                                    " progress_json JSONB NOT NULL DEFAULT '{}',"
                                    " state TEXT NOT NULL,"
                                    " outcome TEXT,"
                                    " reason TEXT NOT NULL DEFAULT '',"
                                    " attempts INTEGER NOT NULL DEFAULT 0,"
                                    " created_at TIMESTAMPTZ NOT NULL,"
                                    " updated_at TIMESTAMPTZ NOT NULL,"
                                    " delivered_at TIMESTAMPTZ)"),
                     QStringLiteral("CREATE INDEX ix_scm_annotation_outbox_tenant"
                                    " ON scm_annotation_outbox(tenant_id, state, id)"),
                     QStringLiteral("CREATE TABLE scm_annotation_totals ("
                                    " tenant_id TEXT NOT NULL, provider TEXT NOT NULL,"
                                    " operation TEXT NOT NULL, status TEXT NOT NULL,"
                                    " total BIGINT NOT NULL,"
                                    " PRIMARY KEY (tenant_id, provider, operation, status))"),
                     QStringLiteral("CREATE TABLE scm_annotation_durations ("
                                    " tenant_id TEXT NOT NULL, provider TEXT NOT NULL,"
                                    " operation TEXT NOT NULL, bucket INTEGER NOT NULL,"
                                    " count BIGINT NOT NULL, sum_ms BIGINT NOT NULL,"
                                    " PRIMARY KEY (tenant_id, provider, operation, bucket))"),
                 }});
    // Version 5: organisation (docs/contracts.md §25). Tags are kept framed by commas
    // (",edge,team-a,"; a tag never holds a comma) so "has this tag" is one substring test on
    // both dialects; the index serves the folder filter, which is a prefix match.
    const QStringList organisation{
        QStringLiteral("ALTER TABLE integrations ADD COLUMN folder TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("ALTER TABLE integrations ADD COLUMN tags TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("ALTER TABLE integrations ADD COLUMN tier TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("CREATE INDEX ix_integrations_folder ON integrations(tenant_id, folder)"),
    };
    list.append({5, QStringLiteral("folders, tags and tiers"), organisation, organisation});
    return list;
}
} // namespace

const QList<Migrations::Migration> &Migrations::all()
{
    static const QList<Migration> migrations = buildMigrations();
    return migrations;
}

int Migrations::latestVersion()
{
    return all().last().version;
}

Result<int> Migrations::currentVersion(Database &db)
{
    QSqlQuery q = db.query();
    if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")))
        return db.translate(q.lastError(), MigrationsText::tr("reading the schema version"));
    q.next();
    return q.value(0).toInt();
}

Result<void> Migrations::apply(Database &db, const Clock &clock)
{
    const bool pg = db.dialect() == Database::Dialect::Postgres;
    if (auto r =
            db.exec(pg ? QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations ("
                                        " version INTEGER PRIMARY KEY, description TEXT NOT NULL,"
                                        " applied_at TIMESTAMPTZ NOT NULL)")
                       : QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations ("
                                        " version INTEGER PRIMARY KEY, description TEXT NOT NULL,"
                                        " applied_at TEXT NOT NULL)"),
                    doing());
        !r)
        return r;

    for (const Migration &m : all()) {
        Transaction tx(db);
        if (auto r = tx.begin(doing()); !r)
            return r;
        // Several consoles and monitors may open one PostgreSQL catalog at once: serialise
        // the upgrade so each migration runs exactly once.
        if (pg) {
            if (auto r =
                    db.exec(QStringLiteral("SELECT pg_advisory_xact_lock(7384912001)"), doing());
                !r)
                return r;
        }
        auto current = currentVersion(db);
        if (!current)
            return current.error();
        if (*current > latestVersion())
            return Error::backend(
                MigrationsText::tr(
                    "The catalog %1 has schema version %2, newer than this build knows (%3)")
                    .arg(db.url().displayString())
                    .arg(*current)
                    .arg(latestVersion()),
                MigrationsText::tr("Upgrade stella-integrations; the catalog is never downgraded"));
        if (*current >= m.version)
            continue;
        STELLA_LOG_INFO(lcStorage).noquote()
            << "migrating" << db.url().displayString() << "from schema version" << *current << "to"
            << m.version << QStringLiteral("(%1)").arg(m.description);
        for (const QString &sql : pg ? m.postgres : m.sqlite)
            if (auto r = db.exec(sql, doing()); !r)
                return r;
        QSqlQuery q = db.query();
        q.prepare(QStringLiteral(
            "INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)"));
        q.addBindValue(m.version);
        q.addBindValue(m.description);
        q.addBindValue(pg ? QVariant(clock.now()) : QVariant(formatUtc(clock.now())));
        if (auto r = db.exec(q, doing()); !r)
            return r;
        if (auto r = tx.commit(doing()); !r)
            return r;
    }
    return {};
}

} // namespace stella
