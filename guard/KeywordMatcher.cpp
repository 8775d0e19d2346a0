// SPDX-License-Identifier: Apache-2.0
#include "KeywordMatcher.h"

#include <QMap>
#include <cstring>

namespace stella::guard {

namespace {
inline unsigned char lowerByte(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

class NoScratch : public Matcher::Scratch
{};
} // namespace

KeywordMatcher::KeywordMatcher(const QList<CompiledRule> &rules) : m_rules(rules)
{
    QMap<QByteArray, std::vector<int>> byKeyword; // ordered: a fixed table layout
    for (int i = 0; i < rules.size(); ++i) {
        if (rules[i].rule.keywords.isEmpty()) {
            m_unfiltered.push_back(i);
            continue;
        }
        for (const QString &k : rules[i].rule.keywords)
            byKeyword[k.toLower().toUtf8()].push_back(i);
    }
    for (auto it = byKeyword.begin(); it != byKeyword.end(); ++it) {
        m_byFirstByte[static_cast<unsigned char>(it.key().at(0))].push_back(int(m_keywords.size()));
        m_keywords.push_back({it.key(), it.value()});
    }
}

std::unique_ptr<Matcher::Scratch> KeywordMatcher::makeScratch() const
{
    return std::make_unique<NoScratch>();
}

void KeywordMatcher::find(const QByteArray &text, Scratch &, std::vector<Candidate> &out) const
{
    const auto *data = reinterpret_cast<const unsigned char *>(text.constData());
    const qsizetype size = text.size();
    for (qsizetype i = 0; i < size; ++i) {
        const auto &list = m_byFirstByte[lowerByte(data[i])];
        if (list.empty())
            continue;
        for (const int k : list) {
            const Keyword &kw = m_keywords[size_t(k)];
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
