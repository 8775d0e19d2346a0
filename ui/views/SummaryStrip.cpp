// SPDX-License-Identifier: Apache-2.0
#include "SummaryStrip.h"

#include "ui/views/StatusIcon.h"

#include <QBoxLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>
#include <algorithm>

namespace stella::ui {

namespace {
const char *const kNames[kOverviewCategoryCount] = {"healthy", "degraded",     "unhealthy",
                                                    "stale",   "neverChecked", "insecureTls"};

QIcon iconFor(OverviewCategory category, const QStyle *style)
{
    switch (category) {
    case OverviewCategory::Healthy:
        return StatusIcon::icon(HealthStatus::Healthy);
    case OverviewCategory::Degraded:
        return StatusIcon::icon(HealthStatus::Degraded);
    case OverviewCategory::Unhealthy:
        return StatusIcon::icon(HealthStatus::Unhealthy);
    case OverviewCategory::Stale:
        return StatusIcon::icon(HealthStatus::Healthy, false, true);
    case OverviewCategory::NeverChecked:
        return StatusIcon::icon(HealthStatus::Unknown);
    case OverviewCategory::InsecureTls:
        return style->standardIcon(QStyle::SP_MessageBoxWarning);
    }
    return {};
}
} // namespace

SummaryStrip::SummaryStrip(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("summaryStrip"));
    // The strip has no layout of its own: a parent layout asks a widget with one for that
    // layout's sizes, and this one's are the groups side by side. The strip answers itself (the
    // wider group at the least, more height when the groups stack) and places its content.
    m_content = new QWidget(this);
    auto *layout = new QBoxLayout(QBoxLayout::LeftToRight, m_content);
    m_layout = layout;
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->setSizeConstraint(QLayout::SetNoConstraint); // the strip sizes the content
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
    // Two groups (docs/architecture.md, "Overview, organisation and problems"): the status
    // counts take each integration once, by its last check, so they add up; what needs
    // attention overlaps them (a healthy check can be stale) and is shown apart.
    const auto group = [this, layout](const char *name, const QString &accessibleName) {
        auto *box = new QWidget(m_content);
        box->setObjectName(QLatin1String(name));
        box->setAccessibleName(accessibleName);
        auto *row = new QHBoxLayout(box);
        row->setContentsMargins(0, 0, 0, 0);
        row->setSpacing(4);
        layout->addWidget(box);
        return box;
    };
    QWidget *status = group("summaryStatus", tr("Status of the last check"));
    auto *separator = new QFrame(m_content);
    separator->setFrameShape(QFrame::VLine);
    separator->setFrameShadow(QFrame::Sunken);
    layout->addWidget(separator);
    QWidget *attention = group("summaryAttention", tr("Needs attention"));
    m_status = status;
    m_separator = separator;
    m_attention = attention;
    auto *heading = new QLabel(tr("Needs attention:"), attention);
    heading->setObjectName(QStringLiteral("summaryAttentionLabel"));
    attention->layout()->addWidget(heading);
    status->setToolTip(tr("Each integration counted once, by its last check"));
    attention->setToolTip(tr("These overlap the status counts: a healthy check can be stale"));
    for (int n = 0; n < kOverviewCategoryCount; ++n) {
        const auto category = OverviewCategory(n);
        const bool isStatus = category == OverviewCategory::Healthy ||
                              category == OverviewCategory::Degraded ||
                              category == OverviewCategory::Unhealthy;
        QWidget *box = isStatus ? status : attention;
        auto *b = new QToolButton(box);
        b->setObjectName(QStringLiteral("summary_") + QLatin1String(kNames[n]));
        b->setCheckable(true);
        b->setAutoRaise(true);
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        b->setIcon(iconFor(category, style()));
        b->setToolTip(tr("Show only these integrations; click again to show all"));
        connect(b, &QToolButton::clicked, this, [this, category](bool checked) {
            setSelected(checked ? std::optional<OverviewCategory>(category) : std::nullopt);
            Q_EMIT categorySelected(m_selected);
        });
        m_buttons[size_t(n)] = b;
        box->layout()->addWidget(b);
    }
    // Buttons keep their width when a group has a row to itself.
    static_cast<QBoxLayout *>(status->layout())->addStretch(1);
    static_cast<QBoxLayout *>(attention->layout())->addStretch(1);
    layout->addStretch(1);
    setCounts({});
}

int SummaryStrip::oneRowWidth() const
{
    return m_status->sizeHint().width() + m_layout->spacing() + m_separator->sizeHint().width() +
           m_layout->spacing() + m_attention->sizeHint().width();
}

bool SummaryStrip::isWrapped() const
{
    return m_layout->direction() == QBoxLayout::TopToBottom;
}

QSize SummaryStrip::sizeHint() const
{
    return {oneRowWidth(),
            std::max(m_status->sizeHint().height(), m_attention->sizeHint().height())};
}

QSize SummaryStrip::minimumSizeHint() const
{
    return {std::max(m_status->minimumSizeHint().width(), m_attention->minimumSizeHint().width()),
            sizeHint().height()};
}

int SummaryStrip::heightForWidth(int width) const
{
    if (width >= oneRowWidth())
        return sizeHint().height();
    return m_status->sizeHint().height() + m_layout->spacing() + m_attention->sizeHint().height();
}

void SummaryStrip::arrangeFor(int width)
{
    const bool wrap = width < oneRowWidth();
    if (wrap == isWrapped())
        return;
    m_layout->setDirection(wrap ? QBoxLayout::TopToBottom : QBoxLayout::LeftToRight);
    m_separator->setVisible(!wrap);
    updateGeometry(); // the height for this width changed
}

void SummaryStrip::resizeEvent(QResizeEvent *event)
{
    arrangeFor(width());
    m_content->setGeometry(rect());
    QWidget::resizeEvent(event);
}

QString SummaryStrip::label(OverviewCategory category, int count)
{
    switch (category) {
    case OverviewCategory::Healthy:
        return tr("%n healthy", nullptr, count);
    case OverviewCategory::Degraded:
        return tr("%n degraded", nullptr, count);
    case OverviewCategory::Unhealthy:
        return tr("%n unhealthy", nullptr, count);
    case OverviewCategory::Stale:
        return tr("%n stale", nullptr, count);
    case OverviewCategory::NeverChecked:
        return tr("%n never checked", nullptr, count);
    case OverviewCategory::InsecureTls:
        return tr("%n with insecure TLS", nullptr, count);
    }
    return {};
}

void SummaryStrip::setCounts(const CategoryCounts &counts)
{
    for (int n = 0; n < kOverviewCategoryCount; ++n) {
        if (m_counts[size_t(n)] == counts.byCategory[size_t(n)] &&
            !m_buttons[size_t(n)]->text().isEmpty())
            continue;
        m_counts[size_t(n)] = counts.byCategory[size_t(n)];
        const QString text = label(OverviewCategory(n), m_counts[size_t(n)]);
        m_buttons[size_t(n)]->setText(text);
        m_buttons[size_t(n)]->setAccessibleName(text);
    }
    // Longer counts may no longer fit on one row (or now fit again).
    arrangeFor(width());
    updateGeometry();
}

void SummaryStrip::setSelected(std::optional<OverviewCategory> category)
{
    m_selected = category;
    for (int n = 0; n < kOverviewCategoryCount; ++n)
        m_buttons[size_t(n)]->setChecked(category && int(*category) == n);
}

} // namespace stella::ui
