// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/connectors/ConnectorOperation.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <vector>

namespace stella::ui {

class ColumnTable;

// A connector operation's checklist as it happens: one row per step, in the order the
// connector began them. A step arrives twice (begun, then ended with its verdict); the second
// arrival updates the row in place so the view does not jump. The running step's duration
// counts up (the owner calls tick()), so a slow server is visibly being waited on.
class ConnectorStepModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        StepColumn, // state icon + title
        MessageColumn,
        DurationColumn,
        ColumnCount
    };
    enum Role
    {
        StateRole = Qt::UserRole + 1, // ConnectorStep::State as int
    };

    explicit ConnectorStepModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void clear();
    void applyStep(const ConnectorStep &step);
    // Repaints the running step's duration.
    void tick();
    const std::vector<ConnectorStep> &steps() const { return m_steps; }

    // "[passed ] Resolve credential — message (12 ms)": one line per step, for the report.
    static QString stepLine(const ConnectorStep &step);

private:
    // The columns' titles and alignments, as data.
    static const ColumnTable &columns();
    std::vector<ConnectorStep> m_steps;
    QElapsedTimer m_runningSince; // started when the last step began
};

} // namespace stella::ui
