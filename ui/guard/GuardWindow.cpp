// SPDX-License-Identifier: Apache-2.0
#include "GuardWindow.h"

#include "GuardAllowDialog.h"
#include "GuardCodeView.h"
#include "GuardConfigEditor.h"
#include "GuardConfigText.h"
#include "GuardFindingFilter.h"
#include "GuardFindingModel.h"
#include "ui/views/MessageWidget.h"

#include <QAction>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QProgressBar>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QToolBar>
#include <QUrl>
#include <QVBoxLayout>
#include <algorithm>

namespace stella::ui {

using guard::Finding;
using guard::ScanResult;

namespace {
QString mib(qint64 bytes)
{
    return QString::number(double(bytes) / (1024.0 * 1024.0), 'f', 1);
}
} // namespace

GuardWindow::GuardWindow(QWidget *parent)
    : QMainWindow(parent), m_model(new GuardFindingModel(this)),
      m_filter(new GuardFindingFilter(this))
{
    setObjectName(QStringLiteral("guardWindow"));
    setWindowTitle(tr("AI Code Guard"));
    setAcceptDrops(true);
    m_filter->setSourceModel(m_model);
    buildActions();
    buildLayout();

    connect(&m_job, &guard::GuardScanJob::progress, this, &GuardWindow::onProgress);
    connect(&m_job, &guard::GuardScanJob::findingsConfirmed, this, &GuardWindow::onFindings);
    connect(&m_job, &guard::GuardScanJob::finished, this, &GuardWindow::onFinished);
    connect(&m_job, &guard::GuardScanJob::failed, this, &GuardWindow::onFailed);
    connect(m_editor, &GuardConfigEditor::applied, this, &GuardWindow::onApplied);
    connect(m_editor, &GuardConfigEditor::applyRefused, this, [this](const Error &error) {
        m_message->showError(error, tr("The config was not applied; the results shown are from "
                                       "the last scan."));
    });
    updateCounts();
    updateActions();
}

GuardWindow::~GuardWindow() = default;

void GuardWindow::buildActions()
{
    const auto make = [this](const char *name, const QString &text, QStyle::StandardPixmap icon,
                             const QKeySequence &key, const QString &tip) {
        auto *a = new QAction(style()->standardIcon(icon), text, this);
        a->setObjectName(QLatin1String(name));
        if (!key.isEmpty()) {
            a->setShortcut(key);
            a->setToolTip(tr("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
        } else {
            a->setToolTip(tip);
        }
        addAction(a);
        return a;
    };
    m_addFolder = make("actionGuardAddFolder", tr("Add &folder…"), QStyle::SP_DirOpenIcon,
                       QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D),
                       tr("Add a folder to scan (or drop folders and files on the window)"));
    m_addFiles = make("actionGuardAddFiles", tr("Add f&iles…"), QStyle::SP_FileIcon,
                      QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F), tr("Add files to scan"));
    m_clearRoots = make("actionGuardClearRoots", tr("&Clear list"), QStyle::SP_DialogResetButton,
                        {}, tr("Forget the folders and files to scan"));
    m_scan = make("actionGuardScan", tr("&Scan"), QStyle::SP_MediaPlay, QKeySequence::Refresh,
                  tr("Scan the folders and files with the config"));
    m_cancel = make("actionGuardCancel", tr("Ca&ncel"), QStyle::SP_MediaStop,
                    QKeySequence(Qt::Key_Escape), tr("Stop the scan; the previous results stay"));
    m_next = make("actionGuardNext", tr("&Next finding"), QStyle::SP_ArrowDown,
                  QKeySequence(Qt::Key_F8), tr("Go to the next finding"));
    m_previous = make("actionGuardPrevious", tr("&Previous finding"), QStyle::SP_ArrowUp,
                      QKeySequence(Qt::SHIFT | Qt::Key_F8), tr("Go to the previous finding"));
    m_allow = make("actionGuardAllow", tr("&Allow…"), QStyle::SP_DialogApplyButton,
                   QKeySequence(Qt::CTRL | Qt::Key_L),
                   tr("Accept the selected finding in the config: its file or its id"));
    const std::pair<const char *, GuardReportFormat> formats[] = {
        {"actionGuardExportText", GuardReportFormat::Text},
        {"actionGuardExportJson", GuardReportFormat::Json},
        {"actionGuardExportSarif", GuardReportFormat::Sarif},
    };
    const QStringList labels{tr("Export as &text…"), tr("Export as &JSON…"),
                             tr("Export as &SARIF…")};
    for (int i = 0; i < 3; ++i) {
        QAction *a = make(formats[i].first, labels[i], QStyle::SP_DialogSaveButton, {},
                          tr("Write the report `guard run` writes for these files and config"));
        const GuardReportFormat format = formats[i].second;
        connect(a, &QAction::triggered, this, [this, format] { chooseExport(format); });
        m_exports.append(a);
    }

    m_loadBaseline =
        make("actionGuardLoadBaseline", tr("Load &baseline…"), QStyle::SP_DialogOpenButton, {},
             tr("Hide the findings a baseline holds, as guard run --baseline does"));
    m_saveBaseline =
        make("actionGuardSaveBaseline", tr("Save as b&aseline…"), QStyle::SP_DialogSaveButton, {},
             tr("Write these findings as a baseline, as guard baseline create does"));
    m_clearBaseline = make("actionGuardClearBaseline", tr("Show &all findings"),
                           QStyle::SP_DialogResetButton, {}, tr("Forget the loaded baseline"));
    connect(m_loadBaseline, &QAction::triggered, this, &GuardWindow::chooseBaseline);
    connect(m_saveBaseline, &QAction::triggered, this, &GuardWindow::chooseBaselineTarget);
    connect(m_clearBaseline, &QAction::triggered, this, &GuardWindow::clearBaseline);

    connect(m_addFolder, &QAction::triggered, this, &GuardWindow::chooseFolder);
    connect(m_addFiles, &QAction::triggered, this, &GuardWindow::chooseFiles);
    connect(m_clearRoots, &QAction::triggered, this, [this] { setRoots({}); });
    connect(m_scan, &QAction::triggered, this, [this] { (void)scan(); });
    connect(m_cancel, &QAction::triggered, this, &GuardWindow::cancelScan);
    connect(m_next, &QAction::triggered, this, [this] { selectNextFinding(1); });
    connect(m_previous, &QAction::triggered, this, [this] { selectNextFinding(-1); });
    connect(m_allow, &QAction::triggered, this, [this] { (void)allowCurrent(); });

    QMenu *scanMenu = menuBar()->addMenu(tr("&Scan"));
    scanMenu->addActions({m_addFolder, m_addFiles, m_clearRoots});
    scanMenu->addSeparator();
    scanMenu->addActions({m_scan, m_cancel});
    scanMenu->addSeparator();
    scanMenu->addActions(m_exports);
    scanMenu->addSeparator();
    scanMenu->addActions({m_loadBaseline, m_saveBaseline, m_clearBaseline});
    QMenu *findingMenu = menuBar()->addMenu(tr("&Finding"));
    findingMenu->addActions({m_next, m_previous});
    findingMenu->addSeparator();
    findingMenu->addAction(m_allow);

    QToolBar *toolBar = addToolBar(tr("Guard"));
    toolBar->setObjectName(QStringLiteral("guardToolBar"));
    toolBar->addActions({m_addFolder, m_addFiles});
    toolBar->addSeparator();
    toolBar->addActions({m_scan, m_cancel});
    toolBar->addSeparator();
    toolBar->addActions({m_previous, m_next, m_allow});
}

void GuardWindow::buildLayout()
{
    m_rootList = new QListWidget(this);
    m_rootList->setObjectName(QStringLiteral("guardRoots"));
    m_rootList->setAccessibleName(tr("Folders and files to scan"));
    m_filterEdit = new QLineEdit(this);
    m_filterEdit->setObjectName(QStringLiteral("guardFilter"));
    m_filterEdit->setAccessibleName(tr("Filter findings"));
    m_filterEdit->setPlaceholderText(tr("Filter findings (severity, rule, path, message)"));
    m_filterEdit->setClearButtonEnabled(true);
    connect(m_filterEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setFilterFixedString(text);
        updateCounts();
    });

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("guardFindings"));
    m_table->setAccessibleName(tr("Findings"));
    m_table->setTabKeyNavigation(false); // Tab leaves the table; the arrows walk it
    m_table->setModel(m_filter);
    // The fixed order until a header is clicked.
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_table->setSortingEnabled(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->addActions({m_allow, m_next, m_previous});
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &GuardWindow::showCurrentFinding);

    m_counts = new QLabel(this);
    m_counts->setObjectName(QStringLiteral("guardCounts"));
    m_counts->setWordWrap(true);
    m_counts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message = new MessageWidget(MessageWidget::Kind::Error, this);
    m_message->setObjectName(QStringLiteral("guardMessage"));
    m_message->hide();
    m_code = new GuardCodeView(this);
    m_editor = new GuardConfigEditor(this);

    auto *findings = new QWidget(this);
    auto *findingsLayout = new QVBoxLayout(findings);
    findingsLayout->setContentsMargins(0, 0, 0, 0);
    findingsLayout->addWidget(m_filterEdit);
    findingsLayout->addWidget(m_table, 1);
    findingsLayout->addWidget(m_counts);

    auto *middle = new QSplitter(Qt::Vertical, this);
    middle->addWidget(findings);
    middle->addWidget(m_code);
    middle->setStretchFactor(0, 1);
    middle->setStretchFactor(1, 1);

    auto *sides = new QSplitter(Qt::Horizontal, this);
    sides->addWidget(m_rootList);
    sides->addWidget(middle);
    sides->addWidget(m_editor);
    sides->setStretchFactor(1, 3);
    sides->setStretchFactor(2, 1);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->addWidget(m_message);
    layout->addWidget(sides, 1);
    setCentralWidget(central);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("guardStatus"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("guardProgress"));
    m_progress->setMaximumWidth(200);
    m_progress->hide();
    statusBar()->addWidget(m_status, 1);
    statusBar()->addPermanentWidget(m_progress);
    m_status->setText(tr("Add folders or files, then Scan (F5)."));
    resize(1280, 800);
}

