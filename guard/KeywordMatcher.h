// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "Matcher.h"

#include <array>
#include <cstdint>

namespace stella::guard {

// The portable engine: a gitleaks-style keyword prefilter. One pass finds every rule keyword
// (case-insensitively); each hit makes its line a candidate for the rules owning the keyword.
// Each position's fingerprint is its three bytes, five low bits each (an ASCII letter and its
// capital share them, so no case folding is needed), tested against a table of the keywords'
// first three bytes; only the rare positions that pass (about 1 % on source code) are compared
// in full. Positions go in blocks of 64: the fingerprints are computed independently of each
// other (no value carried from byte to byte, so the compiler vectorises them), looked up without
// a branch (a byte per fingerprint: a load, not a variable shift), and the flags tested eight
// at a time as one 64-bit word, so eight positions without a hit cost one branch.
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
    static unsigned prefixHash(unsigned char a, unsigned char b, unsigned char c)
    {
        return ((a & kByteMask) << (2 * kBitsPerByte)) | ((b & kByteMask) << kBitsPerByte) |
               (c & kByteMask);
    }
    void markPrefix(unsigned hash) { m_prefixes[hash] = 1; }
    static constexpr int kBlock = 64; // positions per block
    void blockFlags(const unsigned char *block, unsigned char *flags) const;
    void matchAt(const unsigned char *data, qsizetype size, qsizetype i,
                 std::vector<Candidate> &out) const;

    QList<CompiledRule> m_rules;
    std::vector<KeywordTable::Keyword> m_keywords;
    // Each keyword's first (up to) eight lower-case bytes and the mask covering them, compared
    // with eight lower-cased bytes of the text at once.
    struct Head
    {
        uint64_t bytes = 0;
        uint64_t mask = 0;
    };
    std::vector<Head> m_heads;
    std::array<std::vector<int>, 256> m_byFirstByte; // lower-case first byte -> keywords
    // A byte per fingerprint (32 KiB): 1 for those of a keyword's first three bytes; a shorter
    // keyword marks every fingerprint that starts with its bytes. Only a file's last two
    // positions, where no three-byte window fits, need the short keywords' first bytes on their
    // own.
    std::vector<unsigned char> m_prefixes;
    std::array<bool, 256> m_shortFirstByte{};
    bool m_hasShort = false;
    std::vector<int> m_unfiltered; // rules without keywords
};

} // namespace stella::guard
