// SPDX-License-Identifier: Apache-2.0
#include "ListFreshness.h"

#include "core/catalog/CatalogThread.h"
#include "core/common/FutureCallback.h"
#include "ui/models/IntegrationListModel.h"

namespace stella::ui {

ListFreshness::ListFreshness(CatalogThread &catalog, IntegrationListModel &model, QObject *parent)
    : QObject(parent), m_catalog(catalog), m_model(model)
{
    // The relative times tick whether or not a catalog is open ("never" stays "never").
    m_relative.setInterval(kRelativeEveryMs);
    connect(&m_relative, &QTimer::timeout, this, &ListFreshness::refreshRelativeTimes);
    m_relative.start();
    m_reread.setInterval(kRereadEveryMs);
    connect(&m_reread, &QTimer::timeout, this, &ListFreshness::rereadNow);
}

void ListFreshness::start(const RequestContext &ctx)
{
    m_ctx = ctx;
    ++m_generation;
    m_inFlight = false;
    m_reread.start();
}

void ListFreshness::stop()
{
    ++m_generation;
    m_inFlight = false;
    m_reread.stop();
}

void ListFreshness::refreshRelativeTimes()
{
    m_model.refreshRelativeTimes();
}

void ListFreshness::rereadNow()
{
    if (m_inFlight)
        return; // a slow catalog (a large PostgreSQL one) must not pile up re-reads
    m_inFlight = true;
    const quint64 generation = m_generation;
    const RequestContext ctx = m_ctx;
    onFinished(this, m_catalog.run([ctx](IntegrationCatalog &c) { return c.list(ctx); }),
               [this, generation](const Result<QList<Integration>> &result) {
                   if (generation != m_generation)
                       return;
                   m_inFlight = false;
                   // A failed re-read changes nothing: the monitor's status line reports an
                   // unreachable catalog, and the next tick tries again.
                   const int changed = result ? m_model.patchHealth(*result) : 0;
                   if (result)
                       Q_EMIT reread(changed);
               });
}

} // namespace stella::ui
