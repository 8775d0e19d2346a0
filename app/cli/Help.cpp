// SPDX-License-Identifier: Apache-2.0
// The help texts, generated from the command table (Cli::commands()) so that what the help
// says and what the parser accepts are one list.
#include "Command.h"

#include <utility>

namespace stella::cli {

namespace {
using Row = std::pair<QString, QString>;

// Two columns, the left one as wide as its widest entry up to a limit; a longer entry gets a
// line of its own, its description under it in the right column.
QString rows(const QList<Row> &entries)
{
    constexpr qsizetype kMaxLeft = 36;
    qsizetype width = 0;
    for (const Row &r : entries)
        if (r.first.size() <= kMaxLeft)
            width = std::max(width, r.first.size());
    QString text;
    for (const Row &r : entries) {
        if (r.first.size() > width)
            text += QStringLiteral("  %1\n  %2  %3\n")
                        .arg(r.first, QString(width, QLatin1Char(' ')), r.second);
        else
            text += QStringLiteral("  %1  %2\n").arg(r.first.leftJustified(width), r.second);
    }
    return text;
}

QString optionRows(const QList<OptionSpec> &options)
{
    QList<Row> entries;
    for (const OptionSpec &o : options)
        entries.append({o.synopsis(), o.help});
    return rows(entries);
}

QString notes(const QStringList &lines)
{
    QString text;
    for (const QString &line : lines)
        text += line + QLatin1Char('\n');
    return text;
}
} // namespace

QString GlobalOptions::synopsis() const
{
    QStringList parts;
    for (const OptionSpec &o : options)
        if (o.name != QLatin1String("help") && o.name != QLatin1String("version"))
            parts.append(QStringLiteral("[%1]").arg(o.synopsis()));
    return parts.join(QLatin1Char(' '));
}

QString globalHelp(const GlobalOptions &globals, const QList<Command> &commands)
{
    QString text =
        QStringLiteral("Usage: stella-integrations %1 COMMAND ...\n\n").arg(globals.synopsis());
    text += QStringLiteral("Global options (before the command):\n") + optionRows(globals.options);
    QList<Row> entries;
    for (const Command &c : commands)
        if (!c.hidden)
            entries.append({c.spec.synopsis(), c.summary});
    text += QStringLiteral("\nCommands:\n") + rows(entries);
    text += QStringLiteral("\n`stella-integrations help COMMAND` or `stella-integrations COMMAND "
                           "--help` shows a command's arguments and options.\n");
    return text + notes(globals.notes);
}

QString commandHelp(const GlobalOptions &globals, const Command &command)
{
    const ArgSpec &spec = command.spec;
    QString text = QStringLiteral("Usage: stella-integrations %1 %2\n\n")
                       .arg(globals.synopsis(), spec.synopsis());
    text += command.summary + QStringLiteral("\n");
    if (!spec.arguments.isEmpty()) {
        QList<Row> entries;
        for (const ArgumentSpec &a : spec.arguments)
            entries.append({a.name, a.help});
        text += QStringLiteral("\nArguments:\n") + rows(entries);
    }
    QList<OptionSpec> options = spec.options;
    options.append({QStringLiteral("help"), {}, QStringLiteral("show this help")});
    text += QStringLiteral("\nOptions:\n") + optionRows(options);
    if (!command.notes.isEmpty())
        text += QLatin1Char('\n') + notes(command.notes);
    return text;
}

} // namespace stella::cli
