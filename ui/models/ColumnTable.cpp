// SPDX-License-Identifier: Apache-2.0
#include "ColumnTable.h"

namespace stella::ui {

ColumnTable::ColumnTable(const QMetaObject &owner, std::initializer_list<Column> columns)
    : m_owner(owner), m_columns(columns)
{}

const ColumnTable::Column *ColumnTable::find(int id) const
{
    for (const Column &column : m_columns)
        if (column.id == id)
            return &column;
    return nullptr;
}

QVariant ColumnTable::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    const Column *column = find(section);
    if (!column)
        return {};
    if (role == Qt::DisplayRole)
        return m_owner.tr(column->title, nullptr);
    if (role == Qt::TextAlignmentRole)
        return int(column->alignment);
    return {};
}

Qt::Alignment ColumnTable::alignment(int column) const
{
    const Column *found = find(column);
    return found ? found->alignment : Qt::Alignment(Qt::AlignLeft | Qt::AlignVCenter);
}

} // namespace stella::ui
