// SPDX-License-Identifier: Apache-2.0
#include "HealthCheckTableModel.h"

#include "core/common/Clock.h"
#include "ui/common/RelativeTime.h"
#include "ui/models/ColumnTable.h"
#include "ui/views/StatusIcon.h"

#include <QLocale>

namespace stella::ui {

namespace {
// The columns' titles and alignments (docs/architecture.md, "The console").
const ColumnTable
    kColumns("stella::ui::HealthCheckTableModel",
             {
                 {HealthCheckTableModel::TimeColumn,
                  QT_TRANSLATE_NOOP("stella::ui::HealthCheckTableModel", "Checked (local time)")},
                 {HealthCheckTableModel::StatusColumn,
                  QT_TRANSLATE_NOOP("stella::ui::HealthCheckTableModel", "Status")},
                 {HealthCheckTableModel::LatencyColumn,
                  QT_TRANSLATE_NOOP("stella::ui::HealthCheckTableModel", "Latency"),
                  Qt::AlignRight | Qt::AlignVCenter},
                 {HealthCheckTableModel::ErrorColumn,
                  QT_TRANSLATE_NOOP("stella::ui::HealthCheckTableModel", "Error")},
             });
} // namespace

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
            return check.checkedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        case StatusColumn:
            return toString(check.status);
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
        return int(kColumns.alignment(column));
    if (role == Qt::ToolTipRole) {
        if (column == TimeColumn)
            return QStringLiteral("%1 (%2)").arg(utcTooltip(check.checkedAt),
                                                 relativeTime(check.checkedAt, m_clock.now()));
        if (column == ErrorColumn && !check.errorMessage.isEmpty())
            return check.errorMessage;
    }
    return {};
}

QVariant HealthCheckTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    const QVariant header = kColumns.headerData(section, orientation, role);
    return header.isValid() ? header : QAbstractTableModel::headerData(section, orientation, role);
}

void HealthCheckTableModel::setChecks(const QList<HealthCheckRecord> &checks)
{
    beginResetModel();
    m_checks = checks;
    endResetModel();
}

} // namespace stella::ui
