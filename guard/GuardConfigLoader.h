// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "GuardConfig.h"
#include "core/common/Result.h"

#include <QByteArray>

namespace stella::guard {

// Reads the YAML config with yaml-cpp. Strict: unknown keys, wrong types, invalid regexes,
// duplicate rule ids, maxFindings <= 0 and unknown SPDX ids are InvalidInput errors whose
// message starts "<file>:<line>: '<key>' ...", so the operator can go straight to the line.
class GuardConfigLoader
{
public:
    static Result<GuardConfig> loadFile(const QString &path);
    // `source` names the document in messages (a file name).
    static Result<GuardConfig> parse(const QByteArray &yaml, const QString &source);
    // The 1-based line a parse() error of `source` names, 0 when it names none: where an
    // editor underlines it.
    static int errorLine(const Error &error, const QString &source);
};

} // namespace stella::guard
