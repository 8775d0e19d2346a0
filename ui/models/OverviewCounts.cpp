// SPDX-License-Identifier: Apache-2.0
#include "OverviewCounts.h"

#include "ui/common/TlsWarning.h"

#include <algorithm>

namespace stella::ui {

CategoryMask categoriesOf(const Integration &i, bool stale)
{
    CategoryMask mask = 0;
    if (!i.lastCheckedAt.isValid())
        mask |= categoryBit(OverviewCategory::NeverChecked);
    else if (stale)
        mask |= categoryBit(OverviewCategory::Stale);
    switch (i.status) {
    case HealthStatus::Healthy:
        mask |= categoryBit(OverviewCategory::Healthy);
        break;
    case HealthStatus::Degraded:
        mask |= categoryBit(OverviewCategory::Degraded);
        break;
    case HealthStatus::Unhealthy:
        mask |= categoryBit(OverviewCategory::Unhealthy);
        break;
    case HealthStatus::Unknown:
        break;
    }
    if (skipsTlsVerification(i))
        mask |= categoryBit(OverviewCategory::InsecureTls);
    return mask;
}

bool OverviewScope::holds(const QString &scope, const QString &folder)
{
    if (scope.isEmpty())
        return folder.isEmpty(); // the top level only
    return folder == scope || (folder.size() > scope.size() && folder.startsWith(scope) &&
                               folder.at(scope.size()) == QLatin1Char('/'));
}

bool OverviewScope::matches(const Integration &i, CategoryMask categories) const
{
    if (type && i.type != *type)
        return false;
    if (folder && !holds(*folder, i.folder))
        return false;
    if (category && !(categories & categoryBit(*category)))
        return false;
    return true;
}

void OverviewCounts::clear()
{
    m_all = {};
    m_byType.clear();
    m_byFolder.clear();
}

void OverviewCounts::add(const Integration &integration, CategoryMask categories)
{
    apply(integration, categories, +1);
}

void OverviewCounts::remove(const Integration &integration, CategoryMask categories)
{
    apply(integration, categories, -1);
}

void OverviewCounts::apply(const Integration &i, CategoryMask categories, int delta)
{
    auto bump = [categories, delta](CategoryCounts &c) {
        c.total += delta;
        for (int n = 0; n < kOverviewCategoryCount; ++n)
            if (categories & (1u << n))
                c.byCategory[size_t(n)] += delta;
    };
    bump(m_all);
    bump(m_byType[int(i.type)]);
    if (i.folder.isEmpty()) {
        bump(m_byFolder[QString()]);
        return;
    }
    // The folder and each of its parents: "A/B/C" counts in "A/B/C", "A/B" and "A".
    qsizetype end = i.folder.size();
    while (end > 0) {
        const QString path = i.folder.left(end);
        CategoryCounts &c = m_byFolder[path];
        bump(c);
        if (c.total <= 0)
            m_byFolder.remove(path); // an emptied folder leaves the sidebar
        end = i.folder.lastIndexOf(QLatin1Char('/'), end - 1);
    }
}

QStringList OverviewCounts::folders() const
{
    QStringList paths;
    paths.reserve(m_byFolder.size());
    for (auto it = m_byFolder.begin(); it != m_byFolder.end(); ++it)
        if (!it.key().isEmpty())
            paths.append(it.key());
    std::sort(paths.begin(), paths.end(), [](const QString &a, const QString &b) {
        return QString::compare(a, b, Qt::CaseInsensitive) < 0;
    });
    return paths;
}

} // namespace stella::ui