void GuardWindow::setRoots(const QStringList &roots)
{
    m_roots.clear();
    m_rootList->clear();
    addRoots(roots);
}

void GuardWindow::addRoots(const QStringList &paths)
{
    for (const QString &path : paths) {
        const QString clean = QDir::cleanPath(path);
        if (clean.isEmpty() || m_roots.contains(clean))
            continue;
        m_roots.append(clean);
        m_rootList->addItem(QDir::toNativeSeparators(clean));
    }
    updateActions();
}

bool GuardWindow::scan()
{
    if (m_job.isRunning())
        return false;
    m_message->clear();
    m_message->hide();
    if (m_roots.isEmpty()) {
        m_message->showError(Error::invalidInput(tr("Nothing to scan."),
                                                 tr("Add a folder or files (or drop them here)")));
        return false;
    }
    // A root the walker could not enter would be skipped silently: say so instead.
    for (const QString &root : std::as_const(m_roots)) {
        const QFileInfo info(root);
        if (!info.exists()) {
            m_message->showError(Error::invalidInput(tr("%1 does not exist.").arg(root),
                                                     tr("Remove it from the list or restore it")),
                                 tr("The previous results are kept."));
            return false;
        }
        const bool readable =
            info.isDir() ? QDir(root).isReadable() && info.isExecutable() && info.isReadable()
                         : info.isReadable();
        if (!readable) {
            m_message->showError(
                Error::invalidInput(tr("%1 is not readable (permission denied).").arg(root),
                                    tr("Give yourself read access or remove it from the list")),
                tr("The previous results are kept."));
            return false;
        }
    }
    auto config = m_editor->validate();
    if (!config) {
        m_message->showError(config.error(), tr("The config has an error, so nothing was scanned; "
                                                "the results shown are from the last scan."));
        return false;
    }
    m_runningConfig = *config;
    m_runningRoots = m_roots;
    if (!m_job.start(m_runningConfig, m_runningRoots))
        return false;
    m_code->clearFile();
    m_model->clear();
    m_progress->setRange(0, 0);
    m_progress->show();
    m_status->setText(tr("Scanning…"));
    updateActions();
    return true;
}

