// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "Finding.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace stella::guard {

// License hygiene of one source file: an `SPDX-License-Identifier:` line in its header (the
// first 30 lines, as REUSE places it), a parsable expression, known ids, and ids inside the
// allow list when there is one. Only code files (RuleChecks::isCodeFile) need a header.
class LicenseRules
{
public:
    static constexpr int kHeaderLines = 30;

    explicit LicenseRules(QStringList allowedLicenses) : m_allowed(std::move(allowedLicenses)) {}
    void check(const QByteArray &text, const QString &displayPath, QList<Finding> &out) const;

private:
    QStringList m_allowed;
};

} // namespace stella::guard
