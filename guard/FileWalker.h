// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "GlobPattern.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <functional>

namespace stella::guard {

struct SourceFile
{
    QString absolutePath;
    QString displayPath;  // the root as given joined with the relative path: what findings show
    QString relativePath; // below the root (the file name for a file root)
    qint64 size = 0;
};

struct WalkStats
{
    qint64 ignored = 0;  // by .gitignore
    qint64 allowed = 0;  // by allowPaths
    qint64 tooLarge = 0; // over maxFileSize
    // Folders whose listing was refused (permissions): counted with the unreadable files, and
    // named, since what they hold was not scanned.
    qint64 unreadable = 0;
    QStringList unreadableFolders; // display paths, in walk order
    QStringList missing;           // roots that do not exist
};

// Lists the files below the given roots, in a fixed order: .git directories and what
// .gitignore files exclude are skipped (nested .gitignore files apply to their subtree, later
// rules and deeper files win, `!` re-includes, an excluded directory is not entered), as are
// files over the size limit and those matching an allowPaths glob. Directory symlinks are not
// followed (no loops); file symlinks are. A folder that cannot be listed is counted in
// WalkStats::unreadable and named, never silently passed over.
class FileWalker
{
public:
    struct Options
    {
        qint64 maxFileSize = 2 * 1024 * 1024;
        QStringList allowPaths;
        bool honourGitignore = true;
    };

    using FileSink = std::function<void(SourceFile &&file)>;

    explicit FileWalker(Options options);
    QList<SourceFile> walk(const QStringList &roots, WalkStats *stats = nullptr) const;
    // The same files, each handed to `sink` as soon as it is found, in walk order rather than
    // sorted (a display path still comes once): a scanner reads the first files while the
    // walk goes on.
    void walk(const QStringList &roots, WalkStats *stats, const FileSink &sink) const;

private:
    struct IgnoreRule
    {
        GlobPattern glob;
        bool negate = false;
        bool directoryOnly = false;
    };
    struct IgnoreFile
    {
        QString base; // relative directory of the .gitignore ("" at the root)
        QList<IgnoreRule> rules;
    };

    void walkDirectory(const QString &absolute, const QString &relative, const QString &root,
                       QList<IgnoreFile> &ignores, const FileSink &out, WalkStats &stats) const;
    static bool ignored(const QList<IgnoreFile> &ignores, const QString &relative, bool isDir);
    static QList<IgnoreRule> readGitignore(const QString &path);
    bool allowListed(const QString &relative) const;
    static QString join(const QString &root, const QString &relative);

    Options m_options;
    QList<GlobPattern> m_allow;
};

} // namespace stella::guard
