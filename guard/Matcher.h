// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "GuardRule.h"
#include "core/common/Result.h"

#include <QByteArray>
#include <QList>
#include <memory>
#include <vector>

namespace stella::guard {

// A place in a file where a rule may match: the byte offset of any byte on the line.
struct Candidate
{
    int rule = 0;
    qsizetype offset = 0;
};

enum class Engine
{
    Auto,      // Hyperscan when built in (x86-64), else PCRE2; STELLA_GUARD_ENGINE overrides
    Hyperscan, // Intel Hyperscan, one multi-pattern database
    Pcre2,     // keyword prefilter, then QRegularExpression (PCRE2)
};

// The rules' keywords, lower-cased, each with the rules owning it, in a fixed (ordinal) order;
// and the rules without keywords, which an engine must match some other way.
struct KeywordTable
{
    struct Keyword
    {
        QByteArray lower;
        std::vector<int> rules;
    };
    std::vector<Keyword> keywords;
    std::vector<int> unfiltered;

    static KeywordTable of(const QList<CompiledRule> &rules);
};

// Finds candidate lines for all rules in one pass over a file. Engines may report more
// candidates than there are matches (LineConfirmer and then the verifier run each rule's
// expression on the candidate line), never fewer: that is what makes both engines give the
// same findings.
class Matcher
{
public:
    class Scratch
    {
    public:
        virtual ~Scratch() = default;
    };

    virtual ~Matcher() = default;
    virtual QString name() const = 0;
    // Per-thread state; find() is const and thread-safe given one Scratch per thread.
    virtual std::unique_ptr<Scratch> makeScratch() const = 0;
    virtual void find(const QByteArray &text, Scratch &scratch,
                      std::vector<Candidate> &out) const = 0;

    static bool hyperscanAvailable();
    // The engine asked for, or the reason it cannot be had (e.g. Hyperscan not built in).
    static Result<std::unique_ptr<Matcher>> create(const QList<CompiledRule> &rules, Engine engine);
};

// Rules an engine cannot prefilter (custom patterns without a keyword, or Hyperscan
// rejects them) are matched with PCRE2 over the whole decoded file.
void findWithRegex(const QByteArray &text, const QList<CompiledRule> &rules,
                   const std::vector<int> &ruleIndexes, std::vector<Candidate> &out);

} // namespace stella::guard
