// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/health/HealthPolicy.h"
#include "core/model/Integration.h"
#include "ui/models/OverviewCounts.h"

#include <QAbstractTableModel>
#include <QByteArray>
#include <QHash>
#include <QIcon>
#include <QStringList>
#include <QTimer>
#include <functional>
#include <vector>

namespace stella {
class Clock;
}

namespace stella::ui {

class ColumnTable;

// The integration list: a table model over a vector of rows that filters and sorts itself.
// Deliberately not a QSortFilterProxyModel: with a view attached, a proxy re-filter took ~4 s
// at 100,000 rows on the baseline machine (docs/contracts.md §18), while computing the visible
// index vector here and applying it as one layout change takes a few ms. Each row keeps a
// lowercase haystack, built once (after the load, see isFilterPrepared), so a keystroke in the
// filter is one substring scan per row.
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
        TierColumn, // a coloured badge and the tier's name (docs/contracts.md §25)
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

    // The interval "stale" is measured against when an integration sets none of its own: the
    // health monitor's default (healthpolicy::isStale).
    void setDefaultIntervalMs(qint64 intervalMs);
    qint64 defaultIntervalMs() const { return m_defaultIntervalMs; }
    // Whether the status shown for this integration is stale at the clock's now.
    bool isStale(const Integration &integration) const;

    // "5 min ago" and "stale" change with time alone, while the window is open; the owner calls
    // this every so often. One dataChanged over the status and last-checked columns: the view
    // repaints what it shows and asks nothing of the rows it does not, so it costs the same
    // at 100,000 rows as at ten.
    void refreshRelativeTimes();
    // Statuses read again from the catalog (another process, e.g. a team's monitor, may have
    // written them): rows whose status or last check differ are patched in place, without a
    // reset (unless a filter on the status gains or loses rows). Ids the model does not hold
    // are ignored (a reload adds them). Returns how many rows changed.
    int patchHealth(const QList<Integration> &current);
    // Whether this build can contact an integration's provider (ConnectorLauncher::canConnect);
    // one it cannot (a plugin removed, a connector not written yet) shows "no connector — not
    // checked" instead of a status, never Unhealthy. Unset: every provider can.
    void setConnectorAvailable(std::function<bool(const Integration &)> available);

    // The overview's selection (a type, a folder, a summary category), on top of the text
    // filter. Counts by type, folder and category over every row, whatever is shown.
    void setScope(const OverviewScope &scope);
    const OverviewScope &scope() const { return m_scope; }
    const OverviewCounts &overviewCounts() const { return m_overview; }
    // Every row, shown or not, in load order (the problems panel reads them all).
    template <typename F> void forEachIntegration(F &&f) const
    {
        for (const Row &row : m_rows)
            f(row.integration);
    }
    // The categories an integration is counted in now (OverviewCounts).
    CategoryMask categoriesOf(const Integration &integration) const;
    // Whether every row's filter text is built. A load builds them after it returns, a slice
    // at a time on the event loop, so 100,000 rows are painted sooner; a filter typed before
    // they are all built builds the rest first.
    bool isFilterPrepared() const { return m_haystacksBuilt >= m_rows.size(); }

Q_SIGNALS:
    void countsChanged(int shown, int total);
    // The overview counts changed (a load, an edit, a monitor result, time making a row stale).
    void overviewCountsChanged();

private:
    // The columns' titles and alignments, as data.
    static const ColumnTable &columns();
    static QIcon tierBadge(EnvironmentTier tier);
    struct Row
    {
        Integration integration;
        // Lowercase UTF-8: name, provider, type, endpoint, status. Bytes, so a filter word is
        // found with memmem: the per-row QString search was most of a keystroke at 100,000.
        QByteArray haystack;
        QString nameKey; // lowercase, for sorting without a locale compare per comparison
        QString endpointKey;
        CategoryMask categories = 0; // as counted in m_overview
    };

