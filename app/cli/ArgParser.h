// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QStringList>

namespace stella::cli {

// One `--name VALUE` option or `--flag` of a command, with the line its help shows. The
// parser and the help read the same table, so they cannot disagree.
struct OptionSpec
{
    QString name;      // without the leading "--"
    QString valueName; // "URL" in `--endpoint URL`; empty for a flag
    QString help;      // one line
    bool required = false;
    bool repeats = false; // `--tag a --tag b`: values() gives them all, in order

    bool isFlag() const { return valueName.isEmpty(); }
    QString synopsis() const; // "--endpoint URL", "--once"
};

// One positional argument: "ID", "AUTHREF", "PATH" (repeatable).
struct ArgumentSpec
{
    QString name;
    QString help;
    bool optional = false;
    bool repeats = false; // the last argument only: one or more
};

// What one command takes: `--name value`, `--name=value`, `--flag`, positionals. Each command
// declares it, so a typo is a usage error, not silently ignored.
struct ArgSpec
{
    QString command;
    QList<ArgumentSpec> arguments;
    QList<OptionSpec> options;

    const OptionSpec *option(const QString &name) const;
    // "show INTEGRATION", "add --provider P --name N [--type T] …", derived from the table.
    QString synopsis() const;
};

class Args
{
public:
    // `--help` anywhere before `--` asks for the command's help: parsing stops there, and
    // helpRequested() says so (missing arguments are no error then).
    static Result<Args> parse(const QStringList &tokens, const ArgSpec &spec);

    bool helpRequested() const { return m_help; }
    bool has(const QString &name) const
    {
        return m_values.contains(name) || m_flags.contains(name);
    }
    QString value(const QString &name, const QString &fallback = {}) const
    {
        return m_values.value(name, fallback);
    }
    bool flag(const QString &name) const { return m_flags.contains(name); }
    // Every value of a repeatable option, in the order given.
    QStringList values(const QString &name) const { return m_repeated.value(name); }
    const QStringList &positionals() const { return m_positionals; }
    // A positive integer option; an InvalidInput error names the option otherwise.
    Result<int> intValue(const QString &name, int fallback, int minimum = 1) const;

private:
    QHash<QString, QString> m_values;
    QSet<QString> m_flags;
    QHash<QString, QStringList> m_repeated;
    QStringList m_positionals;
    bool m_help = false;
};

// The canonical spelling of `text` among `names`, ignoring case: `--provider harbor` is Harbor.
std::optional<QString> canonicalSpelling(const QString &text, const QStringList &names);
// "--status 'Sleepy' is not a health status. Use one of: Unknown, Healthy, … (any case)".
Error unknownValue(const QString &option, const QString &value, const QString &what,
                   const QStringList &valid);

} // namespace stella::cli
