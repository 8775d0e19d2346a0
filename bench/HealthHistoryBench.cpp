// SPDX-License-Identifier: Apache-2.0
// The health-history benchmark of the health issue (bench/health-history).
//
//   stella-bench-health-history generate DBURL ROWS
//     Fills an empty catalog with ROWS health checks: one check a minute per integration for
//     the 30 days before now, as many integrations as that takes (43,200 checks each; the last
//     one, added later, has fewer). Statuses follow a per-integration Markov chain (mostly
//     Healthy, runs of Degraded and Unhealthy), latencies a per-integration base with noise,
//     slow spells and timeouts. Rows are written in time order, as a monitor writes them, in
//     one transaction through one prepared multi-row INSERT; the indexes on health_checks are
//     dropped during the load and created again afterwards with the catalog's own DDL.
//   stella-bench-health-history schema DBURL
//     Opens the catalog, which creates or migrates its schema, and nothing else.
//   stella-bench-health-history query DBURL [RUNS]
//     Times IntegrationCatalog::healthHistory for the first integration over the 30 days
//     its checks span (at most 1,000 points): the first run after the SQLite file was dropped
//     from the page cache, then RUNS (default 20) more.
#include "connectors/BuiltinProviders.h"
#include "core/catalog/CatalogSession.h"
#include "core/catalog/IntegrationCatalog.h"
#include "core/common/Clock.h"
#include "core/providers/ProviderRegistry.h"
#include "core/storage/Database.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlQuery>
#include <QVariant>
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fcntl.h>
#include <random>
#include <unistd.h>

using namespace stella;

namespace {

const QUuid kNamespace(QStringLiteral("4f3c2a8e-6b1d-4c55-9e0a-7d2b8c1f5e93"));
constexpr qint64 kChecksPerIntegration = 30 * 24 * 60; // 30 days, one a minute
constexpr int kRowsPerStatement = 250;                 // 1,500 bound values per INSERT

// Now, to the minute: the history ends when the fixture is made, so `health ID --range 30d`
// right after finds all of it.
QDateTime endOfHistory()
{
    const qint64 now = SystemClock::instance().now().toSecsSinceEpoch();
    return utcFromSecsSinceEpoch(now - now % 60);
}

QUuid integrationId(int n)
{
    return QUuid::createUuidV5(kNamespace, QString::number(n));
}

[[noreturn]] void die(const QString &what)
{
    std::fprintf(stderr, "stella-bench-health-history: %s\n", qPrintable(what));
    std::exit(1);
}

template <typename T> T check(Result<T> r, const char *doing)
{
    if (!r)
        die(QStringLiteral("%1: %2").arg(QLatin1String(doing), r.error().toText()));
    return std::move(r).value();
}

void check(Result<void> r, const char *doing)
{
    if (!r)
        die(QStringLiteral("%1: %2").arg(QLatin1String(doing), r.error().toText()));
}

void exec(Database &db, const QString &sql)
{
    check(db.exec(sql, QStringLiteral("running %1").arg(sql.left(60))), "fixture SQL");
}

struct Kind
{
    const char *provider;
    const char *host;
};

// Providers whose schema needs nothing but an endpoint.
const Kind kKinds[] = {{"DockerRegistry", "registry"},
                       {"Nexus", "nexus"},
                       {"GitLabServer", "gitlab"},
                       {"Gitea", "gitea"},
                       {"Jenkins", "jenkins"},
                       {"Consul", "consul"},
                       {"OsvMirror", "osv"}};
const char *const kTeams[] = {"payments", "search", "platform", "identity",
                              "data",     "mobile", "edge",     "billing"};

// One integration's behaviour over time: a Markov chain over statuses, so failures come in
// runs the way outages do, and a latency that depends on the status.
struct Behaviour
{
    std::mt19937_64 rng;
    HealthStatus status = HealthStatus::Healthy;
    double baseMs;    // typical healthy latency
    double flakiness; // scales the chance of leaving Healthy
    QString host;

    Behaviour(int n, const QString &h) : rng(0x5eed0000u + unsigned(n)), host(h)
    {
        std::uniform_real_distribution<double> base(8, 240);
        baseMs = base(rng);
        flakiness = n % 17 == 3 ? 12.0 : (n % 5 == 0 ? 3.0 : 1.0);
    }

    double uniform() { return std::uniform_real_distribution<double>(0, 1)(rng); }

