// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDateTime>
#include <QObject>
#include <QStringList>

namespace stella {

class CatalogThread;
class Clock;

// Deletes health history older than the retention (docs/architecture.md, "Health monitor"),
// tenant by tenant, in batches of `batchSize` rows, one catalog call per batch, so checks
// recorded meanwhile are never held up behind the pruning.
class HealthPruner : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        Idle,
        Pruning
    };

    HealthPruner(CatalogThread &catalog, const Clock &clock, int retentionDays, int batchSize,
                 QObject *parent = nullptr);

    // Prunes the tenants' history; finished follows. Asked again while pruning, the prune
    // under way is the answer (one finished).
    void prune(const QStringList &tenants);
    State state() const { return m_state; }

Q_SIGNALS:
    // How many rows were deleted. A tenant the catalog refused is tried again next time:
    // checks matter more than pruning.
    void finished(int deletedRows);

private:
    void pruneTenant(int tenantIndex);
    void done();

    CatalogThread &m_catalog;
    const Clock &m_clock;
    int m_retentionDays;
    int m_batchSize;
    State m_state = State::Idle;
    QStringList m_tenants;
    QDateTime m_before; // the cut-off of the prune under way
    int m_deleted = 0;
};

} // namespace stella
