// SPDX-License-Identifier: Apache-2.0
#include "BulkTestDialog.h"

#include "ui/common/StatusText.h"
#include "ui/models/ConnectorStepModel.h"
#include "ui/views/ConnectorChecklistView.h"
#include "ui/views/StatusIcon.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QStyle>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace stella::ui {

namespace {
enum Column
{
    NameColumn,
    ResultColumn,
    DetailsColumn,
    TimeColumn,
};

} // namespace

struct BulkTestDialog::Entry
{
    Integration integration;
    QTreeWidgetItem *item = nullptr;
    // The steps as they came, kept per integration so that selecting a row shows its own.
    ConnectorStepModel *steps = nullptr;
    std::unique_ptr<ConnectorRun> run;
    Outcome outcome = Outcome::Waiting;
    bool warned = false; // passed, with a step's warning
};

QString toString(BulkTestDialog::Outcome outcome)
{
    switch (outcome) {
    case BulkTestDialog::Outcome::Waiting:
        return BulkTestDialog::tr("Waiting");
    case BulkTestDialog::Outcome::Running:
        return BulkTestDialog::tr("Testing…");
    case BulkTestDialog::Outcome::Passed:
        return BulkTestDialog::tr("Passed");
    case BulkTestDialog::Outcome::Failed:
        return BulkTestDialog::tr("Failed");
    case BulkTestDialog::Outcome::Cancelled:
        return BulkTestDialog::tr("Cancelled");
    case BulkTestDialog::Outcome::Unavailable:
        return BulkTestDialog::tr("Not tested");
    }
    return {};
}

BulkTestDialog::BulkTestDialog(const ConnectorLauncher &launcher,
                               const QList<Integration> &integrations, QWidget *parent)
    : QDialog(parent), m_launcher(launcher), m_shownSteps(new ConnectorStepModel(this)),
      m_ticker(new QTimer(this))
{
    setObjectName(QStringLiteral("bulkTestDialog"));
    setWindowTitle(tr("Test %n integration(s)", nullptr, int(integrations.size())));
    setModal(false);
    m_ticker->setInterval(100);
    connect(m_ticker, &QTimer::timeout, m_shownSteps, &ConnectorStepModel::tick);
    build();
    for (const Integration &i : integrations) {
        auto entry = std::make_unique<Entry>();
        entry->integration = i;
        entry->steps = new ConnectorStepModel(this);
        entry->item = new QTreeWidgetItem(m_results);
        entry->item->setText(NameColumn, i.name);
        entry->item->setToolTip(NameColumn, i.endpoint);
        m_entries.push_back(std::move(entry));
    }
    for (auto &entry : m_entries)
        showRow(*entry);
    if (m_results->topLevelItemCount() > 0)
        m_results->setCurrentItem(m_results->topLevelItem(0));
    updateSummary();
}

BulkTestDialog::~BulkTestDialog() = default;

void BulkTestDialog::build()
{
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("bulkTestSummary"));
    m_summary->setTextFormat(Qt::PlainText);
    QFont bold = m_summary->font();
    bold.setBold(true);
    m_summary->setFont(bold);

    m_results = new QTreeWidget(this);
    m_results->setObjectName(QStringLiteral("bulkTestResults"));
    m_results->setAccessibleName(tr("Test results"));
    m_results->setRootIsDecorated(false);
    m_results->setUniformRowHeights(true);
    m_results->setAlternatingRowColors(true);
    m_results->setTabKeyNavigation(false);
    m_results->setHeaderLabels({tr("Integration"), tr("Result"), tr("Details"), tr("Time")});
    m_results->header()->setStretchLastSection(false);
    m_results->header()->setSectionResizeMode(DetailsColumn, QHeaderView::Stretch);
    m_results->setColumnWidth(NameColumn, fontMetrics().horizontalAdvance(QLatin1Char('x')) * 28);
    m_results->setColumnWidth(ResultColumn,
                              fontMetrics().horizontalAdvance(QLatin1Char('x')) * 16 + 24);
    connect(m_results, &QTreeWidget::currentItemChanged, this, &BulkTestDialog::showSelectedSteps);

    m_steps = new ConnectorChecklistView(m_shownSteps, this);
    m_steps->setAccessibleName(tr("Steps of the selected integration's test"));

    auto *split = new QSplitter(Qt::Vertical, this);
    split->setChildrenCollapsible(false);
    split->addWidget(m_results);
    split->addWidget(m_steps);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 1);

    auto *buttons = new QDialogButtonBox(this);
    m_cancel = buttons->addButton(tr("C&ancel Tests"), QDialogButtonBox::ActionRole);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setToolTip(tr("Abort the tests in flight; those still waiting are not started"));
    m_close = buttons->addButton(QDialogButtonBox::Close);
    m_close->setObjectName(QStringLiteral("closeButton"));
    connect(m_cancel, &QPushButton::clicked, this, &BulkTestDialog::cancel);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);
    layout->addWidget(buttons);
    resize(820, 520);
}

