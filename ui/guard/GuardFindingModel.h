// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "guard/Finding.h"

#include <QAbstractTableModel>
#include <QMap>

namespace stella::ui {

// The guard screen's findings, one row each: severity, rule, path:line, message, masked
// snippet. Rows stay in the order given (the final result's is the fixed order of
// docs/contracts.md §14.1); SortRole orders a column the way an operator expects (severity by
// rank, location by path then line number).
class GuardFindingModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        SeverityColumn,
        RuleColumn,
        LocationColumn,
        MessageColumn,
        SnippetColumn,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole + 1;
    static constexpr int FindingIdRole = Qt::UserRole + 2;

    explicit GuardFindingModel(QObject *parent = nullptr);

    void setFindings(const QList<guard::Finding> &findings);
    void appendFindings(const QList<guard::Finding> &findings);
    void clear() { setFindings({}); }
    const QList<guard::Finding> &findings() const { return m_findings; }
    const guard::Finding &findingAt(int row) const { return m_findings.at(row); }

    // "12 findings: 2 critical, 10 high · github-pat 2, generic-secret 10": what the counts
    // line under the table says.
    QString countsText() const;
    QMap<QString, int> countsByRule() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<guard::Finding> m_findings;
};

} // namespace stella::ui