    // Advances one minute; returns the check taken then.
    void next(HealthCheckRecord &record)
    {
        const double u = uniform();
        switch (status) {
        case HealthStatus::Healthy:
            if (u < 0.0004 * flakiness)
                status = HealthStatus::Unhealthy; // an outage starts: ~10 min on average
            else if (u < 0.0012 * flakiness)
                status = HealthStatus::Degraded; // a slow spell starts: ~25 min on average
            break;
        case HealthStatus::Degraded:
            if (u < 0.04)
                status = HealthStatus::Healthy;
            else if (u < 0.045)
                status = HealthStatus::Unhealthy;
            break;
        default:
            if (u < 0.1)
                status = HealthStatus::Healthy;
            break;
        }
        record.status = status;
        const double noise = std::lognormal_distribution<double>(0, 0.35)(rng);
        switch (status) {
        case HealthStatus::Healthy:
            record.latencyMs = qint64(baseMs * noise) + 1;
            record.errorMessage.clear();
            break;
        case HealthStatus::Degraded:
            record.latencyMs = qint64(baseMs * 6 * noise) + 1;
            record.errorMessage = QStringLiteral("HTTP 429 in %1 ms").arg(record.latencyMs);
            break;
        default:
            if (uniform() < 0.3) {
                record.latencyMs = 60000;
                record.errorMessage =
                    QStringLiteral("No answer within 1 min: the health check timed out");
            } else if (uniform() < 0.5) {
                record.latencyMs = qint64(uniform() * 3) + 1;
                record.errorMessage =
                    QStringLiteral("Cannot connect to %1:443: connection refused").arg(host);
            } else {
                record.latencyMs = qint64(baseMs * noise) + 1;
                record.errorMessage = QStringLiteral("HTTP 503 in %1 ms").arg(record.latencyMs);
            }
            break;
        }
    }
};

struct IndexDdl
{
    QString name, sql;
};

QList<IndexDdl> healthIndexes(Database &db)
{
    const bool pg = db.dialect() == Database::Dialect::Postgres;
    QSqlQuery q = db.query();
    const QString sql =
        pg ? QStringLiteral("SELECT indexname, indexdef FROM pg_indexes WHERE tablename ="
                            " 'health_checks' AND indexname <> 'health_checks_pkey'")
           : QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND"
                            " tbl_name = 'health_checks' AND sql IS NOT NULL");
    if (!q.exec(sql))
        die(QStringLiteral("reading the indexes: %1").arg(q.lastError().text()));
    QList<IndexDdl> out;
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toString()});
    return out;
}

