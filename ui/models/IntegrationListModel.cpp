// SPDX-License-Identifier: Apache-2.0
#include "IntegrationListModel.h"

#include "core/common/Clock.h"
#include "core/health/CertificateExpiry.h"
#include "ui/common/RelativeTime.h"
#include "ui/common/StatusText.h"
#include "ui/common/TlsWarning.h"
#include "ui/models/ColumnTable.h"
#include "ui/views/StatusIcon.h"

#include <QColor>
#include <QHash>
#include <QPainter>
#include <QPixmap>
#include <algorithm>
#include <climits>
#include <cstring>

namespace stella::ui {

IntegrationListModel::IntegrationListModel(const Clock &clock, QObject *parent)
    : QAbstractTableModel(parent), m_clock(clock), m_haystackTimer(new QTimer(this))
{
    m_haystackTimer->setInterval(0);
    connect(m_haystackTimer, &QTimer::timeout, this, &IntegrationListModel::buildHaystackSlice);
}

int IntegrationListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_visible.size());
}

int IntegrationListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const Integration *IntegrationListModel::integrationAt(int row) const
{
    if (row < 0 || row >= int(m_visible.size()))
        return nullptr;
    return &m_rows[size_t(m_visible[size_t(row)])].integration;
}

QVariant IntegrationListModel::data(const QModelIndex &index, int role) const
{
    const Integration *i = integrationAt(index.row());
    if (!i || index.column() < 0 || index.column() >= ColumnCount)
        return {};
    if (role == IdRole)
        return i->id;
    if (role == StatusRole)
        return int(i->status);
    const int column = index.column();
    if (column == StatusColumn && m_connectorAvailable && !m_connectorAvailable(*i)) {
        if (role == Qt::DisplayRole)
            return tr("no connector — not checked");
        if (role == Qt::ToolTipRole)
            return tr("This build has no connector for %1 (a plugin removed, or one not written "
                      "yet): the monitor does not check it")
                .arg(i->provider);
        if (role == Qt::DecorationRole)
            return StatusIcon::icon(HealthStatus::Unknown);
    }
    // Only the status column's three roles need it; isStale reads the config's interval.
    const bool stale = column == StatusColumn && isStale(*i);
    if (role == Qt::DisplayRole) {
        switch (column) {
        case NameColumn:
            return i->name;
        case TypeColumn:
            return typeText(i->type);
        case ProviderColumn:
            return i->provider;
        case EndpointColumn:
            return i->endpoint;
        case StatusColumn:
            // Stale is not down: the status is what was true then, said so, not replaced.
            {
                QString text =
                    stale ? tr("%1 · stale").arg(statusText(i->status)) : statusText(i->status);
                // A certificate near or past its expiry is said where the status is read.
                const CertificateExpiry::Verdict certificate =
                    CertificateExpiry::judge(i->certificateExpiresAt, m_clock.now());
                if (!certificate.message.isEmpty())
                    text += tr(" · %1").arg(certificate.message);
                return text;
            }
        case LastCheckedColumn:
            return relativeTime(i->lastCheckedAt, m_clock.now());
        case TierColumn:
            return toString(i->tier);
        default:
            return {};
        }
    }
    if (role == Qt::DecorationRole && column == StatusColumn)
        return StatusIcon::icon(i->status, skipsTlsVerification(*i), stale);
    if (role == Qt::DecorationRole && column == TierColumn && i->tier != EnvironmentTier::None)
        return tierBadge(i->tier);
    if (role == Qt::ToolTipRole) {
        if (column == StatusColumn)
            return statusToolTip(*i, stale);
        if (column == LastCheckedColumn)
            return utcTooltip(i->lastCheckedAt);
        if (column == EndpointColumn)
            return i->endpoint;
        if (column == NameColumn)
            return i->folder.isEmpty() ? i->idString()
                                       : tr("%1\nFolder: %2").arg(i->idString(), i->folder);
        if (column == TierColumn && i->tier == EnvironmentTier::Prod)
            return tr("Production: deleting it, or changing its endpoint or credential, asks you "
                      "to type its name");
    }
    return {};
}

