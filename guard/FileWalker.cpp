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
#include <fcntl.h>
#include <optional>
#include <sys/stat.h>
#include <vector>

namespace stella::guard {

namespace {
QString childPath(const QString &folder, const QString &name)
{
    return folder.endsWith(QLatin1Char('/')) ? folder + name : folder + QLatin1Char('/') + name;
}
} // namespace

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
    if (relative == QLatin1String("."))
        return root;
    // Both halves are clean already (the root went through QDir::cleanPath, the relative path
    // is names joined by '/'); only the root "/" ends in a slash.
    return childPath(root, relative);
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

namespace {
struct DirEntry
{
    QString name;
    bool isDir = false;
    bool isFile = false;
    bool isLink = false;
    qint64 size = 0;
};

// What a folder holds, each entry with its type and, for a file, its size. readdir gives the
// types, so only a file's size and a link's target cost a stat, made relative to the open
// folder. The folder is closed before the caller descends, so a deep tree does not hold a
// descriptor per level. Sockets, fifos, devices and broken links are left out.
std::optional<std::vector<DirEntry>> listFolder(const QString &absolute, int *error)
{
    DIR *handle = ::opendir(QFile::encodeName(absolute).constData());
    if (!handle) {
        *error = errno;
        return std::nullopt;
    }
    const int folder = ::dirfd(handle);
    std::vector<DirEntry> entries;
    while (const dirent *e = ::readdir(handle)) {
        const char *raw = e->d_name;
        if (raw[0] == '.' && (raw[1] == 0 || (raw[1] == '.' && raw[2] == 0)))
            continue;
        DirEntry entry;
        struct stat info;
        switch (e->d_type) {
        case DT_DIR:
            entry.isDir = true;
            break;
        case DT_REG:
            if (::fstatat(folder, raw, &info, AT_SYMLINK_NOFOLLOW) != 0)
                continue; // gone since the listing
            entry.isFile = S_ISREG(info.st_mode);
            entry.size = info.st_size;
            break;
        case DT_LNK:
        case DT_UNKNOWN: // file systems that do not fill in d_type
            if (::fstatat(folder, raw, &info, AT_SYMLINK_NOFOLLOW) != 0)
                continue;
            entry.isLink = S_ISLNK(info.st_mode);
            if (entry.isLink && ::fstatat(folder, raw, &info, 0) != 0)
                continue; // a broken link
            entry.isDir = S_ISDIR(info.st_mode);
            entry.isFile = S_ISREG(info.st_mode);
            entry.size = info.st_size;
            break;
        default:
            continue;
        }
        if (!entry.isDir && !entry.isFile)
            continue;
        entry.name = QFile::decodeName(raw);
        entries.push_back(std::move(entry));
    }
    ::closedir(handle);
    // Names in ordinal order, so the walk (and the progress) is the same everywhere.
    std::sort(entries.begin(), entries.end(),
              [](const DirEntry &a, const DirEntry &b) { return a.name < b.name; });
    return entries;
}

} // namespace

void FileWalker::walkDirectory(const QString &absolute, const QString &relative,
                               const QString &root, QList<IgnoreFile> &ignores, const FileSink &out,
                               WalkStats &stats) const
{
    int error = 0;
    const auto entries = listFolder(absolute, &error);
    if (!entries) {
        const QString display = join(root, relative.isEmpty() ? QStringLiteral(".") : relative);
        STELLA_LOG_WARNING(lcGuard).noquote() << "cannot read the folder" << display << ":"
                                              << QString::fromLocal8Bit(std::strerror(error));
        ++stats.unreadable;
        stats.unreadableFolders.append(display);
        return;
    }
    bool pushed = false;
    if (m_options.honourGitignore) {
        const auto gitignore =
            std::find_if(entries->cbegin(), entries->cend(),
                         [](const DirEntry &e) { return e.name == QLatin1String(".gitignore"); });
        if (gitignore != entries->cend() && gitignore->isFile) {
            ignores.append({relative, readGitignore(childPath(absolute, gitignore->name))});
            pushed = true;
        }
    }
    for (const DirEntry &entry : *entries) {
        const QString rel =
            relative.isEmpty() ? entry.name : relative + QLatin1Char('/') + entry.name;
        if (entry.isDir) {
            if (entry.name == QLatin1String(".git") || entry.isLink)
                continue;
            if (ignored(ignores, rel, true)) {
                ++stats.ignored;
                continue;
            }
            if (allowListed(rel)) {
                ++stats.allowed;
                continue;
            }
            walkDirectory(childPath(absolute, entry.name), rel, root, ignores, out, stats);
            continue;
        }
        if (ignored(ignores, rel, false)) {
            ++stats.ignored;
            continue;
        }
        if (allowListed(rel)) {
            ++stats.allowed;
            continue;
        }
        if (entry.size > m_options.maxFileSize) {
            ++stats.tooLarge;
            continue;
        }
        out({childPath(absolute, entry.name), join(root, rel), rel, entry.size});
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