int generate(const DatabaseUrl &url, qint64 rows)
{
    ProviderRegistry registry;
    registerBuiltinProviders(registry);
    const QDateTime end = endOfHistory();
    const QDateTime start = end.addSecs(-kChecksPerIntegration * 60);
    ManualClock clock(start.addDays(-1));
    auto session = check(CatalogSession::open(url, registry, clock), "opening the catalog");
    IntegrationCatalog &catalog = session->catalog();
    Database &db = session->database();
    const RequestContext ctx{QStringLiteral("default"), QStringLiteral("bench")};
    if (!check(catalog.list(ctx), "listing").isEmpty())
        die(QStringLiteral("%1 is not empty").arg(url.displayString()));

    const int integrations = int((rows + kChecksPerIntegration - 1) / kChecksPerIntegration);
    QList<IntegrationDraft> drafts;
    QList<Behaviour> behaviours;
    for (int n = 0; n < integrations; ++n) {
        const Kind &k = kKinds[n % std::size(kKinds)];
        const QString team = QLatin1String(kTeams[(n / 7) % std::size(kTeams)]);
        IntegrationDraft d;
        d.id = integrationId(n);
        d.provider = QLatin1String(k.provider);
        d.name = QStringLiteral("%1 %2 #%3").arg(d.provider, team).arg(n, 4, 10, QLatin1Char('0'));
        const QString host = QStringLiteral("%1-%2.example.com").arg(QLatin1String(k.host), team);
        d.endpoint = QStringLiteral("https://%1").arg(host);
        drafts.append(d);
        behaviours.append(Behaviour(n, host));
    }
    check(catalog.addAll(ctx, drafts, QStringLiteral("bench")), "adding the integrations");

    const bool pg = db.dialect() == Database::Dialect::Postgres;
    if (!pg)
        exec(db, QStringLiteral("PRAGMA cache_size = -262144")); // 256 MiB for the index builds
    const QList<IndexDdl> indexes = healthIndexes(db);
    QElapsedTimer timer;
    timer.start();
    exec(db, QStringLiteral("BEGIN"));
    for (const IndexDdl &index : indexes)
        exec(db, QStringLiteral("DROP INDEX %1").arg(index.name));

    QString sql = QStringLiteral("INSERT INTO health_checks (integration_id, tenant_id, checked_at,"
                                 " status, latency_ms, error_message) VALUES ");
    for (int r = 0; r < kRowsPerStatement; ++r)
        sql +=
            r == 0 ? QStringLiteral("(?, ?, ?, ?, ?, ?)") : QStringLiteral(", (?, ?, ?, ?, ?, ?)");
    QSqlQuery insert = db.query();
    if (!insert.prepare(sql))
        die(QStringLiteral("preparing the insert: %1").arg(insert.lastError().text()));
    QStringList ids;
    for (int n = 0; n < integrations; ++n)
        ids.append(integrationId(n).toString(QUuid::WithoutBraces));
    const QString tenant = ctx.tenantId;
    const QVariant nullText(QMetaType(QMetaType::QString));
    // The last integration was added later: its checks start when the others have done
    // `late` minutes' worth.
    const qint64 lastCount = rows - qint64(integrations - 1) * kChecksPerIntegration;
    const qint64 late = kChecksPerIntegration - lastCount;
    QList<HealthCheckRecord> last(integrations);
    std::mt19937 jitter(7);
    int inStatement = 0;
    qint64 written = 0;
    auto flush = [&] {
        if (!insert.exec())
            die(QStringLiteral("inserting: %1").arg(insert.lastError().text()));
        inStatement = 0;
    };
    for (qint64 minute = 0; minute < kChecksPerIntegration; ++minute) {
        const qint64 minuteStartMs = start.toMSecsSinceEpoch() + minute * 60'000;
        for (int n = 0; n < integrations; ++n) {
            if (n == integrations - 1 && minute < late)
                continue;
            HealthCheckRecord &record = last[n];
            behaviours[n].next(record);
            // A monitor's checks land a little after each minute starts, not on the second.
            const qint64 atMs = minuteStartMs + (n * 211) % 50'000 + qint64(jitter() % 900);
            record.checkedAt = utcFromSecsSinceEpoch(atMs / 1000).addMSecs(atMs % 1000);
            const int base = inStatement * 6;
            insert.bindValue(base, ids[n]);
            insert.bindValue(base + 1, tenant);
            insert.bindValue(base + 2, pg ? QVariant(record.checkedAt)
                                          : QVariant(formatUtc(record.checkedAt)));
            insert.bindValue(base + 3, toString(record.status));
            insert.bindValue(base + 4, record.latencyMs);
            insert.bindValue(
                base + 5, record.errorMessage.isEmpty() ? nullText : QVariant(record.errorMessage));
            ++written;
            if (++inStatement == kRowsPerStatement)
                flush();
        }
    }
    if (inStatement > 0) {
        // The rest: a statement of its own size.
        QString tail = sql.left(sql.indexOf(QLatin1String(" VALUES ")) + 8);
        for (int r = 0; r < inStatement; ++r)
            tail += r == 0 ? QStringLiteral("(?, ?, ?, ?, ?, ?)")
                           : QStringLiteral(", (?, ?, ?, ?, ?, ?)");
        QSqlQuery rest = db.query();
        if (!rest.prepare(tail))
            die(QStringLiteral("preparing the insert: %1").arg(rest.lastError().text()));
        for (int v = 0; v < inStatement * 6; ++v)
            rest.bindValue(v, insert.boundValue(v));
        if (!rest.exec())
            die(QStringLiteral("inserting: %1").arg(rest.lastError().text()));
    }
    const qint64 insertMs = timer.elapsed();
    for (const IndexDdl &index : indexes)
        exec(db, index.sql);
    const qint64 indexMs = timer.elapsed() - insertMs;
    // What a monitor would have left: each integration's status and last check, and the
    // metrics' counters.
    for (int n = 0; n < integrations; ++n) {
        QSqlQuery q = db.query();
        q.prepare(QStringLiteral("UPDATE integrations SET status = ?, last_checked_at = ?"
                                 " WHERE id = ?"));
        q.addBindValue(toString(last[n].status));
        q.addBindValue(pg ? QVariant(last[n].checkedAt) : QVariant(formatUtc(last[n].checkedAt)));
        q.addBindValue(ids[n]);
        if (!q.exec())
            die(QStringLiteral("updating status: %1").arg(q.lastError().text()));
    }
    exec(db, QStringLiteral("DELETE FROM health_check_totals"));
    exec(db, QStringLiteral("INSERT INTO health_check_totals (tenant_id, provider, status, total)"
                            " SELECT h.tenant_id, i.provider, h.status, COUNT(*)"
                            " FROM health_checks h JOIN integrations i ON i.id = h.integration_id"
                            " GROUP BY h.tenant_id, i.provider, h.status"));
    exec(db, QStringLiteral("COMMIT"));
    // PostgreSQL's autovacuum would have done this by the time anyone looks at a chart; the
    // visibility map lets the covering index answer without visiting the table.
    if (pg)
        exec(db, QStringLiteral("VACUUM ANALYZE health_checks"));
    std::printf("generated %lld health checks of %d integrations in %.1f s (insert %.1f s, "
                "indexes %.1f s)\n",
                written, integrations, double(timer.elapsed()) / 1000, double(insertMs) / 1000,
                double(indexMs) / 1000);
    return 0;
}

