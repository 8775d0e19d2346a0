// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "guard/Finding.h"

#include <QSortFilterProxyModel>
#include <functional>

namespace stella::ui {

// The findings table's proxy: filter-as-you-type over every column (case-insensitive, fixed
// string), sorting by GuardFindingModel::SortRole, and a predicate that hides findings
// outright: where a loaded baseline (issue #14 item 6, guard/GuardBaseline) plugs in.
class GuardFindingFilter : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    using Hidden = std::function<bool(const guard::Finding &)>;

    explicit GuardFindingFilter(QObject *parent = nullptr);
    void setHidden(Hidden hidden);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    Hidden m_hidden;
};

} // namespace stella::ui