QIcon IntegrationListModel::tierBadge(EnvironmentTier tier)
{
    // The tier's name is always beside the badge, so the colour only helps the eye.
    // A lighter tone on a dark palette, so the badge keeps 3:1 against the row either way.
    static QHash<int, QIcon> cache;
    const bool dark = StatusIcon::darkPalette();
    const int key = int(tier) * 2 + (dark ? 1 : 0);
    if (const auto it = cache.constFind(key); it != cache.constEnd())
        return *it;
    QColor colour;
    switch (tier) {
    case EnvironmentTier::Dev:
        colour = dark ? QColor(0x66, 0xbb, 0x6a) : QColor(0x2e, 0x7d, 0x32);
        break;
    case EnvironmentTier::Test:
        colour = dark ? QColor(0x64, 0xb5, 0xf6) : QColor(0x15, 0x65, 0xc0);
        break;
    case EnvironmentTier::Staging:
        colour = dark ? QColor(0xff, 0xa7, 0x26) : QColor(0xb3, 0x59, 0x00);
        break;
    case EnvironmentTier::Prod:
        colour = dark ? QColor(0xef, 0x53, 0x50) : QColor(0xc6, 0x28, 0x28);
        break;
    case EnvironmentTier::None:
        return {};
    }
    QPixmap pixmap(32, 32);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(colour);
    painter.drawRoundedRect(QRectF(3, 8, 26, 16), 5, 5);
    painter.end();
    const QIcon icon(pixmap);
    cache.insert(key, icon);
    return icon;
}

QString IntegrationListModel::statusToolTip(const Integration &i, bool stale) const
{
    QString tip = statusText(i.status);
    if (stale)
        tip += tr(" — last checked %1; the monitor has not checked it since")
                   .arg(relativeTime(i.lastCheckedAt, m_clock.now()));
    if (!healthpolicy::isMonitored(i))
        tip += tr("\nNot monitored (healthCheckEnabled is off): only Check now "
                  "checks it");
    if (skipsTlsVerification(i))
        tip += tr("\n⚠ TLS verification is off (insecureSkipTlsVerify)");
    if (i.certificateExpiresAt.isValid())
        tip += tr("\nTLS certificate: %1 (until %2)")
                   .arg(CertificateExpiry::describe(i.certificateExpiresAt, m_clock.now()),
                        formatUtc(i.certificateExpiresAt));
    return tip;
}

bool IntegrationListModel::isStale(const Integration &integration) const
{
    return healthpolicy::isStale(integration, m_defaultIntervalMs, m_clock.now());
}

void IntegrationListModel::setConnectorAvailable(std::function<bool(const Integration &)> available)
{
    m_connectorAvailable = std::move(available);
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, StatusColumn), index(rowCount() - 1, StatusColumn));
}

void IntegrationListModel::setDefaultIntervalMs(qint64 intervalMs)
{
    if (intervalMs == m_defaultIntervalMs)
        return;
    m_defaultIntervalMs = intervalMs;
    refreshRelativeTimes();
}

// The columns' titles and alignments (docs/architecture.md, "The console").
const ColumnTable &IntegrationListModel::columns()
{
    static const ColumnTable table(staticMetaObject,
                                   {{NameColumn, QT_TR_NOOP("Name")},
                                    {TypeColumn, QT_TR_NOOP("Type")},
                                    {ProviderColumn, QT_TR_NOOP("Provider")},
                                    {EndpointColumn, QT_TR_NOOP("Endpoint")},
                                    {StatusColumn, QT_TR_NOOP("Status")},
                                    {LastCheckedColumn, QT_TR_NOOP("Last checked")},
                                    {TierColumn, QT_TR_NOOP("Tier")}});
    return table;
}

QVariant IntegrationListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    const QVariant header = columns().headerData(section, orientation, role);
    return header.isValid() ? header : QAbstractTableModel::headerData(section, orientation, role);
}

IntegrationListModel::Row IntegrationListModel::makeRow(const Integration &integration)
{
    Row row;
    row.integration = integration;
    row.nameKey = integration.name.toLower();
    row.endpointKey = integration.endpoint.toLower();
    row.haystack = haystackOf(row);
    return row;
}

