// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/connectors/ConnectorOperation.h"

#include <QAbstractTableModel>
#include <QStringList>
#include <vector>

namespace stella::ui {

class ColumnTable;

// Discovery results as they stream in: a table model over a vector, appended page by page with
// beginInsertRows at the end, so the view keeps its scroll position and never re-measures
// what it already shows. Filtering happens in the model (a vector of visible indices swapped
// in with one reset), not in a QSortFilterProxyModel, for the reason measured in docs/contracts.md
// §18: a proxy re-filter with a view attached is two orders of magnitude slower at 100,000 rows.
class DiscoveredResourceModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        TypeColumn,
        DetailsColumn,
        ColumnCount
    };

    explicit DiscoveredResourceModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void clear();
    void appendPage(const QList<DiscoveredResource> &page);
    // Whitespace-separated words, each of which must occur (case-insensitively) in the name or
    // the details.
    void setFilterText(const QString &text);
    QString filterText() const { return m_filterText; }

    int totalCount() const { return int(m_rows.size()); }
    const DiscoveredResource *resourceAt(int row) const; // visible row

Q_SIGNALS:
    void countsChanged(int shown, int total);

private:
    // The columns' titles and alignments, as data.
    static const ColumnTable &columns();
    struct Row
    {
        DiscoveredResource resource;
        QString details;  // attributes as "key: value, …", computed once
        QString haystack; // lowercase name + details, computed once
    };

    bool matches(const Row &row) const;

    std::vector<Row> m_rows;
    std::vector<int> m_visible; // indices into m_rows that pass the filter, in arrival order
    QString m_filterText;
    QStringList m_tokens;
};

} // namespace stella::ui
