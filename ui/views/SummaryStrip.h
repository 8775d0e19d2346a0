// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/models/OverviewCounts.h"

#include <QWidget>
#include <array>
#include <optional>

class QBoxLayout;
class QFrame;
class QToolButton;

namespace stella::ui {

// "12 healthy · 2 degraded · 1 unhealthy | Needs attention: 3 stale · 4 never checked · 1 with
// insecure TLS": one checkable button per category, icon and text (never colour alone);
// checking one filters the list to it, checking it again shows everything. The status group
// (summaryStatus) counts each integration once; the attention group (summaryAttention) overlaps
// it. Buttons: summary_healthy, summary_degraded, summary_unhealthy, summary_stale,
// summary_neverChecked, summary_insecureTls.
class SummaryStrip : public QWidget
{
    Q_OBJECT

public:
    explicit SummaryStrip(QWidget *parent = nullptr);

    void setCounts(const CategoryCounts &counts);
    // Checks the category's button (none: unchecks), without emitting categorySelected.
    void setSelected(std::optional<OverviewCategory> category);
    std::optional<OverviewCategory> selected() const { return m_selected; }
    QToolButton *button(OverviewCategory category) const { return m_buttons[size_t(category)]; }
    bool isWrapped() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

Q_SIGNALS:
    void categorySelected(std::optional<stella::ui::OverviewCategory> category);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    static QString label(OverviewCategory category, int count);
    int oneRowWidth() const;
    void arrangeFor(int width);

    QWidget *m_content = nullptr;
    QBoxLayout *m_layout = nullptr;
    QWidget *m_status = nullptr;
    QFrame *m_separator = nullptr;
    QWidget *m_attention = nullptr;
    std::array<QToolButton *, kOverviewCategoryCount> m_buttons{};
    std::array<int, kOverviewCategoryCount> m_counts{};
    std::optional<OverviewCategory> m_selected;
};

} // namespace stella::ui
