// SPDX-License-Identifier: Apache-2.0
#include "DiscoverPane.h"

#include "core/model/ResourceTypes.h"
#include "ui/models/DiscoveredResourceModel.h"
#include "ui/views/MessageWidget.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

namespace stella::ui {

namespace {
// Resource types are plural nouns; "1 repository", not "1 repositories".
QString noun(const QString &resourceType, int count)
{
    if (count == 1 && resourceType.endsWith(QLatin1String("ies")))
        return resourceType.left(resourceType.size() - 3) + QLatin1Char('y');
    if (count == 1 && resourceType.endsWith(QLatin1Char('s')))
        return resourceType.left(resourceType.size() - 1);
    return resourceType;
}
} // namespace

DiscoverPane::DiscoverPane(const ConnectorLauncher &launcher, QWidget *parent)
    : QWidget(parent), m_launcher(launcher), m_model(new DiscoveredResourceModel(this))
{
    setObjectName(QStringLiteral("discoverPane"));
    build();
    connect(m_model, &DiscoveredResourceModel::countsChanged, this, &DiscoverPane::updateCount);
    clearIntegration();
}

DiscoverPane::~DiscoverPane() = default;

void DiscoverPane::build()
{
    m_type = new QComboBox(this);
    m_type->setObjectName(QStringLiteral("resourceTypeCombo"));
    m_type->setMinimumContentsLength(12);
    m_pattern = new QLineEdit(this);
    m_pattern->setObjectName(QStringLiteral("namePatternEdit"));
    m_pattern->setPlaceholderText(tr("all names; a glob such as team-*/api-?"));
    m_pattern->setClearButtonEnabled(true);
    m_pattern->setToolTip(QStringLiteral(
        "Glob matched by the server side of discovery, case-insensitively: * any run of "
        "characters (including /), ? one character, [abc] a class. Empty: everything."));
    m_start = new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay), tr("&Start"), this);
    m_start->setObjectName(QStringLiteral("discoverStartButton"));
    m_cancel = new QPushButton(style()->standardIcon(QStyle::SP_MediaStop), tr("Ca&ncel"), this);
    m_cancel->setObjectName(QStringLiteral("discoverCancelButton"));
    connect(m_start, &QPushButton::clicked, this, &DiscoverPane::start);
    connect(m_cancel, &QPushButton::clicked, this, &DiscoverPane::cancel);
    connect(m_pattern, &QLineEdit::returnPressed, this, [this] {
        if (!isRunning())
            start();
    });

    auto *form = new QFormLayout;
    form->setLabelAlignment(Qt::AlignRight);
    form->addRow(tr("Resource &type:"), m_type);
    form->addRow(tr("Name &pattern:"), m_pattern);
    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_start);
    buttons->addWidget(m_cancel);
    auto *controls = new QHBoxLayout;
    controls->addLayout(form, 1);
    controls->addLayout(buttons);

    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("discoverNotice"));
    m_notice->setWordWrap(true);
    m_notice->setTextFormat(Qt::PlainText);
    m_notice->setEnabled(false);
    // Never taller than its text: with the results hidden, the space goes below it.
    m_notice->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);

    m_banner = new MessageWidget(MessageWidget::Kind::Error, this);
    m_banner->setObjectName(QStringLiteral("discoverBanner"));

    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("discoverFilterEdit"));
    m_filter->setAccessibleName(tr("Filter the results"));
    m_filter->setPlaceholderText(tr("Filter the results"));
    m_filter->setClearButtonEnabled(true);
    // In-model filtering stays within a frame at 100,000 rows (docs/contracts.md §18): no debounce.
    connect(m_filter, &QLineEdit::textChanged, m_model, &DiscoveredResourceModel::setFilterText);
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("discoverCountLabel"));
    m_count->setTextFormat(Qt::PlainText);
    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(m_filter, 1);
    filterRow->addWidget(m_count);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("discoverTable"));
    m_table->setAccessibleName(tr("Discovered resources"));
    m_table->setTabKeyNavigation(false); // Tab moves on, the arrows walk the rows
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    // Fixed row heights and column widths: the view never measures thousands of rows.
    QHeaderView *rows = m_table->verticalHeader();
    rows->hide();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    QHeaderView *columns = m_table->horizontalHeader();
    columns->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    columns->setHighlightSections(false);
    columns->setStretchLastSection(true);
    const QFontMetrics fm = m_table->fontMetrics();
    columns->resizeSection(DiscoveredResourceModel::NameColumn,
                           fm.horizontalAdvance(QStringLiteral("library/service-0000-backend")) +
                               24);
    columns->resizeSection(DiscoveredResourceModel::TypeColumn,
                           fm.horizontalAdvance(ResourceType::Repositories) + 20);

    // Hidden for an integration with nothing to discover: an empty grey table says less than
    // the notice above it.
    m_results = new QWidget(this);
    auto *results = new QVBoxLayout(m_results);
    results->setContentsMargins(0, 0, 0, 0);
    results->addLayout(filterRow);
    results->addWidget(m_table, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 10);
    layout->addLayout(controls);
    layout->addWidget(m_notice);
    layout->addWidget(m_banner);
    layout->addWidget(m_results, 1);
    layout->addStretch(0);
}