// Drops a SQLite catalog's files from the page cache, so the next read comes from the disk.
void evictFromPageCache(const DatabaseUrl &url)
{
    if (url.kind != DatabaseUrl::Kind::Sqlite || url.isInMemory())
        return;
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        const QByteArray path = QFile::encodeName(url.path + suffix);
        const int fd = ::open(path.constData(), O_RDONLY);
        if (fd < 0)
            continue;
        ::fdatasync(fd);
        ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
        ::close(fd);
    }
}

// CPU time of this thread: what the query cost, whatever else the machine was doing (on
// SQLite the query runs in this thread; on PostgreSQL most of it runs in the server).
double threadCpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

double medianOf(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values[values.size() / 2];
}

int query(const DatabaseUrl &url, int runs)
{
    evictFromPageCache(url);
    ProviderRegistry registry;
    registerBuiltinProviders(registry);
    SystemClock clock;
    auto session = check(CatalogSession::open(url, registry, clock), "opening the catalog");
    IntegrationCatalog &catalog = session->catalog();
    const RequestContext ctx{QStringLiteral("default"), QStringLiteral("bench")};
    const QUuid id = integrationId(0);
    // The 30 days that end with the integration's last check (the fixture's minute).
    const qint64 last =
        check(catalog.get(ctx, id), "reading the integration").lastCheckedAt.toSecsSinceEpoch();
    const QDateTime to = utcFromSecsSinceEpoch(last - last % 60 + 60);
    const QDateTime from = to.addDays(-30);

    QElapsedTimer timer;
    timer.start();
    const HealthHistory first = check(catalog.healthHistory(ctx, id, from, to), "history");
    const double coldMs = double(timer.nsecsElapsed()) / 1e6;
    QList<double> warm, cpu;
    for (int r = 0; r < runs; ++r) {
        const double cpu0 = threadCpuMs();
        timer.restart();
        const HealthHistory h = check(catalog.healthHistory(ctx, id, from, to), "history");
        warm.append(double(timer.nsecsElapsed()) / 1e6);
        cpu.append(threadCpuMs() - cpu0);
        if (h.buckets.size() != first.buckets.size())
            die(QStringLiteral("the history changed between runs"));
    }
    const double median = medianOf(warm);
    const double max = warm.isEmpty() ? 0 : *std::max_element(warm.begin(), warm.end());
    const bool pg = url.kind == DatabaseUrl::Kind::Postgres;
    std::printf("30-day history of one integration (%d checks -> %lld points, bucket %lld s, "
                "uptime %.2f %%) on %s: first run %.1f ms (%s), then median %.1f ms, max %.1f ms "
                "over %d runs (this thread's CPU: median %.1f ms) (target <= 50 ms)\n",
                first.checks(), qint64(first.buckets.size()), first.bucketSeconds,
                first.uptimePercent(), pg ? "PostgreSQL" : "SQLite", coldMs,
                pg ? "new connection" : "file dropped from the page cache", median, max, runs,
                medianOf(cpu));
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QString usage = QStringLiteral("usage: stella-bench-health-history generate DBURL ROWS\n"
                                         "       stella-bench-health-history schema DBURL\n"
                                         "       stella-bench-health-history query DBURL [RUNS]");
    if (args.size() < 3)
        die(usage);
    auto url = DatabaseUrl::parse(args[2]);
    if (!url)
        die(url.error().toText());
    bool ok = false;
    if (args[1] == QLatin1String("generate") && args.size() == 4) {
        const qint64 rows = args[3].toLongLong(&ok);
        if (!ok || rows <= 0)
            die(usage);
        return generate(*url, rows);
    }
    if (args[1] == QLatin1String("schema") && args.size() == 3) {
        ProviderRegistry registry;
        registerBuiltinProviders(registry);
        check(CatalogSession::open(*url, registry, SystemClock::instance()), "opening the catalog");
        return 0;
    }
    if (args[1] == QLatin1String("query") && args.size() <= 4) {
        const int runs = args.size() == 4 ? args[3].toInt(&ok) : 20;
        if ((args.size() == 4 && !ok) || runs < 0)
            die(usage);
        return query(*url, runs);
    }
    die(usage);
}
