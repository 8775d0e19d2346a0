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

class NoScratch : public Matcher::Scratch
{};
} // namespace

KeywordMatcher::KeywordMatcher(const QList<CompiledRule> &rules) : m_rules(rules)
{
    KeywordTable table = KeywordTable::of(rules);
    m_unfiltered = std::move(table.unfiltered);
    m_prefixes.assign((1u << kPrefixBits) / 64, 0);
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
    for (const int k : m_byFirstByte[lowerByte(data[i])]) {
        const KeywordTable::Keyword &kw = m_keywords[size_t(k)];
        const qsizetype n = kw.lower.size();
        if (i + n > size)
            continue;
        qsizetype j = 1;
        while (j < n && lowerByte(data[i + j]) == static_cast<unsigned char>(kw.lower[j]))
            ++j;
        if (j == n) {
            for (const int r : kw.rules)
                out.push_back({r, i});
        }
    }
}

void KeywordMatcher::find(const QByteArray &text, Scratch &, std::vector<Candidate> &out) const
{
    const auto *data = reinterpret_cast<const unsigned char *>(text.constData());
    const qsizetype size = text.size();
    const uint64_t *prefixes = m_prefixes.data();
    if (size >= 2) {
        unsigned window = ((data[0] & kByteMask) << kBitsPerByte) | (data[1] & kByteMask);
        // Position i is tested once byte i + 2 has entered the window.
        for (qsizetype i = 0; i + 2 < size; ++i) {
            window = ((window << kBitsPerByte) | (data[i + 2] & kByteMask)) & kPrefixMask;
            if ((prefixes[window / 64] >> (window % 64)) & 1u)
                matchAt(data, size, i, out);
        }
    }
    if (m_hasShort) {
        for (qsizetype i = std::max<qsizetype>(0, size - 2); i < size; ++i) {
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