void DiscoverPane::setIntegration(const Integration &integration)
{
    const bool same = m_hasIntegration && integration.id == m_integration.id;
    m_integration = integration;
    m_hasIntegration = true;
    const QStringList types = m_launcher.resourceTypesFor(integration);
    if (same) {
        // A refresh of the same integration: keep results and a running discovery; only
        // offer what the (possibly edited) integration supports now.
        QStringList offered;
        for (int i = 0; i < m_type->count(); ++i)
            offered.append(m_type->itemText(i));
        if (offered != types) {
            const QString current = m_type->currentText();
            m_type->clear();
            m_type->addItems(types);
            m_type->setCurrentIndex(std::max(0, int(types.indexOf(current))));
        }
    } else {
        dropRun();
        m_model->clear();
        m_filter->clear();
        m_pattern->clear();
        m_banner->clear();
        m_resourceType.clear();
        m_type->clear();
        m_type->addItems(types);
        setState(State::Idle);
    }
    const Result<void> usable = m_launcher.canConnect(integration);
    m_canDiscover = usable.ok() && !types.isEmpty();
    if (!usable)
        m_notice->setText(usable.error().message + QLatin1Char(' ') + usable.error().hint);
    else if (types.isEmpty())
        m_notice->setText(tr("%1 integrations hold nothing to discover: use Test connection or "
                             "Check now for “%2”.")
                              .arg(stella::toString(integration.type), integration.name));
    else
        m_notice->setText(
            tr("List the %1 “%2” can see.").arg(types.join(tr(" or ")), integration.name));
    // Muted when it is a caption; in the normal colour when it explains why nothing can be done.
    m_notice->setEnabled(!m_canDiscover);
    m_results->setVisible(m_canDiscover);
    updateControls();
    updateCount();
}

void DiscoverPane::clearIntegration()
{
    dropRun();
    m_integration = {};
    m_hasIntegration = false;
    m_canDiscover = false;
    m_model->clear();
    m_filter->clear();
    m_banner->clear();
    m_type->clear();
    m_resourceType.clear();
    m_notice->setText(tr("Select an integration to discover its resources."));
    m_notice->setEnabled(true);
    m_results->setVisible(false);
    setState(State::Idle);
}

void DiscoverPane::dropRun()
{
    // Silent: the results of a discovery nobody looks at any more are not worth a word.
    m_run.reset();
    if (m_state == State::Running)
        m_state = State::Cancelled;
}

ConnectorOperation *DiscoverPane::operation() const
{
    return m_run ? m_run->operation() : nullptr;
}

