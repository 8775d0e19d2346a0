// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "GuardConfig.h"
#include "GuardRule.h"

namespace stella::guard {

// The built-in secret rules: the token families a leading scanner covers (AWS, GitHub, GitLab,
// Slack, Stripe, Google, Azure, npm, PyPI, OpenAI, Anthropic, PEM private keys, JWTs, basic-auth
// URLs, generic assignments), each with its prefilter keywords and its extra check.
class SecretRules
{
public:
    static const QList<GuardRule> &builtin();
    // A custom pattern from the config as a rule (no keywords: matched over whole files).
    static GuardRule fromCustom(const PatternRule &custom);
};

// Markers of AI-generated code. Replaced, not extended, by `attributionMarkers` in the config.
class AttributionRules
{
public:
    static const QList<GuardRule> &builtin();
    static GuardRule fromMarker(const PatternRule &marker);
};

} // namespace stella::guard