void GuardWindow::cancelScan()
{
    m_rescanWhenCancelled = false;
    m_job.cancel();
}

void GuardWindow::onApplied(const guard::GuardConfig &)
{
    if (m_roots.isEmpty())
        return;
    if (m_job.isRunning()) {
        // The running scan has the old config: replace it.
        m_rescanWhenCancelled = true;
        m_job.cancel();
        return;
    }
    (void)scan();
}

void GuardWindow::onProgress(const guard::ScanProgress &p)
{
    // Per mille of the bytes: a QProgressBar holds an int.
    m_progress->setRange(0, 1000);
    m_progress->setValue(p.bytesTotal > 0 ? int(p.bytesDone * 1000 / p.bytesTotal) : 0);
    m_status->setText(tr("Scanning: %1 of %2 files, %3 of %4 MiB…")
                          .arg(p.filesDone)
                          .arg(p.filesTotal)
                          .arg(mib(p.bytesDone), mib(p.bytesTotal)));
}

void GuardWindow::onFindings(const QList<Finding> &findings)
{
    m_model->appendFindings(findings);
    updateCounts();
}

QString GuardWindow::describe(const ScanResult &r)
{
    QStringList parts{
        tr("%1 file(s), %2 MiB scanned").arg(r.stats.filesScanned).arg(mib(r.stats.bytesScanned))};
    parts.append(r.truncated ? tr("%1 finding(s), the first %2 shown (maxFindings)")
                                   .arg(r.totalFindings)
                                   .arg(r.findings.size())
                             : tr("%1 finding(s)").arg(r.totalFindings));
    QStringList skipped;
    if (r.stats.binarySkipped)
        skipped.append(tr("%1 binary").arg(r.stats.binarySkipped));
    if (r.stats.tooLarge)
        skipped.append(tr("%1 over maxFileSize").arg(r.stats.tooLarge));
    if (r.stats.unreadable)
        skipped.append(tr("%1 unreadable").arg(r.stats.unreadable));
    if (r.stats.ignored)
        skipped.append(tr("%1 by .gitignore").arg(r.stats.ignored));
    if (r.stats.allowListed)
        skipped.append(tr("%1 by allowPaths").arg(r.stats.allowListed));
    if (!skipped.isEmpty())
        parts.append(tr("files skipped: %1").arg(skipped.join(QStringLiteral(", "))));
    if (r.stats.allowedFindings)
        parts.append(tr("%1 finding(s) allowed by id").arg(r.stats.allowedFindings));
    return parts.join(QStringLiteral("; "));
}