QByteArray IntegrationListModel::haystackOf(const Row &row)
{
    const Integration &i = row.integration;
    const QChar sep =
        QLatin1Char('\n'); // never typed into the filter, so never matched across fields
    return QString(row.nameKey + sep + i.provider.toLower() + sep + toString(i.type).toLower() +
                   sep + typeText(i.type).toLower() + sep + row.endpointKey + sep +
                   toString(i.status).toLower() + sep +
                   statusText(i.status).toLower()) // the word shown, in any language
        .toUtf8();
}

void IntegrationListModel::buildHaystacks(size_t upTo)
{
    upTo = std::min(upTo, m_rows.size());
    for (; m_haystacksBuilt < upTo; ++m_haystacksBuilt) {
        Row &row = m_rows[m_haystacksBuilt];
        if (row.haystack.isEmpty())
            row.haystack = haystackOf(row);
    }
    if (isFilterPrepared())
        m_haystackTimer->stop();
}

void IntegrationListModel::buildHaystackSlice()
{
    // A few milliseconds per turn of the event loop: the operator's input comes first.
    constexpr size_t kSlice = 1500;
    buildHaystacks(m_haystacksBuilt + kSlice);
}

namespace {
// The Type column's alphabetical order, worked out once: a sort of 100,000 rows compares
// ranks, not strings.
int typeNameRank(IntegrationType type)
{
    static const QList<int> ranks = [] {
        const QList<IntegrationType> all = {
            IntegrationType::Registry,    IntegrationType::Scm,
            IntegrationType::CiCd,        IntegrationType::SecretsManager,
            IntegrationType::RuntimeHost, IntegrationType::ObjectStorage,
            IntegrationType::FeedMirror};
        QList<IntegrationType> sorted = all;
        std::sort(sorted.begin(), sorted.end(), [](IntegrationType a, IntegrationType b) {
            return QString::compare(typeText(a), typeText(b), Qt::CaseInsensitive) < 0;
        });
        QList<int> byType(all.size());
        for (int rank = 0; rank < sorted.size(); ++rank)
            byType[int(sorted[rank])] = rank;
        return byType;
    }();
    const int index = int(type);
    return index >= 0 && index < ranks.size() ? ranks[index] : int(ranks.size());
}
} // namespace
IntegrationListModel::Row IntegrationListModel::makeCountedRow(const Integration &integration) const
{
    Row row = makeRow(integration);
    row.categories = categoriesOf(integration);
    return row;
}

CategoryMask IntegrationListModel::categoriesOf(const Integration &integration) const
{
    return ui::categoriesOf(integration, isStale(integration));
}

void IntegrationListModel::setScope(const OverviewScope &scope)
{
    if (scope == m_scope)
        return;
    m_scope = scope;
    showRows(passing(m_sorted));
}

bool IntegrationListModel::lessThan(int a, int b) const
{
    const Row &ra = m_rows[size_t(a)];
    const Row &rb = m_rows[size_t(b)];
    const Integration &ia = ra.integration;
    const Integration &ib = rb.integration;
    int c = 0;
    switch (m_sortColumn) {
    case TypeColumn:
        // By the name the column shows, not by the enum's declaration order.
        c = typeNameRank(ia.type) - typeNameRank(ib.type);
        break;
    case ProviderColumn:
        c = QString::compare(ia.provider, ib.provider, Qt::CaseInsensitive);
        break;
    case EndpointColumn:
        c = ra.endpointKey.compare(rb.endpointKey);
        break;
    case StatusColumn:
        c = severityRank(ia.status) - severityRank(ib.status);
        break;
    case TierColumn:
        c = int(ia.tier) - int(ib.tier);
        break;
    case LastCheckedColumn: {
        // Never-checked sorts as the oldest.
        const qint64 ta =
            ia.lastCheckedAt.isValid() ? ia.lastCheckedAt.toMSecsSinceEpoch() : LLONG_MIN;
        const qint64 tb =
            ib.lastCheckedAt.isValid() ? ib.lastCheckedAt.toMSecsSinceEpoch() : LLONG_MIN;
        c = ta < tb ? -1 : (ta > tb ? 1 : 0);
        break;
    }
    default:
        break;
    }
    if (c == 0)
        c = ra.nameKey.compare(rb.nameKey);
    if (c == 0)
        c = ia.id < ib.id ? -1 : (ib.id < ia.id ? 1 : 0);
    return m_sortOrder == Qt::AscendingOrder ? c < 0 : c > 0;
}

