// SPDX-License-Identifier: Apache-2.0
#include "TestConnectionDialog.h"

#include "core/common/Clock.h"
#include "core/common/LogRedaction.h"
#include "ui/common/StatusText.h"
#include "ui/common/TlsWarning.h"
#include "ui/models/ConnectorStepModel.h"
#include "ui/views/ConnectorChecklistView.h"
#include "ui/views/MessageWidget.h"
#include "ui/views/StatusIcon.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>

namespace stella::ui {

QString toString(TestConnectionDialog::State state)
{
    using S = TestConnectionDialog::State;
    switch (state) {
    case S::NotStarted:
        return QStringLiteral("not started");
    case S::Running:
        return QStringLiteral("running");
    case S::Passed:
        return QStringLiteral("passed");
    case S::Failed:
        return QStringLiteral("failed");
    case S::Cancelled:
        return QStringLiteral("cancelled");
    case S::Unavailable:
        return QStringLiteral("unavailable");
    }
    return {};
}

TestConnectionDialog::TestConnectionDialog(const ConnectorLauncher &launcher,
                                           const Integration &integration, QWidget *parent)
    : QDialog(parent), m_launcher(launcher), m_integration(integration),
      m_steps(new ConnectorStepModel(this)), m_ticker(new QTimer(this))
{
    setObjectName(QStringLiteral("testConnectionDialog"));
    setWindowTitle(tr("Test connection — %1").arg(integration.name));
    setModal(false);
    // Long enough to see a slow step count up, short enough to cost nothing.
    m_ticker->setInterval(100);
    connect(m_ticker, &QTimer::timeout, m_steps, &ConnectorStepModel::tick);
    build();
}

TestConnectionDialog::~TestConnectionDialog() = default;

void TestConnectionDialog::build()
{
    m_title = new QLabel(tr("Test connection to “%1”").arg(m_integration.name), this);
    m_title->setObjectName(QStringLiteral("testTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextFormat(Qt::PlainText);

    m_subtitle = new QLabel(this);
    m_subtitle->setObjectName(QStringLiteral("testSubtitle"));
    m_subtitle->setTextFormat(Qt::PlainText);
    m_subtitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subtitle->setText(
        QStringLiteral("%1 · %2 · %3")
            .arg(m_integration.provider, stella::toString(m_integration.type),
                 m_integration.endpoint.isEmpty() ? tr("no endpoint") : m_integration.endpoint));
    m_subtitle->setEnabled(false); // the palette's muted text colour

    m_warning = new MessageWidget(MessageWidget::Kind::Warning, this);
    m_warning->setObjectName(QStringLiteral("warningBanner"));
    if (skipsTlsVerification(m_integration))
        showInsecureTlsWarning(*m_warning);

    m_view = new ConnectorChecklistView(m_steps, this);

    m_server = new QLabel(this);
    m_server->setObjectName(QStringLiteral("serverLabel"));
    m_server->setTextFormat(Qt::PlainText);
    m_server->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_resultIcon = new QLabel(this);
    m_resultIcon->setObjectName(QStringLiteral("resultIcon"));
    m_resultIcon->setAlignment(Qt::AlignTop);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("resultLabel"));
    m_result->setTextFormat(Qt::PlainText);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont resultFont = m_result->font();
    resultFont.setBold(true);
    m_result->setFont(resultFont);
    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("resultHint"));
    m_hint->setTextFormat(Qt::PlainText);
    m_hint->setWordWrap(true);
    m_hint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_hint->hide();
    auto *resultText = new QVBoxLayout;
    resultText->setSpacing(2);
    resultText->addWidget(m_result);
    resultText->addWidget(m_hint);
    auto *resultRow = new QHBoxLayout;
    resultRow->addWidget(m_resultIcon, 0, Qt::AlignTop);
    resultRow->addLayout(resultText, 1);

    auto *buttons = new QDialogButtonBox(this);
    m_copy = buttons->addButton(tr("&Copy report"), QDialogButtonBox::ActionRole);
    m_copy->setObjectName(QStringLiteral("copyReportButton"));
    m_copy->setToolTip(tr("Copy every step with its timing as plain text (no secrets)"));
    m_again = buttons->addButton(tr("&Run again"), QDialogButtonBox::ActionRole);
    m_again->setObjectName(QStringLiteral("runAgainButton"));
    m_cancel = buttons->addButton(tr("C&ancel test"), QDialogButtonBox::ActionRole);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setToolTip(tr("Abort the requests in flight"));
    m_close = buttons->addButton(QDialogButtonBox::Close);
    m_close->setObjectName(QStringLiteral("closeButton"));
    connect(m_copy, &QPushButton::clicked, this, &TestConnectionDialog::copyReport);
    connect(m_again, &QPushButton::clicked, this, &TestConnectionDialog::start);
    connect(m_cancel, &QPushButton::clicked, this, &TestConnectionDialog::cancel);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(14, 12, 14, 12);
    layout->addWidget(m_title);
    layout->addWidget(m_subtitle);
    layout->addSpacing(4);
    layout->addWidget(m_warning);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_server);
    layout->addLayout(resultRow);
    layout->addSpacing(4);
    layout->addWidget(buttons);
    resize(780, 380);
    updateButtons();
}

