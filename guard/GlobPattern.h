// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QRegularExpression>
#include <QString>

namespace stella::guard {

// A gitignore-style glob over '/'-separated relative paths: `*` and `?` stop at '/', `**`
// crosses directories, `[...]` is a class. A pattern without a '/' (other than a trailing one)
// matches the last path component at any depth; with one, it is anchored at the base.
// Used by .gitignore files and by the config's allowPaths.
class GlobPattern
{
public:
    GlobPattern() = default;
    explicit GlobPattern(QString pattern);

    bool isValid() const { return m_regex.isValid(); }
    bool anchored() const { return m_anchored; }
    bool matches(const QString &relativePath) const;

private:
    QRegularExpression m_regex;
    bool m_anchored = false;
};

} // namespace stella::guard