bool IntegrationListModel::matches(const Row &row) const
{
    if (!m_scope.isEmpty() && !m_scope.matches(row.integration, row.categories))
        return false;
    return matchesTokens(row);
}

bool IntegrationListModel::matchesTokens(const Row &row) const
{
    for (const QByteArray &token : m_tokenBytes)
        if (!memmem(row.haystack.constData(), size_t(row.haystack.size()), token.constData(),
                    size_t(token.size())))
            return false;
    return true;
}

void IntegrationListModel::rebuildOrder()
{
    invalidateOrderLookups();
    m_sorted.resize(m_rows.size());
    for (size_t i = 0; i < m_rows.size(); ++i)
        m_sorted[i] = int(i);
    const auto less = [this](int a, int b) { return lessThan(a, b); };
    // A load arrives ordered by name from the catalog: one pass instead of n log n compares.
    if (!std::is_sorted(m_sorted.begin(), m_sorted.end(), less))
        std::sort(m_sorted.begin(), m_sorted.end(), less);
}

void IntegrationListModel::rebuildVisible()
{
    invalidateVisibleLookup();
    m_visible = passing(m_sorted);
}

std::vector<int> IntegrationListModel::passing(const std::vector<int> &from) const
{
    // `from` is already in order, so filtering keeps it: a keystroke never sorts.
    if (m_tokens.isEmpty() && m_scope.isEmpty())
        return from;
    std::vector<int> rows;
    rows.reserve(from.size());
    const std::vector<char> folders = foldersInScope();
    for (const int i : from)
        if (inScope(size_t(i), folders) && (m_tokens.isEmpty() || matchesTokens(m_rows[size_t(i)])))
            rows.push_back(i);
    return rows;
}

void IntegrationListModel::keyRow(size_t index)
{
    const Integration &i = m_rows[index].integration;
    if (m_scopeKeys.size() <= index)
        m_scopeKeys.resize(index + 1);
    auto folder = m_folderIds.constFind(i.folder);
    if (folder == m_folderIds.constEnd()) {
        folder = m_folderIds.insert(i.folder, int(m_folderPaths.size()));
        m_folderPaths.append(i.folder);
    }
    m_scopeKeys[index] = {*folder, quint8(i.type), m_rows[index].categories};
}

std::vector<char> IntegrationListModel::foldersInScope() const
{
    std::vector<char> in;
    if (!m_scope.folder)
        return in;
    in.resize(size_t(m_folderPaths.size()), 0);
    for (qsizetype f = 0; f < m_folderPaths.size(); ++f)
        in[size_t(f)] = OverviewScope::holds(*m_scope.folder, m_folderPaths[f]);
    return in;
}

bool IntegrationListModel::inScope(size_t index, const std::vector<char> &folders) const
{
    const ScopeKey &key = m_scopeKeys[index];
    if (m_scope.type && key.type != quint8(*m_scope.type))
        return false;
    if (m_scope.folder && !folders[size_t(key.folder)])
        return false;
    if (m_scope.category && !(key.categories & categoryBit(*m_scope.category)))
        return false;
    return true;
}

void IntegrationListModel::showRows(std::vector<int> rows)
{
    if (rows == m_visible)
        return; // a word every shown row already has: nothing for the view to do
    changeLayout(
        [this, &rows] {
            invalidateVisibleLookup();
            m_visible = std::move(rows);
        },
        QAbstractItemModel::NoLayoutChangeHint);
    Q_EMIT countsChanged(rowCount(), totalCount());
}