int BulkTestDialog::count(Outcome outcome) const
{
    int n = 0;
    for (const auto &entry : m_entries)
        n += entry->outcome == outcome ? 1 : 0;
    return n;
}

BulkTestDialog::Outcome BulkTestDialog::outcomeOf(int row) const
{
    return m_entries.at(size_t(row))->outcome;
}

bool BulkTestDialog::isRunning() const
{
    return m_started && !m_announcedEnd;
}

void BulkTestDialog::start()
{
    if (m_started)
        return;
    m_started = true;
    m_ticker->start();
    startNext();
}

void BulkTestDialog::startNext()
{
    while (!m_cancelled && m_running < kParallel && m_next < m_entries.size())
        launch(*m_entries[m_next++]);
    updateSummary();
    if (m_running == 0 && (m_cancelled || m_next >= m_entries.size()) && !m_announcedEnd) {
        m_announcedEnd = true;
        m_ticker->stop();
        Q_EMIT allFinished();
    }
}

void BulkTestDialog::launch(Entry &entry)
{
    auto connector = m_launcher.connectorFor(entry.integration);
    if (!connector) {
        const Error error = connector.error();
        finish(entry, Outcome::Unavailable, error.message, -1);
        return;
    }
    entry.outcome = Outcome::Running;
    ++m_running;
    entry.run = std::make_unique<ConnectorRun>(
        std::move(connector).value(),
        [](Connector &c, QObject *parent) { return c.testConnection(parent); });
    ConnectorOperation *op = entry.run->operation();
    connect(op, &ConnectorOperation::stepChanged, this,
            [this, &entry](const ConnectorStep &step) { onStep(entry, step); });
    connect(op, &ConnectorOperation::finished, this, [this, &entry] { onFinished(entry); });
    showRow(entry);
    // A connector may refuse at once (an endpoint without a scheme) before anyone listened.
    if (op->isFinished()) {
        for (const ConnectorStep &step : op->steps())
            onStep(entry, step);
        onFinished(entry);
    }
}

void BulkTestDialog::onStep(Entry &entry, const ConnectorStep &step)
{
    entry.steps->applyStep(step);
    if (m_results->currentItem() == entry.item)
        m_shownSteps->applyStep(step);
    if (step.state == ConnectorStep::State::Running)
        entry.item->setText(DetailsColumn, step.title);
}

void BulkTestDialog::onFinished(Entry &entry)
{
    if (entry.outcome != Outcome::Running)
        return; // already counted (a refusal at once reports twice)
    const ConnectorOperation *op = entry.run->operation();
    const qint64 elapsed = op->elapsedMs();
    const ConnectorStep *at = stoppingStep(entry.steps->steps());
    --m_running;
    switch (op->outcome()) {
    case ConnectorOperation::Outcome::Succeeded: {
        for (const ConnectorStep &s : entry.steps->steps())
            entry.warned = entry.warned || s.state == ConnectorStep::State::Warning;
        const ServerIdentity server = op->server();
        QString details = server.product.isEmpty()
                              ? QString()
                              : tr("%1 %2").arg(server.product, server.version).trimmed();
        if (entry.warned)
            details =
                details.isEmpty() ? tr("with warnings") : tr("%1, with warnings").arg(details);
        finish(entry, Outcome::Passed, details, elapsed);
        break;
    }
    case ConnectorOperation::Outcome::Failed:
        finish(entry, Outcome::Failed,
               at ? tr("%1: %2").arg(at->title, op->error().message) : op->error().message,
               elapsed);
        break;
    case ConnectorOperation::Outcome::Cancelled:
        finish(entry, Outcome::Cancelled, at ? tr("during “%1”").arg(at->title) : QString(),
               elapsed);
        break;
    case ConnectorOperation::Outcome::Running:
        ++m_running;
        return;
    }
    // Later, not inside the operation's own signal: the run owns the operation emitting it.
    QTimer::singleShot(0, this, [this] { startNext(); });
}

