// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ArgParser.h"

#include <functional>

namespace stella::cli {

class Cli;

// One command of stella-integrations: what it takes (the table the parser and the help both
// read), what its help says, and what it needs.
struct Command
{
    ArgSpec spec; // spec.command is the command's name
    QString summary;
    QStringList notes; // further help lines: defaults, exit codes
    bool needsCatalog = false;
    // In the sandbox such a command says that its change is discarded at exit.
    bool changesCatalog = false;
    std::function<Result<void>(Cli &, const Args &)> handler;
    // Not in the help, the completion or the manual: the verbs that generate the latter two
    // for the package.
    bool hidden = false;

    const QString &name() const { return spec.command; }
};

// The global options come before the command: `stella-integrations --json list`.
struct GlobalOptions
{
    QList<OptionSpec> options;
    QStringList notes;

    QString synopsis() const; // "[--db URL] [--tenant ID] … COMMAND ..."
};

// `stella-integrations --help` / `help`: the global options and one line per command.
QString globalHelp(const GlobalOptions &globals, const QList<Command> &commands);
// `COMMAND --help` / `help COMMAND`: synopsis, arguments, options and notes, one line each.
QString commandHelp(const GlobalOptions &globals, const Command &command);

} // namespace stella::cli
