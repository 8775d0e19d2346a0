// SPDX-License-Identifier: Apache-2.0
#include "DiscoveryPreviewPage.h"

#include "ui/models/DiscoveredResourceModel.h"
#include "ui/wizard/OnboardingWizard.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace stella::ui {

DiscoveryPreviewPage::DiscoveryPreviewPage(OnboardingWizard &wizard)
    : m_wizard(wizard), m_model(new DiscoveredResourceModel(this)), m_count(new QLabel(this))
{
    setObjectName(QStringLiteral("discoveryPage"));
    setTitle(tr("What it holds"));
    auto *table = new QTableView(this);
    table->setObjectName(QStringLiteral("discoveryTable"));
    table->setModel(m_model);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    m_count->setObjectName(QStringLiteral("discoveryCountLabel"));
    m_count->setWordWrap(true);
    m_count->setTextFormat(Qt::PlainText);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(table, 1);
    layout->addWidget(m_count);
}

DiscoveryPreviewPage::~DiscoveryPreviewPage() = default;

void DiscoveryPreviewPage::initializePage()
{
    m_run.reset();
    m_model->clear();
    const Integration draft = m_wizard.draft();
    const QStringList types = m_wizard.services().launcher.resourceTypesFor(draft);
    m_type = types.value(0);
    setSubTitle(tr("The first page of %1, as the Discover tab will list them.").arg(m_type));
    auto connector = m_wizard.services().launcher.connectorFor(draft);
    if (!connector || m_type.isEmpty()) {
        finish(State::Failed, connector ? tr("Nothing to discover.") : connector.error().message);
        return;
    }
    const QString type = m_type;
    m_run = std::make_unique<ConnectorRun>(
        std::move(connector).value(),
        [type](Connector &c, QObject *parent) { return c.discover(type, QString(), parent); });
    ConnectorOperation *op = m_run->operation();
    m_state = State::Running;
    m_count->setText(tr("Listing %1…").arg(m_type));
    connect(op, &ConnectorOperation::pageReady, this,
            [this](const QList<DiscoveredResource> &page) {
                if (m_state != State::Running)
                    return;
                m_model->appendPage(page);
                // One page is the preview; the rest would only cost the server requests.
                // Dropped later: this runs inside the operation's own signal.
                m_run->operation()->blockSignals(true);
                m_run.release()->deleteLater();
                finish(State::FirstPage,
                       tr("First page: %1 %2. The Discover tab lists them all once saved.")
                           .arg(m_model->totalCount())
                           .arg(m_type));
            });
    connect(op, &ConnectorOperation::finished, this, [this] {
        if (m_state != State::Running || !m_run)
            return;
        const ConnectorOperation *done = m_run->operation();
        if (done->outcome() == ConnectorOperation::Outcome::Succeeded)
            finish(m_model->totalCount() > 0 ? State::FirstPage : State::Empty,
                   m_model->totalCount() > 0
                       ? tr("%1 %2.").arg(m_model->totalCount()).arg(m_type)
                       : tr("No %1 found yet: the credential may see none.").arg(m_type));
        else
            finish(State::Failed,
                   tr("Discovery of %1 failed: %2").arg(m_type, done->error().message));
    });
    if (op->isFinished())
        finish(op->outcome() == ConnectorOperation::Outcome::Succeeded ? State::Empty
                                                                       : State::Failed,
               op->error().message);
}

void DiscoveryPreviewPage::cleanupPage()
{
    m_run.reset();
    m_state = State::NotStarted;
}

void DiscoveryPreviewPage::finish(State state, const QString &text)
{
    m_state = state;
    m_count->setText(text);
    Q_EMIT previewFinished(state);
}

QString DiscoveryPreviewPage::countText() const
{
    return m_count->text();
}

} // namespace stella::ui
