// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"

#include <QStringList>
#include <memory>
#include <vector>

namespace stella::guard {

// A parsed SPDX license expression (SPDX 2.3 Annex D): ids, `+`, WITH, AND, OR, parentheses.
// Precedence: WITH binds tightest, then AND, then OR. Ids are matched case-insensitively and
// kept in their listed spelling; unknown ids are collected, not fatal, so a header with a typo
// is reported as such rather than as unparsable.
class SpdxExpression
{
public:
    struct Node
    {
        enum class Kind
        {
            License,
            With,
            And,
            Or
        } kind = Kind::License;
        QString id;           // License: the listed spelling (or as written when unknown)
        bool orLater = false; // License: "+"
        QString exception;    // With
        std::vector<std::unique_ptr<Node>> children;
    };

    static Result<SpdxExpression> parse(const QString &text);

    // Every license id in the expression, in order of appearance.
    QStringList licenseIds() const;
    // Ids (licenses and exceptions) not on the SPDX lists.
    const QStringList &unknownIds() const { return m_unknown; }
    // Whether the expression can be satisfied with licenses from `allowed` (canonical ids):
    // one operand of OR suffices, AND needs all. The ids that made it fail go to `offending`.
    bool allowedBy(const QStringList &allowed, QStringList *offending = nullptr) const;
    QString toString() const; // canonical text

private:
    std::shared_ptr<Node> m_root; // shared: the expression is copyable and immutable
    QStringList m_unknown;
};

} // namespace stella::guard
