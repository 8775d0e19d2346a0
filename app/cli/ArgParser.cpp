// SPDX-License-Identifier: Apache-2.0
#include "ArgParser.h"

namespace stella::cli {

namespace {
Error usage(const ArgSpec &spec, const QString &problem)
{
    return Error::invalidInput(problem,
                               QStringLiteral("Usage: stella-integrations %1").arg(spec.usage));
}
} // namespace

Result<Args> Args::parse(const QStringList &tokens, const ArgSpec &spec)
{
    Args args;
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        const QString &token = tokens[i];
        if (token == QLatin1String("--")) {
            args.m_positionals += tokens.mid(i + 1);
            break;
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
        if (spec.flags.contains(name)) {
            if (hasInline)
                return usage(spec, QStringLiteral("--%1 takes no value").arg(name));
            args.m_flags.insert(name);
        } else if (spec.valueOptions.contains(name)) {
            if (args.m_values.contains(name))
                return usage(spec, QStringLiteral("--%1 is given twice").arg(name));
            if (hasInline) {
                args.m_values.insert(name, inlineValue);
            } else {
                if (i + 1 >= tokens.size())
                    return usage(spec, QStringLiteral("--%1 needs a value").arg(name));
                args.m_values.insert(name, tokens[++i]);
            }
        } else {
            QStringList known;
            for (const QString &o : spec.valueOptions)
                known.append(QStringLiteral("--") + o);
            for (const QString &f : spec.flags)
                known.append(QStringLiteral("--") + f);
            known.sort();
            return usage(spec, QStringLiteral("unknown option --%1%2")
                                   .arg(name, known.isEmpty()
                                                  ? QString()
                                                  : QStringLiteral(" (this command takes %1)")
                                                        .arg(known.join(QStringLiteral(", ")))));
        }
    }
    if (args.m_positionals.size() < spec.minPositionals)
        return usage(spec, QStringLiteral("missing argument"));
    if (args.m_positionals.size() > spec.maxPositionals)
        return usage(spec, QStringLiteral("unexpected argument '%1'")
                               .arg(args.m_positionals.at(spec.maxPositionals)));
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

} // namespace stella::cli
