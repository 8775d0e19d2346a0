// SPDX-License-Identifier: Apache-2.0
#include "OverviewPresenter.h"

#include "ui/models/IntegrationListModel.h"
#include "ui/views/OverviewSidebar.h"
#include "ui/views/SummaryStrip.h"

#include <QTimer>

namespace stella::ui {

OverviewPresenter::OverviewPresenter(IntegrationListModel &model, OverviewSidebar &sidebar,
                                     SummaryStrip &strip, QObject *parent)
    : QObject(parent), m_model(model), m_sidebar(sidebar), m_strip(strip)
{
    connect(&m_model, &IntegrationListModel::overviewCountsChanged, this,
            &OverviewPresenter::scheduleRefresh);
    connect(&m_sidebar, &OverviewSidebar::scopeSelected, this, &OverviewPresenter::applyScope);
    connect(&m_strip, &SummaryStrip::categorySelected, this, &OverviewPresenter::applyScope);
    flush();
}

void OverviewPresenter::scheduleRefresh()
{
    if (m_refreshPending)
        return;
    m_refreshPending = true;
    QTimer::singleShot(0, this, &OverviewPresenter::flush);
}

void OverviewPresenter::flush()
{
    m_refreshPending = false;
    const OverviewCounts &counts = m_model.overviewCounts();
    m_sidebar.refresh(counts);
    m_strip.setCounts(counts.all());
}

void OverviewPresenter::applyScope()
{
    OverviewScope scope = m_sidebar.currentScope();
    scope.category = m_strip.selected();
    m_model.setScope(scope);
}

} // namespace stella::ui
