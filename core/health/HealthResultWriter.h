// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"
#include "core/model/Integration.h"

#include <QList>
#include <QObject>
#include <QTimer>
#include <optional>

namespace stella {

class CatalogThread;

// Writes the monitor's results to the catalog (docs/architecture.md, "Health monitor"): in
// order, in batches of one tenant, one transaction per batch, through CatalogThread, so the
// catalog thread is asked once for many checks and an older status never lands after a newer
// one. While the catalog refuses (the server went away) results are kept, in order, and the
// first batch is written again every `retryMs` until it is accepted: nothing the monitor
// measured is lost. It also tells when the catalog stopped answering and when it took
// everything kept, once per outage, whoever noticed first (the monitor reports its own failed
// reads and lease claims here too).
//
// Lives on the caller's thread and never waits: the catalog answers through futures.
class HealthResultWriter : public QObject
{
    Q_OBJECT

public:
    // Whether results reach the catalog.
    enum class CatalogState
    {
        Available,   // results are written as they come
        Unavailable, // results are kept; only the retry timer writes
        Restoring,   // the catalog answers again; kept results are being written
    };

    static constexpr int kBatch = 100;

    HealthResultWriter(CatalogThread &catalog, qint64 retryMs, QObject *parent = nullptr);

    // Queues a result behind every result kept before it, and writes when it can.
    void append(const QString &tenantId, const HealthCheckRecord &record);
    // The results kept now are still written but not announced (HealthMonitor::stop(): the
    // monitor was told to stop looking; results appended later are announced again).
    void silenceKept();

    // Another catalog call failed or succeeded: the catalog is away, or back.
    void noteCatalogUnavailable(const Error &error);
    void noteCatalogAvailable();

    CatalogState catalogState() const { return m_state; }
    // Results not yet in the catalog, the batch being written included.
    int pending() const { return int(m_kept.size()); }
    // Nothing more will happen without new results or the retry timer: no batch in flight,
    // and nothing kept that the catalog would take now.
    bool isSettled() const
    {
        return m_writing == 0 && (m_kept.isEmpty() || m_state == CatalogState::Unavailable);
    }

Q_SIGNALS:
    // Per result the catalog took (announced ones only), in order.
    void recorded(const QString &tenantId, const stella::HealthCheckRecord &record);
    // The result changed the integration's status; follows its `recorded`.
    void statusChanged(const QString &tenantId, const stella::HealthCheckRecord &record,
                       stella::HealthStatus previous);
    // The integration was removed while it was being checked: its result was dropped.
    void integrationGone(const QUuid &id);
    // A batch was answered, written or refused (the monitor may have finished its sweep).
    void batchAnswered();
    void catalogUnavailable(const stella::Error &error);
    // The catalog took every result kept during the outage.
    void catalogRestored();

private:
    struct Kept
    {
        QString tenantId;
        HealthCheckRecord record;
        bool announce = true;
    };

    void writeNext(bool retrying = false);
    void written(int count, const Result<QList<std::optional<HealthStatus>>> &previous);
    void announceRestoredIfDone();
    void armRetry();

    CatalogThread &m_catalog;
    qint64 m_retryMs;
    QList<Kept> m_kept; // in order; the first m_writing are being written
    int m_writing = 0;
    CatalogState m_state = CatalogState::Available;
    QTimer m_retryTimer;
};

} // namespace stella
