// SPDX-License-Identifier: Apache-2.0
// What the guard reads: .gitignore (nested, negation, directory-only, anchored, **), allowPaths,
// the size limit, binary skipping, and decoding (UTF-8 BOM, UTF-16 LE/BE with BOM, CRLF).
#include "GuardSamples.h"
#include "guard/FileWalker.h"
#include "guard/GlobPattern.h"
#include "guard/SourceText.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>
#include <unistd.h>

using namespace stella::guard;
using namespace stella::test::guard;

class TestGuardFileWalker : public QObject
{
    Q_OBJECT

    static QStringList paths(const QList<SourceFile> &files)
    {
        QStringList out;
        for (const SourceFile &f : files)
            out.append(f.relativePath);
        return out;
    }

private Q_SLOTS:
    void globs()
    {
        QVERIFY(GlobPattern(QStringLiteral("*.log")).matches(QStringLiteral("a/b/c.log")));
        QVERIFY(!GlobPattern(QStringLiteral("*.log")).matches(QStringLiteral("a/b/c.logx")));
        QVERIFY(GlobPattern(QStringLiteral("/build")).matches(QStringLiteral("build")));
        QVERIFY(!GlobPattern(QStringLiteral("/build")).matches(QStringLiteral("src/build")));
        QVERIFY(GlobPattern(QStringLiteral("docs/*.md")).matches(QStringLiteral("docs/a.md")));
        QVERIFY(!GlobPattern(QStringLiteral("docs/*.md")).matches(QStringLiteral("docs/x/a.md")));
        QVERIFY(GlobPattern(QStringLiteral("**/gen/*.c")).matches(QStringLiteral("gen/a.c")));
        QVERIFY(GlobPattern(QStringLiteral("**/gen/*.c")).matches(QStringLiteral("x/y/gen/a.c")));
        QVERIFY(GlobPattern(QStringLiteral("tests/**")).matches(QStringLiteral("tests/a/b.txt")));
        QVERIFY(GlobPattern(QStringLiteral("a/**/b")).matches(QStringLiteral("a/b")));
        QVERIFY(GlobPattern(QStringLiteral("a/**/b")).matches(QStringLiteral("a/x/y/b")));
        QVERIFY(GlobPattern(QStringLiteral("file?.[ch]")).matches(QStringLiteral("file1.c")));
        QVERIFY(!GlobPattern(QStringLiteral("file[!0-9].c")).matches(QStringLiteral("file1.c")));
    }

    void gitignore()
    {
        QTemporaryDir dir;
        const QString root = dir.path();
        auto w = [&](const char *rel, const QByteArray &bytes = "x\n") {
            QVERIFY(writeFile(root + QLatin1Char('/') + QString::fromLatin1(rel), bytes));
        };
        w(".gitignore", "# comment\n*.log\n!keep.log\nbuild/\n/top-only.txt\nsecret?.env\n");
        w("a.txt");
        w("debug.log");
        w("keep.log");
        w("build/out.txt");
        w("top-only.txt");
        w("sub/top-only.txt");
        w("secret1.env");
        w("sub/.gitignore", "*.tmp\n!important.tmp\n");
        w("sub/x.tmp");
        w("sub/important.tmp");
        w("sub/deeper/y.tmp");
        w("other/z.tmp");
        w("build.txt"); // "build/" is directory-only
        w(".git/config");
        FileWalker walker({});
        WalkStats stats;
        const auto files = walker.walk({root}, &stats);
        QCOMPARE(
            paths(files),
            (QStringList{QStringLiteral(".gitignore"), QStringLiteral("a.txt"),
                         QStringLiteral("build.txt"), QStringLiteral("keep.log"),
                         QStringLiteral("other/z.tmp"), QStringLiteral("sub/.gitignore"),
                         QStringLiteral("sub/important.tmp"), QStringLiteral("sub/top-only.txt")}));
        QCOMPARE(stats.ignored, qint64(6)); // debug.log build/ top-only secret1 x.tmp y.tmp
    }