void GuardWindow::onFinished(const ScanResult &result)
{
    m_lastResult = result;
    m_lastConfig = m_runningConfig;
    m_model->setFindings(result.findings); // the fixed order replaces the streaming order
    m_progress->hide();
    m_status->setText(describe(result));
    updateCounts();
    updateActions();
    if (m_filter->rowCount() > 0)
        m_table->selectRow(0);
    Q_EMIT scanEnded(true);
}

void GuardWindow::onFailed(const Error &error)
{
    m_progress->hide();
    m_model->setFindings(m_lastResult ? m_lastResult->findings : QList<Finding>{});
    updateCounts();
    updateActions();
    if (error.kind == ErrorKind::Cancelled) {
        if (m_rescanWhenCancelled) {
            m_rescanWhenCancelled = false;
            Q_EMIT scanEnded(false);
            (void)scan();
            return;
        }
        m_status->setText(m_lastResult ? tr("Cancelled. The results of the previous scan are "
                                            "shown: %1")
                                             .arg(describe(*m_lastResult))
                                       : tr("Cancelled."));
    } else {
        m_message->showError(error, tr("The scan failed; the previous results are kept."));
        m_status->setText(tr("The scan failed."));
    }
    Q_EMIT scanEnded(false);
}

void GuardWindow::updateCounts()
{
    QString text = m_model->countsText();
    if (m_filter->rowCount() != m_model->rowCount())
        text =
            tr("%1 shown of %2. %3").arg(m_filter->rowCount()).arg(m_model->rowCount()).arg(text);
    m_counts->setText(text);
}

