// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "GuardScanner.h"

#include <QObject>
#include <QTimer>
#include <memory>

namespace stella::guard {

// A GuardScanner run on a thread of its own, for a GUI: start() returns at once, and the job
// reports on the thread it lives on. Progress and the findings confirmed so far are delivered
// in batches about ten times a second (so a scan with thousands of findings does not flood the
// event loop), in no particular order; finished() then carries the complete result in the
// fixed order (docs/contracts.md §14.1), the same as GuardScanner::scan() gives. Exactly one of
// finished() or failed() ends each started scan; cancel() ends it with failed(Cancelled).
// Destroying a running job cancels its scan without waiting for it.
class GuardScanJob : public QObject
{
    Q_OBJECT
public:
    static constexpr int kBatchIntervalMs = 100;

    explicit GuardScanJob(QObject *parent = nullptr);
    ~GuardScanJob() override;

    // False when a scan is running already (then nothing is started and no signal follows).
    bool start(const GuardConfig &config, const QStringList &roots,
               GuardScanner::Options options = {});
    void cancel();
    bool isRunning() const { return m_shared != nullptr; }

Q_SIGNALS:
    void progress(const stella::guard::ScanProgress &progress);
    void findingsConfirmed(const QList<stella::guard::Finding> &findings);
    void finished(const stella::guard::ScanResult &result);
    void failed(const stella::Error &error);

private:
    struct Shared;
    void deliverBatch();
    void complete(const Result<ScanResult> &result);

    std::shared_ptr<Shared> m_shared; // the running scan's, null when idle
    QTimer m_batchTimer;
};

} // namespace stella::guard

Q_DECLARE_METATYPE(stella::guard::Finding)
Q_DECLARE_METATYPE(stella::guard::ScanResult)
