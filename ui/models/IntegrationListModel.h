// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "model/Integration.h"

#include <QAbstractTableModel>
#include <QStringList>
#include <vector>

namespace stella {
class Clock;
}

namespace stella::ui {

// The integration list: a table model over a vector of rows that filters and sorts itself.
// Deliberately not a QSortFilterProxyModel: with a view attached, a proxy re-filter took ~4 s
// at 100,000 rows on the baseline machine (DESIGN §7), while computing the visible index vector
// here and resetting once takes a few ms. Each row keeps a lowercase haystack, computed once
// when the row is loaded, so a keystroke in the filter is one substring scan per row.
class IntegrationListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        TypeColumn,
        ProviderColumn,
        EndpointColumn,
        StatusColumn,
        LastCheckedColumn,
        ColumnCount
    };
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        StatusRole
    };

    explicit IntegrationListModel(const Clock &clock, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // Replaces every row (a list load); filter and sort order are kept.
    void setIntegrations(const QList<Integration> &integrations);
    // One integration added or changed (a change signal). Keeps the view's scroll position and
    // selection when the row stays where it was; moves it with one reset otherwise.
    void upsert(const Integration &integration);
    void remove(const QUuid &id);

    // Whitespace-separated words, each of which must occur (case-insensitively) in the name,
    // provider, type, endpoint or status.
    void setFilterText(const QString &text);
    QString filterText() const { return m_filterText; }

    int totalCount() const { return int(m_rows.size()); }
    const Integration *integrationAt(int row) const;
    int rowOf(const QUuid &id) const; // visible row, or -1
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    // "5 min ago" goes stale while the window is open; the owner calls this once a minute.
    void refreshRelativeTimes();

Q_SIGNALS:
    void countsChanged(int shown, int total);

private:
    struct Row
    {
        Integration integration;
        QString haystack; // lowercase: name, provider, type, endpoint, status
        QString nameKey;  // lowercase, for sorting without a locale compare per comparison
        QString endpointKey;
    };

    static Row makeRow(const Integration &integration);
    bool lessThan(int a, int b) const; // in the current sort order, ties broken by name and id
    bool matches(const Row &row) const;
    void rebuildOrder();   // sorts every row into m_sorted
    void rebuildVisible(); // filters m_sorted into m_visible
    int indexOf(const QUuid &id) const;

    const Clock &m_clock;
    std::vector<Row> m_rows;
    std::vector<int> m_sorted;  // indices into m_rows, all rows, in sort order
    std::vector<int> m_visible; // the subsequence of m_sorted that passes the filter
    QString m_filterText;
    QStringList m_tokens;
    int m_sortColumn = NameColumn;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};

} // namespace stella::ui
