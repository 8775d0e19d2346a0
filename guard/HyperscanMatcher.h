// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "Matcher.h"

struct hs_database;

namespace stella::guard {

// The fast engine (x86-64): every rule in one Hyperscan multi-pattern database, one pass per
// file. Rules Hyperscan cannot compile exactly are compiled in its prefilter mode (a superset);
// rules it rejects even then fall back to PCRE2 over the file. Built only when libhs is found.
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
    hs_database *m_database = nullptr;
    std::vector<int> m_unfiltered;
};

} // namespace stella::guard
