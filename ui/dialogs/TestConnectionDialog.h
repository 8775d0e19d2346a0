// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/connectors/ConnectorLauncher.h"
#include "core/model/Integration.h"

#include <QDateTime>
#include <QDialog>
#include <memory>

class QLabel;
class QPushButton;
class QTableView;
class QTimer;

namespace stella::ui {

class ConnectorStepModel;
class MessageWidget;

// The live test-connection dialog. Non-modal, so the operator can keep working (and test
// several integrations side by side). The staged checklist fills in as the connector reports
// each step, with its verdict, message and time; the server's product and version appear once
// identified; one result line says how it ended. Cancel aborts the requests in flight and the
// dialog says "Cancelled" at once; Run again starts over; Copy report puts a plain-text report
// (steps and timings, never a secret) on the clipboard. An integration whose provider has no
// connector in this build gets that explanation instead of a checklist.
//
// Widgets: testTitle, testSubtitle, warningBanner (insecureSkipTlsVerify), stepsView,
// serverLabel, resultIcon, resultLabel, resultHint, copyReportButton, runAgainButton, cancelButton,
// closeButton.
class TestConnectionDialog : public QDialog
{
    Q_OBJECT

public:
    enum class State
    {
        NotStarted,
        Running,
        Passed,
        Failed,
        Cancelled,
        Unavailable
    };

    TestConnectionDialog(const ConnectorLauncher &launcher, const Integration &integration,
                         QWidget *parent = nullptr);
    ~TestConnectionDialog() override;

    QUuid integrationId() const { return m_integration.id; }
    const Integration &integration() const { return m_integration; }
    State state() const { return m_state; }
    // How long the last run took, as the connector timed it (0 before the first ends).
    qint64 elapsedMs() const { return m_elapsedMs; }
    bool isRunning() const { return m_state == State::Running; }
    ConnectorStepModel *stepModel() const { return m_steps; }
    // The result line, and on the next line what to do about a failure.
    QString resultText() const;
    QString serverText() const;
    // The plain-text report "Copy report" puts on the clipboard.
    QString report() const;

public Q_SLOTS:
    // Starts the test (again): the previous run, if any, is dropped.
    void start();
    // Aborts the requests in flight; the dialog shows Cancelled at once.
    void cancel();
    void copyReport();
    // Closing stops a running test: nobody is left to read its result.
    void reject() override;

Q_SIGNALS:
    // The test has ended (passed, failed, cancelled, or could not start).
    void testFinished(stella::ui::TestConnectionDialog::State state);

private:
    void build();
    void onStep(const ConnectorStep &step);
    void onFinished();
    void setState(State state, const QString &text, const QString &hint = {});
    void updateButtons();

    ConnectorLauncher m_launcher;
    Integration m_integration;
    std::unique_ptr<ConnectorRun> m_run;
    State m_state = State::NotStarted;
    QDateTime m_startedAt;
    qint64 m_elapsedMs = 0;
    Error m_error;

    ConnectorStepModel *m_steps;
    QTimer *m_ticker;
    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    MessageWidget *m_warning = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_server = nullptr;
    QLabel *m_resultIcon = nullptr;
    QLabel *m_result = nullptr;
    QLabel *m_hint = nullptr; // what to do, under a failure
    QPushButton *m_copy = nullptr;
    QPushButton *m_again = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_close = nullptr;
};

QString toString(TestConnectionDialog::State state);

} // namespace stella::ui