    void displayPathsAndOrder()
    {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath(QStringLiteral("b/z.txt")), "z"));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("b/a.txt")), "a"));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("B.txt")), "B"));
        FileWalker walker({});
        const auto files = walker.walk(
            {dir.path() + QStringLiteral("/b"), dir.path(), dir.filePath(QStringLiteral("B.txt"))});
        QStringList display;
        for (const SourceFile &f : files)
            display.append(f.displayPath.mid(dir.path().size() + 1));
        // Ordinal order, each file once however often it is named.
        QCOMPARE(display, (QStringList{QStringLiteral("B.txt"), QStringLiteral("b/a.txt"),
                                       QStringLiteral("b/z.txt")}));
    }

    // Directory links are not followed (a link to a parent would loop), file links are, and
    // what is neither a file nor a folder (a fifo, a broken link) is not read. Hidden files
    // are scanned; .git is not.
    void linksFifosAndHiddenFiles()
    {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath(QStringLiteral("src/a.c")), "a"));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("src/.env")), "e"));
        QVERIFY(writeFile(dir.filePath(QStringLiteral(".git/config")), "g"));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("big.bin")), QByteArray(50, 'x')));
        const auto path = [&](const char *name) {
            return QFile::encodeName(dir.filePath(QString::fromLatin1(name)));
        };
        QCOMPARE(::symlink("a.c", path("src/link-to-file.c").constData()), 0);
        QCOMPARE(::symlink("..", path("src/loop").constData()), 0);
        QCOMPARE(::symlink("gone.c", path("src/broken.c").constData()), 0);
        QCOMPARE(::symlink("../big.bin", path("src/link-to-big").constData()), 0);
        QCOMPARE(::mkfifo(path("src/pipe").constData(), 0600), 0);
        FileWalker walker({40, {}, true});
        WalkStats stats;
        const auto files = walker.walk({dir.path()}, &stats);
        QCOMPARE(paths(files), (QStringList{QStringLiteral("src/.env"), QStringLiteral("src/a.c"),
                                            QStringLiteral("src/link-to-file.c")}));
        // A link's size is its target's: the 50-byte file is over the limit through it too.
        QCOMPARE(stats.tooLarge, qint64(2));
        QCOMPARE(files.at(2).size, qint64(1));
        QCOMPARE(files.at(2).absolutePath, dir.filePath(QStringLiteral("src/link-to-file.c")));
    }

    void allowPathsAndSize()
    {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath(QStringLiteral("src/a.c")), "a"));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("tests/fixtures/k.pem")), "k"));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("web/app.min.js")), "m"));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("big.txt")), QByteArray(2000, 'b')));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("src/vendor/lib.c")), "v"));
        FileWalker walker({1000,
                           {QStringLiteral("tests/fixtures/**"), QStringLiteral("*.min.js"),
                            QStringLiteral("vendor/")},
                           true});
        WalkStats stats;
        QCOMPARE(paths(walker.walk({dir.path()}, &stats)), QStringList{QStringLiteral("src/a.c")});
        QCOMPARE(stats.allowed, qint64(3));
        QCOMPARE(stats.tooLarge, qint64(1));
        walker.walk({dir.path(), dir.filePath(QStringLiteral("nope"))}, &stats);
        QCOMPARE(stats.missing, QStringList{dir.filePath(QStringLiteral("nope"))});
    }

    void decoding()
    {
        QByteArray utf8 = "\xEF\xBB\xBFh\xC3\xA9llo\r\nworld\r\n";
        QVERIFY(SourceText::decode(utf8));
        QCOMPARE(utf8, QByteArray("h\xC3\xA9llo\nworld\n"));

        const QString text = QStringLiteral("caf\u00e9 = 1\r\nx = 2\n");
        QByteArray le("\xFF\xFE");
        QByteArray be("\xFE\xFF");
        for (const QChar c : text) {
            le.append(char(c.unicode() & 0xFF)).append(char(c.unicode() >> 8));
            be.append(char(c.unicode() >> 8)).append(char(c.unicode() & 0xFF));
        }
        QVERIFY(SourceText::decode(le)); // NUL bytes, but a BOM: text
        QVERIFY(SourceText::decode(be));
        QCOMPARE(le, QStringLiteral("caf\u00e9 = 1\nx = 2\n").toUtf8());
        QCOMPARE(be, le);

        QByteArray binary("\x7F"
                          "ELF\x02\x01\x01\x00\x00\x00",
                          10);
        QVERIFY(!SourceText::decode(binary));
    }

    void secretsInUtf16AndCrlfFilesAndBinariesSkipped()
    {
        QTemporaryDir dir;
        const SecretSample s = secretSamples().at(2);
        const QString text =
            QStringLiteral("# SPDX-License-Identifier: MIT\r\n") + s.line + QStringLiteral("\r\n");
        QByteArray le("\xFF\xFE");
        for (const QChar c : text)
            le.append(char(c.unicode() & 0xFF)).append(char(c.unicode() >> 8));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("u16.env")), le));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("crlf.env")), text.toUtf8()));
        QByteArray bin = QByteArray("\x00\x01\x02", 3) + s.line.toUtf8();
        QVERIFY(writeFile(dir.filePath(QStringLiteral("blob.bin")), bin));
        for (const Engine e : engines()) {
            const ScanResult r = scanOrFail({dir.path()}, GuardConfig{}, e);
            QCOMPARE(r.findings.size(), 2);
            for (const Finding &f : r.findings) {
                QCOMPARE(f.ruleId, s.rule);
                QCOMPARE(f.line, 2);
            }
            QCOMPARE(r.stats.binarySkipped, qint64(1));
            QCOMPARE(r.stats.filesScanned, qint64(2));
        }
    }
};

QTEST_GUILESS_MAIN(TestGuardFileWalker)
#include "tst_guardfilewalker.moc"
