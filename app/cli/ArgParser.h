// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"

#include <QHash>
#include <QSet>
#include <QStringList>

namespace stella::cli {

// The arguments of one command: `--name value`, `--name=value`, `--flag`, positionals.
// Each command declares what it takes, so a typo is a usage error, not silently ignored.
struct ArgSpec
{
    QSet<QString> valueOptions; // without the leading "--"
    QSet<QString> flags;
    int minPositionals = 0;
    int maxPositionals = 0;
    QString usage; // "show ID"
};

class Args
{
public:
    static Result<Args> parse(const QStringList &tokens, const ArgSpec &spec);

    bool has(const QString &name) const
    {
        return m_values.contains(name) || m_flags.contains(name);
    }
    QString value(const QString &name, const QString &fallback = {}) const
    {
        return m_values.value(name, fallback);
    }
    bool flag(const QString &name) const { return m_flags.contains(name); }
    const QStringList &positionals() const { return m_positionals; }
    // A positive integer option; an InvalidInput error names the option otherwise.
    Result<int> intValue(const QString &name, int fallback, int minimum = 1) const;

private:
    QHash<QString, QString> m_values;
    QSet<QString> m_flags;
    QStringList m_positionals;
};

} // namespace stella::cli