    static Row makeRow(const Integration &integration);
    static QByteArray haystackOf(const Row &row);
    // Builds the missing haystacks of rows [m_haystacksBuilt, upTo).
    void buildHaystacks(size_t upTo);
    void buildHaystackSlice();
    // makeRow, with the row's categories; the caller counts it.
    Row makeCountedRow(const Integration &integration) const;
    bool lessThan(int a, int b) const; // in the current sort order, ties broken by name and id
    bool matches(const Row &row) const;
    bool matchesTokens(const Row &row) const;
    QString statusToolTip(const Integration &integration, bool stale) const;
    // Sorts and filters again keeping the view's selection on its integrations (no reset).
    void relayout();
    void rebuildOrder();   // sorts every row into m_sorted
    void rebuildVisible(); // filters m_sorted into m_visible
    // The rows of `from` (indices into m_rows) that pass the scope and the filter, in order.
    std::vector<int> passing(const std::vector<int> &from) const;
    // Shows `rows` instead of m_visible as one layout change that keeps the view's selection
    // and current row on their integrations; nothing at all when the rows shown stay the same.
    // A reset made the view forget both, and the window then chose, scrolled to and showed a
    // row again on every scope switch and keystroke.
    void showRows(std::vector<int> rows);
    // Runs `rebuild` (which changes m_sorted and/or m_visible) inside a layout change, moving
    // the persistent indexes (the selection, the current row) with their integrations.
    void changeLayout(const std::function<void()> &rebuild,
                      QAbstractItemModel::LayoutChangeHint hint);
    int indexOf(const QUuid &id) const;
    // Lookups for the per-check path (a health check updates one row): rebuilt lazily after a
    // structural change, so a sweep of 100,000 checks does not scan 100,000 rows per check.
    // Three levels, each invalidating the ones it feeds: a filter keystroke or a scope switch
    // changes only which rows are visible, and must not rehash 100,000 ids to find the
    // selection again.
    void invalidateLookups()
    {
        m_idLookupValid = false;
        invalidateOrderLookups();
    }
    void invalidateOrderLookups()
    {
        m_sortedLookupValid = false;
        invalidateVisibleLookup();
    }
    void invalidateVisibleLookup() { m_visibleLookupValid = false; }
    void ensureIdLookup() const;
    void ensureSortedLookup() const;
    void ensureVisibleLookup() const;
    int visibleRowOfIndex(int index) const;
    int sortedPosOfIndex(int index) const;

    // What the overview's scope tests, per row (by index into m_rows), packed: a scope switch
    // scans these 8 bytes a row instead of each row's Integration, which at 100,000 rows was a
    // cache miss or two per row.
    struct ScopeKey
    {
        int folder = 0; // into m_folderPaths
        quint8 type = 0;
        CategoryMask categories = 0;
    };
    void keyRow(size_t index); // m_scopeKeys[index] from m_rows[index]
    bool inScope(size_t index, const std::vector<char> &folders) const;
    std::vector<char> foldersInScope() const; // by folder id: whether m_scope's folder holds it

    const Clock &m_clock;
    std::vector<Row> m_rows;
    std::vector<ScopeKey> m_scopeKeys;
    QHash<QString, int> m_folderIds; // every folder path seen, interned
    QStringList m_folderPaths;
    std::vector<int> m_sorted;  // indices into m_rows, all rows, in sort order
    std::vector<int> m_visible; // the subsequence of m_sorted that passes the filter
    mutable bool m_idLookupValid = false;
    mutable bool m_sortedLookupValid = false;
    mutable bool m_visibleLookupValid = false;
    mutable QHash<QUuid, int> m_indexById;   // id -> index into m_rows
    mutable std::vector<int> m_sortedPos;    // index -> position in m_sorted
    mutable std::vector<int> m_visibleRowOf; // index -> row in m_visible, or -1
    QString m_filterText;
    QStringList m_tokens;
    std::vector<QByteArray> m_tokenBytes; // m_tokens in UTF-8, what the haystacks are searched for
    size_t m_haystacksBuilt = 0;          // rows before it have their haystack (later ones may too)
    QTimer *m_haystackTimer = nullptr;
    int m_sortColumn = NameColumn;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    qint64 m_defaultIntervalMs = MonitorSettings::kDefaultIntervalMs;
    std::function<bool(const Integration &)> m_connectorAvailable;
    OverviewScope m_scope;
    OverviewCounts m_overview;
};

} // namespace stella::ui
