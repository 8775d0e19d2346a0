// SPDX-License-Identifier: Apache-2.0
#include "GuardFindingModel.h"

#include <QBrush>
#include <QColor>
#include <array>

namespace stella::ui {

using guard::Finding;
using guard::Severity;

namespace {
QColor severityColour(Severity s)
{
    switch (s) {
    case Severity::Critical:
        return QColor(0xb0, 0x00, 0x20);
    case Severity::High:
        return QColor(0xd0, 0x40, 0x00);
    case Severity::Medium:
        return QColor(0x9a, 0x6a, 0x00);
    case Severity::Low:
    case Severity::Info:
        break;
    }
    return {};
}
} // namespace

GuardFindingModel::GuardFindingModel(QObject *parent) : QAbstractTableModel(parent) {}

void GuardFindingModel::setFindings(const QList<Finding> &findings)
{
    beginResetModel();
    m_findings = findings;
    endResetModel();
}

void GuardFindingModel::appendFindings(const QList<Finding> &findings)
{
    if (findings.isEmpty())
        return;
    beginInsertRows({}, int(m_findings.size()), int(m_findings.size() + findings.size() - 1));
    m_findings += findings;
    endInsertRows();
}

QMap<QString, int> GuardFindingModel::countsByRule() const
{
    QMap<QString, int> counts;
    for (const Finding &f : m_findings)
        ++counts[f.ruleId];
    return counts;
}

QString GuardFindingModel::countsText() const
{
    if (m_findings.isEmpty())
        return tr("No findings");
    std::array<int, 5> bySeverity{};
    for (const Finding &f : m_findings)
        ++bySeverity[size_t(f.severity)];
    QStringList severities;
    for (int s = int(Severity::Critical); s >= int(Severity::Info); --s) {
        if (bySeverity[size_t(s)] > 0)
            severities.append(
                tr("%1 %2").arg(bySeverity[size_t(s)]).arg(guard::severityName(Severity(s))));
    }
    QStringList rules;
    const QMap<QString, int> byRule = countsByRule();
    for (auto it = byRule.begin(); it != byRule.end(); ++it)
        rules.append(tr("%1 %2").arg(it.key()).arg(it.value()));
    return tr("%n finding(s): %1 · %2", nullptr, int(m_findings.size()))
        .arg(severities.join(QStringLiteral(", ")), rules.join(QStringLiteral(", ")));
}

int GuardFindingModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_findings.size());
}

int GuardFindingModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant GuardFindingModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_findings.size())
        return {};
    const Finding &f = m_findings.at(index.row());
    if (role == FindingIdRole)
        return f.id;
    if (role == SortRole) {
        switch (index.column()) {
        case SeverityColumn:
            return int(f.severity);
        case LocationColumn:
            return QStringLiteral("%1\n%2").arg(f.path).arg(f.line, 10, 10, QLatin1Char('0'));
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::ForegroundRole && index.column() == SeverityColumn) {
        const QColor c = severityColour(f.severity);
        return c.isValid() ? QVariant(QBrush(c)) : QVariant();
    }
    if (role == Qt::ToolTipRole && index.column() == LocationColumn)
        return tr("%1, line %2, column %3").arg(f.path).arg(f.line).arg(f.column);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case SeverityColumn:
        return guard::severityName(f.severity);
    case RuleColumn:
        return f.ruleId;
    case LocationColumn:
        return QStringLiteral("%1:%2").arg(f.path).arg(f.line);
    case MessageColumn:
        return f.message;
    case SnippetColumn:
        return f.snippet; // masked by the scanner: the complete secret never reaches the model
    default:
        return {};
    }
}

QVariant GuardFindingModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeverityColumn:
        return tr("Severity");
    case RuleColumn:
        return tr("Rule");
    case LocationColumn:
        return tr("Location");
    case MessageColumn:
        return tr("Message");
    case SnippetColumn:
        return tr("Snippet");
    default:
        return {};
    }
}

} // namespace stella::ui