void IntegrationListModel::changeLayout(const std::function<void()> &rebuild,
                                        QAbstractItemModel::LayoutChangeHint hint)
{
    Q_EMIT layoutAboutToBeChanged({}, hint);
    const QModelIndexList before = persistentIndexList();
    // Which integration each persistent index was on, as an index into m_rows (they stay).
    std::vector<int> rowsBefore;
    rowsBefore.reserve(size_t(before.size()));
    for (const QModelIndex &index : before)
        rowsBefore.push_back(index.row() >= 0 && index.row() < int(m_visible.size())
                                 ? m_visible[size_t(index.row())]
                                 : -1);
    rebuild();
    QModelIndexList after;
    after.reserve(before.size());
    for (qsizetype n = 0; n < before.size(); ++n) {
        const int row = rowsBefore[size_t(n)] < 0 ? -1 : visibleRowOfIndex(rowsBefore[size_t(n)]);
        after.append(row < 0 ? QModelIndex() : index(row, before[n].column()));
    }
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, hint);
}

void IntegrationListModel::ensureIdLookup() const
{
    if (m_idLookupValid)
        return;
    m_indexById.clear();
    m_indexById.reserve(qsizetype(m_rows.size()));
    for (size_t n = 0; n < m_rows.size(); ++n)
        m_indexById.insert(m_rows[n].integration.id, int(n));
    m_idLookupValid = true;
}

void IntegrationListModel::ensureSortedLookup() const
{
    if (m_sortedLookupValid)
        return;
    m_sortedPos.assign(m_rows.size(), -1);
    for (size_t p = 0; p < m_sorted.size(); ++p)
        m_sortedPos[size_t(m_sorted[p])] = int(p);
    m_sortedLookupValid = true;
}

void IntegrationListModel::ensureVisibleLookup() const
{
    if (m_visibleLookupValid)
        return;
    m_visibleRowOf.assign(m_rows.size(), -1);
    for (size_t r = 0; r < m_visible.size(); ++r)
        m_visibleRowOf[size_t(m_visible[r])] = int(r);
    m_visibleLookupValid = true;
}

int IntegrationListModel::indexOf(const QUuid &id) const
{
    ensureIdLookup();
    const auto it = m_indexById.constFind(id);
    return it == m_indexById.constEnd() ? -1 : *it;
}

int IntegrationListModel::visibleRowOfIndex(int index) const
{
    ensureVisibleLookup();
    return m_visibleRowOf[size_t(index)];
}

int IntegrationListModel::sortedPosOfIndex(int index) const
{
    ensureSortedLookup();
    return m_sortedPos[size_t(index)];
}

int IntegrationListModel::rowOf(const QUuid &id) const
{
    const int index = indexOf(id);
    return index < 0 ? -1 : visibleRowOfIndex(index);
}

void IntegrationListModel::setIntegrations(const QList<Integration> &integrations)
{
    beginResetModel();
    invalidateLookups();
    m_rows.clear();
    m_scopeKeys.clear();
    m_rows.reserve(size_t(integrations.size()));
    m_overview.clear();
    m_haystacksBuilt = 0;
    for (const Integration &i : integrations) {
        Row row;
        row.integration = i;
        row.nameKey = i.name.toLower();
        row.endpointKey = i.endpoint.toLower();
        row.categories = categoriesOf(i);
        m_overview.add(i, row.categories);
        m_rows.push_back(std::move(row));
        keyRow(m_rows.size() - 1);
    }
    // The filter's haystacks wait until after the first paint, unless a filter is typed.
    if (m_tokens.isEmpty())
        m_haystackTimer->start();
    else
        buildHaystacks(m_rows.size());
    rebuildOrder();
    rebuildVisible();
    endResetModel();
    Q_EMIT countsChanged(rowCount(), totalCount());
    Q_EMIT overviewCountsChanged();
}

