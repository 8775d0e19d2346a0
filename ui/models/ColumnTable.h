// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QMetaObject>
#include <QVariant>
#include <initializer_list>
#include <vector>

namespace stella::ui {

// A table model's columns as data: each column's id (the model's Column enum), its title (a
// string literal marked with QT_TR_NOOP in the model, translated in the model's context when
// shown) and its alignment, so a model's headerData() is one call instead of a switch.
class ColumnTable
{
public:
    struct Column
    {
        int id;
        const char *title;
        Qt::Alignment alignment = Qt::AlignLeft | Qt::AlignVCenter;
    };

    // `owner` is the model whose tr() context the titles were marked in.
    ColumnTable(const QMetaObject &owner, std::initializer_list<Column> columns);

    int count() const { return int(m_columns.size()); }
    // The translated title (Qt::DisplayRole) or alignment (Qt::TextAlignmentRole) of a
    // horizontal section; an invalid QVariant for anything else, so the model can fall back
    // to QAbstractItemModel::headerData.
    QVariant headerData(int section, Qt::Orientation orientation, int role) const;
    // The alignment of a column's cells (what data() answers for Qt::TextAlignmentRole).
    Qt::Alignment alignment(int column) const;

private:
    const Column *find(int id) const;

    const QMetaObject &m_owner;
    std::vector<Column> m_columns;
};

} // namespace stella::ui
