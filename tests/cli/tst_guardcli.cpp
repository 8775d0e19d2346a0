// SPDX-License-Identifier: Apache-2.0
// `stella-integrations guard run`, the real binary: formats, exit codes (0, 1 at or above
// --fail-on, 2 for bad usage and invalid config naming the key and line), stdout/stderr
// separation, determinism, both engines, and masking; baselines (new, fixed and moved findings)
// and --git-diff on a repository built with real git commits.
#include "GuardSamples.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace stella::test::guard;

namespace {
struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    QString describe() const
    {
        return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
            .arg(exitCode)
            .arg(QString::fromUtf8(out.left(2000)), QString::fromUtf8(err));
    }
};
} // namespace

class TestGuardCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_tree;
    QStringList m_secrets;

    Run cli(const QStringList &args, const QHash<QString, QString> &env = {},
            const QString &workingDir = {})
    {
        QProcess p;
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.remove(QStringLiteral("STELLA_GUARD_ENGINE"));
        e.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("xdg")));
        for (auto it = env.begin(); it != env.end(); ++it)
            e.insert(it.key(), it.value());
        p.setProcessEnvironment(e);
        if (!workingDir.isEmpty())
            p.setWorkingDirectory(workingDir);
        p.start(qEnvironmentVariable("STELLA_CLI"), args);
        if (!p.waitForStarted())
            return {};
        p.closeWriteChannel();
        p.waitForFinished(120000);
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2,
                p.readAllStandardOutput(), p.readAllStandardError()};
    }

    Run guard(const QStringList &args, const QHash<QString, QString> &env = {})
    {
        return cli(QStringList{QStringLiteral("guard"), QStringLiteral("run")} + args, env,
                   m_dir.path());
    }

    // git for building test repositories: no host configuration, a fixed identity.
    int git(const QString &dir, const QStringList &args)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("home")));
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
        if (p.exitCode() != 0)
            qWarning("git %s: %s", qPrintable(args.join(QLatin1Char(' '))),
                     p.readAllStandardError().constData());
        return p.exitCode();
    }

    static QJsonArray findingsOf(const Run &r)
    {
        return QJsonDocument::fromJson(r.out).object().value(QStringLiteral("findings")).toArray();
    }

    // "path:line:rule" of each finding, in report order.
    static QStringList locations(const Run &r)
    {
        QStringList out;
        for (const QJsonValue &v : findingsOf(r)) {
            const QJsonObject f = v.toObject();
            out.append(QStringLiteral("%1:%2:%3")
                           .arg(f.value(QStringLiteral("path")).toString())
                           .arg(f.value(QStringLiteral("line")).toInt())
                           .arg(f.value(QStringLiteral("ruleId")).toString()));
        }
        std::sort(out.begin(), out.end());
        return out;
    }

    QString config(const QByteArray &yaml)
    {
        static int n = 0;
        const QString path = m_dir.filePath(QStringLiteral("config%1.yaml").arg(++n));
        writeFile(path, yaml);
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(qEnvironmentVariable("STELLA_CLI")),
                 "STELLA_CLI must name the built binary");
        m_tree = QStringLiteral("tree"); // relative: paths in reports stay relative
        const QString root = m_dir.filePath(m_tree);
        QStringList env{QStringLiteral("# settings")};
        for (const SecretSample &s : secretSamples(3)) {
            env.append(s.line);
            m_secrets.append(s.secret);
        }
        QVERIFY(
            writeFile(root + QStringLiteral("/deploy/.env"), env.join(QLatin1Char('\n')).toUtf8()));
        QVERIFY(writeFile(root + QStringLiteral("/src/main.py"),
                          "# SPDX-License-Identifier: MIT\n# Generated by ChatGPT\nprint(1)\n"));
        QVERIFY(writeFile(root + QStringLiteral("/src/util.py"), "print(2)\n"));
        QVERIFY(writeFile(root + QStringLiteral("/.gitignore"), "ignored/\n"));
        QVERIFY(writeFile(root + QStringLiteral("/ignored/leak.env"),
                          secretSamples(4).first().line.toUtf8()));
        QVERIFY(writeFile(m_dir.filePath(QStringLiteral("clean/a.py")),
                          "# SPDX-License-Identifier: MIT\nprint(3)\n"));
    }

    void textReportAndFailOn()
    {
        Run r = guard({m_tree});
        QCOMPARE(r.exitCode, 1); // critical secrets, default --fail-on high
        QVERIFY(r.out.startsWith("CRITICAL"));
        QVERIFY(r.out.contains("tree/deploy/.env:2:"));
        QVERIFY(!r.out.contains("ignored/leak.env"));
        QVERIFY(r.err.contains("guard: scanning"));
        QVERIFY(r.err.contains("at or above high"));
        // --fail-on none only reports; a clean tree is 0.
        QCOMPARE(guard({QStringLiteral("--fail-on"), QStringLiteral("none"), m_tree}).exitCode, 0);
        QCOMPARE(guard({QStringLiteral("clean")}).exitCode, 0);
        // Only low findings (license, attribution) and --fail-on low / medium.
        QCOMPARE(
            guard({QStringLiteral("--fail-on"), QStringLiteral("low"), QStringLiteral("tree/src")})
                .exitCode,
            1);
        QCOMPARE(guard({QStringLiteral("--fail-on"), QStringLiteral("medium"),
                        QStringLiteral("tree/src")})
                     .exitCode,
                 0);
    }

    void jsonAndSarifOnStdoutOnly()
    {
        Run json = guard({QStringLiteral("--format"), QStringLiteral("json"),
                          QStringLiteral("--fail-on"), QStringLiteral("none"), m_tree});
        QCOMPARE(json.exitCode, 0);
        const QJsonObject doc = QJsonDocument::fromJson(json.out).object();
        QCOMPARE(doc.value(QStringLiteral("summary"))
                     .toObject()
                     .value(QStringLiteral("totalFindings"))
                     .toInt(),
                 23);
        QCOMPARE(doc.value(QStringLiteral("findings")).toArray().size(), 23);
        // The global --json means --format json.
        Run global = cli({QStringLiteral("--json"), QStringLiteral("guard"), QStringLiteral("run"),
                          QStringLiteral("--fail-on"), QStringLiteral("none"), m_tree},
                         {}, m_dir.path());
        QCOMPARE(global.out, json.out);

        Run sarif = guard({QStringLiteral("--format"), QStringLiteral("sarif"), m_tree});
        QCOMPARE(sarif.exitCode, 1);
        const QJsonObject log = QJsonDocument::fromJson(sarif.out).object();
        QCOMPARE(log.value(QStringLiteral("version")).toString(), QStringLiteral("2.1.0"));
        QCOMPARE(log.value(QStringLiteral("runs"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("results"))
                     .toArray()
                     .size(),
                 23);
    }

    void deterministicAcrossRunsThreadsAndEngines()
    {
        const QStringList args{QStringLiteral("--format"), QStringLiteral("sarif"),
                               QStringLiteral("--fail-on"), QStringLiteral("none"), m_tree};
        const Run first = guard(args);
        QCOMPARE(first.exitCode, 0);
        QCOMPARE(guard(args).out, first.out);
        QCOMPARE(guard(QStringList{QStringLiteral("--threads"), QStringLiteral("1")} + args).out,
                 first.out);
        QCOMPARE(guard(QStringList{QStringLiteral("--threads"), QStringLiteral("7")} + args).out,
                 first.out);
        const Run pcre2 =
            guard(args, {{QStringLiteral("STELLA_GUARD_ENGINE"), QStringLiteral("pcre2")}});
        QVERIFY(pcre2.err.contains("engine pcre2"));
        QCOMPARE(pcre2.out, first.out);
        if (stella::guard::Matcher::hyperscanAvailable()) {
            const Run hs =
                guard(args, {{QStringLiteral("STELLA_GUARD_ENGINE"), QStringLiteral("hyperscan")}});
            QVERIFY(hs.err.contains("engine hyperscan"));
            QCOMPARE(hs.out, first.out);
        }
    }

    void noCompleteSecretInAnyOutput()
    {
        for (const char *format : {"text", "json", "sarif"}) {
            const Run r = guard({QStringLiteral("--format"), QString::fromLatin1(format), m_tree});
            QCOMPARE(r.exitCode, 1);
            for (const QString &secret : m_secrets) {
                QVERIFY2(!r.out.contains(secret.toUtf8()), format);
                QVERIFY2(!r.err.contains(secret.toUtf8()), format);
            }
        }
    }

    void maxFindingsTruncates()
    {
        Run r = guard({QStringLiteral("--max-findings"), QStringLiteral("5"),
                       QStringLiteral("--format"), QStringLiteral("json"), m_tree});
        QCOMPARE(r.exitCode, 1);
        const QJsonObject summary =
            QJsonDocument::fromJson(r.out).object().value(QStringLiteral("summary")).toObject();
        QCOMPARE(summary.value(QStringLiteral("reportedFindings")).toInt(), 5);
        QCOMPARE(summary.value(QStringLiteral("totalFindings")).toInt(), 23);
        QVERIFY(summary.value(QStringLiteral("truncated")).toBool());
        Run text = guard({QStringLiteral("--max-findings"), QStringLiteral("5"), m_tree});
        QVERIFY(text.out.contains("Showing the first 5 of 23 findings"));
        // From the config too.
        Run fromConfig = guard({QStringLiteral("--config"), config("maxFindings: 2\n"), m_tree});
        QVERIFY(fromConfig.out.contains("Showing the first 2 of 23 findings"));
    }

    void configApplies()
    {
        const QString path = config("secrets: false\n"
                                    "enableLicenseHygiene: false\n"
                                    "customSecretPatterns: []\n");
        Run r = guard({QStringLiteral("--config"), path, QStringLiteral("--fail-on"),
                       QStringLiteral("low"), m_tree});
        QCOMPARE(r.exitCode, 1); // the attribution marker (low) remains
        QVERIFY(r.out.contains("ai-generated-by"));
        QVERIFY(r.out.contains("1 finding(s)"));
        Run allowed =
            guard({QStringLiteral("--config"), config("allowPaths: ['deploy/**']\n"), m_tree});
        QCOMPARE(allowed.exitCode, 0);
    }

    void allowFindingsHonoured()
    {
        const auto findings = [](const Run &r) {
            return QJsonDocument::fromJson(r.out)
                .object()
                .value(QStringLiteral("findings"))
                .toArray();
        };
        Run all = guard({QStringLiteral("--format"), QStringLiteral("json"),
                         QStringLiteral("--fail-on"), QStringLiteral("none"), m_tree});
        QCOMPARE(all.exitCode, 0);
        const QJsonArray before = findings(all);
        QCOMPARE(before.size(), 23);
        const QString first = before.at(0).toObject().value(QStringLiteral("id")).toString();
        const QString last = before.at(22).toObject().value(QStringLiteral("id")).toString();
        // Upper case is accepted: ids are compared as the reports write them.
        const QString path = config(QStringLiteral("allowFindings:\n  - %1\n  - '%2'\n")
                                        .arg(first.toUpper(), last)
                                        .toUtf8());
        Run allowed = guard({QStringLiteral("--config"), path, QStringLiteral("--format"),
                             QStringLiteral("json"), QStringLiteral("--fail-on"),
                             QStringLiteral("none"), m_tree});
        QCOMPARE(allowed.exitCode, 0);
        const QJsonArray after = findings(allowed);
        QCOMPARE(after.size(), 21);
        for (const QJsonValue &f : after) {
            const QString id = f.toObject().value(QStringLiteral("id")).toString();
            QVERIFY(id != first && id != last);
        }
        QCOMPARE(QJsonDocument::fromJson(allowed.out)
                     .object()
                     .value(QStringLiteral("summary"))
                     .toObject()
                     .value(QStringLiteral("totalFindings"))
                     .toInt(),
                 21);
        // Not an id: exit 2 naming the key and the line.
        Run bad = guard({QStringLiteral("--config"),
                         config("secrets: true\nallowFindings: [src/main.py]\n"), m_tree});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(
            bad.err.contains(":2: 'allowFindings' lists 'src/main.py', which is not a finding id"),
            qPrintable(bad.describe()));
    }

    void usageAndConfigErrorsExit2()
    {
        const QList<std::pair<QStringList, QByteArray>> cases{
            {{}, "`guard run` needs the files or directories to scan"},
            {{QStringLiteral("--format"), QStringLiteral("xml"), m_tree},
             "--format must be text, json or sarif"},
            {{QStringLiteral("--fail-on"), QStringLiteral("urgent"), m_tree},
             "--fail-on must be one of"},
            {{QStringLiteral("--max-findings"), QStringLiteral("0"), m_tree},
             "--max-findings must be a whole number"},
            {{QStringLiteral("--bogus"), m_tree}, "unknown option --bogus"},
            {{QStringLiteral("does-not-exist")}, "No such file or directory: does-not-exist"},
            {{QStringLiteral("--config"), QStringLiteral("missing.yaml"), m_tree},
             "Cannot read the guard config"},
        };
        for (const auto &[args, expected] : cases) {
            const Run r = guard(args);
            QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
            QVERIFY2(r.err.contains(expected), qPrintable(r.describe()));
            QVERIFY(r.out.isEmpty());
        }
        const Run walk =
            cli({QStringLiteral("guard"), QStringLiteral("walk"), m_tree}, {}, m_dir.path());
        QCOMPARE(walk.exitCode, 2);
        QVERIFY(walk.err.contains("unknown guard action 'walk'"));

        const QString bad = config("secrets: true\nmaxFindings: 0\n");
        const Run r = guard({QStringLiteral("--config"), bad, m_tree});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(
                     (bad + QStringLiteral(":2: 'maxFindings' must be greater than 0")).toUtf8()),
                 qPrintable(r.describe()));
        const Run unknown =
            guard({QStringLiteral("--config"), config("\n\nmaxfindings: 3\n"), m_tree});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.err.contains(":3: 'maxfindings' is not a known key"));
        const Run yaml = guard({QStringLiteral("--config"), config("license: [\n"), m_tree});
        QCOMPARE(yaml.exitCode, 2);
        QVERIFY(yaml.err.contains("is not valid YAML"));
        const Run engine =
            guard({m_tree}, {{QStringLiteral("STELLA_GUARD_ENGINE"), QStringLiteral("turbo")}});
        QCOMPARE(engine.exitCode, 2);
        QVERIFY(engine.err.contains("STELLA_GUARD_ENGINE must be hyperscan or pcre2"));
    }

    // A baseline holds what was accepted: a fixed finding disappears, a moved one (lines
    // added above it) is still held, a new one and a second copy of a held secret are new.
    void baselineNewFixedAndMoved()
    {
        const QList<SecretSample> samples = secretSamples(21);
        const SecretSample &fixed = samples.at(2), &moved = samples.at(3), &added = samples.at(0);
        const QString file = m_dir.filePath(QStringLiteral("bl/app.env"));
        QVERIFY(writeFile(file, "# settings\n" + fixed.line.toUtf8() + '\n' + moved.line.toUtf8() +
                                    '\n'));
        const Run create =
            cli({QStringLiteral("guard"), QStringLiteral("baseline"), QStringLiteral("create"),
                 QStringLiteral("--output"), QStringLiteral("bl.json"), QStringLiteral("bl")},
                {}, m_dir.path());
        QVERIFY2(create.exitCode == 0, qPrintable(create.describe()));
        QVERIFY(create.out.isEmpty());
        QVERIFY(create.err.contains("baseline bl.json holds 2 finding(s)"));
        // Nothing new yet: exit 0 although both findings are critical.
        const Run same =
            guard({QStringLiteral("--baseline"), QStringLiteral("bl.json"), QStringLiteral("bl")});
        QVERIFY2(same.exitCode == 0, qPrintable(same.describe()));
        QVERIFY(same.out.contains("0 finding(s)"));
        QVERIFY(same.err.contains("2 finding(s) held by the baseline, 0 new"));

        QVERIFY(writeFile(file, "# settings\n# two lines\n# added above\n" + moved.line.toUtf8() +
                                    '\n' + added.line.toUtf8() +
                                    "\ncopy: " + moved.secret.toUtf8() + '\n'));
        const Run after =
            guard({QStringLiteral("--baseline"), QStringLiteral("bl.json"),
                   QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("bl")});
        QVERIFY2(after.exitCode == 1, qPrintable(after.describe()));
        QCOMPARE(locations(after), (QStringList{QStringLiteral("bl/app.env:5:") + added.rule,
                                                QStringLiteral("bl/app.env:6:") + moved.rule}));
        const QJsonObject summary =
            QJsonDocument::fromJson(after.out).object().value(QStringLiteral("summary")).toObject();
        QCOMPARE(summary.value(QStringLiteral("totalFindings")).toInt(), 2);
        QVERIFY(after.err.contains("1 finding(s) held by the baseline, 2 new"));
        // --fail-on applies to the new findings only; --max-findings to what is reported.
        QCOMPARE(guard({QStringLiteral("--baseline"), QStringLiteral("bl.json"),
                        QStringLiteral("--fail-on"), QStringLiteral("none"), QStringLiteral("bl")})
                     .exitCode,
                 0);
        const Run one =
            guard({QStringLiteral("--baseline"), QStringLiteral("bl.json"),
                   QStringLiteral("--max-findings"), QStringLiteral("1"), QStringLiteral("bl")});
        QVERIFY(one.out.contains("Showing the first 1 of 2 findings"));

        // A `guard run --format json` report is a baseline too, whatever the root's spelling.
        const Run report =
            guard({QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--fail-on"),
                   QStringLiteral("none"), QStringLiteral("./bl")});
        QVERIFY(writeFile(m_dir.filePath(QStringLiteral("report.json")), report.out));
        const Run fromReport = guard(
            {QStringLiteral("--baseline"), QStringLiteral("report.json"), QStringLiteral("bl")});
        QVERIFY2(fromReport.exitCode == 0, qPrintable(fromReport.describe()));
        QVERIFY(fromReport.err.contains("3 finding(s) held by the baseline, 0 new"));
    }

    void baselineThatIsNotAGuardReport()
    {
        const Run sarif = guard({QStringLiteral("--format"), QStringLiteral("sarif"), m_tree});
        QVERIFY(writeFile(m_dir.filePath(QStringLiteral("b/log.sarif")), sarif.out));
        const Run truncated =
            guard({QStringLiteral("--format"), QStringLiteral("json"),
                   QStringLiteral("--max-findings"), QStringLiteral("2"), m_tree});
        QVERIFY(writeFile(m_dir.filePath(QStringLiteral("b/truncated.json")), truncated.out));
        QVERIFY(writeFile(m_dir.filePath(QStringLiteral("b/text.txt")), "CRITICAL x\n"));
        QVERIFY(writeFile(m_dir.filePath(QStringLiteral("b/other.json")), "{\"findings\": []}"));
        QVERIFY(writeFile(m_dir.filePath(QStringLiteral("b/badid.json")),
                          "{\"tool\": {\"name\": \"stella-guard\"}, \"findings\": "
                          "[{\"id\": \"nothex\"}]}"));
        const QList<std::pair<QString, QByteArray>> cases{
            {QStringLiteral("b/text.txt"), "b/text.txt is not a guard JSON report: not JSON"},
            {QStringLiteral("b/log.sarif"), "it is a SARIF log, not the JSON report"},
            {QStringLiteral("b/other.json"), "it has no tool.name 'stella-guard' and findings"},
            {QStringLiteral("b/truncated.json"), "it is truncated (2 of 23 findings)"},
            {QStringLiteral("b/badid.json"), "finding 1 has no valid id"},
            {QStringLiteral("b/missing.json"), "Cannot read the baseline b/missing.json"},
        };
        for (const auto &[file, expected] : cases) {
            const Run r = guard({QStringLiteral("--baseline"), file, m_tree});
            QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
            QVERIFY2(r.err.contains(expected), qPrintable(r.describe()));
            QVERIFY2(r.err.contains("guard baseline create"), qPrintable(r.describe()));
            QVERIFY(r.out.isEmpty());
            QVERIFY(!r.err.contains("guard: scanning")); // refused before scanning
        }
        const QList<std::pair<QStringList, QByteArray>> usage{
            {{QStringLiteral("baseline"), QStringLiteral("create"), m_tree}, "needs --output FILE"},
            {{QStringLiteral("baseline"), QStringLiteral("create"), QStringLiteral("--output"),
              QStringLiteral("x.json")},
             "needs the files or directories to scan"},
            {{QStringLiteral("baseline"), QStringLiteral("drop"), m_tree},
             "unknown guard baseline action 'drop' (known: create)"},
            {{QStringLiteral("baseline"), QStringLiteral("create"), QStringLiteral("--output"),
              QStringLiteral("x.json"), QStringLiteral("--format"), QStringLiteral("json"), m_tree},
             "--format belongs to `guard run`"},
            {{QStringLiteral("run"), QStringLiteral("--output"), QStringLiteral("x.json"), m_tree},
             "--output belongs to `guard baseline create`"},
            {{QStringLiteral("baseline"), QStringLiteral("create"), QStringLiteral("--output"),
              QStringLiteral("no/such/dir/x.json"), m_tree},
             "Cannot write the baseline no/such/dir/x.json"},
        };
        for (const auto &[args, expected] : usage) {
            const Run r = cli(QStringList{QStringLiteral("guard")} + args, {}, m_dir.path());
            QVERIFY2(r.exitCode == 2 || (r.exitCode == 1 && expected.startsWith("Cannot write")),
                     qPrintable(r.describe()));
            QVERIFY2(r.err.contains(expected), qPrintable(r.describe()));
        }
    }

    // A repository with real commits: only what the last commit added is judged, on the new
    // paths; unchanged, deleted, binary and submodule content is not.
    void gitDiffScansOnlyAddedLines()
    {
        const QString repo = m_dir.filePath(QStringLiteral("gd"));
        const QString subRepo = m_dir.filePath(QStringLiteral("gd-sub"));
        QDir().mkpath(repo);
        QDir().mkpath(subRepo);
        const QList<SecretSample> s = secretSamples(31);
        const SecretSample &kept = s.at(2), &unchanged = s.at(3), &deleted = s.at(4),
                           &appended = s.at(5), &inRenamed = s.at(6), &inAdded = s.at(7),
                           &inBinary = s.at(12), &inSub = s.at(13);
        auto w = [&](const QString &name, const QByteArray &bytes) {
            return writeFile(repo + QLatin1Char('/') + name, bytes);
        };
        QCOMPARE(git(subRepo, {QStringLiteral("init"), QStringLiteral("-q")}), 0);
        QVERIFY(writeFile(subRepo + QStringLiteral("/leak.env"), inSub.line.toUtf8() + '\n'));
        QCOMPARE(git(subRepo, {QStringLiteral("add"), QStringLiteral(".")}), 0);
        QCOMPARE(
            git(subRepo, {QStringLiteral("commit"), QStringLiteral("-qm"), QStringLiteral("sub")}),
            0);

        QCOMPARE(git(repo, {QStringLiteral("init"), QStringLiteral("-q")}), 0);
        QVERIFY(w(QStringLiteral("keep.env"), "# keep\n" + kept.line.toUtf8() + '\n'));
        QVERIFY(w(QStringLiteral("changed.env"), "# c\n" + unchanged.line.toUtf8() + "\nplain\n"));
        QByteArray lines;
        for (int i = 1; i <= 10; ++i)
            lines += "line " + QByteArray::number(i) + '\n';
        QVERIFY(w(QStringLiteral("rename-me.env"), lines));
        QVERIFY(w(QStringLiteral("deleted.env"), deleted.line.toUtf8() + '\n'));
        QVERIFY(w(QStringLiteral("blob.bin"), QByteArray("\0\1\2 binary", 11)));
        QString body;
        const QStringList key = privateKeyBlock(&body).split(QLatin1Char('\n'));
        QVERIFY(
            w(QStringLiteral("key.txt"),
              (key.first() + QStringLiteral("\n...\n") + key.last() + QLatin1Char('\n')).toUtf8()));
        QCOMPARE(git(repo, {QStringLiteral("add"), QStringLiteral(".")}), 0);
        QCOMPARE(
            git(repo, {QStringLiteral("commit"), QStringLiteral("-qm"), QStringLiteral("base")}),
            0);

        QVERIFY(w(QStringLiteral("changed.env"),
                  "# c\n" + unchanged.line.toUtf8() + "\nplain\n" + appended.line.toUtf8() + '\n'));
        QVERIFY(QDir().mkpath(repo + QStringLiteral("/moved")));
        QCOMPARE(git(repo, {QStringLiteral("mv"), QStringLiteral("rename-me.env"),
                            QStringLiteral("moved/renamed.env")}),
                 0);
        QVERIFY(w(QStringLiteral("moved/renamed.env"), lines + inRenamed.line.toUtf8() + '\n'));
        QCOMPARE(
            git(repo, {QStringLiteral("rm"), QStringLiteral("-q"), QStringLiteral("deleted.env")}),
            0);
        QVERIFY(w(QStringLiteral("added.env"), inAdded.line.toUtf8() + '\n'));
        QVERIFY(w(QStringLiteral("blob.bin"),
                  QByteArray("\0\1\2 ", 4) + inBinary.line.toUtf8() + '\n'));
        // The key's header is unchanged; its body is what the change adds.
        QVERIFY(w(QStringLiteral("key.txt"), key.join(QLatin1Char('\n')).toUtf8() + '\n'));
        QCOMPARE(git(repo, {QStringLiteral("-c"), QStringLiteral("protocol.file.allow=always"),
                            QStringLiteral("submodule"), QStringLiteral("--quiet"),
                            QStringLiteral("add"), subRepo, QStringLiteral("sub")}),
                 0);
        QCOMPARE(git(repo, {QStringLiteral("add"), QStringLiteral(".")}), 0);
        QCOMPARE(
            git(repo, {QStringLiteral("commit"), QStringLiteral("-qm"), QStringLiteral("change")}),
            0);

        const QStringList json{QStringLiteral("guard"),      QStringLiteral("run"),
                               QStringLiteral("--format"),   QStringLiteral("json"),
                               QStringLiteral("--git-diff"), QStringLiteral("HEAD~1")};
        const Run r = cli(json, {}, repo);
        QVERIFY2(r.exitCode == 1, qPrintable(r.describe()));
        QCOMPARE(locations(r),
                 (QStringList{QStringLiteral("added.env:1:") + inAdded.rule,
                              QStringLiteral("changed.env:4:") + appended.rule,
                              QStringLiteral("key.txt:1:private-key"),
                              QStringLiteral("moved/renamed.env:11:") + inRenamed.rule}));
        QVERIFY2(r.err.contains("guard: skipped binary file blob.bin"), qPrintable(r.describe()));
        QVERIFY2(r.err.contains("guard: skipped submodule sub"), qPrintable(r.describe()));
        QVERIFY(r.err.contains("5 file(s) with added lines")); // and .gitmodules
        for (const SecretSample &sample : s)
            QVERIFY(!r.out.contains(sample.secret.toUtf8()) &&
                    !r.err.contains(sample.secret.toUtf8()));

        // The whole tree has the unchanged findings too; a baseline of it leaves nothing.
        const Run whole =
            cli({QStringLiteral("guard"), QStringLiteral("run"), QStringLiteral("--format"),
                 QStringLiteral("json"), QStringLiteral("--fail-on"), QStringLiteral("none"),
                 QStringLiteral(".")},
                {}, repo);
        QVERIFY(locations(whole).contains(QStringLiteral("keep.env:2:") + kept.rule));
        QVERIFY(writeFile(m_dir.filePath(QStringLiteral("gd-baseline.json")), whole.out));
        const Run both = cli(json + QStringList{QStringLiteral("--baseline"),
                                                m_dir.filePath(QStringLiteral("gd-baseline.json"))},
                             {}, repo);
        QVERIFY2(both.exitCode == 0, qPrintable(both.describe()));
        QVERIFY(findingsOf(both).isEmpty());
        // A pathspec limits the change; allowPaths applies below the current directory.
        QCOMPARE(locations(cli(json + QStringList{QStringLiteral("changed.env")}, {}, repo)),
                 QStringList{QStringLiteral("changed.env:4:") + appended.rule});
        const Run allowed =
            cli(json + QStringList{QStringLiteral("--config"),
                                   config("allowPaths: ['moved/**', 'added.env', 'key.txt']\n")},
                {}, repo);
        QCOMPARE(locations(allowed), QStringList{QStringLiteral("changed.env:4:") + appended.rule});
        // Nothing added since HEAD: a clean report.
        const Run clean = cli({QStringLiteral("guard"), QStringLiteral("run"),
                               QStringLiteral("--git-diff"), QStringLiteral("HEAD")},
                              {}, repo);
        QVERIFY2(clean.exitCode == 0, qPrintable(clean.describe()));
        QVERIFY(clean.out.contains("0 finding(s)"));
    }

    void gitDiffOutsideARepositoryOrWithAnUnknownBase()
    {
        QTemporaryDir outside;
        const QString ceiling = QFileInfo(outside.path()).absolutePath();
        const Run notRepo =
            cli({QStringLiteral("guard"), QStringLiteral("run"), QStringLiteral("--git-diff"),
                 QStringLiteral("main")},
                {{QStringLiteral("GIT_CEILING_DIRECTORIES"), ceiling}}, outside.path());
        QVERIFY2(notRepo.exitCode == 2, qPrintable(notRepo.describe()));
        QVERIFY(notRepo.err.contains("is not inside a git working tree"));
        QVERIFY(notRepo.err.contains("Run it from a clone of the repository"));
        QVERIFY(notRepo.out.isEmpty());

        const QString repo = outside.filePath(QStringLiteral("r"));
        QDir().mkpath(repo);
        QCOMPARE(git(repo, {QStringLiteral("init"), QStringLiteral("-q")}), 0);
        QVERIFY(writeFile(repo + QStringLiteral("/a.txt"), "a\n"));
        QCOMPARE(git(repo, {QStringLiteral("add"), QStringLiteral(".")}), 0);
        QCOMPARE(git(repo, {QStringLiteral("commit"), QStringLiteral("-qm"), QStringLiteral("a")}),
                 0);
        const Run unknown = cli({QStringLiteral("guard"), QStringLiteral("run"),
                                 QStringLiteral("--git-diff"), QStringLiteral("no-such-base")},
                                {}, repo);
        QVERIFY2(unknown.exitCode == 2, qPrintable(unknown.describe()));
        QVERIFY(
            unknown.err.contains("unknown base 'no-such-base': not a commit of this repository"));
        QVERIFY(unknown.out.isEmpty());
        // A base one commit before the first does not exist either.
        const Run beforeFirst = cli({QStringLiteral("guard"), QStringLiteral("run"),
                                     QStringLiteral("--git-diff"), QStringLiteral("HEAD~1")},
                                    {}, repo);
        QCOMPARE(beforeFirst.exitCode, 2);
        QVERIFY(beforeFirst.err.contains("unknown base 'HEAD~1'"));
    }

    void helpListsGuard()
    {
        const Run help = cli({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("guard run|baseline [--config FILE]"));
    }
};

QTEST_GUILESS_MAIN(TestGuardCli)
#include "tst_guardcli.moc"
