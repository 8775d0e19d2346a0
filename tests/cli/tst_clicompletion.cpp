// SPDX-License-Identifier: Apache-2.0
// The hidden verbs the package build runs, on the real binary: `completion bash` (the script
// is sourced into a real bash and asked to complete, as the shell would) and `manpage` (checked
// by groff for troff errors). Both come from the command table, so every command the help
// lists must be in them.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {
struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// With `home` as HOME and `xdgDataHome` as XDG_DATA_HOME (unset when empty), as on a builder's
// machine.
Run run(const QString &program, const QStringList &args, const QString &home = {},
        const QString &xdgDataHome = {})
{
    QProcess p;
    if (!home.isEmpty()) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), home);
        if (xdgDataHome.isEmpty())
            env.remove(QStringLiteral("XDG_DATA_HOME"));
        else
            env.insert(QStringLiteral("XDG_DATA_HOME"), xdgDataHome);
        p.setProcessEnvironment(env);
    }
    p.start(program, args);
    if (!p.waitForStarted())
        return {};
    p.closeWriteChannel();
    p.waitForFinished(60000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

Run cli(const QStringList &args)
{
    return run(qEnvironmentVariable("STELLA_CLI"), args);
}

// The commands `--help` lists: the first word of each entry under "Commands:".
QStringList helpCommands()
{
    const QString help = QString::fromUtf8(cli({QStringLiteral("--help")}).out);
    const QString section =
        help.section(QStringLiteral("Commands:\n"), 1).section(QStringLiteral("\n\n"), 0, 0);
    QStringList names;
    static const QRegularExpression entry(QStringLiteral("^  ([a-z]+)( |$)"));
    for (const QString &line : section.split(QLatin1Char('\n'))) {
        const auto m = entry.match(line);
        if (m.hasMatch())
            names.append(m.captured(1));
    }
    return names;
}
} // namespace