void IntegrationListModel::setFilterText(const QString &text)
{
    const QStringList tokens = text.toLower().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    m_filterText = text;
    if (tokens == m_tokens)
        return;
    // Typing on ("harbor-01" after "harbor-0") can only drop rows: when every earlier word is
    // part of a new one, only the rows shown now need the new test, not every row in scope.
    const bool narrows =
        !m_tokens.isEmpty() &&
        std::all_of(m_tokens.cbegin(), m_tokens.cend(), [&tokens](const QString &before) {
            return std::any_of(tokens.cbegin(), tokens.cend(),
                               [&before](const QString &now) { return now.contains(before); });
        });
    m_tokens = tokens;
    if (!tokens.isEmpty())
        buildHaystacks(m_rows.size());
    m_tokenBytes.clear();
    for (const QString &token : tokens)
        m_tokenBytes.push_back(token.toUtf8());
    showRows(passing(narrows ? m_visible : m_sorted));
}

void IntegrationListModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    if (column == m_sortColumn && order == m_sortOrder && m_sorted.size() == m_rows.size())
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    relayout();
}

void IntegrationListModel::relayout()
{
    changeLayout(
        [this] {
            rebuildOrder();
            rebuildVisible();
        },
        QAbstractItemModel::VerticalSortHint);
}

void IntegrationListModel::upsert(const Integration &integration)
{
    const int index = indexOf(integration.id);
    if (index < 0) {
        // New: insert at its sorted place without disturbing the other rows.
        m_rows.push_back(makeCountedRow(integration));
        keyRow(m_rows.size() - 1);
        m_overview.add(integration, m_rows.back().categories);
        Q_EMIT overviewCountsChanged();
        invalidateLookups();
        const int added = int(m_rows.size()) - 1;
        const auto cmp = [this](int a, int b) { return lessThan(a, b); };
        m_sorted.insert(std::upper_bound(m_sorted.begin(), m_sorted.end(), added, cmp), added);
        if (matches(m_rows.back())) {
            const auto at = std::upper_bound(m_visible.begin(), m_visible.end(), added, cmp);
            const int row = int(at - m_visible.begin());
            beginInsertRows({}, row, row);
            m_visible.insert(at, added);
            endInsertRows();
        }
        Q_EMIT countsChanged(rowCount(), totalCount());
        return;
    }
    const int visibleRow = rowOf(integration.id);
    const bool wasVisible = visibleRow >= 0;
    m_overview.remove(m_rows[size_t(index)].integration, m_rows[size_t(index)].categories);
    m_rows[size_t(index)] = makeCountedRow(integration);
    keyRow(size_t(index));
    m_overview.add(integration, m_rows[size_t(index)].categories);
    Q_EMIT overviewCountsChanged();
    const auto pos = size_t(sortedPosOfIndex(index));
    const bool stillInOrder = (pos == 0 || !lessThan(index, m_sorted[pos - 1])) &&
                              (pos + 1 >= m_sorted.size() || !lessThan(m_sorted[pos + 1], index));
    if (stillInOrder && wasVisible == matches(m_rows[size_t(index)])) {
        // The common case (a health check, a rename that keeps the order): repaint one row.
        if (wasVisible)
            Q_EMIT dataChanged(this->index(visibleRow, 0),
                               this->index(visibleRow, ColumnCount - 1));
        return;
    }
    beginResetModel();
    rebuildOrder();
    rebuildVisible();
    endResetModel();
    Q_EMIT countsChanged(rowCount(), totalCount());
}

void IntegrationListModel::remove(const QUuid &id)
{
    const int index = indexOf(id);
    if (index < 0)
        return;
    const int row = rowOf(id);
    if (row >= 0)
        beginRemoveRows({}, row, row);
    m_overview.remove(m_rows[size_t(index)].integration, m_rows[size_t(index)].categories);
    m_rows.erase(m_rows.begin() + index);
    m_scopeKeys.erase(m_scopeKeys.begin() + index);
    if (size_t(index) < m_haystacksBuilt)
        --m_haystacksBuilt;
    invalidateLookups();
    // Indices after the removed row shift down by one in both index vectors.
    const auto reindex = [index](std::vector<int> &v) {
        v.erase(std::remove(v.begin(), v.end(), index), v.end());
        for (int &i : v)
            if (i > index)
                --i;
    };
    reindex(m_sorted);
    reindex(m_visible);
    if (row >= 0)
        endRemoveRows();
    Q_EMIT countsChanged(rowCount(), totalCount());
    Q_EMIT overviewCountsChanged();
}

