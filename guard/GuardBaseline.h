// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "GuardReports.h"
#include "core/common/Result.h"

#include <QSet>

namespace stella::guard {

// The findings an operator has accepted: a guard JSON report (docs/contracts.md §14.4) written
// by `guard baseline create`. `guard run --baseline` reports only what it does not hold. Matched
// by finding id, which does not hash the line (docs/contracts.md §14.1), so a finding whose
// lines moved within its file is still held; one whose file was renamed or whose secret
// changed is new.
class GuardBaseline
{
public:
    // Refuses, naming the file and what to do, anything that is not a complete guard JSON
    // report: not JSON, a SARIF or other document, a finding without a valid id, a truncated
    // report (the findings it left out would all look new).
    static Result<GuardBaseline> load(const QString &path);
    static GuardBaseline fromFindings(const QList<Finding> &findings);
    // The report of an untruncated scan, written atomically (a failed write keeps the old file).
    static Result<void> write(const QString &path, const ScanResult &result,
                              const ReportContext &context);

    bool contains(const Finding &finding) const { return m_ids.contains(finding.id); }
    qsizetype size() const { return m_ids.size(); }

private:
    QSet<QString> m_ids;
};

} // namespace stella::guard
