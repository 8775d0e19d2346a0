// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/Integration.h"

#include <QObject>

namespace stella {
class CatalogThread;
}

namespace stella::ui {

// Turns status transitions into operator notifications: a transition to Unhealthy is
// "<name> is unhealthy: <error>", one from Unhealthy to Healthy or Degraded is
// "<name> recovered". Other transitions (Healthy → Degraded, anything → Unknown) are not worth
// an interruption; the list shows them.
//
// It listens to CatalogThread::healthChanged, which the catalog emits once per transition it
// records, whoever recorded it in this process (the monitor, Check now), so each transition is
// announced exactly once. Only the current tenant's: another tenant's integrations are not on
// the operator's screen. The name and the error are read through the catalog thread (the
// signal carries ids); an answer that arrives after a tenant switch is dropped.
//
// How a notification is shown (tray balloon or status bar) is the window's business: this
// class only emits `notify`.
class HealthNotifier : public QObject
{
    Q_OBJECT

public:
    explicit HealthNotifier(CatalogThread &catalog, QObject *parent = nullptr);

    void setTenant(const QString &tenantId);
    QString tenant() const { return m_tenant; }

    // Whether a transition deserves a notification, and its text for an integration.
    static bool isNotable(HealthStatus previous, HealthStatus current);
    static QString message(const QString &name, HealthStatus previous, HealthStatus current,
                           const QString &error);

Q_SIGNALS:
    void notify(const QUuid &id, stella::HealthStatus current, const QString &title,
                const QString &message);

private:
    void transition(const QString &tenantId, const QUuid &id, HealthStatus previous,
                    HealthStatus current);

    CatalogThread &m_catalog;
    QString m_tenant = QStringLiteral("default");
    quint64 m_generation = 0; // bumped by a tenant switch
};

} // namespace stella::ui
