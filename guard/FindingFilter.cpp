// SPDX-License-Identifier: Apache-2.0
#include "FindingFilter.h"

namespace stella::guard {

qint64 FindingFilter::apply(ScanResult &result, const std::function<bool(const Finding &)> &keep,
                            int maxFindings)
{
    QList<Finding> kept;
    kept.reserve(result.findings.size());
    result.bySeverity.fill(0);
    for (Finding &f : result.findings) {
        if (!keep(f))
            continue;
        ++result.bySeverity[size_t(f.severity)];
        kept.append(std::move(f));
    }
    const qint64 dropped = result.findings.size() - kept.size();
    result.totalFindings = kept.size();
    result.maxFindings = maxFindings;
    result.truncated = kept.size() > maxFindings;
    if (result.truncated)
        kept.resize(maxFindings);
    result.findings = std::move(kept);
    return dropped;
}

} // namespace stella::guard
