// SPDX-License-Identifier: Apache-2.0
#include "HealthCheckRunner.h"

#include "core/catalog/CatalogThread.h"
#include "core/common/Clock.h"
#include "core/common/FutureCallback.h"
#include "core/health/HealthCheckResult.h"

namespace stella::ui {

HealthCheckRunner::HealthCheckRunner(CatalogThread &catalog, const ConnectorLauncher &launcher,
                                     QObject *parent)
    : QObject(parent), m_catalog(catalog), m_launcher(launcher)
{}

HealthCheckRunner::~HealthCheckRunner() = default;

bool HealthCheckRunner::check(const Integration &integration, const RequestContext &ctx)
{
    if (isChecking(integration.id))
        return false;
    auto connector = m_launcher.connectorFor(integration);
    if (!connector) {
        Q_EMIT checkFailed(integration, connector.error());
        return true;
    }
    auto run = std::make_unique<ConnectorRun>(
        std::move(connector).value(),
        [](Connector &c, QObject *parent) { return c.checkHealth(parent); });
    ConnectorOperation *op = run->operation();
    connect(op, &ConnectorOperation::finished, this,
            [this, integration, ctx] { finished(integration, ctx); });
    m_running.emplace(integration.id, std::move(run));
    // A connector may refuse at once (a bad endpoint) before we listened; answer on the next
    // turn of the event loop, like every other outcome.
    if (op->isFinished())
        QMetaObject::invokeMethod(
            this, [this, integration, ctx] { finished(integration, ctx); }, Qt::QueuedConnection);
    return true;
}

void HealthCheckRunner::finished(const Integration &integration, const RequestContext &ctx)
{
    auto it = m_running.find(integration.id);
    if (it == m_running.end())
        return;
    // We are inside the operation's finished signal: it must not be deleted under its feet.
    ConnectorRun *run = it->second.release();
    m_running.erase(it);
    run->deleteLater();
    const HealthCheckRecord record =
        healthCheckRecordFor(integration.id, m_launcher.clock().now(), *run->operation());
    onFinished(this, m_catalog.run([ctx, record](IntegrationCatalog &c) {
        return c.recordHealthCheck(ctx, record);
    }),
               [this, integration, record](const Result<HealthStatus> &r) {
                   if (r)
                       Q_EMIT checkRecorded(integration, record);
                   else
                       Q_EMIT checkFailed(integration, r.error());
               });
}

} // namespace stella::ui
