// SPDX-License-Identifier: Apache-2.0
// GitDiffScope: git's own `diff --unified=0 -M` output (captured below, and produced by real git
// on a repository this test builds) turned into the added lines per new path; what is skipped
// (deletions, binary files, submodules) and what a finding must touch to be in scope.
#include "guard/GitDiffScope.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace stella::guard;

namespace {
// `git -c core.quotePath=false diff --unified=0 -M --no-color --no-ext-diff --no-textconv
// --submodule=short --src-prefix=a/ --dst-prefix=b/ --relative HEAD` after a deletion, a binary
// change, a change with a line that reads "+++ tricky", a rename with a space (git ends its
// `+++` path with a tab), a quoted path and a new submodule, as git 2.39 printed it.
const char kCaptured[] = "diff --git a/del.txt b/del.txt\n"
                         "deleted file mode 100644\n"
                         "index 286c5f5..0000000\n"
                         "--- a/del.txt\n"
                         "+++ /dev/null\n"
                         "@@ -1 +0,0 @@\n"
                         "-gone\n"
                         "diff --git a/img.bin b/img.bin\n"
                         "index 87ae6b6..22f6b3b 100644\n"
                         "Binary files a/img.bin and b/img.bin differ\n"
                         "diff --git a/keep.txt b/keep.txt\n"
                         "index de98044..6d72dde 100644\n"
                         "--- a/keep.txt\n"
                         "+++ b/keep.txt\n"
                         "@@ -2 +2,2 @@ a\n"
                         "-b\n"
                         "+B\n"
                         "++++ tricky\n"
                         "@@ -3,0 +5 @@ c\n"
                         "+d\n"
                         "\\ No newline at end of file\n"
                         "diff --git a/old.txt b/new name.txt\n"
                         "similarity index 66%\n"
                         "rename from old.txt\n"
                         "rename to new name.txt\n"
                         "index b77b4eb..04ec35a 100644\n"
                         "--- a/old.txt\n"
                         "+++ b/new name.txt\t\n"
                         "@@ -2,0 +3 @@ y\n"
                         "+z\n"
                         "diff --git \"a/we\\\"ird.txt\" \"b/we\\\"ird.txt\"\n"
                         "new file mode 100644\n"
                         "index 0000000..8e8a849\n"
                         "--- /dev/null\n"
                         "+++ \"b/we\\\"ird.txt\"\n"
                         "@@ -0,0 +1 @@\n"
                         "+q\"uote\n"
                         "diff --git a/sub b/sub\n"
                         "new file mode 160000\n"
                         "index 0000000..4b825dc\n"
                         "--- /dev/null\n"
                         "+++ b/sub\n"
                         "@@ -0,0 +1 @@\n"
                         "+Subproject commit 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n";

QString describe(const QList<GitDiffScope::Range> &ranges)
{
    QStringList parts;
    for (const auto &r : ranges)
        parts.append(QStringLiteral("%1-%2").arg(r.first).arg(r.last));
    return parts.join(QLatin1Char(','));
}

Finding at(const QString &path, int line, int endLine = 0)
{
    Finding f;
    f.path = path;
    f.line = line;
    f.endLine = endLine;
    return f;
}
} // namespace

class TestGuardGitDiff : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    int git(const QString &dir, const QStringList &args, QByteArray *out = nullptr)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_dir.path()); // no global git config of the host
        env.insert(QStringLiteral("GIT_CONFIG_NOSYSTEM"), QStringLiteral("1"));
        for (const char *v : {"GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"})
            env.insert(QString::fromLatin1(v), QStringLiteral("Test"));
        for (const char *v : {"GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"})
            env.insert(QString::fromLatin1(v), QStringLiteral("test@example.invalid"));
        p.setProcessEnvironment(env);
        p.setWorkingDirectory(dir);
        p.start(QStringLiteral("git"), args);
        if (!p.waitForFinished(60000))
            return -1;
        if (out)
            *out = p.readAllStandardOutput();
        return p.exitCode();
    }

    static bool write(const QString &path, const QByteArray &bytes)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
    }

