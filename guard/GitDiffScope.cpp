// SPDX-License-Identifier: Apache-2.0
#include "GitDiffScope.h"

#include "core/common/Logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <algorithm>
#include <optional>

namespace stella::guard {

namespace {

// git writes a path with a quote, a backslash, a control character (or, without
// core.quotePath=false, any non-ASCII byte) as a C string: "a\tb", "\303\251".
QString unquote(QByteArrayView text)
{
    if (text.size() < 2 || text.front() != '"' || text.back() != '"')
        return QString::fromUtf8(text);
    QByteArray out;
    for (qsizetype i = 1; i + 1 < text.size(); ++i) {
        char c = text[i];
        if (c != '\\' || i + 2 >= text.size()) {
            out += c;
            continue;
        }
        c = text[++i];
        switch (c) {
        case 'a':
            out += '\a';
            break;
        case 'b':
            out += '\b';
            break;
        case 't':
            out += '\t';
            break;
        case 'n':
            out += '\n';
            break;
        case 'v':
            out += '\v';
            break;
        case 'f':
            out += '\f';
            break;
        case 'r':
            out += '\r';
            break;
        default:
            if (c >= '0' && c <= '7' && i + 2 < text.size() - 1) {
                out += char(((c - '0') << 6) | ((text[i + 1] - '0') << 3) | (text[i + 2] - '0'));
                i += 2;
            } else {
                out += c; // \" and \\ .
            }
        }
    }
    return QString::fromUtf8(out);
}

// "b/path" or "\"b/pa\\th\"" without its prefix; empty for /dev/null.
QString stripPrefix(QByteArrayView token, char side)
{
    // git ends a `---`/`+++` path that contains a space with a tab.
    if (token.endsWith('\t'))
        token.chop(1);
    QString path = unquote(token);
    if (path == QLatin1String("/dev/null"))
        return {};
    if (path.size() > 2 && path.at(0) == QLatin1Char(side) && path.at(1) == QLatin1Char('/'))
        path.remove(0, 2);
    return path;
}

// The new path of `diff --git a/X b/Y`: exact when quoted or when both sides are the same path
// (git's header for anything but a rename); a rename also says `rename to`, which wins.
QString pathFromDiffLine(QByteArrayView rest)
{
    if (rest.endsWith('"')) {
        const qsizetype open = rest.lastIndexOf(QByteArrayView(" \""));
        if (open >= 0)
            return stripPrefix(rest.sliced(open + 1), 'b');
    }
    if (rest.size() >= 5 && rest.size() % 2 == 1) {
        const qsizetype half = rest.size() / 2;
        if (rest[half] == ' ' && rest.sliced(2, half - 2) == rest.sliced(half + 3))
            return stripPrefix(rest.sliced(half + 1), 'b');
    }
    const qsizetype b = rest.lastIndexOf(QByteArrayView(" b/"));
    return b >= 0 ? stripPrefix(rest.sliced(b + 1), 'b') : QString();
}

struct FileSection
{
    QString path;
    bool deleted = false;
    bool binary = false;
    bool submodule = false;
    QList<GitDiffScope::Range> added;
};

bool isSubmoduleMode(QByteArrayView line)
{
    return line.endsWith(" 160000") || line.endsWith("mode 160000");
}
} // namespace

GitDiffScope GitDiffScope::parse(const QByteArray &diff)
{
    GitDiffScope scope;
    std::optional<FileSection> file;
    auto flush = [&] {
        if (!file || file->path.isEmpty() || file->deleted)
            return;
        if (file->submodule) {
            scope.m_notes.append(QCoreApplication::translate("GitDiffScope",
                                                             "skipped submodule %1 (scan it in "
                                                             "its own repository)")
                                     .arg(file->path));
        } else if (file->binary) {
            scope.m_notes.append(
                QCoreApplication::translate("GitDiffScope", "skipped binary file %1")
                    .arg(file->path));
        } else if (!file->added.isEmpty()) {
            const QString key = QDir::cleanPath(file->path);
            if (!scope.m_added.contains(key))
                scope.m_order.append(file->path);
            scope.m_added[key] += file->added;
        }
    };

    static const QRegularExpression hunk(
        QStringLiteral(R"(^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@)"));
    qint64 minusLeft = 0, plusLeft = 0; // lines of the current hunk still to come
    qsizetype pos = 0;
    while (pos < diff.size()) {
        qsizetype end = diff.indexOf('\n', pos);
        if (end < 0)
            end = diff.size();
        const QByteArrayView line(diff.constData() + pos, end - pos);
        pos = end + 1;

        if (minusLeft > 0 || plusLeft > 0) {
            // Inside a hunk every line is content, even one that looks like a header.
            if (line.startsWith('-') && minusLeft > 0)
                --minusLeft;
            else if (line.startsWith('+') && plusLeft > 0)
                --plusLeft;
            continue;
        }
        if (line.startsWith("diff --git ")) {
            flush();
            file = FileSection{};
            file->path = pathFromDiffLine(line.sliced(11));
            continue;
        }
        if (!file)
            continue;
        if (line.startsWith("@@ ")) {
            const auto m = hunk.match(QString::fromLatin1(line));
            if (!m.hasMatch())
                continue;
            minusLeft = m.capturedLength(1) > 0 ? m.captured(1).toLongLong() : 1;
            const int first = m.captured(2).toInt();
            plusLeft = m.capturedLength(3) > 0 ? m.captured(3).toLongLong() : 1;
            if (plusLeft > 0)
                file->added.append(Range{first, int(first + plusLeft - 1)});
        } else if (line.startsWith("+++ ")) {
            const QString path = stripPrefix(line.sliced(4), 'b');
            if (path.isEmpty())
                file->deleted = true;
            else
                file->path = path;
        } else if (line.startsWith("rename to ") || line.startsWith("copy to ")) {
            file->path = unquote(line.sliced(line.indexOf(" to ") + 4));
        } else if (line.startsWith("deleted file mode ")) {
            file->deleted = true;
        } else if (line.startsWith("new file mode ") || line.startsWith("new mode ") ||
                   line.startsWith("index ")) {
            file->submodule = file->submodule || isSubmoduleMode(line);
        } else if (line.startsWith("Binary files ") || line.startsWith("GIT binary patch")) {
            file->binary = true;
            if (line.endsWith(" and /dev/null differ"))
                file->deleted = true;
        }
    }
    flush();
    return scope;
}

QList<GitDiffScope::Range> GitDiffScope::addedLines(const QString &path) const
{
    return m_added.value(QDir::cleanPath(path));
}

bool GitDiffScope::touches(const Finding &finding) const
{
    const auto it = m_added.constFind(QDir::cleanPath(finding.path));
    if (it == m_added.constEnd())
        return false;
    const int first = finding.line, last = finding.lastLine();
    return std::any_of(it->begin(), it->end(),
                       [&](const Range &r) { return r.first <= last && first <= r.last; });
}

namespace {
struct GitOutput
{
    bool started = false;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

GitOutput git(const QString &workingDirectory, const QStringList &arguments)
{
    QProcess process;
    process.setWorkingDirectory(workingDirectory);
    // No pager, no prompts, and the user's configuration cannot change what we parse
    // beyond what the explicit options below already pin.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("GIT_PAGER"), QStringLiteral("cat"));
    env.insert(QStringLiteral("GIT_TERMINAL_PROMPT"), QStringLiteral("0"));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral("git"), arguments);
    GitOutput result;
    if (!process.waitForStarted())
        return result;
    result.started = true;
    process.closeWriteChannel();
    process.waitForFinished(-1);
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

QString firstLine(const QByteArray &text)
{
    return QString::fromUtf8(text).trimmed().section(QLatin1Char('\n'), 0, 0);
}
} // namespace

Result<GitDiffScope> GitDiffRunner::run(const QString &base, const QString &workingDirectory,
                                        const QStringList &pathspecs)
{
    const GitOutput inside = git(
        workingDirectory, {QStringLiteral("rev-parse"), QStringLiteral("--is-inside-work-tree")});
    if (!inside.started)
        return Error::invalidInput(
            QCoreApplication::translate("GitDiffRunner",
                                        "--git-diff needs git, which could not be started"),
            QCoreApplication::translate("GitDiffRunner",
                                        "Install git (scripts/setup-deps does) and retry"));
    if (inside.exitCode != 0 || inside.out.trimmed() != "true")
        return Error::invalidInput(
            QCoreApplication::translate("GitDiffRunner",
                                        "--git-diff: %1 is not inside a git working tree (%2)")
                .arg(QDir::toNativeSeparators(workingDirectory), firstLine(inside.err)),
            QCoreApplication::translate("GitDiffRunner",
                                        "Run it from a clone of the repository, or scan paths "
                                        "without --git-diff"));
    if (base.isEmpty() || base.startsWith(QLatin1Char('-')))
        return Error::invalidInput(
            QCoreApplication::translate("GitDiffRunner",
                                        "--git-diff needs a commit, branch or tag, not '%1'")
                .arg(base),
            QCoreApplication::translate("GitDiffRunner", "For example --git-diff origin/main"));
    const GitOutput commit =
        git(workingDirectory,
            {QStringLiteral("rev-parse"), QStringLiteral("--verify"), QStringLiteral("--quiet"),
             QStringLiteral("--end-of-options"), base + QStringLiteral("^{commit}")});
    if (commit.exitCode != 0)
        return Error::invalidInput(
            QCoreApplication::translate("GitDiffRunner",
                                        "--git-diff: unknown base '%1': not a commit of this "
                                        "repository")
                .arg(base),
            QCoreApplication::translate("GitDiffRunner",
                                        "Give a branch, tag or commit that exists here (in a "
                                        "shallow clone, fetch it first)"));

    QStringList arguments{QStringLiteral("-c"),
                          QStringLiteral("core.quotePath=false"),
                          QStringLiteral("diff"),
                          QStringLiteral("--unified=0"),
                          QStringLiteral("-M"),
                          QStringLiteral("--no-color"),
                          QStringLiteral("--no-ext-diff"),
                          QStringLiteral("--no-textconv"),
                          QStringLiteral("--submodule=short"),
                          QStringLiteral("--src-prefix=a/"),
                          QStringLiteral("--dst-prefix=b/"),
                          QStringLiteral("--relative"),
                          QString::fromLatin1(commit.out.trimmed()),
                          QStringLiteral("--")};
    arguments += pathspecs;
    const GitOutput diff = git(workingDirectory, arguments);
    if (diff.exitCode != 0)
        return Error::failed(QCoreApplication::translate("GitDiffRunner", "git diff failed: %1")
                                 .arg(firstLine(diff.err)),
                             QCoreApplication::translate(
                                 "GitDiffRunner", "Check the paths given after the options"));
    GitDiffScope scope = GitDiffScope::parse(diff.out);
    STELLA_LOG_INFO(lcGuard).noquote()
        << "git diff against" << base << ":" << scope.paths().size() << "files with added lines,"
        << scope.notes().size() << "skipped";
    return scope;
}

} // namespace stella::guard
