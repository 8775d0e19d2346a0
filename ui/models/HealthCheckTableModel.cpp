// SPDX-License-Identifier: Apache-2.0
#include "HealthCheckTableModel.h"

#include "core/common/Clock.h"
#include "ui/common/RelativeTime.h"
#include "ui/common/StatusText.h"
#include "ui/models/ColumnTable.h"
#include "ui/views/StatusIcon.h"

#include <QLocale>

namespace stella::ui {

HealthCheckTableModel::HealthCheckTableModel(const Clock &clock, QObject *parent)
    : QAbstractTableModel(parent), m_clock(clock)
{}

int HealthCheckTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_checks.size());
}

int HealthCheckTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HealthCheckTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_checks.size() || index.column() >= ColumnCount)
        return {};
    const HealthCheckRecord &check = m_checks.at(index.row());
    switch (role) {
    case StatusRole:
        return int(check.status);
    case CheckedAtRole:
        return check.checkedAt;
    case LatencyRole:
        return check.latencyMs;
    default:
        break;
    }
    const int column = index.column();
    if (role == Qt::DisplayRole) {
        switch (column) {
        case TimeColumn:
            return localTimeText(check.checkedAt, true);
        case StatusColumn:
            return statusText(check.status);
        case LatencyColumn:
            return tr("%1 ms").arg(QLocale().toString(check.latencyMs));
        case ErrorColumn:
            // One line in the table; the tooltip has all of it.
            return check.errorMessage.section(QLatin1Char('\n'), 0, 0);
        default:
            return {};
        }
    }
    if (role == Qt::DecorationRole && column == StatusColumn)
        return StatusIcon::icon(check.status);
    if (role == Qt::TextAlignmentRole && column == LatencyColumn)
        return int(columns().alignment(column));
    if (role == Qt::ToolTipRole) {
        if (column == TimeColumn)
            return QStringLiteral("%1 (%2)").arg(utcTooltip(check.checkedAt),
                                                 relativeTime(check.checkedAt, m_clock.now()));
        if (column == ErrorColumn && !check.errorMessage.isEmpty())
            return check.errorMessage;
    }
    return {};
}

// The columns' titles and alignments (docs/architecture.md, "The console").
const ColumnTable &HealthCheckTableModel::columns()
{
    static const ColumnTable table(
        staticMetaObject,
        {{TimeColumn, QT_TR_NOOP("Checked (local time)")},
         {StatusColumn, QT_TR_NOOP("Status")},
         {LatencyColumn, QT_TR_NOOP("Latency"), Qt::AlignRight | Qt::AlignVCenter},
         {ErrorColumn, QT_TR_NOOP("Error")}});
    return table;
}

QVariant HealthCheckTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && section == TimeColumn && role == Qt::DisplayRole)
        return localTimeColumnTitle();
    const QVariant header = columns().headerData(section, orientation, role);
    return header.isValid() ? header : QAbstractTableModel::headerData(section, orientation, role);
}

void HealthCheckTableModel::setChecks(const QList<HealthCheckRecord> &checks)
{
    beginResetModel();
    m_checks = checks;
    endResetModel();
}

} // namespace stella::ui
