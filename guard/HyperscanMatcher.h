// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "Matcher.h"

struct hs_database;

namespace stella::guard {

// The fast engine (x86-64): one Hyperscan database, one pass per file. It holds the rules'
// keywords as literals (Hyperscan's SIMD literal matchers run far faster than the full
// expressions with their bounded repeats, which report every end offset of a match) and the
// expressions of the rules without keywords. LineConfirmer then keeps the lines a rule really
// matches, as for the PCRE2 engine. Expressions Hyperscan cannot compile exactly are compiled
// in its prefilter mode (a superset); those it rejects even then fall back to PCRE2 over the
// file. Built only when libhs is found.
class HyperscanMatcher : public Matcher
{
public:
    static Result<std::unique_ptr<Matcher>> create(const QList<CompiledRule> &rules);
    ~HyperscanMatcher() override;

    QString name() const override { return QStringLiteral("hyperscan"); }
    std::unique_ptr<Scratch> makeScratch() const override;
    void find(const QByteArray &text, Scratch &scratch, std::vector<Candidate> &out) const override;

private:
    HyperscanMatcher() = default;
    QList<CompiledRule> m_rules;
    // Hyperscan ids below keywords.size() are keywords; id keywords.size() + r is rule r.
    std::vector<KeywordTable::Keyword> m_keywords;
    hs_database *m_database = nullptr;
    std::vector<int> m_unfiltered;
};

} // namespace stella::guard
