// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "GuardExport.h"
#include "guard/GuardBaseline.h"
#include "guard/GuardScanJob.h"

#include <QMainWindow>
#include <optional>

class QAction;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QTableView;

namespace stella::ui {

class GuardAllowDialog;
class GuardCodeView;
class GuardConfigEditor;
class GuardFindingFilter;
class GuardFindingModel;
class MessageWidget;

// The AI Code Guard screen (Ctrl+G in the console): the folders and files to scan (chosen or
// dropped), the findings table with filter and counts, the code view of the selected finding,
// and the config editor whose Apply re-runs the scan on the same files. Scans run on a
// GuardScanJob, so the window never waits; a scan that fails or is cancelled, or a config that
// does not load, leaves the previous results on screen with the reason. Export writes the
// report `guard run` writes for the same files and config.
//
// Object names (tests, accessibility): guardRoots, guardFilter, guardFindings, guardCounts,
// guardStatus, guardProgress, guardMessage, guardCodeView, guardConfigEditor, and the actions
// actionGuardAddFolder, actionGuardAddFiles, actionGuardScan, actionGuardCancel,
// actionGuardNext, actionGuardPrevious, actionGuardAllow, actionGuardExport{Text,Json,Sarif}.
class GuardWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit GuardWindow(QWidget *parent = nullptr);
    ~GuardWindow() override;

    QStringList roots() const { return m_roots; }
    void setRoots(const QStringList &roots);
    void addRoots(const QStringList &paths);

    // Starts a scan of the roots with the editor's config; false (with the reason shown) when
    // it cannot start. The previous results stay until the new scan succeeds.
    bool scan();
    void cancelScan();
    bool isScanning() const { return m_job.isRunning(); }

    // The last complete scan, and the config it ran with: what Export writes.
    const std::optional<guard::ScanResult> &lastResult() const { return m_lastResult; }
    const guard::GuardConfig &lastConfig() const { return m_lastConfig; }

    // A baseline (a `guard baseline create` report, guard/GuardBaseline) hides the findings it
    // holds, as `guard run --baseline` leaves them out. A file that is not one is refused and
    // the baseline loaded before stays.
    Result<void> loadBaseline(const QString &path);
    void clearBaseline();
    // The last scan as a baseline; refused while there is none or it was cut at maxFindings.
    Result<void> saveBaseline(const QString &path) const;
    qsizetype baselineSize() const { return m_baseline ? m_baseline->size() : 0; }
    Result<void> exportReport(const QString &path, GuardReportFormat format) const;

    // Allow… on the current finding: the dialog (open, not exec, so tests can drive it).
    GuardAllowDialog *allowCurrent();

    void selectNextFinding(int step); // F8 / Shift+F8: wraps around

    GuardConfigEditor *configEditor() const { return m_editor; }
    GuardCodeView *codeView() const { return m_code; }
    GuardFindingModel *findingModel() const { return m_model; }
    GuardFindingFilter *findingFilter() const { return m_filter; }
    QTableView *findingTable() const { return m_table; }
    MessageWidget *message() const { return m_message; }
    QString statusText() const;

Q_SIGNALS:
    // A scan ended: finished (true) or failed or was cancelled (false).
    void scanEnded(bool ok);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void buildActions();
    void buildLayout();
    void chooseFolder();
    void chooseFiles();
    void chooseExport(GuardReportFormat format);
    void chooseBaseline();
    void chooseBaselineTarget();
    void onProgress(const guard::ScanProgress &progress);
    void onFindings(const QList<guard::Finding> &findings);
    void onFinished(const guard::ScanResult &result);
    void onFailed(const Error &error);
    void onApplied(const guard::GuardConfig &config);
    void showCurrentFinding();
    void applyAllow(GuardAllowDialog *dialog);
    void updateCounts();
    void updateActions();
    QString relativeToRoot(const QString &path) const;
    static QString describe(const guard::ScanResult &result);

    guard::GuardScanJob m_job;
    QStringList m_roots;
    std::optional<guard::ScanResult> m_lastResult;
    std::optional<guard::GuardBaseline> m_baseline;
    guard::GuardConfig m_lastConfig;
    guard::GuardConfig m_runningConfig;
    QStringList m_runningRoots;
    bool m_rescanWhenCancelled = false;

    GuardFindingModel *m_model;
    GuardFindingFilter *m_filter;
    QListWidget *m_rootList = nullptr;
    QLineEdit *m_filterEdit = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_counts = nullptr;
    QLabel *m_status = nullptr;
    QProgressBar *m_progress = nullptr;
    MessageWidget *m_message = nullptr;
    GuardCodeView *m_code = nullptr;
    GuardConfigEditor *m_editor = nullptr;

    QAction *m_addFolder = nullptr;
    QAction *m_addFiles = nullptr;
    QAction *m_clearRoots = nullptr;
    QAction *m_scan = nullptr;
    QAction *m_cancel = nullptr;
    QAction *m_next = nullptr;
    QAction *m_previous = nullptr;
    QAction *m_allow = nullptr;
    QList<QAction *> m_exports;
    QAction *m_loadBaseline = nullptr;
    QAction *m_saveBaseline = nullptr;
    QAction *m_clearBaseline = nullptr;
};

} // namespace stella::ui