void IntegrationListModel::refreshRelativeTimes()
{
    // Time alone makes checks stale: recount the rows whose categories moved (a pass over the
    // rows, on the refresh timer only).
    bool recounted = false;
    bool visibilityChanged = false;
    for (Row &row : m_rows) {
        const CategoryMask now = categoriesOf(row.integration);
        if (now == row.categories)
            continue;
        const bool matched = matches(row);
        m_overview.remove(row.integration, row.categories);
        row.categories = now;
        m_scopeKeys[size_t(&row - m_rows.data())].categories = now;
        m_overview.add(row.integration, now);
        visibilityChanged = visibilityChanged || matched != matches(row);
        recounted = true;
    }
    if (recounted)
        Q_EMIT overviewCountsChanged();
    if (visibilityChanged) {
        beginResetModel();
        rebuildVisible();
        endResetModel();
        Q_EMIT countsChanged(rowCount(), totalCount());
        return;
    }
    if (!m_visible.empty())
        Q_EMIT dataChanged(index(0, StatusColumn), index(rowCount() - 1, LastCheckedColumn),
                           {Qt::DisplayRole, Qt::DecorationRole, Qt::ToolTipRole});
}

int IntegrationListModel::patchHealth(const QList<Integration> &current)
{
    // One pass to index the rows: rowOf() per integration would be quadratic at 100,000.
    QHash<QUuid, int> indexById;
    indexById.reserve(qsizetype(m_rows.size()));
    for (size_t n = 0; n < m_rows.size(); ++n)
        indexById.insert(m_rows[n].integration.id, int(n));
    std::vector<int> changed;
    bool visibilityChanged = false;
    for (const Integration &fresh : current) {
        const auto it = indexById.constFind(fresh.id);
        if (it == indexById.constEnd())
            continue;
        Row &row = m_rows[size_t(*it)];
        if (row.integration.status == fresh.status &&
            row.integration.lastCheckedAt == fresh.lastCheckedAt &&
            row.integration.certificateExpiresAt == fresh.certificateExpiresAt)
            continue;
        const bool matched = matches(row);
        // Only the health fields: an edit arrives with its own change signal, and a version
        // from a list that raced with it must not overwrite a newer one.
        Integration patched = row.integration;
        patched.status = fresh.status;
        patched.lastCheckedAt = fresh.lastCheckedAt;
        patched.certificateExpiresAt = fresh.certificateExpiresAt;
        m_overview.remove(row.integration, row.categories);
        row = makeCountedRow(patched); // the status is part of the filter's haystack
        keyRow(size_t(*it));
        m_overview.add(patched, row.categories);
        visibilityChanged = visibilityChanged || matched != matches(row);
        changed.push_back(*it);
    }
    if (changed.empty())
        return 0;
    Q_EMIT overviewCountsChanged();
    if (visibilityChanged) {
        // A filter on the status ("unhealthy") gains or loses rows: as upsert() does.
        beginResetModel();
        rebuildOrder();
        rebuildVisible();
        endResetModel();
        Q_EMIT countsChanged(rowCount(), totalCount());
    } else if (m_sortColumn == StatusColumn || m_sortColumn == LastCheckedColumn) {
        relayout(); // the same rows in a new order; the selection follows its integration
    } else {
        // Rows keep their places: one dataChanged spanning the changed rows' health columns.
        std::vector<bool> isChanged(m_rows.size(), false);
        for (const int n : changed)
            isChanged[size_t(n)] = true;
        int first = -1;
        int last = -1;
        for (size_t r = 0; r < m_visible.size(); ++r)
            if (isChanged[size_t(m_visible[r])]) {
                if (first < 0)
                    first = int(r);
                last = int(r);
            }
        if (first >= 0)
            Q_EMIT dataChanged(index(first, StatusColumn), index(last, LastCheckedColumn));
    }
    return int(changed.size());
}

} // namespace stella::ui
