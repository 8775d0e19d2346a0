// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/connectors/ConnectorLauncher.h"
#include "ui/dialogs/TestConnectionDialog.h"

#include <QWizardPage>
#include <memory>

class QLabel;
class QPushButton;

namespace stella::ui {

class ConnectorStepModel;
class OnboardingWizard;

// The live test, inline: the test dialog's checklist (ConnectorChecklistView over a
// ConnectorStepModel) filled as the connector reports each step, the server it identified
// and one result line with what to do about a failure. It starts when the page is shown and
// again with Run again; Back stops it. A failed test does not stop the wizard: saving asks.
//
// Widgets: stepsView, testServerLabel, testResultLabel, testHint, runTestButton.
class LiveTestPage : public QWizardPage
{
    Q_OBJECT

public:
    using State = TestConnectionDialog::State;

    explicit LiveTestPage(OnboardingWizard &wizard);
    ~LiveTestPage() override;

    void initializePage() override;
    void cleanupPage() override;

    State state() const { return m_state; }
    ConnectorStepModel *stepModel() const { return m_steps; }
    QString resultText() const;

public Q_SLOTS:
    void start();

Q_SIGNALS:
    void testFinished(stella::ui::TestConnectionDialog::State state);

private:
    void onFinished();
    void setResult(State state, const QString &text, const QString &hint = {});

    OnboardingWizard &m_wizard;
    std::unique_ptr<ConnectorRun> m_run;
    State m_state = State::NotStarted;
    ConnectorStepModel *m_steps;
    QLabel *m_server;
    QLabel *m_result;
    QLabel *m_hint;
    QPushButton *m_again;
};

} // namespace stella::ui
