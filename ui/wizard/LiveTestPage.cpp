// SPDX-License-Identifier: Apache-2.0
#include "LiveTestPage.h"

#include "ui/models/ConnectorStepModel.h"
#include "ui/views/ConnectorChecklistView.h"
#include "ui/wizard/OnboardingWizard.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace stella::ui {

LiveTestPage::LiveTestPage(OnboardingWizard &wizard)
    : m_wizard(wizard), m_steps(new ConnectorStepModel(this)), m_server(new QLabel(this)),
      m_result(new QLabel(this)), m_hint(new QLabel(this)),
      m_again(new QPushButton(tr("&Run again"), this))
{
    setObjectName(QStringLiteral("liveTestPage"));
    setTitle(tr("Live test"));
    setSubTitle(tr("Stella Ops connects as it will when monitoring: credential, reach, "
                   "identify, authenticate, permission."));
    auto *view = new ConnectorChecklistView(m_steps, this);
    m_server->setObjectName(QStringLiteral("testServerLabel"));
    m_result->setObjectName(QStringLiteral("testResultLabel"));
    m_hint->setObjectName(QStringLiteral("testHint"));
    for (QLabel *label : {m_server, m_result, m_hint}) {
        label->setTextFormat(Qt::PlainText);
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    QFont bold = m_result->font();
    bold.setBold(true);
    m_result->setFont(bold);
    m_again->setObjectName(QStringLiteral("runTestButton"));
    connect(m_again, &QPushButton::clicked, this, &LiveTestPage::start);

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_result, 1);
    bottom->addWidget(m_again, 0, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(view, 1);
    layout->addWidget(m_server);
    layout->addLayout(bottom);
    layout->addWidget(m_hint);
}

LiveTestPage::~LiveTestPage() = default;

void LiveTestPage::initializePage()
{
    start();
}

void LiveTestPage::cleanupPage()
{
    m_run.reset(); // Back: the answer would be for what is about to change
    m_steps->clear();
    m_state = State::NotStarted;
}

void LiveTestPage::start()
{
    m_run.reset();
    m_steps->clear();
    m_server->setText(tr("Server: not identified yet"));
    auto connector = m_wizard.services().launcher.connectorFor(m_wizard.draft());
    if (!connector) {
        m_server->clear();
        setResult(State::Unavailable, connector.error().message, connector.error().hint);
        Q_EMIT testFinished(m_state);
        return;
    }
    m_run = std::make_unique<ConnectorRun>(
        std::move(connector).value(),
        [](Connector &c, QObject *parent) { return c.testConnection(parent); });
    ConnectorOperation *op = m_run->operation();
    connect(op, &ConnectorOperation::stepChanged, this, [this](const ConnectorStep &step) {
        m_steps->applyStep(step);
        const ServerIdentity server = m_run->operation()->server();
        if (!server.product.isEmpty())
            m_server->setText(tr("Server: %1 %2").arg(server.product, server.version));
    });
    connect(op, &ConnectorOperation::finished, this, &LiveTestPage::onFinished);
    setResult(State::Running, tr("Testing…"));
    if (op->isFinished()) {
        for (const ConnectorStep &step : op->steps())
            m_steps->applyStep(step);
        onFinished();
    }
}

void LiveTestPage::onFinished()
{
    const ConnectorOperation *op = m_run->operation();
    const Error error = op->error();
    QString failedAt;
    for (const ConnectorStep &s : m_steps->steps())
        if (s.state == ConnectorStep::State::Failed)
            failedAt = s.title;
    switch (op->outcome()) {
    case ConnectorOperation::Outcome::Succeeded:
        setResult(State::Passed, tr("Passed."));
        break;
    case ConnectorOperation::Outcome::Failed:
        setResult(State::Failed,
                  failedAt.isEmpty() ? tr("Failed: %1").arg(error.message)
                                     : tr("Failed at “%1”: %2").arg(failedAt, error.message),
                  error.hint);
        break;
    case ConnectorOperation::Outcome::Cancelled:
        setResult(State::Cancelled, tr("Cancelled."));
        break;
    case ConnectorOperation::Outcome::Running:
        return;
    }
    if (m_server->text() == tr("Server: not identified yet"))
        m_server->setText(tr("Server: not identified"));
    Q_EMIT testFinished(m_state);
}

void LiveTestPage::setResult(State state, const QString &text, const QString &hint)
{
    m_state = state;
    m_result->setText(text);
    m_hint->setText(hint);
    m_hint->setVisible(!hint.isEmpty());
    m_again->setEnabled(state != State::Running && state != State::Unavailable);
}

QString LiveTestPage::resultText() const
{
    return m_hint->text().isEmpty() ? m_result->text()
                                    : m_result->text() + QLatin1Char('\n') + m_hint->text();
}

} // namespace stella::ui
