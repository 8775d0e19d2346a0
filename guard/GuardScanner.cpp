// SPDX-License-Identifier: Apache-2.0
#include "GuardScanner.h"

#include "LicenseRules.h"
#include "LineConfirmer.h"
#include "RuleVerifier.h"
#include "SecretRules.h"
#include "SourceReader.h"
#include "SourceText.h"
#include "core/common/Logging.h"

#include <QFileInfo>
#include <QThread>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace stella::guard {

qint64 ScanResult::countAtOrAbove(Severity severity) const
{
    qint64 n = 0;
    for (int s = int(severity); s <= int(Severity::Critical); ++s)
        n += bySeverity[size_t(s)];
    return n;
}

Result<QList<CompiledRule>> GuardScanner::compileRules(const GuardConfig &config)
{
    QList<GuardRule> rules;
    if (config.secrets) {
        rules += SecretRules::builtin();
        for (const PatternRule &p : config.customSecretPatterns)
            rules.append(SecretRules::fromCustom(p));
    }
    if (config.attribution) {
        if (config.attributionMarkers.isEmpty())
            rules += AttributionRules::builtin();
        for (const PatternRule &p : config.attributionMarkers)
            rules.append(AttributionRules::fromMarker(p));
    }
    QList<CompiledRule> compiled;
    for (const GuardRule &rule : rules) {
        QRegularExpression regex(rule.pattern, rule.caseless
                                                   ? QRegularExpression::CaseInsensitiveOption
                                                   : QRegularExpression::NoPatternOption);
        if (!regex.isValid())
            return Error::invalidInput(QStringLiteral("rule %1: invalid regular expression: %2")
                                           .arg(rule.id, regex.errorString()));
        regex.optimize();
        compiled.append({rule, regex});
    }
    return compiled;
}

Result<std::unique_ptr<GuardScanner>> GuardScanner::create(const GuardConfig &config,
                                                           Options options)
{
    std::unique_ptr<GuardScanner> scanner(new GuardScanner(config, options));
    auto rules = compileRules(config);
    if (!rules)
        return rules.error();
    scanner->m_rules = *rules;
    auto matcher = Matcher::create(scanner->m_rules, options.engine);
    if (!matcher)
        return matcher.error();
    scanner->m_matcher = std::move(matcher).value();
    scanner->m_confirmer = std::make_unique<LineConfirmer>(scanner->m_rules);
    STELLA_LOG_INFO(lcGuard).noquote()
        << "rules loaded:" << scanner->m_rules.size() << "pattern rules"
        << (config.license ? "and the SPDX checks," : "(no SPDX checks),") << "engine"
        << scanner->m_matcher->name();
    return scanner;
}

GuardScanner::GuardScanner(GuardConfig config, Options options)
    : m_config(std::move(config)), m_options(options),
      m_allowedIds(m_config.allowFindings.begin(), m_config.allowFindings.end())
{
    qRegisterMetaType<ScanProgress>();
}

GuardScanner::~GuardScanner() = default;

QString GuardScanner::engineName() const
{
    return m_matcher ? m_matcher->name() : QString();
}

