// SPDX-License-Identifier: Apache-2.0
#include "FileWalker.h"

#include "core/common/Logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>

namespace stella::guard {

FileWalker::FileWalker(Options options) : m_options(std::move(options))
{
    for (QString glob : m_options.allowPaths) {
        // "vendor/" names a directory, as in .gitignore; directories are tested before they
        // are entered, so the trailing slash can go.
        while (glob.size() > 1 && glob.endsWith(QLatin1Char('/')))
            glob.chop(1);
        m_allow.append(GlobPattern(glob));
    }
}

QString FileWalker::join(const QString &root, const QString &relative)
{
    if (root == QLatin1String("."))
        return relative;
    return QDir::cleanPath(root + QLatin1Char('/') + relative);
}

QList<FileWalker::IgnoreRule> FileWalker::readGitignore(const QString &path)
{
    QList<IgnoreRule> rules;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return rules;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (QByteArray raw : lines) {
        if (raw.endsWith('\r'))
            raw.chop(1);
        QString line = QString::fromUtf8(raw);
        // Trailing spaces are ignored unless escaped (gitignore(5)).
        while (line.endsWith(QLatin1Char(' ')) && !line.endsWith(QLatin1String("\\ ")))
            line.chop(1);
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        IgnoreRule rule;
        if (line.startsWith(QLatin1Char('!'))) {
            rule.negate = true;
            line.remove(0, 1);
        } else if (line.startsWith(QLatin1String("\\!")) || line.startsWith(QLatin1String("\\#"))) {
            line.remove(0, 1);
        }
        if (line.endsWith(QLatin1Char('/'))) {
            rule.directoryOnly = true;
            line.chop(1);
        }
        if (line.isEmpty())
            continue;
        rule.glob = GlobPattern(line);
        if (rule.glob.isValid())
            rules.append(rule);
    }
    return rules;
}

bool FileWalker::ignored(const QList<IgnoreFile> &ignores, const QString &relative, bool isDir)
{
    // Later rules win, and deeper .gitignore files come later in the list.
    bool result = false;
    for (const IgnoreFile &file : ignores) {
        QString below = relative;
        if (!file.base.isEmpty()) {
            if (!relative.startsWith(file.base + QLatin1Char('/')))
                continue;
            below = relative.mid(file.base.size() + 1);
        }
        for (const IgnoreRule &rule : file.rules) {
            if (rule.directoryOnly && !isDir)
                continue;
            if (rule.glob.matches(below))
                result = !rule.negate;
        }
    }
    return result;
}

bool FileWalker::allowListed(const QString &relative) const
{
    return std::any_of(m_allow.begin(), m_allow.end(),
                       [&](const GlobPattern &g) { return g.matches(relative); });
}

void FileWalker::walkDirectory(const QString &absolute, const QString &relative,
                               const QString &root, QList<IgnoreFile> &ignores, const FileSink &out,
                               WalkStats &stats) const
{
    // QDir lists an unreadable folder as an empty one; opendir says why it cannot.
    if (DIR *handle = ::opendir(QFile::encodeName(absolute).constData())) {
        ::closedir(handle);
    } else {
        const int error = errno;
        const QString display = join(root, relative.isEmpty() ? QStringLiteral(".") : relative);
        STELLA_LOG_WARNING(lcGuard).noquote() << "cannot read the folder" << display << ":"
                                              << QString::fromLocal8Bit(std::strerror(error));
        ++stats.unreadable;
        stats.unreadableFolders.append(display);
        return;
    }
    const QDir dir(absolute);
    // One listing gives the names with their types (from readdir), so only a file's size and
    // a link's target cost a stat; names in ordinal order, so the walk (and the progress) is
    // the same everywhere.
    QFileInfoList entries = dir.entryInfoList(
        QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System, QDir::Unsorted);
    std::sort(entries.begin(), entries.end(),
              [](const QFileInfo &a, const QFileInfo &b) { return a.fileName() < b.fileName(); });
    bool pushed = false;
    if (m_options.honourGitignore) {
        const auto gitignore =
            std::find_if(entries.cbegin(), entries.cend(), [](const QFileInfo &info) {
                return info.fileName() == QLatin1String(".gitignore");
            });
        if (gitignore != entries.cend() && gitignore->isFile()) {
            ignores.append({relative, readGitignore(gitignore->filePath())});
            pushed = true;
        }
    }
    for (const QFileInfo &info : std::as_const(entries)) {
        const QString name = info.fileName();
        const QString rel = relative.isEmpty() ? name : relative + QLatin1Char('/') + name;
        if (info.isDir()) {
            if (name == QLatin1String(".git") || info.isSymLink())
                continue;
            if (ignored(ignores, rel, true)) {
                ++stats.ignored;
                continue;
            }
            if (allowListed(rel)) {
                ++stats.allowed;
                continue;
            }
            walkDirectory(info.filePath(), rel, root, ignores, out, stats);
            continue;
        }
        if (!info.isFile())
            continue; // sockets, fifos, broken links
        if (ignored(ignores, rel, false)) {
            ++stats.ignored;
            continue;
        }
        if (allowListed(rel)) {
            ++stats.allowed;
            continue;
        }
        if (info.size() > m_options.maxFileSize) {
            ++stats.tooLarge;
            continue;
        }
        out({info.filePath(), join(root, rel), rel, info.size()});
    }
    if (pushed)
        ignores.removeLast();
}

QList<SourceFile> FileWalker::walk(const QStringList &roots, WalkStats *statsOut) const
{
    QList<SourceFile> files;
    walk(roots, statsOut, [&files](SourceFile &&file) { files.append(std::move(file)); });
    std::sort(files.begin(), files.end(), [](const SourceFile &a, const SourceFile &b) {
        return a.displayPath < b.displayPath;
    });
    return files;
}

void FileWalker::walk(const QStringList &roots, WalkStats *statsOut, const FileSink &sink) const
{
    WalkStats stats;
    // One entry per display path: roots given twice scan once.
    QSet<QString> seen;
    const FileSink once = [&](SourceFile &&file) {
        if (roots.size() > 1) {
            if (seen.contains(file.displayPath))
                return;
            seen.insert(file.displayPath);
        }
        sink(std::move(file));
    };
    for (const QString &root : roots) {
        const QFileInfo info(root);
        if (!info.exists()) {
            stats.missing.append(root);
            continue;
        }
        if (info.isDir()) {
            QList<IgnoreFile> ignores;
            walkDirectory(info.filePath(), QString(), QDir::cleanPath(root), ignores, once, stats);
        } else if (info.size() > m_options.maxFileSize) {
            ++stats.tooLarge;
        } else {
            // A file named explicitly is scanned: the operator asked for it.
            once({info.filePath(), QDir::cleanPath(root), info.fileName(), info.size()});
        }
    }
    if (statsOut)
        *statsOut = stats;
}

} // namespace stella::guard
