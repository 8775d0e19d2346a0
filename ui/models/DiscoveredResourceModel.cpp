// SPDX-License-Identifier: Apache-2.0
#include "DiscoveredResourceModel.h"

#include "core/model/JsonText.h"
#include "ui/models/ColumnTable.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace stella::ui {

DiscoveredResourceModel::DiscoveredResourceModel(QObject *parent) : QAbstractTableModel(parent) {}

int DiscoveredResourceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_visible.size());
}

int DiscoveredResourceModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DiscoveredResourceModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_visible.size()))
        return {};
    const Row &row = m_rows[size_t(m_visible[size_t(index.row())])];
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case NameColumn:
        return row.resource.name;
    case TypeColumn:
        return row.resource.resourceType;
    case DetailsColumn:
        return row.details;
    default:
        return {};
    }
}

// The columns' titles and alignments (docs/architecture.md, "The console").
const ColumnTable &DiscoveredResourceModel::columns()
{
    static const ColumnTable table(staticMetaObject, {{NameColumn, QT_TR_NOOP("Name")},
                                                      {TypeColumn, QT_TR_NOOP("Type")},
                                                      {DetailsColumn, QT_TR_NOOP("Details")}});
    return table;
}

QVariant DiscoveredResourceModel::headerData(int section, Qt::Orientation orientation,
                                             int role) const
{
    const QVariant header = columns().headerData(section, orientation, role);
    return header.isValid() ? header : QAbstractTableModel::headerData(section, orientation, role);
}

void DiscoveredResourceModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_visible.clear();
    endResetModel();
    Q_EMIT countsChanged(0, 0);
}

void DiscoveredResourceModel::appendPage(const QList<DiscoveredResource> &page)
{
    if (page.isEmpty())
        return;
    const size_t first = m_rows.size();
    m_rows.reserve(first + size_t(page.size()));
    std::vector<int> shown;
    shown.reserve(size_t(page.size()));
    for (const DiscoveredResource &r : page) {
        Row row;
        row.resource = r;
        QStringList parts;
        for (auto it = r.attributes.begin(); it != r.attributes.end(); ++it)
            parts.append(QStringLiteral("%1: %2").arg(it.key(), jsonValueText(it.value())));
        row.details = parts.join(QStringLiteral(", "));
        row.haystack = (r.name + QLatin1Char(' ') + row.details).toLower();
        if (matches(row))
            shown.push_back(int(m_rows.size()));
        m_rows.push_back(std::move(row));
    }
    if (!shown.empty()) {
        // Only ever at the end: rows already on screen do not move.
        const int at = int(m_visible.size());
        beginInsertRows({}, at, at + int(shown.size()) - 1);
        m_visible.insert(m_visible.end(), shown.begin(), shown.end());
        endInsertRows();
    }
    Q_EMIT countsChanged(int(m_visible.size()), int(m_rows.size()));
}

bool DiscoveredResourceModel::matches(const Row &row) const
{
    for (const QString &token : m_tokens)
        if (!row.haystack.contains(token))
            return false;
    return true;
}

void DiscoveredResourceModel::setFilterText(const QString &text)
{
    if (text == m_filterText)
        return;
    m_filterText = text;
    m_tokens = text.toLower().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    beginResetModel();
    m_visible.clear();
    m_visible.reserve(m_rows.size());
    for (size_t i = 0; i < m_rows.size(); ++i)
        if (matches(m_rows[i]))
            m_visible.push_back(int(i));
    endResetModel();
    Q_EMIT countsChanged(int(m_visible.size()), int(m_rows.size()));
}

const DiscoveredResource *DiscoveredResourceModel::resourceAt(int row) const
{
    if (row < 0 || row >= int(m_visible.size()))
        return nullptr;
    return &m_rows[size_t(m_visible[size_t(row)])].resource;
}

} // namespace stella::ui
