// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "Command.h"

namespace stella::cli {

// The bash completion script for stella-integrations, generated from the same command table
// as the parser and the help, so that what it offers is what the parser takes. The package
// installs its output (`stella-integrations completion bash`) in
// /usr/share/bash-completion/completions. It needs nothing beyond bash itself.
QString bashCompletion(const GlobalOptions &globals, const QList<Command> &commands);

} // namespace stella::cli
