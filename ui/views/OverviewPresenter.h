// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/models/OverviewCounts.h"

#include <QObject>

namespace stella::ui {

class IntegrationListModel;
class OverviewSidebar;
class SummaryStrip;

// Binds the sidebar and the summary strip to the list model: their selections together are
// the list's scope (a type or folder, and a category), and the model's counts flow back into
// both. A burst of monitor results (a sweep of hundreds) repaints the counts once, on the
// next turn of the event loop, not once per result.
class OverviewPresenter : public QObject
{
    Q_OBJECT

public:
    OverviewPresenter(IntegrationListModel &model, OverviewSidebar &sidebar, SummaryStrip &strip,
                      QObject *parent = nullptr);

    // Applies pending counts now (tests, the benchmark's paint).
    void flush();

private:
    void scheduleRefresh();
    void applyScope();

    IntegrationListModel &m_model;
    OverviewSidebar &m_sidebar;
    SummaryStrip &m_strip;
    bool m_refreshPending = false;
};

} // namespace stella::ui
