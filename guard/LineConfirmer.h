// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "Matcher.h"

#include <memory>
#include <vector>

// pcre2.h's types, declared here so that only LineConfirmer.cpp includes PCRE2.
struct pcre2_real_code_8;
struct pcre2_real_match_data_8;

namespace stella::guard {

// Narrows a prefilter's candidates to the lines where the rule's expression really matches,
// with each rule compiled once by 8-bit PCRE2 with its JIT and run on the line's bytes. The
// verifier (QRegularExpression on UTF-16 lines) stays the judge; this only spares it the lines
// a keyword hit but the rule cannot match (every URL holds "://", many hold "api"). It never
// drops a line the verifier could accept: a line is dropped only on a definite "no match" for
// a line of valid UTF-8, where 8-bit PCRE2 in UTF mode and QRegularExpression see the same
// characters; a rule PCRE2 cannot compile here, a resource limit or invalid UTF-8 keeps it.
class LineConfirmer
{
public:
    class Scratch
    {
    public:
        Scratch() = default;
        Scratch(const Scratch &) = delete;
        Scratch &operator=(const Scratch &) = delete;
        ~Scratch();

    private:
        friend class LineConfirmer;
        pcre2_real_match_data_8 *matchData = nullptr;
        std::vector<int> decided; // rules decided on the current line
    };

    explicit LineConfirmer(const QList<CompiledRule> &rules);
    ~LineConfirmer();
    LineConfirmer(const LineConfirmer &) = delete;
    LineConfirmer &operator=(const LineConfirmer &) = delete;

    // Per-thread state; confirm() is const and thread-safe given one Scratch per thread.
    std::unique_ptr<Scratch> makeScratch() const;
    // Leaves one candidate (at the line's start) per line and rule that may match.
    void confirm(const QByteArray &text, Scratch &scratch,
                 std::vector<Candidate> &candidates) const;
    // How many rules have a JIT-compiled program (the others are passed through).
    int compiledCount() const;

private:
    enum class Verdict
    {
        NoMatch,
        Match,
        Undecided,
    };
    Verdict run(int rule, const char *line, qsizetype length, bool ascii, Scratch &scratch) const;

    std::vector<pcre2_real_code_8 *> m_programs; // per rule; null: not confirmable
};

} // namespace stella::guard