class TestCliCompletion : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_script;

    // What bash offers for the last of `words` (the word being completed), sorted.
    QStringList complete(const QStringList &words)
    {
        QStringList args{QStringLiteral("-c"),
                         QStringLiteral("source \"$1\"; shift; COMP_WORDS=(\"$@\"); "
                                        "COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); "
                                        "_stella_integrations; "
                                        "[ ${#COMPREPLY[@]} -eq 0 ] || printf '%s\\n' "
                                        "\"${COMPREPLY[@]}\""),
                         QStringLiteral("bash"), m_script};
        args += words;
        const Run r = run(QStringLiteral("bash"), args);
        if (r.exitCode != 0 || !r.err.isEmpty())
            return {QStringLiteral("bash failed (%1): %2")
                        .arg(r.exitCode)
                        .arg(QString::fromUtf8(r.err))};
        QStringList offered = QString::fromUtf8(r.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        offered.sort();
        return offered;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(qEnvironmentVariable("STELLA_CLI")),
                 "STELLA_CLI must name the built binary");
        QVERIFY(m_dir.isValid());
        const Run r = cli({QStringLiteral("completion"), QStringLiteral("bash")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.err.isEmpty());
        m_script = m_dir.filePath(QStringLiteral("stella-integrations.bash"));
        QFile f(m_script);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(r.out);
        f.close();
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("tree"))));
        for (const char *name : {"tree/alpha.py", "tree/alps.yaml", "tree/beta.py"}) {
            QFile file(m_dir.filePath(QString::fromLatin1(name)));
            QVERIFY(file.open(QIODevice::WriteOnly));
        }
        QVERIFY(helpCommands().contains(QStringLiteral("guard")));
    }

    void theScriptIsValidBash()
    {
        const Run r = run(QStringLiteral("bash"), {QStringLiteral("-n"), m_script});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(QFile(m_script).size() > 0);
    }

    void theHiddenVerbsAreNotListed()
    {
        const QStringList listed = helpCommands();
        QVERIFY(!listed.contains(QStringLiteral("completion")));
        QVERIFY(!listed.contains(QStringLiteral("manpage")));
        const Run unknown = cli({QStringLiteral("frobnicate")});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.err.contains("Commands:"));
        QVERIFY(!unknown.err.contains("completion"));
        QCOMPARE(complete({QStringLiteral("stella-integrations"), QStringLiteral("comp")}),
                 QStringList());
    }

    void onlyBashHasACompletion()
    {
        const Run zsh = cli({QStringLiteral("completion"), QStringLiteral("zsh")});
        QCOMPARE(zsh.exitCode, 2);
        QVERIFY2(zsh.err.contains("no completion for the shell 'zsh'"), zsh.err.constData());
        QVERIFY(zsh.err.contains("stella-integrations completion bash"));
        QVERIFY(zsh.out.isEmpty());
        const Run none = cli({QStringLiteral("completion")});
        QCOMPARE(none.exitCode, 2);
        QVERIFY(none.out.isEmpty());
    }

    void everyListedCommandIsCompleted()
    {
        QStringList listed = helpCommands();
        listed.sort();
        QVERIFY(listed.size() >= 10);
        QCOMPARE(complete({QStringLiteral("stella-integrations"), QString()}), listed);
        QCOMPARE(
            complete({QStringLiteral("stella-integrations"), QStringLiteral("help"), QString()}),
            listed);
    }

    void completes_data()
    {
        QTest::addColumn<QStringList>("words");
        QTest::addColumn<QStringList>("expected");
        const QString si = QStringLiteral("stella-integrations");
        QTest::newRow("command") << QStringList{si, QStringLiteral("prov")}
                                 << QStringList{QStringLiteral("providers")};
        QTest::newRow("global option")
            << QStringList{si, QStringLiteral("--sandbox"), QStringLiteral("--js")}
            << QStringList{QStringLiteral("--json")};
        QTest::newRow("after a global option's value")
            << QStringList{si, QStringLiteral("--tenant"), QStringLiteral("gu"),
                           QStringLiteral("gu")}
            << QStringList{QStringLiteral("guard")};
        QTest::newRow("a global option's value: nothing to offer")
            << QStringList{si, QStringLiteral("--tenant"), QString()} << QStringList();
        QTest::newRow("a command's options")
            << QStringList{si, QStringLiteral("providers"), QStringLiteral("--")}
            << QStringList{QStringLiteral("--help"), QStringLiteral("--include-test-only")};
        QTest::newRow("a literal argument")
            << QStringList{si, QStringLiteral("guard"), QString()}
            << QStringList{QStringLiteral("baseline"), QStringLiteral("run")};
        QTest::newRow("one of several words")
            << QStringList{si, QStringLiteral("secret"), QStringLiteral("c")}
            << QStringList{QStringLiteral("check")};
        QTest::newRow("an option's choices")
            << QStringList{si, QStringLiteral("guard"), QStringLiteral("--format"), QString()}
            << QStringList{QStringLiteral("json"), QStringLiteral("sarif"), QStringLiteral("text")};
        QTest::newRow("an option's value is no argument")
            << QStringList{si, QStringLiteral("guard"), QStringLiteral("--threads"),
                           QStringLiteral("2"), QStringLiteral("r")}
            << QStringList{QStringLiteral("run")};
        QTest::newRow("help's argument")
            << QStringList{si, QStringLiteral("help"), QStringLiteral("exp")}
            << QStringList{QStringLiteral("export")};
        QTest::newRow("past the last argument")
            << QStringList{si, QStringLiteral("show"), QStringLiteral("x"), QString()}
            << QStringList();
    }

    void completes()
    {
        QFETCH(QStringList, words);
        QFETCH(QStringList, expected);
        QCOMPARE(complete(words), expected);
    }

    // PATH and FILE values complete to file names; PATH repeats, so every position does.
    void completesFileNames()
    {
        const QString prefix = m_dir.filePath(QStringLiteral("tree/al"));
        const QStringList expected{m_dir.filePath(QStringLiteral("tree/alpha.py")),
                                   m_dir.filePath(QStringLiteral("tree/alps.yaml"))};
        const QString si = QStringLiteral("stella-integrations");
        QCOMPARE(complete({si, QStringLiteral("guard"), QStringLiteral("run"), prefix}), expected);
        QCOMPARE(complete({si, QStringLiteral("guard"), QStringLiteral("run"),
                           m_dir.filePath(QStringLiteral("tree/beta.py")), prefix}),
                 expected);
        QCOMPARE(complete({si, QStringLiteral("guard"), QStringLiteral("--config"), prefix}),
                 expected);
        QCOMPARE(complete({si, QStringLiteral("import"), QStringLiteral("--file"), prefix}),
                 expected);
    }

    void theManualHasEveryCommandAndOption()
    {
        const Run r = cli({QStringLiteral("manpage")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.err.isEmpty());
        const QString page = QString::fromUtf8(r.out);
        QVERIFY2(page.contains(QStringLiteral(
                     "\n.TH STELLA\\-INTEGRATIONS 1 \"\" \"stella-integrations " STELLA_VERSION
                     "\" \"User Commands\"\n")),
                 qPrintable(page.left(300)));
        for (const QString &command : helpCommands())
            QVERIFY2(page.contains(QStringLiteral("\n.SS \"%1").arg(command)), qPrintable(command));
        QVERIFY(!page.contains(QStringLiteral(".SS \"completion")));
        for (const char *option : {"db", "tenant", "sandbox", "json"})
            QVERIFY2(page.contains(QStringLiteral("\\fB\\-\\-%1\\fR").arg(QLatin1String(option))),
                     option);
        QVERIFY(page.contains(QStringLiteral("\\fB\\-\\-fail\\-on\\fR \\fISEVERITY\\fR")));
        // No line may start a request by accident (a help text beginning with a dot).
        for (const QString &line : page.split(QLatin1Char('\n')))
            if (line.startsWith(QLatin1Char('.')))
                QVERIFY2(QRegularExpression(QStringLiteral("^\\.(\\\\\"|[A-Z]{1,2}( |$))"))
                             .match(line)
                             .hasMatch(),
                         qPrintable(line));
    }

    // Built once and read by everyone: neither the builder's home directory nor its
    // XDG_DATA_HOME is in it, but the default catalog as docs/contracts.md §7 gives it.
    void theManualNamesNoHomeDirectory_data()
    {
        QTest::addColumn<QString>("xdgDataHome");
        QTest::newRow("XDG_DATA_HOME unset") << QString();
        QTest::newRow("XDG_DATA_HOME set") << m_dir.filePath(QStringLiteral("data-of-the-builder"));
    }

    void theManualNamesNoHomeDirectory()
    {
        QFETCH(QString, xdgDataHome);
        const QString home = m_dir.filePath(QStringLiteral("home-of-the-builder"));
        QVERIFY(QDir().mkpath(home));
        const Run r =
            run(qEnvironmentVariable("STELLA_CLI"), {QStringLiteral("manpage")}, home, xdgDataHome);
        QCOMPARE(r.exitCode, 0);
        const QString page = QString::fromUtf8(r.out);
        QVERIFY(!page.contains(QStringLiteral("home\\-of\\-the\\-builder")));
        QVERIFY(!page.contains(QStringLiteral("data\\-of\\-the\\-builder")));
        QVERIFY2(page.contains(QStringLiteral("sqlite:/\\:/\\:$XDG_DATA_HOME/\\:stella\\-ops/\\:"
                                              "integrations/\\:catalog.db")),
                 qPrintable(page.left(2000)));
        QVERIFY2(page.contains(QStringLiteral(
                     "~/\\:.local/\\:share/\\:stella\\-ops/\\:integrations/\\:catalog.db")),
                 qPrintable(page.left(2000)));
        QVERIFY(page.contains(QStringLiteral("$XDG_DATA_HOME/\\:stella\\-ops/\\:plugins")));
    }

    void groffReadsTheManualWithoutWarnings()
    {
        const QString groff = QStandardPaths::findExecutable(QStringLiteral("groff"));
        if (groff.isEmpty())
            QSKIP("groff is not installed (Debian: groff-base)");
        const QString page = m_dir.filePath(QStringLiteral("stella-integrations.1"));
        QFile f(page);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(cli({QStringLiteral("manpage")}).out);
        f.close();
        const Run r =
            run(groff, {QStringLiteral("-k"), QStringLiteral("-man"), QStringLiteral("-Tutf8"),
                        QStringLiteral("-ww"), QStringLiteral("-z"), page});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.isEmpty(), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliCompletion)
#include "tst_clicompletion.moc"
