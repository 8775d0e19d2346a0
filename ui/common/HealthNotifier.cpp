// SPDX-License-Identifier: Apache-2.0
#include "HealthNotifier.h"

#include "core/catalog/CatalogThread.h"
#include "core/common/FutureCallback.h"

namespace stella::ui {

namespace {
// What the notification needs that the signal does not carry.
struct Subject
{
    QString name;
    QString error; // the newest check's message
};
} // namespace

HealthNotifier::HealthNotifier(CatalogThread &catalog, QObject *parent)
    : QObject(parent), m_catalog(catalog)
{
    connect(&m_catalog, &CatalogThread::healthChanged, this, &HealthNotifier::transition);
}

void HealthNotifier::setTenant(const QString &tenantId)
{
    if (tenantId == m_tenant)
        return;
    m_tenant = tenantId;
    ++m_generation;
}

bool HealthNotifier::isNotable(HealthStatus previous, HealthStatus current)
{
    if (previous == current)
        return false;
    if (current == HealthStatus::Unhealthy)
        return true;
    return previous == HealthStatus::Unhealthy &&
           (current == HealthStatus::Healthy || current == HealthStatus::Degraded);
}

QString HealthNotifier::message(const QString &name, HealthStatus previous, HealthStatus current,
                                const QString &error)
{
    if (current == HealthStatus::Unhealthy)
        return error.isEmpty() ? tr("%1 is unhealthy").arg(name)
                               : tr("%1 is unhealthy: %2").arg(name, error);
    if (previous == HealthStatus::Unhealthy && current == HealthStatus::Degraded)
        return tr("%1 recovered (degraded)").arg(name);
    return tr("%1 recovered").arg(name);
}

void HealthNotifier::transition(const QString &tenantId, const QUuid &id, HealthStatus previous,
                                HealthStatus current)
{
    if (tenantId != m_tenant || !isNotable(previous, current))
        return;
    const RequestContext ctx{tenantId, QStringLiteral("console")};
    const quint64 generation = m_generation;
    onFinished(this, m_catalog.run([ctx, id](IntegrationCatalog &c) -> Result<Subject> {
        auto integration = c.get(ctx, id);
        if (!integration)
            return integration.error();
        auto newest = c.healthHistory(ctx, id, 1);
        Subject subject{integration->name, QString()};
        if (newest && !newest->isEmpty())
            subject.error = newest->first().errorMessage;
        return subject;
    }),
               [this, generation, id, previous, current](const Result<Subject> &subject) {
                   if (generation != m_generation)
                       return;
                   // Removed meanwhile, or the catalog went away: still worth saying, by id.
                   const QString name = subject ? subject->name : id.toString(QUuid::WithoutBraces);
                   const QString error = subject ? subject->error : QString();
                   const QString title = current == HealthStatus::Unhealthy
                                             ? tr("Integration unhealthy")
                                             : tr("Integration recovered");
                   Q_EMIT notify(id, current, title, message(name, previous, current, error));
               });
}

} // namespace stella::ui