Result<ScanResult> GuardScanner::scan(const QStringList &roots)
{
    m_cancelled.store(false);
    // A missing root fails the scan before any file is read, as it always has.
    QStringList missing;
    for (const QString &root : roots) {
        if (!QFileInfo::exists(root))
            missing.append(root);
    }
    if (!missing.isEmpty())
        return Error::invalidInput(
            QStringLiteral("No such file or directory: %1").arg(missing.join(QStringLiteral(", "))),
            QStringLiteral("Give existing files or directories to scan"));

    const int threadCount =
        std::max(1, m_options.threads > 0 ? m_options.threads : QThread::idealThreadCount());
    const int keep = m_config.maxFindings;
    const RuleVerifier verifier(m_rules);
    const LicenseRules license(m_config.allowedLicenses);

    struct Worker
    {
        QList<Finding> findings;
        std::array<qint64, 5> bySeverity{};
        ScanStats stats;
    };
    auto workers = std::vector<Worker>(size_t(threadCount));
    // The walk runs on the calling thread while the workers scan what it has found so far:
    // the files list only grows, under queueMutex, and walked says it is complete.
    QList<SourceFile> files;
    bool walked = false;
    std::mutex queueMutex;
    std::condition_variable queueGrew;
    qsizetype next = 0;
    std::atomic<qint64> filesDone{0}, bytesDone{0};
    std::mutex mutex;
    std::condition_variable done;
    int running = threadCount;
    // The next file to scan, copied out (the list may grow and move); false when none is left.
    const auto take = [&](SourceFile &file) {
        std::unique_lock lock(queueMutex);
        queueGrew.wait(lock, [&] { return next < files.size() || walked; });
        if (next >= files.size())
            return false;
        file = files[next++];
        return true;
    };

    auto work = [&](Worker &w) {
        auto scratch = m_matcher->makeScratch();
        auto confirmScratch = m_confirmer->makeScratch();
        SourceReader reader;
        std::vector<Candidate> candidates;
        QList<Finding> fileFindings;
        SourceFile file;
        while (!m_cancelled.load(std::memory_order_relaxed) && take(file)) {
            if (!reader.read(file.absolutePath, m_config.maxFileSize)) {
                STELLA_LOG_WARNING(lcGuard).noquote()
                    << "cannot read" << file.displayPath << ":" << reader.errorString();
                ++w.stats.unreadable;
            } else {
                QByteArray &text = reader.text();
                if (!SourceText::decode(text)) {
                    ++w.stats.binarySkipped;
                } else {
                    ++w.stats.filesScanned;
                    w.stats.bytesScanned += text.size();
                    candidates.clear();
                    fileFindings.clear();
                    if (!m_rules.isEmpty()) {
                        m_matcher->find(text, *scratch, candidates);
                        m_confirmer->confirm(text, *confirmScratch, candidates);
                    }
                    verifier.verify(text, file.displayPath, candidates, fileFindings);
                    if (m_config.license)
                        license.check(text, file.displayPath, fileFindings);
                    if (!m_allowedIds.isEmpty())
                        w.stats.allowedFindings +=
                            fileFindings.removeIf([this](const Finding &found) {
                                return m_allowedIds.contains(found.id);
                            });
                    if (m_sink && !fileFindings.isEmpty())
                        m_sink(fileFindings);
                    for (const Finding &finding : std::as_const(fileFindings))
                        ++w.bySeverity[size_t(finding.severity)];
                    // Counts only: a finding's snippet may hold the secret it found.
                    STELLA_LOG_DEBUG(lcGuard).noquote() << "scanned" << file.displayPath << ":"
                                                        << fileFindings.size() << "findings";
                    w.findings += fileFindings;
                    // Only the first maxFindings in the fixed order are reported, so a worker
                    // keeps no more than that: memory stays bounded whatever the total.
                    if (w.findings.size() > 2 * qsizetype(keep) + 1024) {
                        sortFindings(w.findings);
                        w.findings.resize(keep);
                    }
                }
            }
            filesDone.fetch_add(1, std::memory_order_relaxed);
            bytesDone.fetch_add(file.size, std::memory_order_relaxed);
        }
        std::lock_guard lock(mutex);
        --running;
        done.notify_all();
    };

    // Workers on their own threads, even with one: the calling thread walks, then reports
    // progress.
    std::vector<std::thread> threads;
    for (int t = 0; t < threadCount; ++t)
        threads.emplace_back(work, std::ref(workers[size_t(t)]));

    FileWalker walker({m_config.maxFileSize, m_config.allowPaths, true});
    WalkStats walkStats;
    ScanProgress total;
    {
        // Files are published in batches, so a worker wakes once per batch, not per file.
        constexpr qsizetype kBatch = 32;
        QList<SourceFile> batch;
        const auto publish = [&] {
            {
                std::lock_guard lock(queueMutex);
                files += batch;
            }
            batch.clear();
            queueGrew.notify_all();
        };
        walker.walk(roots, &walkStats, [&](SourceFile &&file) {
            ++total.filesTotal;
            total.bytesTotal += file.size;
            batch.append(std::move(file));
            if (batch.size() >= kBatch)
                publish();
        });
        publish();
        {
            std::lock_guard lock(queueMutex);
            walked = true;
        }
        queueGrew.notify_all();
    }
    STELLA_LOG_INFO(lcGuard).noquote()
        << "walked" << roots.join(QLatin1String(", ")) << ":" << total.filesTotal << "files,"
        << total.bytesTotal << "bytes to scan;" << walkStats.ignored << "ignored,"
        << walkStats.allowed << "allow-listed," << walkStats.tooLarge << "too large,"
        << walkStats.unreadable << "unreadable folders";
    Q_EMIT progress(total);

    {
        std::unique_lock lock(mutex);
        while (running > 0) {
            if (!done.wait_for(lock, std::chrono::milliseconds(100),
                               [&] { return running == 0; })) {
                lock.unlock();
                ScanProgress p = total;
                p.filesDone = filesDone.load();
                p.bytesDone = bytesDone.load();
                Q_EMIT progress(p);
                lock.lock();
            }
        }
    }
    for (std::thread &t : threads)
        t.join();
    if (m_cancelled.load()) {
        STELLA_LOG_INFO(lcGuard) << "the scan was cancelled after" << filesDone.load() << "of"
                                 << files.size() << "files";
        return Error::cancelled(QStringLiteral("The scan was cancelled"));
    }

    ScanResult result;
    result.engine = m_matcher->name();
    // As many threads as had a file to scan.
    result.threads = int(std::min<qint64>(threadCount, std::max<qint64>(1, total.filesTotal)));
    result.maxFindings = keep;
    result.stats.ignored = walkStats.ignored;
    result.stats.allowListed = walkStats.allowed;
    result.stats.tooLarge = walkStats.tooLarge;
    result.stats.unreadable = walkStats.unreadable;
    result.stats.unreadableFolders = walkStats.unreadableFolders;
    for (Worker &w : workers) {
        result.findings += w.findings;
        for (size_t s = 0; s < w.bySeverity.size(); ++s)
            result.bySeverity[s] += w.bySeverity[s];
        result.stats.filesScanned += w.stats.filesScanned;
        result.stats.bytesScanned += w.stats.bytesScanned;
        result.stats.binarySkipped += w.stats.binarySkipped;
        result.stats.unreadable += w.stats.unreadable;
        result.stats.allowedFindings += w.stats.allowedFindings;
    }
    for (qint64 n : result.bySeverity)
        result.totalFindings += n;
    sortFindings(result.findings);
    result.truncated = result.totalFindings > keep;
    if (result.findings.size() > keep)
        result.findings.resize(keep);
    STELLA_LOG_INFO(lcGuard) << "scanned" << result.stats.filesScanned << "files,"
                             << result.stats.bytesScanned << "bytes, with" << threadCount
                             << "threads:" << result.totalFindings << "findings,"
                             << result.stats.binarySkipped << "binary files skipped,"
                             << result.stats.unreadable << "unreadable";
    ScanProgress last = total;
    last.filesDone = total.filesTotal;
    last.bytesDone = total.bytesTotal;
    Q_EMIT progress(last);
    return result;
}

} // namespace stella::guard
