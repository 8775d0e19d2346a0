// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "Finding.h"
#include "core/common/Result.h"

#include <QHash>
#include <QList>
#include <QStringList>

namespace stella::guard {

// The lines a change added, per file, from `git diff --unified=0 -M` output: what
// `guard run --git-diff BASE` scans (docs/contracts.md §22). Paths are the new paths (a
// renamed file is judged under its new name); a deleted file adds nothing; binary files and
// submodules add nothing and leave a note saying they were skipped.
class GitDiffScope
{
public:
    struct Range
    {
        int first = 0; // 1-based, inclusive
        int last = 0;
    };

    // git's own output, as GitDiffRunner asks for it (a/ and b/ prefixes, C-quoted paths).
    // Lines that are not part of a file's header or hunks are ignored.
    static GitDiffScope parse(const QByteArray &diff);

    // The files with added lines, in the order git listed them.
    QStringList paths() const { return m_order; }
    QList<Range> addedLines(const QString &path) const;
    // A finding is in scope when its span (line to lastLine) includes an added line of its file.
    bool touches(const Finding &finding) const;
    // "skipped binary file X", "skipped submodule X": said once each, in git's order.
    QStringList notes() const { return m_notes; }

private:
    QHash<QString, QList<Range>> m_added; // by cleaned path
    QStringList m_order;
    QStringList m_notes;
};

// Runs git (through QProcess, never a shell) to get a GitDiffScope for the working tree
// against BASE. Refuses, with what to do, a directory outside a git working tree, a BASE that is
// not a commit of the repository, and a missing git.
class GitDiffRunner
{
public:
    // `pathspecs` limit the diff (empty: everything below `workingDirectory`); paths in the
    // scope are relative to `workingDirectory`.
    static Result<GitDiffScope> run(const QString &base, const QString &workingDirectory,
                                    const QStringList &pathspecs);
};

} // namespace stella::guard
