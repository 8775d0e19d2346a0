// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "Command.h"

namespace stella::cli {

// stella-integrations(1) in troff (man(7) macros), generated from the command table like the
// help, so the manual never lists an option the parser does not take. The package installs
// `stella-integrations manpage`, compressed, in /usr/share/man/man1: built once, on the build
// machine, and read by every user, so `globals` and `commands` must name no path of the
// builder's.
QString manPage(const GlobalOptions &globals, const QList<Command> &commands,
                const QString &version);

} // namespace stella::cli
