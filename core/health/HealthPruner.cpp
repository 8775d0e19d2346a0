// SPDX-License-Identifier: Apache-2.0
#include "HealthPruner.h"

#include "core/catalog/CatalogThread.h"
#include "core/catalog/IntegrationCatalog.h"
#include "core/common/Clock.h"
#include "core/common/FutureCallback.h"
#include "core/common/Logging.h"

namespace stella {

HealthPruner::HealthPruner(CatalogThread &catalog, const Clock &clock, int retentionDays,
                           int batchSize, QObject *parent)
    : QObject(parent), m_catalog(catalog), m_clock(clock), m_retentionDays(retentionDays),
      m_batchSize(batchSize)
{}

void HealthPruner::prune(const QStringList &tenants)
{
    if (m_state == State::Pruning)
        return;
    m_state = State::Pruning;
    m_tenants = tenants;
    m_before = m_clock.now().addDays(-m_retentionDays);
    m_deleted = 0;
    STELLA_LOG_DEBUG(lcHealth).noquote()
        << "pruning health checks before" << m_before.toString(Qt::ISODate) << "of"
        << m_tenants.join(QLatin1String(", "));
    pruneTenant(0);
}

void HealthPruner::pruneTenant(int tenantIndex)
{
    if (tenantIndex >= m_tenants.size())
        return done();
    const QString tenant = m_tenants.at(tenantIndex);
    const RequestContext ctx{tenant, QStringLiteral("health-monitor")};
    onFinished(this,
               m_catalog.run([ctx, before = m_before, batch = m_batchSize](IntegrationCatalog &c) {
                   return c.pruneHealthHistory(ctx, before, batch);
               }),
               [this, tenant, tenantIndex](const Result<int> &deleted) {
                   if (!deleted) {
                       STELLA_LOG_WARNING(lcHealth).noquote()
                           << "pruning the health history of" << tenant
                           << "failed, tried again at the next prune:" << deleted.error().message;
                       return done();
                   }
                   m_deleted += *deleted;
                   // A full batch: there may be more, in a separate catalog call.
                   pruneTenant(*deleted == m_batchSize ? tenantIndex : tenantIndex + 1);
               });
}

void HealthPruner::done()
{
    m_state = State::Idle;
    if (m_deleted > 0)
        STELLA_LOG_INFO(lcHealth).noquote()
            << "pruned" << m_deleted << "health checks before" << m_before.toString(Qt::ISODate);
    Q_EMIT finished(m_deleted);
}

} // namespace stella
