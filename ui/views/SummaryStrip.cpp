// SPDX-License-Identifier: Apache-2.0
#include "SummaryStrip.h"

#include "ui/views/StatusIcon.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

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
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    // Two groups (docs/architecture.md, "Overview, organisation and problems"): the status
    // counts take each integration once, by its last check, so they add up; what needs
    // attention overlaps them (a healthy check can be stale) and is shown apart.
    const auto group = [this, layout](const char *name, const QString &accessibleName) {
        auto *box = new QWidget(this);
        box->setObjectName(QLatin1String(name));
        box->setAccessibleName(accessibleName);
        auto *row = new QHBoxLayout(box);
        row->setContentsMargins(0, 0, 0, 0);
        row->setSpacing(4);
        layout->addWidget(box);
        return box;
    };
    QWidget *status = group("summaryStatus", tr("Status of the last check"));
    auto *separator = new QFrame(this);
    separator->setFrameShape(QFrame::VLine);
    separator->setFrameShadow(QFrame::Sunken);
    layout->addWidget(separator);
    QWidget *attention = group("summaryAttention", tr("Needs attention"));
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
    layout->addStretch(1);
    setCounts({});
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
}

void SummaryStrip::setSelected(std::optional<OverviewCategory> category)
{
    m_selected = category;
    for (int n = 0; n < kOverviewCategoryCount; ++n)
        m_buttons[size_t(n)]->setChecked(category && int(*category) == n);
}

} // namespace stella::ui
