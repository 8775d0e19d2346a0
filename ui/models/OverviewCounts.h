// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/Integration.h"

#include <QHash>
#include <QStringList>
#include <array>
#include <optional>

namespace stella::ui {

// What the summary strip counts and filters by. An integration can be in several (an
// unhealthy one whose TLS is not verified), so these are bits, not one value.
enum class OverviewCategory
{
    Healthy,
    Degraded,
    Unhealthy,
    Stale,
    NeverChecked,
    InsecureTls,
};
constexpr int kOverviewCategoryCount = 6;

using CategoryMask = quint8;
constexpr CategoryMask categoryBit(OverviewCategory c)
{
    return CategoryMask(1u << int(c));
}
// The categories of one integration; `stale` as healthpolicy::isStale says at this moment.
CategoryMask categoriesOf(const Integration &integration, bool stale);

struct CategoryCounts
{
    int total = 0;
    std::array<int, kOverviewCategoryCount> byCategory{};

    int operator[](OverviewCategory c) const { return byCategory[size_t(c)]; }
};

// Which part of the catalog the list shows (the sidebar's and the strip's selection).
struct OverviewScope
{
    std::optional<IntegrationType> type;
    std::optional<QString> folder; // the folder and its subfolders; "" is the top level only
    std::optional<OverviewCategory> category;

    bool isEmpty() const { return !type && !folder && !category; }
    bool matches(const Integration &integration, CategoryMask categories) const;
    // Whether a folder scope `scope` holds an integration in `folder`.
    static bool holds(const QString &scope, const QString &folder);
    bool operator==(const OverviewScope &o) const
    {
        return type == o.type && folder == o.folder && category == o.category;
    }
};

// Counts by type, by folder (a folder counts what is in it and in its subfolders) and in all,
// maintained one integration at a time: a monitor result moves one integration between
// categories without a recount of 100,000.
class OverviewCounts
{
public:
    void clear();
    void add(const Integration &integration, CategoryMask categories);
    void remove(const Integration &integration, CategoryMask categories);

    const CategoryCounts &all() const { return m_all; }
    CategoryCounts type(IntegrationType type) const { return m_byType.value(int(type)); }
    // "" : the integrations at the top level (not in any folder).
    CategoryCounts folder(const QString &path) const { return m_byFolder.value(path); }
    // Every folder that holds an integration, and their parents, sorted.
    QStringList folders() const;

private:
    void apply(const Integration &integration, CategoryMask categories, int delta);

    CategoryCounts m_all;
    QHash<int, CategoryCounts> m_byType;
    QHash<QString, CategoryCounts> m_byFolder; // the key "" holds the top level only
};

} // namespace stella::ui