void GuardWindow::updateActions()
{
    const bool running = m_job.isRunning();
    m_scan->setEnabled(!running && !m_roots.isEmpty());
    m_cancel->setEnabled(running);
    for (QAction *a : std::as_const(m_exports))
        a->setEnabled(!running && m_lastResult.has_value());
    m_saveBaseline->setEnabled(!running && m_lastResult.has_value());
    m_clearBaseline->setEnabled(m_baseline.has_value());
    const bool haveRows = m_filter->rowCount() > 0;
    m_next->setEnabled(haveRows);
    m_previous->setEnabled(haveRows);
    m_allow->setEnabled(!running && m_table->selectionModel()->currentIndex().isValid());
}

QString GuardWindow::statusText() const
{
    return m_status->text();
}

void GuardWindow::showCurrentFinding()
{
    updateActions();
    const QModelIndex current = m_filter->mapToSource(m_table->selectionModel()->currentIndex());
    if (!current.isValid())
        return;
    const Finding &finding = m_model->findingAt(current.row());
    QList<Finding> inFile;
    int index = -1;
    for (const Finding &f : m_model->findings()) {
        if (f.path != finding.path)
            continue;
        if (f == finding)
            index = int(inFile.size());
        inFile.append(f);
    }
    m_code->showFile(finding.path, inFile, index);
}

void GuardWindow::selectNextFinding(int step)
{
    const int rows = m_filter->rowCount();
    if (rows == 0)
        return;
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    const int row =
        current.isValid() ? (current.row() + step + rows) % rows : (step > 0 ? 0 : rows - 1);
    m_table->selectRow(row);
    m_table->scrollTo(m_filter->index(row, 0));
}

QString GuardWindow::relativeToRoot(const QString &path) const
{
    // Findings carry the root as given joined with the path below it (FileWalker).
    for (const QString &root : m_runningRoots.isEmpty() ? m_roots : m_runningRoots) {
        if (path == root)
            return QFileInfo(root).fileName();
        if (path.startsWith(root + QLatin1Char('/')))
            return path.mid(root.size() + 1);
    }
    return QFileInfo(path).fileName();
}

GuardAllowDialog *GuardWindow::allowCurrent()
{
    const QModelIndex current = m_filter->mapToSource(m_table->selectionModel()->currentIndex());
    if (!current.isValid() || m_job.isRunning())
        return nullptr;
    const Finding finding = m_model->findingAt(current.row());
    auto *dialog = new GuardAllowDialog(
        finding, GuardConfigText::exactGlob(relativeToRoot(finding.path)), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { applyAllow(dialog); });
    dialog->open();
    return dialog;
}

void GuardWindow::applyAllow(GuardAllowDialog *dialog)
{
    const Result<void> edited = dialog->choice() == GuardAllowDialog::Choice::Path
                                    ? m_editor->addAllowPath(dialog->glob())
                                    : m_editor->addAllowFinding(dialog->finding().id);
    if (!edited) {
        m_message->showError(edited.error(), tr("The finding was not allowed."));
        return;
    }
    m_editor->apply(); // re-scans
}

