// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/connectors/ConnectorLauncher.h"
#include "core/model/Integration.h"

#include <QObject>
#include <map>
#include <memory>

namespace stella {
class CatalogThread;
}

namespace stella::ui {

// "Check now": runs the connector's health check for one integration and records the verdict
// (status, latency, error) in the catalog through CatalogThread, exactly as the CLI's `check`
// and the health monitor do. The list learns of it through CatalogThread::healthRecorded like
// any other check, so there is one path for every status change. Several integrations may be
// checked at once; a second request for one already being checked is ignored.
class HealthCheckRunner : public QObject
{
    Q_OBJECT

public:
    HealthCheckRunner(CatalogThread &catalog, const ConnectorLauncher &launcher,
                      QObject *parent = nullptr);
    ~HealthCheckRunner() override;

    // False when a check of this integration is already running.
    bool check(const Integration &integration, const RequestContext &ctx);
    bool isChecking(const QUuid &id) const { return m_running.count(id) > 0; }

Q_SIGNALS:
    void checkRecorded(const stella::Integration &integration,
                       const stella::HealthCheckRecord &record);
    // The check could not run (no connector) or its result could not be recorded.
    void checkFailed(const stella::Integration &integration, const stella::Error &error);

private:
    void finished(const Integration &integration, const RequestContext &ctx);

    CatalogThread &m_catalog;
    ConnectorLauncher m_launcher;
    std::map<QUuid, std::unique_ptr<ConnectorRun>> m_running;
};

} // namespace stella::ui
