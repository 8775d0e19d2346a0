// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "Matcher.h"

#include <array>

namespace stella::guard {

// The portable engine: a gitleaks-style keyword prefilter. One pass finds every rule keyword
// (case-insensitively) with a first-byte table; each hit makes its line a candidate for the
// rules owning the keyword.
class KeywordMatcher : public Matcher
{
public:
    explicit KeywordMatcher(const QList<CompiledRule> &rules);
    QString name() const override { return QStringLiteral("pcre2"); }
    std::unique_ptr<Scratch> makeScratch() const override;
    void find(const QByteArray &text, Scratch &scratch, std::vector<Candidate> &out) const override;

private:
    struct Keyword
    {
        QByteArray lower;
        std::vector<int> rules;
    };
    QList<CompiledRule> m_rules;
    std::vector<Keyword> m_keywords;
    std::array<std::vector<int>, 256> m_byFirstByte; // lower-case first byte -> keywords
    std::vector<int> m_unfiltered;                   // rules without keywords
};

} // namespace stella::guard
