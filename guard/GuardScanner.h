// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "FileWalker.h"
#include "GuardConfig.h"
#include "Matcher.h"
#include "core/common/Result.h"

#include <QObject>
#include <QSet>
#include <array>
#include <atomic>
#include <functional>

namespace stella::guard {

class LineConfirmer;

struct ScanProgress
{
    qint64 filesDone = 0;
    qint64 filesTotal = 0;
    qint64 bytesDone = 0;
    qint64 bytesTotal = 0;
};

struct ScanStats
{
    qint64 filesScanned = 0;
    qint64 bytesScanned = 0; // after decoding
    qint64 binarySkipped = 0;
    qint64 ignored = 0;     // .gitignore
    qint64 allowListed = 0; // allowPaths
    qint64 tooLarge = 0;    // over maxFileSize
    qint64 unreadable = 0;  // files that could not be read, and folders that could not be listed
    QStringList unreadableFolders; // those folders (display paths): nothing below them was scanned
    qint64 allowedFindings = 0;    // dropped by allowFindings
};

struct ScanResult
{
    QList<Finding> findings; // ordered (docs/contracts.md §14.1), at most maxFindings
    qint64 totalFindings = 0;
    bool truncated = false;
    int maxFindings = 0;
    std::array<qint64, 5> bySeverity{}; // all findings, indexed by Severity
    ScanStats stats;
    QString engine; // not part of any report: both engines give the same bytes
    int threads = 0;

    qint64 countAtOrAbove(Severity severity) const;
};

// Scans files and directories with the config's rules on several threads. The findings do not
// depend on the thread count or the engine: every file is scanned on its own and the merged
// findings are sorted by the fixed order. scan() blocks; the calling thread walks while the
// workers scan the files found so far, then emits progress (once when the walk is done, with
// the totals, then about ten times a second), so a GUI runs scan() on a worker thread and gets
// progress queued. cancel() may be called from any thread.
class GuardScanner : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int threads = 0; // 0: all cores
        Engine engine = Engine::Auto;
    };

    // Compiles the rules and the engine; fails on a config the loader would have refused
    // (a config built in code) or an engine that is not available.
    static Result<std::unique_ptr<GuardScanner>> create(const GuardConfig &config, Options options);
    ~GuardScanner() override;

    Result<ScanResult> scan(const QStringList &roots);
    void cancel() { m_cancelled.store(true); }
    QString engineName() const;

    // The compiled rules of a config, in table order (built-in secrets, custom, attribution).
    static Result<QList<CompiledRule>> compileRules(const GuardConfig &config);

    // Each scanned file's findings as soon as they are confirmed (allowFindings applied), called
    // on the scan's worker threads, in no particular order: what a preview streams while the
    // scan runs. Set before scan().
    using FindingsSink = std::function<void(const QList<Finding> &)>;
    void setFindingsSink(FindingsSink sink) { m_sink = std::move(sink); }

Q_SIGNALS:
    void progress(const stella::guard::ScanProgress &progress);

private:
    GuardScanner(GuardConfig config, Options options);

    GuardConfig m_config;
    Options m_options;
    QList<CompiledRule> m_rules;
    std::unique_ptr<Matcher> m_matcher;
    std::unique_ptr<LineConfirmer> m_confirmer; // narrows the matcher's candidates
    std::atomic<bool> m_cancelled{false};
    QSet<QString> m_allowedIds; // allowFindings
    FindingsSink m_sink;
};

} // namespace stella::guard

Q_DECLARE_METATYPE(stella::guard::ScanProgress)