void BulkTestDialog::finish(Entry &entry, Outcome outcome, const QString &details, qint64 elapsedMs)
{
    entry.outcome = outcome;
    entry.item->setText(DetailsColumn, details);
    entry.item->setToolTip(DetailsColumn, details);
    if (elapsedMs >= 0)
        entry.item->setText(TimeColumn, millisecondsText(elapsedMs));
    showRow(entry);
    updateSummary();
    // A cancelled run measured the operator's patience, one not started measured nothing.
    if (outcome == Outcome::Passed || outcome == Outcome::Failed)
        Q_EMIT testMeasured(entry.integration.provider, elapsedMs);
    Q_EMIT integrationTested(entry.integration.id, outcome);
}

void BulkTestDialog::showRow(Entry &entry)
{
    QIcon icon;
    switch (entry.outcome) {
    case Outcome::Waiting:
    case Outcome::Cancelled:
        icon = StatusIcon::icon(HealthStatus::Unknown);
        break;
    case Outcome::Running:
        icon = StatusIcon::icon(ConnectorStep::State::Running);
        break;
    case Outcome::Passed:
        icon = StatusIcon::icon(entry.warned ? HealthStatus::Degraded : HealthStatus::Healthy);
        break;
    case Outcome::Failed:
        icon = StatusIcon::icon(HealthStatus::Unhealthy);
        break;
    case Outcome::Unavailable:
        icon = style()->standardIcon(QStyle::SP_MessageBoxInformation);
        break;
    }
    // Icon and text: the verdict is never told by colour alone.
    entry.item->setIcon(ResultColumn, icon);
    entry.item->setText(ResultColumn, toString(entry.outcome));
}

void BulkTestDialog::showSelectedSteps()
{
    m_shownSteps->clear();
    for (const auto &entry : m_entries)
        if (entry->item == m_results->currentItem())
            for (const ConnectorStep &step : entry->steps->steps())
                m_shownSteps->applyStep(step);
}

void BulkTestDialog::cancel()
{
    if (m_cancelled)
        return;
    m_cancelled = true;
    // cancel() finishes an operation synchronously; each one's onFinished() counts it.
    for (auto &entry : m_entries)
        if (entry->outcome == Outcome::Running && entry->run)
            entry->run->operation()->cancel();
    for (; m_next < m_entries.size(); ++m_next)
        finish(*m_entries[m_next], Outcome::Cancelled, tr("not started"), -1);
    startNext();
}

void BulkTestDialog::reject()
{
    // Closing stops the tests: nobody is left to read their results.
    cancel();
    QDialog::reject();
}

QString BulkTestDialog::summaryText() const
{
    const int passed = count(Outcome::Passed);
    const int failed = count(Outcome::Failed);
    const int toGo = count(Outcome::Waiting) + count(Outcome::Running);
    QStringList parts{tr("%n passed", nullptr, passed), tr("%n failed", nullptr, failed)};
    if (const int n = count(Outcome::Unavailable); n > 0)
        parts.append(tr("%n not tested", nullptr, n));
    if (const int n = count(Outcome::Cancelled); n > 0)
        parts.append(tr("%n cancelled", nullptr, n));
    if (toGo > 0)
        parts.append(tr("%n to go", nullptr, toGo));
    return parts.join(QStringLiteral(", "));
}

void BulkTestDialog::updateSummary()
{
    m_summary->setText(summaryText());
    const bool running = m_running > 0;
    m_cancel->setEnabled(running);
}

} // namespace stella::ui
