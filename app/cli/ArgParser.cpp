// SPDX-License-Identifier: Apache-2.0
#include "ArgParser.h"

#include <limits>

namespace stella::cli {

namespace {
Error usage(const ArgSpec &spec, const QString &problem)
{
    return Error::invalidInput(problem,
                               QStringLiteral("Usage: stella-integrations %1; `stella-integrations "
                                              "%2 --help` explains each option")
                                   .arg(spec.synopsis(), spec.command));
}

int minimumPositionals(const ArgSpec &spec)
{
    int n = 0;
    for (const ArgumentSpec &a : spec.arguments)
        n += a.optional ? 0 : 1;
    return n;
}

int maximumPositionals(const ArgSpec &spec)
{
    if (!spec.arguments.isEmpty() && spec.arguments.last().repeats)
        return std::numeric_limits<int>::max();
    return int(spec.arguments.size());
}
} // namespace

QString OptionSpec::synopsis() const
{
    return isFlag() ? QStringLiteral("--") + name : QStringLiteral("--%1 %2").arg(name, valueName);
}

const OptionSpec *ArgSpec::option(const QString &name) const
{
    for (const OptionSpec &o : options)
        if (o.name == name)
            return &o;
    return nullptr;
}

QString ArgSpec::synopsis() const
{
    // The arguments, then the options, then a repeating argument: `update INTEGRATION [--name N]`,
    // `guard run [--config FILE] PATH...`.
    QStringList parts{command};
    QString repeating;
    for (const ArgumentSpec &a : arguments) {
        const QString text = a.optional ? QStringLiteral("[%1]").arg(a.name) : a.name;
        if (a.repeats)
            repeating = text + QStringLiteral("...");
        else
            parts.append(text);
    }
    for (const OptionSpec &o : options)
        parts.append(o.required ? o.synopsis() : QStringLiteral("[%1]").arg(o.synopsis()));
    if (!repeating.isEmpty())
        parts.append(repeating);
    return parts.join(QLatin1Char(' '));
}

Result<Args> Args::parse(const QStringList &tokens, const ArgSpec &spec)
{
    Args args;
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        const QString &token = tokens[i];
        if (token == QLatin1String("--")) {
            args.m_positionals += tokens.mid(i + 1);
            break;
        }
        if (token == QLatin1String("--help")) {
            args.m_help = true;
            return args;
        }
        if (!token.startsWith(QLatin1String("--")) || token.size() == 2) {
            args.m_positionals.append(token);
            continue;
        }
        QString name = token.mid(2);
        QString inlineValue;
        bool hasInline = false;
        if (const qsizetype eq = name.indexOf(QLatin1Char('=')); eq >= 0) {
            inlineValue = name.mid(eq + 1);
            name.truncate(eq);
            hasInline = true;
        }
        const OptionSpec *option = spec.option(name);
        if (!option) {
            QStringList known;
            for (const OptionSpec &o : spec.options)
                known.append(QStringLiteral("--") + o.name);
            known.sort();
            return usage(spec, QStringLiteral("unknown option --%1%2")
                                   .arg(name, known.isEmpty()
                                                  ? QString()
                                                  : QStringLiteral(" (this command takes %1)")
                                                        .arg(known.join(QStringLiteral(", ")))));
        }
        if (option->isFlag()) {
            if (hasInline)
                return usage(spec, QStringLiteral("--%1 takes no value").arg(name));
            args.m_flags.insert(name);
            continue;
        }
        if (args.m_values.contains(name) && !option->repeats)
            return usage(spec, QStringLiteral("--%1 is given twice").arg(name));
        if (!hasInline) {
            if (i + 1 >= tokens.size())
                return usage(spec, QStringLiteral("--%1 needs a value").arg(name));
            inlineValue = tokens[++i];
        }
        if (option->required && inlineValue.isEmpty())
            return usage(spec, QStringLiteral("--%1 needs a value").arg(name));
        args.m_values.insert(name, inlineValue);
        if (option->repeats)
            args.m_repeated[name].append(inlineValue);
    }
    for (const OptionSpec &o : spec.options)
        if (o.required && !args.m_values.contains(o.name))
            return usage(spec, QStringLiteral("%1 needs --%2").arg(spec.command, o.name));
    if (args.m_positionals.size() < minimumPositionals(spec)) {
        // "show needs INTEGRATION", "guard run needs at least one PATH"
        const ArgumentSpec &missing = spec.arguments.at(args.m_positionals.size());
        return usage(
            spec,
            QStringLiteral("%1 needs %2%3")
                .arg((QStringList{spec.command} + args.m_positionals).join(QLatin1Char(' ')),
                     missing.repeats ? QStringLiteral("at least one ") : QString(), missing.name));
    }
    if (args.m_positionals.size() > maximumPositionals(spec))
        return usage(spec, QStringLiteral("unexpected argument '%1'")
                               .arg(args.m_positionals.at(maximumPositionals(spec))));
    return args;
}

Result<int> Args::intValue(const QString &name, int fallback, int minimum) const
{
    if (!m_values.contains(name))
        return fallback;
    bool ok = false;
    const int v = m_values.value(name).toInt(&ok);
    if (!ok || v < minimum)
        return Error::invalidInput(
            QStringLiteral("--%1 must be a whole number of at least %2, not '%3'")
                .arg(name)
                .arg(minimum)
                .arg(m_values.value(name)));
    return v;
}

std::optional<QString> canonicalSpelling(const QString &text, const QStringList &names)
{
    for (const QString &name : names)
        if (text.compare(name, Qt::CaseInsensitive) == 0)
            return name;
    return std::nullopt;
}

Error unknownValue(const QString &option, const QString &value, const QString &what,
                   const QStringList &valid)
{
    return Error::invalidInput(
        QStringLiteral("--%1 '%2' is not %3").arg(option, value, what),
        QStringLiteral("Use one of: %1 (any case)").arg(valid.join(QStringLiteral(", "))));
}

} // namespace stella::cli
