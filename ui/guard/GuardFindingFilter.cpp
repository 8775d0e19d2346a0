// SPDX-License-Identifier: Apache-2.0
#include "GuardFindingFilter.h"

#include "GuardFindingModel.h"

namespace stella::ui {

GuardFindingFilter::GuardFindingFilter(QObject *parent) : QSortFilterProxyModel(parent)
{
    setFilterKeyColumn(-1);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setSortRole(GuardFindingModel::SortRole);
}

void GuardFindingFilter::setHidden(Hidden hidden)
{
    m_hidden = std::move(hidden);
    invalidateFilter();
}

bool GuardFindingFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_hidden) {
        const auto *model = qobject_cast<const GuardFindingModel *>(sourceModel());
        if (model && m_hidden(model->findingAt(sourceRow)))
            return false;
    }
    return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
}

} // namespace stella::ui
