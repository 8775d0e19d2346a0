// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace stella::ui {

// Edits of the guard config's YAML text that keep the operator's layout and comments: the
// Allow… action adds to a list where it is written (flow `[a, b]` or block `- a`), or appends
// the key when the config has none.
class GuardConfigText
{
    Q_DECLARE_TR_FUNCTIONS(stella::ui::GuardConfigText)

public:
    // The built-in config to start from: every key of docs/contracts.md §13 at its default.
    static QString defaults();

    // `keys`: the canonical spelling first, then its alias. Fails when the key holds something
    // other than a list (the operator fixes that first).
    static Result<QString> addToList(const QString &yaml, const QStringList &keys,
                                     const QString &item);

    static QString quoted(const QString &item); // a single-quoted YAML scalar

    // A glob that matches exactly this path below a scan root (allowPaths is matched against
    // the relative path; glob characters are escaped, a single name is anchored at the root).
    static QString exactGlob(const QString &relativePath);
};

} // namespace stella::ui