void TestConnectionDialog::start()
{
    m_run.reset(); // a previous run, if any, stops here without a word
    m_copy->setText(tr("&Copy report"));
    m_steps->clear();
    m_error = {};
    m_elapsedMs = 0;
    m_startedAt = m_launcher.clock().now();
    m_server->setText(tr("Server: not identified yet"));

    auto connector = m_launcher.connectorFor(m_integration);
    if (!connector) {
        m_error = connector.error();
        m_server->setText(QString());
        setState(State::Unavailable, m_error.message, m_error.hint);
        Q_EMIT testFinished(m_state);
        return;
    }
    m_run = std::make_unique<ConnectorRun>(
        std::move(connector).value(),
        [](Connector &c, QObject *parent) { return c.testConnection(parent); });
    ConnectorOperation *op = m_run->operation();
    connect(op, &ConnectorOperation::stepChanged, this, &TestConnectionDialog::onStep);
    connect(op, &ConnectorOperation::finished, this, &TestConnectionDialog::onFinished);
    setState(State::Running, tr("Testing…"));
    m_ticker->start();
    // A connector may refuse at once (an endpoint without a scheme) before anyone listened.
    if (op->isFinished()) {
        for (const ConnectorStep &step : op->steps())
            m_steps->applyStep(step);
        onFinished();
    }
}

void TestConnectionDialog::cancel()
{
    // cancel() finishes the operation synchronously: onFinished() has run when this returns.
    if (m_run && isRunning())
        m_run->operation()->cancel();
}

void TestConnectionDialog::reject()
{
    cancel();
    QDialog::reject();
}

void TestConnectionDialog::onStep(const ConnectorStep &step)
{
    m_steps->applyStep(step);
    m_view->scrollToBottom();
    const ServerIdentity server = m_run->operation()->server();
    if (!server.product.isEmpty())
        m_server->setText(tr("Server: %1 %2").arg(server.product, server.version));
    if (step.state == ConnectorStep::State::Running)
        m_result->setText(tr("Testing: %1…").arg(step.title));
}

void TestConnectionDialog::onFinished()
{
    m_ticker->stop();
    const ConnectorOperation *op = m_run->operation();
    m_elapsedMs = op->elapsedMs();
    m_error = op->error();
    const ConnectorStep *at = stoppingStep(m_steps->steps());
    switch (op->outcome()) {
    case ConnectorOperation::Outcome::Succeeded: {
        bool warned = false;
        for (const ConnectorStep &s : m_steps->steps())
            warned = warned || s.state == ConnectorStep::State::Warning;
        setState(State::Passed,
                 warned ? tr("Passed with warnings in %1.").arg(millisecondsText(m_elapsedMs))
                        : tr("Passed in %1.").arg(millisecondsText(m_elapsedMs)));
        break;
    }
    case ConnectorOperation::Outcome::Failed: {
        QString text =
            at ? tr("Failed at “%1” after %2: %3")
                     .arg(at->title, millisecondsText(m_elapsedMs), m_error.message)
               : tr("Failed after %1: %2").arg(millisecondsText(m_elapsedMs), m_error.message);
        setState(State::Failed, text, m_error.hint);
        break;
    }
    case ConnectorOperation::Outcome::Cancelled:
        setState(State::Cancelled,
                 at ? tr("Cancelled after %1, during “%2”.")
                          .arg(millisecondsText(m_elapsedMs), at->title)
                    : tr("Cancelled after %1.").arg(millisecondsText(m_elapsedMs)));
        break;
    case ConnectorOperation::Outcome::Running:
        return;
    }
    if (m_server->text() == tr("Server: not identified yet"))
        m_server->setText(tr("Server: not identified"));
    Q_EMIT testFinished(m_state);
}

