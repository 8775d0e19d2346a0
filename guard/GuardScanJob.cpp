// SPDX-License-Identifier: Apache-2.0
#include "GuardScanJob.h"

#include "core/common/Logging.h"

#include <QCoreApplication>
#include <QThread>
#include <mutex>
#include <optional>
#ifdef Q_OS_LINUX
#include <sys/resource.h>
#endif

namespace stella::guard {

// What the scan's thread and the job share. `job` is read and written on the job's thread
// only (the completion is posted there), so a job destroyed mid-scan is never touched again.
struct GuardScanJob::Shared
{
    GuardScanJob *job = nullptr;

    std::mutex mutex; // guards what follows
    GuardScanner *scanner = nullptr;
    bool cancelRequested = false;
    QList<Finding> pending;
    std::optional<ScanProgress> latest;

    void cancelLocked()
    {
        cancelRequested = true;
        if (scanner)
            scanner->cancel();
    }
};

GuardScanJob::GuardScanJob(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<ScanProgress>();
    qRegisterMetaType<Finding>();
    qRegisterMetaType<QList<Finding>>();
    qRegisterMetaType<ScanResult>();
    qRegisterMetaType<Error>();
    m_batchTimer.setInterval(kBatchIntervalMs);
    connect(&m_batchTimer, &QTimer::timeout, this, &GuardScanJob::deliverBatch);
}

GuardScanJob::~GuardScanJob()
{
    if (m_shared) {
        m_shared->job = nullptr;
        std::lock_guard lock(m_shared->mutex);
        m_shared->cancelLocked();
    }
}

bool GuardScanJob::start(const GuardConfig &config, const QStringList &roots,
                         GuardScanner::Options options)
{
    if (m_shared)
        return false;
    auto shared = std::make_shared<Shared>();
    shared->job = this;
    m_shared = shared;

    // Compiling the rules (Hyperscan's database above all) takes long enough to be done off the
    // GUI thread too.
    QThread *thread = QThread::create([shared, config, roots, options] {
#ifdef Q_OS_LINUX
        // Linux nice values are per thread and inherited by the scanner's worker threads: the
        // scan then yields the cores to the GUI thread, whose event loop stays responsive
        // (bench/GuardLagBench.cpp). QThread priorities do nothing under SCHED_OTHER.
        if (setpriority(PRIO_PROCESS, 0, getpriority(PRIO_PROCESS, 0) + 10) != 0)
            STELLA_LOG_DEBUG(lcGuard) << "could not lower the scan's priority";
#endif
        Result<ScanResult> result = Error::cancelled(QStringLiteral("The scan was cancelled"));
        auto scanner = GuardScanner::create(config, options);
        if (!scanner) {
            result = scanner.error();
        } else {
            GuardScanner *s = scanner->get();
            s->setFindingsSink([&shared](const QList<Finding> &found) {
                std::lock_guard lock(shared->mutex);
                shared->pending += found;
            });
            // scan() clears the cancel flag when it starts and reports progress right after
            // the walk, so a cancel that came earlier is applied there.
            QObject::connect(s, &GuardScanner::progress, s, [&shared, s](const ScanProgress &p) {
                std::lock_guard lock(shared->mutex);
                shared->latest = p;
                if (shared->cancelRequested)
                    s->cancel();
            });
            bool cancelled = false;
            {
                std::lock_guard lock(shared->mutex);
                shared->scanner = s;
                cancelled = shared->cancelRequested;
            }
            if (!cancelled)
                result = s->scan(roots);
            std::lock_guard lock(shared->mutex);
            shared->scanner = nullptr;
            if (shared->cancelRequested)
                result = Error::cancelled(QStringLiteral("The scan was cancelled"));
        }
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [shared, result] {
                if (shared->job)
                    shared->job->complete(result);
            },
            Qt::QueuedConnection);
    });
    thread->setObjectName(QStringLiteral("guard-scan"));
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start(QThread::LowPriority);
    m_batchTimer.start();
    return true;
}

void GuardScanJob::cancel()
{
    if (!m_shared)
        return;
    std::lock_guard lock(m_shared->mutex);
    m_shared->cancelLocked();
}

void GuardScanJob::deliverBatch()
{
    if (!m_shared)
        return;
    QList<Finding> batch;
    std::optional<ScanProgress> latest;
    {
        std::lock_guard lock(m_shared->mutex);
        batch.swap(m_shared->pending);
        latest.swap(m_shared->latest);
    }
    if (latest)
        Q_EMIT progress(*latest);
    if (!batch.isEmpty())
        Q_EMIT findingsConfirmed(batch);
}

void GuardScanJob::complete(const Result<ScanResult> &result)
{
    m_batchTimer.stop();
    const bool cancelled = !result && result.error().kind == ErrorKind::Cancelled;
    if (!cancelled)
        deliverBatch(); // what was confirmed since the last batch, before the end
    m_shared.reset();
    if (result) {
        Q_EMIT finished(*result);
    } else {
        STELLA_LOG_INFO(lcGuard).noquote() << "the guard scan ended:" << result.error().message;
        Q_EMIT failed(result.error());
    }
}

} // namespace stella::guard
