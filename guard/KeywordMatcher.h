// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "Matcher.h"

#include <array>
#include <cstdint>

namespace stella::guard {

// The portable engine: a gitleaks-style keyword prefilter. One pass finds every rule keyword
// (case-insensitively); each hit makes its line a candidate for the rules owning the keyword.
// The pass tests each position's first three (lower-cased) bytes against a bitmap of the
// keywords' first three bytes, so only the rare positions that pass are compared in full: the
// common byte is one table lookup, not a walk over the keywords sharing its first letter.
class KeywordMatcher : public Matcher
{
public:
    explicit KeywordMatcher(const QList<CompiledRule> &rules);
    QString name() const override { return QStringLiteral("pcre2"); }
    std::unique_ptr<Scratch> makeScratch() const override;
    void find(const QByteArray &text, Scratch &scratch, std::vector<Candidate> &out) const override;

private:
    static constexpr int kPrefixBits = 16;
    static unsigned prefixHash(unsigned char a, unsigned char b, unsigned char c)
    {
        return ((unsigned(a) << 10) ^ (unsigned(b) << 5) ^ unsigned(c)) & ((1u << kPrefixBits) - 1);
    }
    void matchAt(const unsigned char *data, qsizetype size, qsizetype i,
                 std::vector<Candidate> &out) const;

    QList<CompiledRule> m_rules;
    std::vector<KeywordTable::Keyword> m_keywords;
    std::array<std::vector<int>, 256> m_byFirstByte; // lower-case first byte -> keywords
    // Keywords of three bytes or more: a bit per hash of their first three bytes. Shorter
    // keywords (custom rules may have them) are tried at every position their first byte is.
    std::vector<uint64_t> m_prefixes;
    std::array<bool, 256> m_shortFirstByte{};
    bool m_hasShort = false;
    std::vector<int> m_unfiltered; // rules without keywords
};

} // namespace stella::guard