void TestConnectionDialog::setState(State state, const QString &text, const QString &hint)
{
    m_state = state;
    m_result->setText(text);
    m_hint->setText(hint);
    m_hint->setVisible(!hint.isEmpty());
    QIcon icon;
    switch (state) {
    case State::Running:
        icon = StatusIcon::icon(ConnectorStep::State::Running);
        break;
    case State::Passed: {
        bool warned = false;
        for (const ConnectorStep &s : m_steps->steps())
            warned = warned || s.state == ConnectorStep::State::Warning;
        icon = StatusIcon::icon(warned ? HealthStatus::Degraded : HealthStatus::Healthy);
        break;
    }
    case State::Failed:
        icon = StatusIcon::icon(HealthStatus::Unhealthy);
        break;
    case State::Cancelled:
    case State::NotStarted:
        icon = StatusIcon::icon(HealthStatus::Unknown);
        break;
    case State::Unavailable:
        icon = style()->standardIcon(QStyle::SP_MessageBoxInformation);
        break;
    }
    m_resultIcon->setPixmap(icon.pixmap(20, 20));
    m_view->setVisible(state != State::Unavailable);
    updateButtons();
}

void TestConnectionDialog::updateButtons()
{
    const bool running = isRunning();
    m_cancel->setEnabled(running);
    m_again->setEnabled(!running && m_state != State::Unavailable);
    m_copy->setEnabled(m_state != State::NotStarted);
    // Enter must not restart a test by accident while one is running.
    (running ? m_cancel : m_close)->setDefault(true);
}

QString TestConnectionDialog::resultText() const
{
    return m_hint->text().isEmpty() ? m_result->text()
                                    : m_result->text() + QLatin1Char('\n') + m_hint->text();
}

QString TestConnectionDialog::serverText() const
{
    return m_server->text();
}

QString TestConnectionDialog::report() const
{
    QStringList lines;
    lines << tr("Stella Ops connection test: %1").arg(m_integration.name)
          << tr("Integration id: %1").arg(m_integration.idString())
          << tr("Provider: %1 · Type: %2 · Endpoint: %3")
                 .arg(m_integration.provider, stella::toString(m_integration.type),
                      m_integration.endpoint.isEmpty() ? tr("none") : m_integration.endpoint);
    if (skipsTlsVerification(m_integration))
        lines << tr("TLS verification: OFF (insecureSkipTlsVerify)");
    if (m_startedAt.isValid())
        lines << tr("Started: %1").arg(formatUtc(m_startedAt));
    if (!m_server->text().isEmpty())
        lines << m_server->text();
    lines << QString() << tr("Steps:");
    if (m_steps->steps().empty())
        lines << tr("  (none)");
    for (const ConnectorStep &step : m_steps->steps())
        lines << QStringLiteral("  ") + ConnectorStepModel::stepLine(step);
    lines << QString()
          << tr("Result: %1").arg(resultText().replace(QLatin1Char('\n'), QStringLiteral(" — ")));
    // Step messages come from connectors, which never put secrets in them; redacting anyway
    // keeps a report pasted into a ticket safe even if one day a server echoes a token.
    return redactSecrets(lines.join(QLatin1Char('\n'))) + QLatin1Char('\n');
}

void TestConnectionDialog::copyReport()
{
    QGuiApplication::clipboard()->setText(report());
    // Said on the button itself: a copy gave no sign it had happened (issue #13 item 9).
    m_copy->setText(tr("&Copied to the clipboard"));
}

} // namespace stella::ui
