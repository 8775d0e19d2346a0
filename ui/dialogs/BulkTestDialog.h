// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/connectors/ConnectorLauncher.h"
#include "core/model/Integration.h"

#include <QDialog>
#include <memory>
#include <vector>

class QLabel;
class QPushButton;
class QTimer;
class QTreeWidget;
class QTreeWidgetItem;

namespace stella::ui {

class ConnectorChecklistView;
class ConnectorStepModel;

// Test connection for several integrations at once (the Organise menu's "Test Selected"): one
// row per integration, streamed in as each test ends (icon and text, where it stopped and why,
// time), a summary "8 passed, 2 failed", and the checklist of the row selected below, the same
// ConnectorChecklistView the test dialog shows. A few tests run at a time (kParallel), the rest
// wait; Cancel aborts those in flight and leaves the waiting ones untested. A test reads and
// changes nothing, so prod needs no typed confirmation (docs/architecture.md).
//
// Widgets: bulkTestSummary, bulkTestResults (columns Integration, Result, Details, Time),
// stepsView, cancelButton, closeButton.
class BulkTestDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Outcome
    {
        Waiting,
        Running,
        Passed,
        Failed,
        Cancelled,
        Unavailable // no connector here (the sandbox, a provider without one): not tested
    };

    // Tests at once: enough to overlap slow endpoints, few enough not to flood one server.
    static constexpr int kParallel = 4;

    BulkTestDialog(const ConnectorLauncher &launcher, const QList<Integration> &integrations,
                   QWidget *parent = nullptr);
    ~BulkTestDialog() override;

    int count(Outcome outcome) const;
    bool isRunning() const;
    Outcome outcomeOf(int row) const;
    QString summaryText() const;
    QTreeWidget *results() const { return m_results; }

public Q_SLOTS:
    void start();
    void cancel();
    void reject() override;

Q_SIGNALS:
    // One integration's test ended (a row got its verdict).
    void integrationTested(const QUuid &id, stella::ui::BulkTestDialog::Outcome outcome);
    // A test reached a verdict (passed or failed) in elapsedMs: what the test-connection
    // histogram counts (docs/contracts.md §15), as for the single test dialog.
    void testMeasured(const QString &provider, qint64 elapsedMs);
    // Every test ended, or the rest was cancelled.
    void allFinished();

private:
    struct Entry;

    void build();
    void startNext();
    void launch(Entry &entry);
    void onStep(Entry &entry, const ConnectorStep &step);
    void onFinished(Entry &entry);
    void finish(Entry &entry, Outcome outcome, const QString &details, qint64 elapsedMs);
    void showRow(Entry &entry);
    void showSelectedSteps();
    void updateSummary();

    ConnectorLauncher m_launcher;
    std::vector<std::unique_ptr<Entry>> m_entries;
    size_t m_next = 0;
    int m_running = 0;
    bool m_started = false;
    bool m_cancelled = false;
    bool m_announcedEnd = false;

    ConnectorStepModel *m_shownSteps = nullptr;
    QTimer *m_ticker = nullptr;
    QLabel *m_summary = nullptr;
    QTreeWidget *m_results = nullptr;
    ConnectorChecklistView *m_steps = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_close = nullptr;
};

QString toString(BulkTestDialog::Outcome outcome);

} // namespace stella::ui
