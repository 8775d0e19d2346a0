// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "Matcher.h"

#include <array>
#include <cstdint>

namespace stella::guard {

// The portable engine: a gitleaks-style keyword prefilter. One pass finds every rule keyword
// (case-insensitively); each hit makes its line a candidate for the rules owning the keyword.
// The pass keeps a rolling fingerprint of the last three bytes, five low bits each (an ASCII
// letter and its capital share them, so no case folding is needed), and tests it against a
// bitmap of the keywords' first three bytes: the common byte costs a shift, an or and one bit
// test, and only the rare positions that pass (about 1 % on source code) are compared in full.
class KeywordMatcher : public Matcher
{
public:
    explicit KeywordMatcher(const QList<CompiledRule> &rules);
    QString name() const override { return QStringLiteral("pcre2"); }
    std::unique_ptr<Scratch> makeScratch() const override;
    void find(const QByteArray &text, Scratch &scratch, std::vector<Candidate> &out) const override;

private:
    static constexpr int kBitsPerByte = 5;
    static constexpr unsigned kByteMask = (1u << kBitsPerByte) - 1;
    static constexpr int kPrefixBits = 3 * kBitsPerByte;
    static constexpr unsigned kPrefixMask = (1u << kPrefixBits) - 1;
    static unsigned prefixHash(unsigned char a, unsigned char b, unsigned char c)
    {
        return ((a & kByteMask) << (2 * kBitsPerByte)) | ((b & kByteMask) << kBitsPerByte) |
               (c & kByteMask);
    }
    void markPrefix(unsigned hash) { m_prefixes[hash / 64] |= uint64_t(1) << (hash % 64); }
    void matchAt(const unsigned char *data, qsizetype size, qsizetype i,
                 std::vector<Candidate> &out) const;

    QList<CompiledRule> m_rules;
    std::vector<KeywordTable::Keyword> m_keywords;
    std::array<std::vector<int>, 256> m_byFirstByte; // lower-case first byte -> keywords
    // A bit per fingerprint of a keyword's first three bytes; a shorter keyword marks every
    // fingerprint that starts with its bytes. Only a file's last two positions, where no
    // three-byte window fits, need the short keywords' first bytes on their own.
    std::vector<uint64_t> m_prefixes;
    std::array<bool, 256> m_shortFirstByte{};
    bool m_hasShort = false;
    std::vector<int> m_unfiltered; // rules without keywords
};

} // namespace stella::guard
