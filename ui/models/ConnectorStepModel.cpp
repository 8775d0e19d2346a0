// SPDX-License-Identifier: Apache-2.0
#include "ConnectorStepModel.h"

#include "ui/models/ColumnTable.h"
#include "ui/views/StatusIcon.h"

#include <QLocale>

namespace stella::ui {

ConnectorStepModel::ConnectorStepModel(QObject *parent) : QAbstractTableModel(parent) {}

int ConnectorStepModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_steps.size());
}

int ConnectorStepModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConnectorStepModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_steps.size()))
        return {};
    const ConnectorStep &step = m_steps[size_t(index.row())];
    const bool running = step.state == ConnectorStep::State::Running;
    if (role == StateRole)
        return int(step.state);
    switch (index.column()) {
    case StepColumn:
        if (role == Qt::DisplayRole)
            return step.title;
        if (role == Qt::DecorationRole)
            return StatusIcon::icon(step.state);
        if (role == Qt::ToolTipRole)
            return QStringLiteral("%1: %2").arg(step.title, toString(step.state));
        break;
    case MessageColumn:
        if (role == Qt::DisplayRole)
            return running ? tr("in progress…") : step.message;
        if (role == Qt::ToolTipRole)
            return step.message;
        break;
    case DurationColumn:
        if (role == Qt::DisplayRole) {
            const qint64 ms = running ? m_runningSince.elapsed() : step.durationMs;
            return tr("%1 ms").arg(QLocale().toString(ms));
        }
        if (role == Qt::TextAlignmentRole)
            return QVariant::fromValue(columns().alignment(DurationColumn));
        break;
    default:
        break;
    }
    return {};
}

// The columns' titles and alignments (docs/architecture.md, "The console").
const ColumnTable &ConnectorStepModel::columns()
{
    static const ColumnTable table(staticMetaObject, {{StepColumn, QT_TR_NOOP("Step")},
                                                      {MessageColumn, QT_TR_NOOP("Result")},
                                                      {DurationColumn, QT_TR_NOOP("Time"),
                                                       Qt::AlignRight | Qt::AlignVCenter}});
    return table;
}

QVariant ConnectorStepModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    const QVariant header = columns().headerData(section, orientation, role);
    return header.isValid() ? header : QAbstractTableModel::headerData(section, orientation, role);
}

void ConnectorStepModel::clear()
{
    beginResetModel();
    m_steps.clear();
    endResetModel();
}

void ConnectorStepModel::applyStep(const ConnectorStep &step)
{
    // An operation has at most one running step, always the last: an ending step is the last
    // row when it is still running under the same id.
    if (!m_steps.empty() && m_steps.back().id == step.id &&
        m_steps.back().state == ConnectorStep::State::Running) {
        m_steps.back() = step;
        const int row = int(m_steps.size()) - 1;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    const int row = int(m_steps.size());
    beginInsertRows({}, row, row);
    m_steps.push_back(step);
    endInsertRows();
    if (step.state == ConnectorStep::State::Running)
        m_runningSince.start();
}

void ConnectorStepModel::tick()
{
    if (m_steps.empty() || m_steps.back().state != ConnectorStep::State::Running)
        return;
    const int row = int(m_steps.size()) - 1;
    Q_EMIT dataChanged(index(row, DurationColumn), index(row, DurationColumn), {Qt::DisplayRole});
}

QString ConnectorStepModel::stepLine(const ConnectorStep &step)
{
    QString line = QStringLiteral("[%1] %2").arg(toString(step.state).leftJustified(7), step.title);
    if (!step.message.isEmpty())
        line += QStringLiteral(" — ") + step.message;
    if (step.state != ConnectorStep::State::Running)
        line += tr(" (%L1 ms)").arg(step.durationMs);
    return line;
}

} // namespace stella::ui
