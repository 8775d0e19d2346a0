// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/Integration.h"

#include <QObject>
#include <QTimer>

namespace stella {
class CatalogThread;
}

namespace stella::ui {

class IntegrationListModel;

// Keeps the list's health columns honest while the window stays open, without resetting it:
//  - every 30 s, relative times and "stale" are recomputed (IntegrationListModel::
//    refreshRelativeTimes: one dataChanged over two columns; time alone changes them);
//  - every 60 s, the tenant's statuses are read again through the catalog thread and changed
//    rows patched (IntegrationListModel::patchHealth): another process, such as a team's
//    `stella-integrations monitor` on PostgreSQL, writes statuses this console gets no signal
//    for. Checks recorded in this process arrive at once through CatalogThread::healthRecorded.
// One re-read at a time; an answer for a tenant no longer shown is dropped.
class ListFreshness : public QObject
{
    Q_OBJECT

public:
    static constexpr int kRelativeEveryMs = 30'000;
    static constexpr int kRereadEveryMs = 60'000;

    ListFreshness(CatalogThread &catalog, IntegrationListModel &model, QObject *parent = nullptr);

    // Start (a catalog is open, for this tenant) or stop.
    void start(const RequestContext &ctx);
    void stop();
    bool isActive() const { return m_reread.isActive(); }

public Q_SLOTS:
    void refreshRelativeTimes();
    void rereadNow();

Q_SIGNALS:
    // A re-read was applied; `changed` rows were patched.
    void reread(int changed);

private:
    CatalogThread &m_catalog;
    IntegrationListModel &m_model;
    RequestContext m_ctx;
    QTimer m_relative;
    QTimer m_reread;
    quint64 m_generation = 0;
    bool m_inFlight = false;
};

} // namespace stella::ui
