// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QStringView>

namespace stella::guard {

// The judgements that turn a pattern match into a finding or leave it quiet. Free functions so
// each can be tested on its own.
namespace RuleChecks {

// Shannon entropy in bits per character.
double shannonEntropy(QStringView value);
// Documentation placeholders: "<your-token>", "${TOKEN}", "xxxxxxxx", "changeme", "example"...
bool isPlaceholder(QStringView value);
// Published example credentials (AWS's AKIAIOSFODNN7EXAMPLE, Stripe's documented test key,
// the Azurite development key, jwt.io's sample token...).
bool isWellKnownExample(QStringView value);
// A source file (by extension), as opposed to config or data: unquoted values are code there,
// and it must carry an SPDX header.
bool isCodeFile(QStringView path);
// In these code files an unquoted value is an expression (a variable, a call), never a
// literal; shell scripts are the exception (`password=s3cret` is a literal there).
bool unquotedIsExpression(QStringView path);
// Whether `position` lies inside a double-quoted string literal of `line` (an odd number of
// unescaped '"' before it).
bool insideStringLiteral(QStringView line, qsizetype position);
// The line reads its value from the environment or a secret store at run time.
bool readsEnvironment(QStringView line);
// `stella-guard:allow RULE[,RULE...]` (or `stella-guard:allow all`) on the line.
bool allowsRule(QStringView line, QStringView ruleId);
// The minimum entropy (bits/char) of a generic assignment's value.
inline constexpr double kGenericEntropyThreshold = 3.0;

} // namespace RuleChecks

} // namespace stella::guard
