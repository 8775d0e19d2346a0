// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/Integration.h"

#include <QAbstractTableModel>
#include <QList>

namespace stella {
class Clock;
}

namespace stella::ui {

class ColumnTable;

// The Health tab's table of checks: one row per recorded check, in the order given (the catalog
// answers newest first). Read-only; replaced as a whole when the tab reloads (a few hundred rows,
// so one reset is cheaper than diffing). Times are shown in local time, like the chart's axis
// and the range editors above it; the tooltip gives the UTC time the catalog stores and how long
// ago it was.
class HealthCheckTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        TimeColumn,
        StatusColumn,
        LatencyColumn,
        ErrorColumn,
        ColumnCount
    };
    enum Role
    {
        StatusRole = Qt::UserRole + 1, // int(HealthStatus)
        CheckedAtRole,                 // QDateTime, UTC
        LatencyRole                    // qint64 ms
    };

    explicit HealthCheckTableModel(const Clock &clock, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void setChecks(const QList<HealthCheckRecord> &checks);
    void clear() { setChecks({}); }
    const QList<HealthCheckRecord> &checks() const { return m_checks; }

private:
    // The columns' titles and alignments, as data.
    static const ColumnTable &columns();
    const Clock &m_clock;
    QList<HealthCheckRecord> m_checks;
};

} // namespace stella::ui
