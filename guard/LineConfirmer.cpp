// SPDX-License-Identifier: Apache-2.0
#include "LineConfirmer.h"

#include "core/common/Logging.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <algorithm>
#include <cstring>
#include <pcre2.h>

namespace stella::guard {

LineConfirmer::Scratch::~Scratch()
{
    pcre2_match_data_free(matchData);
}

LineConfirmer::LineConfirmer(const QList<CompiledRule> &rules)
{
    m_programs.reserve(size_t(rules.size()));
    for (const CompiledRule &compiled : rules) {
        const QByteArray pattern = compiled.rule.pattern.toUtf8();
        // The options QRegularExpression uses (UTF, nothing else), plus the rule's case.
        const uint32_t options = PCRE2_UTF | (compiled.rule.caseless ? PCRE2_CASELESS : 0u);
        int error = 0;
        PCRE2_SIZE errorOffset = 0;
        pcre2_code *code =
            pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.constData()),
                          PCRE2_SIZE(pattern.size()), options, &error, &errorOffset, nullptr);
        // Without the JIT the interpreter would cost more than it saves the verifier.
        if (code && pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) != 0) {
            pcre2_code_free(code);
            code = nullptr;
        }
        if (!code)
            STELLA_LOG_DEBUG(lcGuard).noquote()
                << "rule" << compiled.rule.id << "has no JIT program; its lines go unconfirmed";
        m_programs.push_back(code);
    }
}

LineConfirmer::~LineConfirmer()
{
    for (pcre2_code *code : m_programs)
        pcre2_code_free(code);
}

int LineConfirmer::compiledCount() const
{
    return int(std::count_if(m_programs.begin(), m_programs.end(),
                             [](const pcre2_code *c) { return c != nullptr; }));
}

std::unique_ptr<LineConfirmer::Scratch> LineConfirmer::makeScratch() const
{
    auto scratch = std::make_unique<Scratch>();
    // One pair is enough to learn "matched"; pcre2_match reports 0 when more groups matched.
    scratch->matchData = pcre2_match_data_create(1, nullptr);
    return scratch;
}

namespace {
// ASCII is valid UTF-8, and it is nearly every line of source code: for those the check
// pcre2_match would make on every call (once per rule) is known to pass.
bool isAscii(const char *data, qsizetype length)
{
    constexpr uint64_t kHigh = 0x8080808080808080ull;
    uint64_t any = 0;
    qsizetype i = 0;
    for (; i + 8 <= length; i += 8) {
        uint64_t word;
        std::memcpy(&word, data + i, sizeof word);
        any |= word;
    }
    for (; i < length; ++i)
        any |= uint64_t(static_cast<unsigned char>(data[i]));
    return (any & kHigh) == 0;
}
} // namespace

LineConfirmer::Verdict LineConfirmer::run(int rule, const char *line, qsizetype length, bool ascii,
                                          Scratch &scratch) const
{
    pcre2_code *code = m_programs[size_t(rule)];
    if (!code || !scratch.matchData)
        return Verdict::Undecided;
    // Otherwise pcre2_match checks the UTF-8 itself: an invalid line (the verifier sees U+FFFD
    // there) comes back as an error and stays a candidate.
    const auto subject = reinterpret_cast<PCRE2_SPTR>(line);
    const int rc =
        ascii ? pcre2_jit_match(code, subject, PCRE2_SIZE(length), 0, 0, scratch.matchData, nullptr)
              : pcre2_match(code, subject, PCRE2_SIZE(length), 0, 0, scratch.matchData, nullptr);
    if (rc == PCRE2_ERROR_NOMATCH)
        return Verdict::NoMatch;
    return rc >= 0 ? Verdict::Match : Verdict::Undecided;
}

void LineConfirmer::confirm(const QByteArray &text, Scratch &scratch,
                            std::vector<Candidate> &candidates) const
{
    if (candidates.empty())
        return;
    std::sort(candidates.begin(), candidates.end(), [](const Candidate &a, const Candidate &b) {
        return a.offset < b.offset || (a.offset == b.offset && a.rule < b.rule);
    });
    const char *data = text.constData();
    const qsizetype size = text.size();
    qsizetype lineStart = -1, lineEnd = -1; // the line of the previous candidate
    bool ascii = false;
    size_t kept = 0;
    for (const Candidate &c : candidates) {
        if (c.offset > lineEnd || lineStart < 0) {
            // Candidates come in offset order, so lines are found moving forward only.
            qsizetype from = lineStart < 0 ? 0 : lineEnd + 1;
            if (c.offset > from) {
                const void *nl = memrchr(data + from, '\n', size_t(c.offset - from));
                if (nl)
                    from = static_cast<const char *>(nl) - data + 1;
            }
            lineStart = from;
            const qsizetype scanFrom = std::min(c.offset, size);
            const void *nl = std::memchr(data + scanFrom, '\n', size_t(size - scanFrom));
            lineEnd = nl ? static_cast<const char *>(nl) - data : size;
            ascii = isAscii(data + lineStart, lineEnd - lineStart);
            scratch.decided.clear();
        }
        if (std::find(scratch.decided.begin(), scratch.decided.end(), c.rule) !=
            scratch.decided.end())
            continue;
        scratch.decided.push_back(c.rule);
        if (run(c.rule, data + lineStart, lineEnd - lineStart, ascii, scratch) != Verdict::NoMatch)
            candidates[kept++] = {c.rule, lineStart};
    }
    candidates.resize(kept);
}

} // namespace stella::guard
