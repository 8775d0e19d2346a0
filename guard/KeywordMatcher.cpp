// SPDX-License-Identifier: Apache-2.0
#include "KeywordMatcher.h"

#include <algorithm>
#include <cstring>

namespace stella::guard {

namespace {
constexpr std::array<unsigned char, 256> kLower = [] {
    std::array<unsigned char, 256> table{};
    for (int c = 0; c < 256; ++c)
        table[size_t(c)] =
            (c >= 'A' && c <= 'Z') ? (unsigned char)(c + ('a' - 'A')) : (unsigned char)c;
    return table;
}();

inline unsigned char lowerByte(unsigned char c)
{
    return kLower[c];
}

inline uint64_t load64(const unsigned char *p)
{
    uint64_t word;
    std::memcpy(&word, p, sizeof word);
    return word;
}

// Eight bytes with their ASCII capitals lower-cased, byte-wise in one word (bytes >= 0x80 are
// left alone, as lowerByte does).
inline uint64_t lower64(uint64_t word)
{
    constexpr uint64_t kOnes = 0x0101010101010101ull;
    constexpr uint64_t kHigh = 0x8080808080808080ull;
    const uint64_t seven = word & ~kHigh;
    const uint64_t atLeastA = seven + kOnes * (0x80 - 'A');
    const uint64_t aboveZ = seven + kOnes * (0x80 - 'Z' - 1);
    const uint64_t capital = atLeastA & ~aboveZ & ~word & kHigh;
    return word | (capital >> 2); // 0x80 >> 2 is 0x20, the case bit
}

class NoScratch : public Matcher::Scratch
{};
} // namespace

KeywordMatcher::KeywordMatcher(const QList<CompiledRule> &rules) : m_rules(rules)
{
    KeywordTable table = KeywordTable::of(rules);
    m_unfiltered = std::move(table.unfiltered);
    m_prefixes.assign(size_t(1) << kPrefixBits, 0);
    for (KeywordTable::Keyword &keyword : table.keywords) {
        const QByteArray &k = keyword.lower;
        const auto byte = [&](int i) { return static_cast<unsigned char>(k.at(i)); };
        m_byFirstByte[byte(0)].push_back(int(m_keywords.size()));
        if (k.size() >= 3) {
            markPrefix(prefixHash(byte(0), byte(1), byte(2)));
        } else {
            // Any byte may follow: mark each fingerprint with this keyword's bytes in front.
            const unsigned fixed =
                k.size() == 2 ? prefixHash(byte(0), byte(1), 0) : prefixHash(byte(0), 0, 0);
            const unsigned anyRest = k.size() == 2 ? kByteMask : (1u << (2 * kBitsPerByte)) - 1;
            for (unsigned rest = 0; rest <= anyRest; ++rest)
                markPrefix(fixed | rest);
            m_shortFirstByte[byte(0)] = true;
            m_hasShort = true;
        }
        Head head;
        const qsizetype n = std::min<qsizetype>(k.size(), 8);
        unsigned char bytes[8] = {}, mask[8] = {};
        for (qsizetype j = 0; j < n; ++j) {
            bytes[j] = byte(int(j));
            mask[j] = 0xff;
        }
        std::memcpy(&head.bytes, bytes, 8);
        std::memcpy(&head.mask, mask, 8);
        m_heads.push_back(head);
        m_keywords.push_back(std::move(keyword));
    }
}

std::unique_ptr<Matcher::Scratch> KeywordMatcher::makeScratch() const
{
    return std::make_unique<NoScratch>();
}

void KeywordMatcher::matchAt(const unsigned char *data, qsizetype size, qsizetype i,
                             std::vector<Candidate> &out) const
{
    const bool wordFits = i + 8 <= size;
    const uint64_t lowered = wordFits ? lower64(load64(data + i)) : 0;
    for (const int k : m_byFirstByte[lowerByte(data[i])]) {
        const KeywordTable::Keyword &kw = m_keywords[size_t(k)];
        const qsizetype n = kw.lower.size();
        if (i + n > size)
            continue;
        qsizetype j = 1;
        if (wordFits) {
            const Head &head = m_heads[size_t(k)];
            if ((lowered & head.mask) != head.bytes)
                continue;
            j = std::min<qsizetype>(n, 8);
        }
        while (j < n && lowerByte(data[i + j]) == static_cast<unsigned char>(kw.lower[j]))
            ++j;
        if (j == n) {
            for (const int r : kw.rules)
                out.push_back({r, i});
        }
    }
}

void KeywordMatcher::blockFlags(const unsigned char *block, unsigned char *flags) const
{
    // Reads kBlock + 2 bytes.
    uint16_t fingerprints[kBlock];
    for (int k = 0; k < kBlock; ++k)
        fingerprints[k] = uint16_t(prefixHash(block[k], block[k + 1], block[k + 2]));
    const unsigned char *prefixes = m_prefixes.data();
    for (int k = 0; k < kBlock; ++k)
        flags[k] = prefixes[fingerprints[k]];
}

void KeywordMatcher::find(const QByteArray &text, Scratch &, std::vector<Candidate> &out) const
{
    const auto *data = reinterpret_cast<const unsigned char *>(text.constData());
    const qsizetype size = text.size();
    qsizetype i = 0;
    unsigned char flags[kBlock];
    for (; i + kBlock + 2 <= size; i += kBlock) {
        blockFlags(data + i, flags);
        for (int word = 0; word < kBlock; word += 8) {
            if (load64(flags + word) == 0)
                continue;
            for (int k = word; k < word + 8; ++k) {
                if (flags[k])
                    matchAt(data, size, i + k, out);
            }
        }
    }
    // The last positions one by one; position p is tested once byte p + 2 is in the window.
    const unsigned char *prefixes = m_prefixes.data();
    for (; i + 2 < size; ++i) {
        if (prefixes[prefixHash(data[i], data[i + 1], data[i + 2])])
            matchAt(data, size, i, out);
    }
    if (m_hasShort) {
        for (i = std::max<qsizetype>(0, size - 2); i < size; ++i) {
            if (m_shortFirstByte[lowerByte(data[i])])
                matchAt(data, size, i, out);
        }
    }
    if (!m_unfiltered.empty())
        findWithRegex(text, m_rules, m_unfiltered, out);
}

void findWithRegex(const QByteArray &text, const QList<CompiledRule> &rules,
                   const std::vector<int> &ruleIndexes, std::vector<Candidate> &out)
{
    // One conversion per file; UTF-16 match positions are mapped to the byte offset of their
    // line's start by walking both texts line by line ('\n' is one unit in each).
    const QString decoded = QString::fromUtf8(text);
    for (const int r : ruleIndexes) {
        qsizetype u = 0, b = 0; // start of the current line in `decoded` and in `text`
        auto it = rules[r].regex.globalMatch(decoded);
        while (it.hasNext()) {
            const auto m = it.next();
            const qsizetype start = m.capturedStart(0);
            for (;;) {
                const qsizetype nlU = decoded.indexOf(QLatin1Char('\n'), u);
                if (nlU < 0 || nlU >= start)
                    break;
                u = nlU + 1;
                b = text.indexOf('\n', b) + 1;
            }
            out.push_back({r, b});
            // A match spanning lines makes each of its lines a candidate.
            const qsizetype end = m.capturedEnd(0);
            qsizetype uu = u, bb = b;
            for (;;) {
                const qsizetype nlU = decoded.indexOf(QLatin1Char('\n'), uu);
                if (nlU < 0 || nlU + 1 >= end)
                    break;
                uu = nlU + 1;
                bb = text.indexOf('\n', bb) + 1;
                out.push_back({r, bb});
            }
        }
    }
}

} // namespace stella::guard
