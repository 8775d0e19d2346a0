// SPDX-License-Identifier: Apache-2.0
#include "SandboxSeeder.h"

#include "core/catalog/CatalogSession.h"
#include "core/catalog/IntegrationCatalog.h"
#include "core/common/Clock.h"
#include "core/common/Logging.h"
#include "core/storage/CatalogStore.h"
#include "core/storage/Database.h"

#include <QCoreApplication>
#include <random>

namespace stella {

namespace {
struct SandboxSeederText
{
    Q_DECLARE_TR_FUNCTIONS(stella::SandboxSeeder)
};
} // namespace

namespace {
struct DemoIntegration
{
    IntegrationType type;
    const char *name;
    const char *endpoint;
    const char *scenario;
    int resourceCount;
    const char *folder; // organised as a team would, so the overview's folders have content
    EnvironmentTier tier;
    const char *tags; // comma-separated
};

// Names an operator would recognise; every type, every scenario.
constexpr DemoIntegration kDemo[] = {
    {IntegrationType::Registry, "Harbor (sandbox)", "https://harbor.sandbox.invalid", "healthy",
     240, "Platform/Registries", EnvironmentTier::Prod, "eu,images"},
    {IntegrationType::Registry, "Docker Hub mirror (sandbox)", "https://mirror.sandbox.invalid",
     "flaky", 1200, "Platform/Registries", EnvironmentTier::Staging, "images,mirror"},
    {IntegrationType::Scm, "GitHub App (sandbox)", "https://github.sandbox.invalid", "healthy", 85,
     "Engineering/SCM", EnvironmentTier::Prod, "guard"},
    {IntegrationType::Scm, "GitLab (sandbox)", "https://gitlab.sandbox.invalid", "degraded", 40,
     "Engineering/SCM", EnvironmentTier::Dev, "guard"},
    {IntegrationType::CiCd, "Jenkins (sandbox)", "https://jenkins.sandbox.invalid", "slow", 60,
     "Engineering/CI", EnvironmentTier::Test, "legacy"},
    {IntegrationType::CiCd, "GitLab CI (sandbox)", "https://gitlab.sandbox.invalid/ci", "healthy",
     300, "Engineering/CI", EnvironmentTier::Prod, ""},
    {IntegrationType::SecretsManager, "Vault (sandbox)", "https://vault.sandbox.invalid", "healthy",
     0, "Platform/Secrets", EnvironmentTier::Prod, "eu"},
    {IntegrationType::RuntimeHost, "Consul (sandbox)", "https://consul.sandbox.invalid", "degraded",
     0, "Platform/Runtime", EnvironmentTier::Staging, ""},
    {IntegrationType::RuntimeHost, "eBPF agent (sandbox)", "https://ebpf.sandbox.invalid",
     "unhealthy", 0, "Platform/Runtime", EnvironmentTier::Dev, "agents"},
    {IntegrationType::ObjectStorage, "S3 evidence bucket (sandbox)", "https://s3.sandbox.invalid",
     "healthy", 0, "Platform/Storage", EnvironmentTier::Prod, "evidence,eu"},
    {IntegrationType::FeedMirror, "NVD mirror (sandbox)", "https://nvd.sandbox.invalid", "flaky", 0,
     "Feeds", EnvironmentTier::Prod, "cve"},
    {IntegrationType::FeedMirror, "OSV mirror (sandbox)", "https://osv.sandbox.invalid", "healthy",
     0, "Feeds", EnvironmentTier::Test, "cve"},
};

HealthCheckRecord simulatedCheck(const QUuid &id, const QString &scenario, const QDateTime &at,
                                 std::mt19937 &rng, int index)
{
    std::uniform_int_distribution<int> jitter(0, 40);
    std::uniform_int_distribution<int> percent(0, 99);
    HealthCheckRecord r;
    r.integrationId = id;
    r.checkedAt = at;
    r.latencyMs = 20 + jitter(rng);
    r.status = HealthStatus::Healthy;
    if (scenario == QLatin1String("degraded")) {
        r.latencyMs += 400 + jitter(rng) * 10;
        r.status = percent(rng) < 70 ? HealthStatus::Degraded : HealthStatus::Healthy;
    } else if (scenario == QLatin1String("slow")) {
        r.latencyMs += 1500 + jitter(rng) * 25;
        r.status = r.latencyMs > 2000 ? HealthStatus::Degraded : HealthStatus::Healthy;
    } else if (scenario == QLatin1String("flaky")) {
        if (percent(rng) < 15) {
            r.status = HealthStatus::Unhealthy;
            r.errorMessage = SandboxSeederText::tr("connection reset by peer (simulated)");
        }
    } else if (scenario == QLatin1String("unhealthy")) {
        // Healthy for most of the month, down for the last two days.
        if (index >= SandboxSeeder::kHistoryDays * 48 - 96) {
            r.status = HealthStatus::Unhealthy;
            r.latencyMs = 5000;
            r.errorMessage = SandboxSeederText::tr("connection refused (simulated)");
        }
    }
    return r;
}
const QUuid kSandboxNamespace(QStringLiteral("6f1c1a52-3f0e-4c55-9d0e-5a4b1f7e2c11"));
} // namespace

Result<void> SandboxSeeder::seed(CatalogSession &session, const Clock &clock)
{
    const RequestContext ctx{sandboxTenant(), QStringLiteral("sandbox")};
    std::mt19937 rng(20261124); // fixed seed: the sandbox looks the same every time
    const QDateTime end = clock.now();
    const int checksPerIntegration = kHistoryDays * 24 * 60 / kCheckIntervalMinutes;

    for (const DemoIntegration &demo : kDemo) {
        IntegrationDraft draft;
        // Name-based ids: every sandbox run (each CLI call opens a fresh one) has the same ids,
        // so `--sandbox list` followed by `--sandbox test ID` finds the integration.
        draft.id = QUuid::createUuidV5(kSandboxNamespace, QLatin1String(demo.name));
        draft.provider = QStringLiteral("InMemory");
        draft.type = demo.type;
        draft.name = QLatin1String(demo.name);
        draft.endpoint = QLatin1String(demo.endpoint);
        // Checked as often as the seeded history was, so the demo is fresh, not stale, when
        // the console opens it; the monitor takes over from the last seeded check.
        draft.config = {{QStringLiteral("scenario"), QLatin1String(demo.scenario)},
                        {QStringLiteral("resourceCount"), demo.resourceCount},
                        {QStringLiteral("healthCheckInterval"),
                         QStringLiteral("%1m").arg(kCheckIntervalMinutes)}};
        draft.authRefUri = QStringLiteral("authref://inmemory/sandbox#token");
        draft.folder = QLatin1String(demo.folder);
        draft.tier = demo.tier;
        draft.tags = QString::fromLatin1(demo.tags).split(QLatin1Char(','), Qt::SkipEmptyParts);
        auto added = session.catalog().add(ctx, draft);
        if (!added)
            return added.error();

        Transaction tx(session.database());
        if (auto r = tx.begin(QStringLiteral("seeding the sandbox")); !r)
            return r;
        HealthCheckRecord last;
        for (int n = 0; n < checksPerIntegration; ++n) {
            const QDateTime at =
                end.addSecs(-qint64(checksPerIntegration - n) * kCheckIntervalMinutes * 60);
            last = simulatedCheck(added->id, QLatin1String(demo.scenario), at, rng, n);
            if (auto r = session.store().insertHealthCheck(ctx.tenantId, added->provider, last); !r)
                return r;
        }
        if (auto r =
                session.store().updateStatus(ctx.tenantId, added->id, last.status, last.checkedAt);
            !r)
            return r;
        if (auto r = tx.commit(QStringLiteral("seeding the sandbox")); !r)
            return r;
    }
    STELLA_LOG_INFO(lcSandbox).noquote()
        << QStringLiteral("sandbox seeded: %1 InMemory integrations, %2 days of history each")
               .arg(std::size(kDemo))
               .arg(kHistoryDays);
    return {};
}

} // namespace stella