Result<void> GuardWindow::exportReport(const QString &path, GuardReportFormat format) const
{
    if (!m_lastResult)
        return Error::invalidInput(tr("There is nothing to export yet."), tr("Scan first"));
    return writeGuardReport(path, format, *m_lastResult, m_lastConfig);
}

void GuardWindow::chooseExport(GuardReportFormat format)
{
    const QString suffix = format == GuardReportFormat::Sarif  ? QStringLiteral("sarif")
                           : format == GuardReportFormat::Json ? QStringLiteral("json")
                                                               : QStringLiteral("txt");
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export the guard report"), QStringLiteral("guard-report.%1").arg(suffix));
    if (path.isEmpty())
        return;
    if (auto written = exportReport(path, format); !written)
        m_message->showError(written.error());
    else
        m_status->setText(tr("Exported to %1").arg(path));
}

Result<void> GuardWindow::loadBaseline(const QString &path)
{
    Result<guard::GuardBaseline> loaded = guard::GuardBaseline::load(path);
    if (!loaded) {
        m_message->showError(loaded.error(), tr("The baseline loaded before stays."));
        return loaded.error();
    }
    m_baseline = std::move(*loaded);
    const guard::GuardBaseline baseline = *m_baseline;
    m_filter->setHidden([baseline](const Finding &f) { return baseline.contains(f); });
    m_status->setText(
        tr("Baseline %1: %n accepted finding(s) hidden.", nullptr, int(m_baseline->size()))
            .arg(QDir::toNativeSeparators(path)));
    updateCounts();
    updateActions();
    return {};
}

void GuardWindow::clearBaseline()
{
    m_baseline.reset();
    m_filter->setHidden({});
    m_status->setText(tr("Every finding is shown."));
    updateCounts();
    updateActions();
}

Result<void> GuardWindow::saveBaseline(const QString &path) const
{
    if (!m_lastResult)
        return Error::invalidInput(tr("There is no scan to save as a baseline yet."),
                                   tr("Scan first"));
    if (m_lastResult->truncated)
        return Error::invalidInput(
            tr("The last scan stopped at maxFindings, so a baseline of it would miss findings."),
            tr("Raise maxFindings in the config, apply it, then save the baseline"));
    return writeGuardReport(path, GuardReportFormat::Json, *m_lastResult, m_lastConfig);
}

void GuardWindow::chooseBaseline()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Load a baseline"), QString(), tr("Guard JSON reports (*.json);;All files (*)"));
    if (!path.isEmpty())
        (void)loadBaseline(path);
}

void GuardWindow::chooseBaselineTarget()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save as baseline"),
                                                      QStringLiteral("guard-baseline.json"));
    if (path.isEmpty())
        return;
    if (auto written = saveBaseline(path); !written)
        m_message->showError(written.error());
    else
        m_status->setText(tr("Baseline saved to %1").arg(QDir::toNativeSeparators(path)));
}

void GuardWindow::chooseFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder to scan"));
    if (!dir.isEmpty())
        addRoots({dir});
}

void GuardWindow::chooseFiles()
{
    addRoots(QFileDialog::getOpenFileNames(this, tr("Files to scan")));
}

void GuardWindow::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (std::any_of(urls.begin(), urls.end(), [](const QUrl &u) { return u.isLocalFile(); }))
        event->acceptProposedAction();
}

void GuardWindow::dropEvent(QDropEvent *event)
{
    QStringList paths;
    for (const QUrl &url : event->mimeData()->urls())
        if (url.isLocalFile())
            paths.append(url.toLocalFile());
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    addRoots(paths);
}

void GuardWindow::closeEvent(QCloseEvent *event)
{
    cancelScan();
    QMainWindow::closeEvent(event);
}

} // namespace stella::ui