private Q_SLOTS:
    void capturedOutput()
    {
        const GitDiffScope scope = GitDiffScope::parse(QByteArray(kCaptured));
        QCOMPARE(scope.paths(),
                 (QStringList{QStringLiteral("keep.txt"), QStringLiteral("new name.txt"),
                              QStringLiteral("we\"ird.txt")}));
        // "++++ tricky" is an added line of the first hunk, not a header.
        QCOMPARE(describe(scope.addedLines(QStringLiteral("keep.txt"))), QStringLiteral("2-3,5-5"));
        QCOMPARE(describe(scope.addedLines(QStringLiteral("new name.txt"))), QStringLiteral("3-3"));
        QCOMPARE(describe(scope.addedLines(QStringLiteral("we\"ird.txt"))), QStringLiteral("1-1"));
        QVERIFY(scope.addedLines(QStringLiteral("del.txt")).isEmpty());
        QVERIFY(scope.addedLines(QStringLiteral("old.txt")).isEmpty());
        QCOMPARE(scope.notes(), (QStringList{QStringLiteral("skipped binary file img.bin"),
                                             QStringLiteral("skipped submodule sub (scan it in "
                                                            "its own repository)")}));
    }

    void findingsTouchAddedLines()
    {
        const GitDiffScope scope = GitDiffScope::parse(QByteArray(kCaptured));
        QVERIFY(scope.touches(at(QStringLiteral("keep.txt"), 2)));
        QVERIFY(scope.touches(at(QStringLiteral("./keep.txt"), 3))); // the same file
        QVERIFY(!scope.touches(at(QStringLiteral("keep.txt"), 1)));
        QVERIFY(!scope.touches(at(QStringLiteral("keep.txt"), 4)));
        // A span from an unchanged line down to an added one is in scope.
        QVERIFY(scope.touches(at(QStringLiteral("keep.txt"), 4, 5)));
        QVERIFY(!scope.touches(at(QStringLiteral("other.txt"), 2)));
        QVERIFY(!scope.touches(at(QStringLiteral("img.bin"), 1)));
    }

    void emptyAndForeignInput()
    {
        QVERIFY(GitDiffScope::parse(QByteArray()).paths().isEmpty());
        const GitDiffScope noise = GitDiffScope::parse("warning: something\n@@ -1 +1 @@\n+x\n");
        QVERIFY(noise.paths().isEmpty());
        // A hunk header without counts means one line; a pure mode change adds nothing.
        const GitDiffScope mode = GitDiffScope::parse("diff --git a/run.sh b/run.sh\n"
                                                      "old mode 100644\nnew mode 100755\n"
                                                      "diff --git a/a.txt b/a.txt\n"
                                                      "--- a/a.txt\n+++ b/a.txt\n"
                                                      "@@ -7 +7 @@\n-old\n+new\n");
        QCOMPARE(mode.paths(), QStringList{QStringLiteral("a.txt")});
        QCOMPARE(describe(mode.addedLines(QStringLiteral("a.txt"))), QStringLiteral("7-7"));
    }

    // The runner against a repository built with real commits.
    void realRepository()
    {
        const QString repo = m_dir.filePath(QStringLiteral("repo"));
        QDir().mkpath(repo);
        QCOMPARE(git(repo, {QStringLiteral("init"), QStringLiteral("-q")}), 0);
        QVERIFY(write(repo + QStringLiteral("/a.txt"), "one\ntwo\nthree\n"));
        QVERIFY(write(repo + QStringLiteral("/old/name.txt"), "1\n2\n3\n4\n5\n6\n7\n8\n"));
        QVERIFY(write(repo + QStringLiteral("/gone.txt"), "bye\n"));
        QCOMPARE(git(repo, {QStringLiteral("add"), QStringLiteral(".")}), 0);
        QCOMPARE(git(repo, {QStringLiteral("commit"), QStringLiteral("-qm"), QStringLiteral("a")}),
                 0);
        QVERIFY(write(repo + QStringLiteral("/a.txt"), "one\nTWO\nthree\nfour\n"));
        QCOMPARE(git(repo, {QStringLiteral("mv"), QStringLiteral("old/name.txt"),
                            QStringLiteral("new.txt")}),
                 0);
        QVERIFY(write(repo + QStringLiteral("/new.txt"), "1\n2\n3\n4\n5\n6\n7\n8\n9\n"));
        QCOMPARE(
            git(repo, {QStringLiteral("rm"), QStringLiteral("-q"), QStringLiteral("gone.txt")}), 0);
        QVERIFY(write(repo + QStringLiteral("/sub/dir/added.txt"), "x\n"));
        QCOMPARE(git(repo, {QStringLiteral("add"), QStringLiteral(".")}), 0);
        QCOMPARE(git(repo, {QStringLiteral("commit"), QStringLiteral("-qm"), QStringLiteral("b")}),
                 0);

        auto scope = GitDiffRunner::run(QStringLiteral("HEAD~1"), repo, {});
        QVERIFY2(scope, qPrintable(scope ? QString() : scope.error().toText()));
        QCOMPARE(scope->paths(), (QStringList{QStringLiteral("a.txt"), QStringLiteral("new.txt"),
                                              QStringLiteral("sub/dir/added.txt")}));
        QCOMPARE(describe(scope->addedLines(QStringLiteral("a.txt"))), QStringLiteral("2-2,4-4"));
        QCOMPARE(describe(scope->addedLines(QStringLiteral("new.txt"))), QStringLiteral("9-9"));
        // From a subdirectory, paths are relative to it and the diff covers only it.
        auto below =
            GitDiffRunner::run(QStringLiteral("HEAD~1"), repo + QStringLiteral("/sub"), {});
        QVERIFY(below);
        QCOMPARE(below->paths(), QStringList{QStringLiteral("dir/added.txt")});
        // Pathspecs limit it.
        auto limited =
            GitDiffRunner::run(QStringLiteral("HEAD~1"), repo, {QStringLiteral("a.txt")});
        QVERIFY(limited);
        QCOMPARE(limited->paths(), QStringList{QStringLiteral("a.txt")});
        // Nothing changed since HEAD: an empty scope, not an error.
        auto none = GitDiffRunner::run(QStringLiteral("HEAD"), repo, {});
        QVERIFY(none);
        QVERIFY(none->paths().isEmpty());

        // Bad input: an unknown base, an option-like base, a directory outside any repository.
        auto unknown = GitDiffRunner::run(QStringLiteral("no-such-branch"), repo, {});
        QVERIFY(!unknown);
        QVERIFY2(unknown.error().message.contains(QLatin1String("unknown base 'no-such-branch'")),
                 qPrintable(unknown.error().toText()));
        auto option = GitDiffRunner::run(QStringLiteral("--output=x"), repo, {});
        QVERIFY(!option);
        QVERIFY(option.error().message.contains(QLatin1String("needs a commit")));
        QTemporaryDir outside;
        qputenv("GIT_CEILING_DIRECTORIES", QFileInfo(outside.path()).absolutePath().toUtf8());
        auto notRepo = GitDiffRunner::run(QStringLiteral("HEAD"), outside.path(), {});
        qunsetenv("GIT_CEILING_DIRECTORIES");
        QVERIFY(!notRepo);
        QVERIFY2(notRepo.error().message.contains(QLatin1String("not inside a git working tree")),
                 qPrintable(notRepo.error().toText()));
    }
};

QTEST_GUILESS_MAIN(TestGuardGitDiff)
#include "tst_guardgitdiff.moc"