void DiscoverPane::start()
{
    if (!m_hasIntegration || !m_canDiscover || m_type->currentText().isEmpty())
        return;
    dropRun();
    m_model->clear();
    m_banner->clear();
    m_resourceType = m_type->currentText();
    auto connector = m_launcher.connectorFor(m_integration);
    if (!connector) {
        m_banner->showError(connector.error(), tr("Discovery could not start."));
        setState(State::Failed);
        Q_EMIT discoveryFinished(m_state);
        return;
    }
    const QString type = m_resourceType;
    const QString pattern = m_pattern->text().trimmed();
    m_run = std::make_unique<ConnectorRun>(std::move(connector).value(),
                                           [type, pattern](Connector &c, QObject *parent) {
                                               return c.discover(type, pattern, parent);
                                           });
    ConnectorOperation *op = m_run->operation();
    connect(op, &ConnectorOperation::pageReady, m_model, &DiscoveredResourceModel::appendPage);
    connect(op, &ConnectorOperation::finished, this, &DiscoverPane::onFinished);
    m_elapsedMs = 0;
    setState(State::Running);
    // A connector may refuse at once (an unsupported type, a bad endpoint) before we listened.
    if (op->isFinished())
        onFinished();
}

void DiscoverPane::cancel()
{
    // cancel() finishes synchronously: the pane shows Cancelled when this returns.
    if (m_run && isRunning())
        m_run->operation()->cancel();
}

void DiscoverPane::onFinished()
{
    const ConnectorOperation *op = m_run->operation();
    m_elapsedMs = op->elapsedMs();
    switch (op->outcome()) {
    case ConnectorOperation::Outcome::Succeeded:
        setState(State::Done);
        break;
    case ConnectorOperation::Outcome::Cancelled:
        setState(State::Cancelled);
        break;
    case ConnectorOperation::Outcome::Failed: {
        const QList<ConnectorStep> steps = op->steps();
        const ConnectorStep *failed = nullptr;
        for (const ConnectorStep &s : steps)
            if (s.state == ConnectorStep::State::Failed)
                failed = &s;
        m_banner->showError(
            op->error(),
            failed ? tr("Discovery of %1 failed at “%2”:").arg(m_resourceType, failed->title)
                   : tr("Discovery of %1 failed:").arg(m_resourceType));
        setState(State::Failed);
        break;
    }
    case ConnectorOperation::Outcome::Running:
        return;
    }
    Q_EMIT discoveryFinished(m_state);
}

void DiscoverPane::setState(State state)
{
    m_state = state;
    updateControls();
    updateCount();
}

void DiscoverPane::updateControls()
{
    const bool running = isRunning();
    const bool ready = m_hasIntegration && m_canDiscover;
    m_type->setEnabled(ready && !running);
    m_pattern->setEnabled(ready && !running);
    m_start->setEnabled(ready && !running);
    m_cancel->setEnabled(running);
    m_filter->setEnabled(m_model->totalCount() > 0 || running);
}

QString DiscoverPane::countText() const
{
    return m_count->text();
}

void DiscoverPane::updateCount()
{
    m_filter->setEnabled(m_model->totalCount() > 0 || isRunning());
    if (m_resourceType.isEmpty()) {
        m_count->clear();
        return;
    }
    const QLocale locale;
    const int total = m_model->totalCount();
    const int shown = m_model->rowCount();
    QString text =
        shown == total
            ? QStringLiteral("%1 %2").arg(locale.toString(total), noun(m_resourceType, total))
            : tr("%1 of %2 %3 shown")
                  .arg(locale.toString(shown), locale.toString(total), noun(m_resourceType, total));
    switch (m_state) {
    case State::Running:
        text += QStringLiteral("…");
        break;
    case State::Done:
        text += m_elapsedMs < 1000
                    ? tr(" in %L1 ms").arg(m_elapsedMs)
                    : tr(" in %1 s").arg(locale.toString(double(m_elapsedMs) / 1000.0, 'f', 1));
        break;
    case State::Cancelled:
        text += tr(" (cancelled)");
        break;
    case State::Failed:
        text += tr(" (incomplete)");
        break;
    case State::Idle:
        break;
    }
    m_count->setText(text);
}

} // namespace stella::ui
