// SPDX-License-Identifier: Apache-2.0
#include "HealthPane.h"

#include "core/catalog/CatalogThread.h"
#include "core/common/Clock.h"
#include "core/common/FutureCallback.h"
#include "ui/models/HealthCheckTableModel.h"
#include "ui/views/HealthChartView.h"

#include <QAction>
#include <QButtonGroup>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QShowEvent>
#include <QSplitter>
#include <QStackedLayout>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace stella::ui {

namespace {
qint64 presetSeconds(HealthPane::Range range)
{
    switch (range) {
    case HealthPane::Range::Day:
        return 86'400;
    case HealthPane::Range::Week:
        return 7 * 86'400;
    case HealthPane::Range::Month:
    case HealthPane::Range::Custom:
        break;
    }
    return 30 * 86'400;
}

QString bucketText(qint64 seconds)
{
    if (seconds % 86'400 == 0)
        return HealthPane::tr("%L1 d").arg(seconds / 86'400);
    if (seconds % 3600 == 0)
        return HealthPane::tr("%L1 h").arg(seconds / 3600);
    return HealthPane::tr("%L1 min").arg(seconds / 60);
}
} // namespace

HealthPane::HealthPane(CatalogThread &catalog, const Clock &clock, QWidget *parent)
    : QWidget(parent), m_catalog(catalog), m_clock(clock)
{
    setObjectName(QStringLiteral("healthPane"));
    build();
    // Every check of the integration shown, whoever ran it (Check now, the monitor, the CLI
    // in this process), lands in the chart and the table.
    connect(&m_catalog, &CatalogThread::healthRecorded, this,
            [this](const QString &tenantId, const QUuid &id, HealthStatus) {
                if (!m_integration.id.isNull() && id == m_integration.id &&
                    tenantId == m_ctx.tenantId)
                    reloadWhenVisible();
            });
}

void HealthPane::build()
{
    m_empty = new QLabel(tr("Select an integration to see its health history."), this);
    m_empty->setObjectName(QStringLiteral("healthEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setEnabled(false);

    m_page = new QWidget(this);
    auto *layout = new QVBoxLayout(m_page);
    layout->setContentsMargins(12, 10, 12, 10);

    m_header = new QHBoxLayout;
    m_title = new QLabel(m_page);
    m_title->setObjectName(QStringLiteral("healthTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // A long name wraps (and is in full in the tooltip) instead of widening the header past
    // the pane and clipping Check now (issue #13 item 9).
    m_title->setWordWrap(true);
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_header->addWidget(m_title, 1);
    layout->addLayout(m_header);

    auto *rangeRow = new QHBoxLayout;
    m_rangeButtons = new QButtonGroup(this);
    m_rangeButtons->setExclusive(true);
    const auto addRange = [&](Range range, const QString &text, const QString &name,
                              const QString &tip) {
        auto *button = new QToolButton(m_page);
        button->setText(text);
        button->setObjectName(name);
        button->setToolTip(tip);
        button->setCheckable(true);
        button->setAutoRaise(true);
        // Each range is a Tab stop of its own (issue #13 item 9: they could not be reached).
        button->setFocusPolicy(Qt::StrongFocus);
        m_rangeButtons->addButton(button, int(range));
        rangeRow->addWidget(button);
    };
    addRange(Range::Day, tr("24 h"), QStringLiteral("healthRange24h"), tr("The last 24 hours"));
    addRange(Range::Week, tr("7 d"), QStringLiteral("healthRange7d"), tr("The last 7 days"));
    addRange(Range::Month, tr("30 d"), QStringLiteral("healthRange30d"), tr("The last 30 days"));
    addRange(Range::Custom, tr("Custom"), QStringLiteral("healthRangeCustom"),
             tr("From and to, in local time"));
    m_rangeButtons->button(int(m_range))->setChecked(true);
    connect(m_rangeButtons, &QButtonGroup::idClicked, this, &HealthPane::rangeButtonClicked);

    const auto dateEdit = [this](const QString &name) {
        auto *edit = new QDateTimeEdit(m_page);
        edit->setObjectName(name);
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
        edit->setVisible(false);
        connect(edit, &QDateTimeEdit::editingFinished, this, &HealthPane::customEdited);
        return edit;
    };
    m_from = dateEdit(QStringLiteral("healthFrom"));
    m_to = dateEdit(QStringLiteral("healthTo"));
    m_from->setAccessibleName(tr("From"));
    m_to->setAccessibleName(tr("To"));
    rangeRow->addStretch(1);
    m_uptime = new QLabel(m_page);
    m_uptime->setObjectName(QStringLiteral("healthUptime"));
    QFont uptimeFont = m_uptime->font();
    uptimeFont.setBold(true);
    m_uptime->setFont(uptimeFont);
    rangeRow->addWidget(m_uptime);
    layout->addLayout(rangeRow);
    // The custom range's editors on a row of their own: next to the buttons they widened the
    // pane and pushed the list's Status column out of sight (issue #13 item 9).
    auto *customRow = new QHBoxLayout;
    customRow->addWidget(m_from);
    customRow->addWidget(m_to);
    customRow->addStretch(1);
    layout->addLayout(customRow);

    m_chart = new HealthChartView(m_page);
    m_chart->setAccessibleName(tr("Health history chart"));

    auto *lower = new QWidget(m_page);
    auto *lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    m_note = new QLabel(lower);
    m_note->setObjectName(QStringLiteral("healthNote"));
    m_note->setWordWrap(true);
    m_checks = new HealthCheckTableModel(m_clock, this);
    m_table = new QTableView(lower);
    m_table->setObjectName(QStringLiteral("healthChecks"));
    m_table->setAccessibleName(tr("Health checks"));
    m_table->setTabKeyNavigation(false); // Tab moves on, the arrows walk the checks
    m_table->setModel(m_checks);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->setIconSize(QSize(12, 12));
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    QHeaderView *columns = m_table->horizontalHeader();
    columns->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    columns->setStretchLastSection(true);
    // Widths from sample text, not contents: measuring would walk every row on each reload.
    const QFontMetrics fm = m_table->fontMetrics();
    columns->resizeSection(HealthCheckTableModel::TimeColumn,
                           fm.horizontalAdvance(QStringLiteral("Checked (local time)___")));
    columns->resizeSection(HealthCheckTableModel::StatusColumn,
                           fm.horizontalAdvance(QStringLiteral("Unhealthy")) + 40);
    columns->resizeSection(HealthCheckTableModel::LatencyColumn,
                           fm.horizontalAdvance(QStringLiteral("12,345 ms")) + 20);
    lowerLayout->addWidget(m_note);
    lowerLayout->addWidget(m_table, 1);

    auto *split = new QSplitter(Qt::Vertical, m_page);
    split->setObjectName(QStringLiteral("healthSplitter"));
    split->addWidget(m_chart);
    split->addWidget(lower);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);
    layout->addWidget(split, 1);

    m_stack = new QStackedLayout(this);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_page);
    m_stack->setCurrentWidget(m_empty);
}

void HealthPane::addHeaderAction(QAction *action)
{
    auto *button = new QToolButton(m_page);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setObjectName(action->objectName() + QStringLiteral("HealthButton"));
    m_header->addWidget(button);
}

void HealthPane::setIntegration(const Integration &integration, const RequestContext &ctx)
{
    const bool same = integration.id == m_integration.id && ctx.tenantId == m_ctx.tenantId;
    m_integration = integration;
    m_ctx = ctx;
    m_title->setText(integration.name);
    m_title->setToolTip(integration.name);
    m_stack->setCurrentWidget(m_page);
    if (same)
        return; // an edit or a refresh: the history follows healthRecorded, not this
    // Another integration: what is shown belongs to the previous one, and so would any answer
    // still on its way.
    ++m_generation;
    m_loading = false;
    m_shown = {};
    m_chart->setHistory({});
    m_checks->clear();
    m_uptime->clear();
    m_note->clear();
    reloadWhenVisible();
}

void HealthPane::clear()
{
    ++m_generation;
    m_loading = false;
    m_dirty = false;
    m_integration = {};
    m_shown = {};
    m_chart->setHistory({});
    m_checks->clear();
    m_stack->setCurrentWidget(m_empty);
}

void HealthPane::setRange(Range range)
{
    if (range == Range::Custom && m_range != Range::Custom) {
        // Custom starts from what is on screen, for the operator to narrow or widen.
        const QDateTime to = m_requestedTo.isValid() ? m_requestedTo : m_clock.now();
        const QDateTime from =
            m_requestedFrom.isValid() ? m_requestedFrom : to.addSecs(-presetSeconds(m_range));
        m_from->setDateTime(from);
        m_to->setDateTime(to);
    }
    m_range = range;
    m_rangeButtons->button(int(range))->setChecked(true);
    m_from->setVisible(range == Range::Custom);
    m_to->setVisible(range == Range::Custom);
    reloadWhenVisible();
}

void HealthPane::setCustomRange(const QDateTime &from, const QDateTime &to)
{
    m_from->setDateTime(from);
    m_to->setDateTime(to);
    m_range = Range::Custom;
    m_rangeButtons->button(int(Range::Custom))->setChecked(true);
    m_from->setVisible(true);
    m_to->setVisible(true);
    reloadWhenVisible();
}

void HealthPane::rangeButtonClicked(int id)
{
    setRange(Range(id));
}

void HealthPane::customEdited()
{
    if (m_range == Range::Custom)
        reloadWhenVisible();
}

void HealthPane::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        reload();
}

void HealthPane::reloadWhenVisible()
{
    if (m_integration.id.isNull())
        return;
    if (isVisible())
        reload();
    else
        m_dirty = true; // the tab is behind another: load when it comes to the front
}

void HealthPane::reload()
{
    m_dirty = false;
    if (m_integration.id.isNull())
        return;
    QDateTime from;
    QDateTime to;
    if (m_range == Range::Custom) {
        from = m_from->dateTime().toUTC();
        to = m_to->dateTime().toUTC();
    } else {
        // Both ends in: the range's end is exclusive, so it ends just after now (a check
        // recorded this very millisecond, as Check now's is, belongs in it), and its start is
        // inclusive (hourly checks give 24 in "24 h", not 23).
        const QDateTime now = m_clock.now();
        to = now.addMSecs(1);
        from = now.addSecs(-presetSeconds(m_range));
    }
    if (from >= to) {
        ++m_generation; // whatever was on its way is for a range no longer asked for
        m_loading = false;
        showError(tr("The start of the range must be before its end."));
        Q_EMIT loaded();
        return;
    }
    const quint64 generation = ++m_generation;
    m_loading = true;
    m_requestedFrom = from;
    m_requestedTo = to;
    const RequestContext ctx = m_ctx;
    const QUuid id = m_integration.id;
    Q_EMIT loadRequested(id, from, to);
    onFinished(
        this, m_catalog.run([ctx, id, from, to](IntegrationCatalog &c) -> Result<Data> {
            auto history = c.healthHistory(ctx, id, from, to);
            if (!history)
                return history.error();
            auto checks = c.healthHistory(ctx, id, kCheckRows);
            if (!checks)
                return checks.error();
            return Data{std::move(history).value(), std::move(checks).value()};
        }),
        [this, generation](const Result<Data> &result) {
            if (generation != m_generation)
                return; // for another integration or range: not what is asked now
            m_loading = false;
            if (result)
                showData(*result);
            else
                showError(tr("Could not load the health history: %1").arg(result.error().toText()));
            Q_EMIT loaded();
        });
}

void HealthPane::showData(const Data &answer)
{
    m_shown = answer.history;
    m_chart->setHistory(answer.history);
    m_checks->setChecks(answer.checks);
    m_uptime->setText(uptimeText());
    m_uptime->setToolTip(answer.history.buckets.isEmpty()
                             ? QString()
                             : tr("Each point of the chart is %1: its average, minimum and maximum "
                                  "latency and its worst status.")
                                   .arg(bucketText(answer.history.bucketSeconds)));
    m_note->setText(answer.checks.isEmpty()
                        ? tr("No health checks recorded yet.")
                        : tr("The newest %Ln checks, newest first (whatever the range above).",
                             nullptr, int(answer.checks.size())));
}

void HealthPane::showError(const QString &text)
{
    m_uptime->clear();
    m_note->setText(text);
}

QString HealthPane::uptimeText() const
{
    const double uptime = m_shown.uptimePercent();
    if (uptime < 0)
        return tr("No checks in this range");
    const QLocale locale;
    // Two decimals where they matter: 99.95 % and 99.5 % are different services.
    const int decimals = uptime >= 99.0 && uptime < 100.0 ? 2 : 1;
    const int checks = m_shown.checks();
    return tr("Uptime %1 % · %2")
        .arg(locale.toString(uptime, 'f', decimals),
             checks == 1 ? tr("1 check") : tr("%Ln checks", nullptr, checks));
}

} // namespace stella::ui
