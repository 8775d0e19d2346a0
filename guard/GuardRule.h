// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "Finding.h"

#include <QRegularExpression>
#include <QStringList>

namespace stella::guard {

// Extra checks a match must pass before it is a finding (see RuleVerifier).
enum class RuleCheck
{
    None,
    Token,             // placeholders and well-known example values are not findings
    GenericAssignment, // entropy gate; env reads, code references and placeholders are not
    PrivateKey,        // a PEM header is a finding only when key material follows
    BasicAuthUrl,      // the password part must not be a placeholder
    EnvFallback,       // the literal default of an environment read: placeholders, entropy gate
};

// One pattern rule of any family. The pattern is written in the common subset of PCRE2 and
// Hyperscan (no look-around, no back-references, ASCII classes instead of \w and \s), so both
// engines find the same candidates; PCRE2 (QRegularExpression) always has the last word.
struct GuardRule
{
    QString id;
    RuleFamily family = RuleFamily::Secret;
    Severity severity = Severity::High;
    QString description; // the finding's message
    QString pattern;
    bool caseless = false;
    // Literals of which every match contains at least one (compared case-insensitively): the
    // keyword prefilter of the PCRE2 engine. Empty means "unknown" (custom patterns): that rule
    // is matched over the whole file.
    QStringList keywords;
    int secretGroup = 0; // capture group holding the secret (0: the whole match)
    RuleCheck check = RuleCheck::None;
};

// A rule with its compiled PCRE2 expression.
struct CompiledRule
{
    GuardRule rule;
    QRegularExpression regex;
};

} // namespace stella::guard
