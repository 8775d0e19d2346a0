// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "Matcher.h"

namespace stella::guard {

// Turns an engine's candidates into findings: runs each candidate rule's PCRE2 expression on
// its line, applies the rule's check (placeholders, examples, entropy, env reads, PEM body),
// honours inline `stella-guard:allow`, masks secrets, and removes overlaps (a generic match
// inside a specific one; one attribution finding per line). The same candidates in any order
// give the same findings.
class RuleVerifier
{
public:
    explicit RuleVerifier(const QList<CompiledRule> &rules) : m_rules(rules) {}

    void verify(const QByteArray &text, const QString &displayPath,
                std::vector<Candidate> &candidates, QList<Finding> &out) const;

private:
    QList<CompiledRule> m_rules;
};

} // namespace stella::guard
