// SPDX-License-Identifier: Apache-2.0
// `stella-integrations annotate`, the real binary, against loopback GitHub, GitLab and Gitea
// annotation servers in this process: the pipeline `guard run --format sarif` → `annotate
// check-run --sarif`, a comment edited on rerun, bad input with its exit code, an outage that
// leaves the annotation in the outbox, `outbox list|export|retry|discard`, and the metrics a
// later `metrics` prints.
#include "FakeScmAnnotationServers.h"
#include "GuardSamples.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace stella::test;

namespace {
const QString kSha = QStringLiteral("0123456789abcdef0123456789abcdef01234567");

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    QString describe() const
    {
        return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
            .arg(exitCode)
            .arg(QString::fromUtf8(out.left(3000)), QString::fromUtf8(err.left(3000)));
    }
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};
} // namespace

class TestAnnotateCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_db;
    QString m_sarif;
    int m_findings = 0;

    // Runs the binary without blocking this thread's event loop: the loopback servers answer it.
    Run cli(const QStringList &args, const QHash<QString, QString> &env = {})
    {
        QProcess p;
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.insert(QStringLiteral("STELLA_DB"), m_db);
        e.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("xdg")));
        for (auto it = env.begin(); it != env.end(); ++it)
            e.insert(it.key(), it.value());
        p.setProcessEnvironment(e);
        p.setWorkingDirectory(m_dir.path());
        QSignalSpy done(&p, &QProcess::finished);
        p.start(qEnvironmentVariable("STELLA_CLI"), args);
        if (!p.waitForStarted())
            return {};
        p.closeWriteChannel();
        if (!done.wait(120000))
            p.kill();
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2,
                p.readAllStandardOutput(), p.readAllStandardError()};
    }

    QString add(const QString &provider, const QString &name, const QUrl &url, const QString &env)
    {
        const Run r =
            cli({QStringLiteral("--json"), QStringLiteral("add"), QStringLiteral("--provider"),
                 provider, QStringLiteral("--name"), name, QStringLiteral("--endpoint"),
                 url.toString(), QStringLiteral("--authref"),
                 QStringLiteral("authref://env/") + env, QStringLiteral("--config"),
                 provider == QLatin1String("GitHubApp")
                     ? QStringLiteral("{\"appId\": 1, \"timeout\": \"5s\"}")
                     : QStringLiteral("{\"timeout\": \"5s\"}")});
        if (r.exitCode != 0)
            qWarning("%s", qPrintable(r.describe()));
        return r.json().value(QStringLiteral("id")).toString();
    }

    QHash<QString, QString> tokens(const FakeScmServer &server)
    {
        return {{QStringLiteral("SCM_TOKEN"), QString::fromLatin1(server.token)}};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(qEnvironmentVariable("STELLA_CLI")),
                 "STELLA_CLI must name the built binary");
        m_db = QStringLiteral("sqlite:///") + m_dir.filePath(QStringLiteral("catalog.db"));
        // A tree with secrets in it, and the guard's SARIF of it: the first half of the pipeline.
        QDir(m_dir.path()).mkpath(QStringLiteral("tree/src"));
        QStringList lines;
        const auto samples = stella::test::guard::secretSamples();
        for (int i = 0; i < 120; ++i)
            lines.append(samples[i % samples.size()].line);
        QFile f(m_dir.filePath(QStringLiteral("tree/src/config.txt")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(lines.join(QLatin1Char('\n')).toUtf8());
        f.close();
        const Run guard =
            cli({QStringLiteral("guard"), QStringLiteral("run"), QStringLiteral("--format"),
                 QStringLiteral("sarif"), QStringLiteral("--fail-on"), QStringLiteral("none"),
                 QStringLiteral("tree")});
        QVERIFY2(guard.exitCode == 0, qPrintable(guard.describe()));
        m_sarif = m_dir.filePath(QStringLiteral("guard.sarif"));
        QFile out(m_sarif);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(guard.out);
        out.close();
        m_findings = int(QJsonDocument::fromJson(guard.out)
                             .object()
                             .value(QStringLiteral("runs"))
                             .toArray()
                             .first()
                             .toObject()
                             .value(QStringLiteral("results"))
                             .toArray()
                             .size());
        QVERIFY2(m_findings > 100, qPrintable(QString::number(m_findings)));
    }

    void guardSarifBecomesACheckRunWithInlineAnnotations()
    {
        FakeGitHubAnnotations server;
        QVERIFY(server.start());
        const QString id = add(QStringLiteral("GitHubApp"), QStringLiteral("gh"), server.url(),
                               QStringLiteral("SCM_TOKEN"));
        QVERIFY(!id.isEmpty());
        const Run r =
            cli({QStringLiteral("--json"), QStringLiteral("annotate"), QStringLiteral("check-run"),
                 QStringLiteral("gh"), QStringLiteral("--repo"), QStringLiteral("acme/app"),
                 QStringLiteral("--sha"), kSha, QStringLiteral("--sarif"), m_sarif},
                tokens(server));
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(server.checkRuns.size(), 1);
        const auto run = server.checkRuns.first();
        QCOMPARE(run.annotations.size(), m_findings);
        QCOMPARE(run.batches.first(), 50);
        QCOMPARE(run.batches.size(), (m_findings + 49) / 50);
        QCOMPARE(run.name, QStringLiteral("AI Code Guard"));
        QCOMPARE(run.conclusion, QStringLiteral("failure"));
        const QJsonObject first = run.annotations.first().toObject();
        QCOMPARE(first.value(QStringLiteral("path")).toString(),
                 QStringLiteral("tree/src/config.txt"));
        QVERIFY(first.value(QStringLiteral("start_line")).toInt() >= 1);
        // No secret in what was posted: the guard masked them.
        const QByteArray posted = QJsonDocument(run.annotations).toJson();
        for (const auto &sample : stella::test::guard::secretSamples())
            QVERIFY2(!posted.contains(sample.secret.toUtf8()), qPrintable(sample.rule));
        QCOMPARE(r.json().value(QStringLiteral("outcome")).toString(), QStringLiteral("success"));
        QCOMPARE(r.json().value(QStringLiteral("requests")).toInt(), int(run.batches.size()));

        const Run metrics = cli({QStringLiteral("metrics")});
        QVERIFY2(metrics.exitCode == 0, qPrintable(metrics.describe()));
        QVERIFY2(metrics.out.contains("scm_annotation_total{provider=\"GitHubApp\",operation="
                                      "\"check-run\",status=\"success\"} 1\n"),
                 metrics.out.constData());
        QVERIFY(metrics.out.contains("scm_annotation_duration_seconds_count{provider=\"GitHubApp\","
                                     "operation=\"check-run\"} 1\n"));
    }

    void aRerunEditsTheComment()
    {
        FakeGitHubAnnotations server;
        QVERIFY(server.start());
        add(QStringLiteral("GitHubApp"), QStringLiteral("gh-comments"), server.url(),
            QStringLiteral("SCM_TOKEN"));
        for (const QString &body : {QStringLiteral("first run"), QStringLiteral("second run")}) {
            const Run r = cli({QStringLiteral("annotate"), QStringLiteral("comment"),
                               QStringLiteral("gh-comments"), QStringLiteral("--repo"),
                               QStringLiteral("acme/app"), QStringLiteral("--pr"),
                               QStringLiteral("7"), QStringLiteral("--body"), body},
                              tokens(server));
            QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
            QVERIFY(r.out.startsWith("Posted comment 'stella-ops' on acme/app#7"));
        }
        QCOMPARE(server.comments.size(), 1);
        QVERIFY(server.comments.first().body.startsWith(QStringLiteral("second run")));
        // The SARIF's summary as the body, under its own key: a second comment.
        const Run summary = cli({QStringLiteral("annotate"), QStringLiteral("comment"),
                                 QStringLiteral("gh-comments"), QStringLiteral("--repo"),
                                 QStringLiteral("acme/app"), QStringLiteral("--pr"),
                                 QStringLiteral("7"), QStringLiteral("--sarif"), m_sarif,
                                 QStringLiteral("--key"), QStringLiteral("guard")},
                                tokens(server));
        QVERIFY2(summary.exitCode == 0, qPrintable(summary.describe()));
        QCOMPARE(server.comments.size(), 2);
        QVERIFY(server.comments.last().body.contains(QStringLiteral("| failure |")));
    }

    void badInputSaysWhatIsWrong_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("says");
        const QString repo = QStringLiteral("acme/app");
        QTest::newRow("no pr") << QStringList{QStringLiteral("comment"), QStringLiteral("gh-bad"),
                                              QStringLiteral("--repo"),  repo,
                                              QStringLiteral("--body"),  QStringLiteral("x")}
                               << 2 << QStringLiteral("pull or merge request");
        QTest::newRow("no sha") << QStringList{QStringLiteral("status"),  QStringLiteral("gh-bad"),
                                               QStringLiteral("--repo"),  repo,
                                               QStringLiteral("--state"), QStringLiteral("success")}
                                << 2 << QStringLiteral("give its SHA");
        QTest::newRow("bad state")
            << QStringList{QStringLiteral("status"),  QStringLiteral("gh-bad"),
                           QStringLiteral("--repo"),  repo,
                           QStringLiteral("--sha"),   kSha,
                           QStringLiteral("--state"), QStringLiteral("green")}
            << 2 << QStringLiteral("'green'");
        QTest::newRow("no body") << QStringList{QStringLiteral("comment"), QStringLiteral("gh-bad"),
                                                QStringLiteral("--repo"),  repo,
                                                QStringLiteral("--pr"),    QStringLiteral("7")}
                                 << 2 << QStringLiteral("needs a body");
        QTest::newRow("no sarif") << QStringList{QStringLiteral("check-run"),
                                                 QStringLiteral("gh-bad"),
                                                 QStringLiteral("--repo"),
                                                 repo,
                                                 QStringLiteral("--sha"),
                                                 kSha}
                                  << 2 << QStringLiteral("needs --sarif");
        QTest::newRow("sarif 2.0")
            << QStringList{QStringLiteral("check-run"), QStringLiteral("gh-bad"),
                           QStringLiteral("--repo"),    repo,
                           QStringLiteral("--sha"),     kSha,
                           QStringLiteral("--sarif"),   QStringLiteral("old.sarif")}
            << 2 << QStringLiteral("old.sarif is not a SARIF 2.1.0 log: its version is '2.0.0'");
        QTest::newRow("missing sarif")
            << QStringList{QStringLiteral("check-run"), QStringLiteral("gh-bad"),
                           QStringLiteral("--repo"),    repo,
                           QStringLiteral("--sha"),     kSha,
                           QStringLiteral("--sarif"),   QStringLiteral("nope.sarif")}
            << 2 << QStringLiteral("Cannot read --sarif nope.sarif");
        QTest::newRow("not a pr")
            << QStringList{QStringLiteral("comment"), QStringLiteral("gh-bad"),
                           QStringLiteral("--repo"),  repo,
                           QStringLiteral("--pr"),    QStringLiteral("3"),
                           QStringLiteral("--body"),  QStringLiteral("x")}
            << 3 << QStringLiteral("#3 in acme/app is not a pull request");
        QTest::newRow("no repository")
            << QStringList{QStringLiteral("comment"), QStringLiteral("gh-bad"),
                           QStringLiteral("--repo"),  QStringLiteral("acme/gone"),
                           QStringLiteral("--pr"),    QStringLiteral("7"),
                           QStringLiteral("--body"),  QStringLiteral("x")}
            << 3 << QStringLiteral("The repository acme/gone");
        QTest::newRow("422")
            << QStringList{QStringLiteral("check-run"), QStringLiteral("gh-bad"),
                           QStringLiteral("--repo"),    repo,
                           QStringLiteral("--sha"),     QStringLiteral("deadbeef"),
                           QStringLiteral("--sarif"),   QStringLiteral("guard.sarif")}
            << 2 << QStringLiteral("CheckRun.head_sha invalid");
        QTest::newRow("not scm")
            << QStringList{QStringLiteral("comment"), QStringLiteral("registry"),
                           QStringLiteral("--repo"),  repo,
                           QStringLiteral("--pr"),    QStringLiteral("7"),
                           QStringLiteral("--body"),  QStringLiteral("x")}
            << 2 << QStringLiteral("takes no annotations");
        QTest::newRow("unknown action")
            << QStringList{QStringLiteral("tweet"), QStringLiteral("gh-bad")} << 2
            << QStringLiteral("unknown annotate action 'tweet'");
    }

    void badInputSaysWhatIsWrong()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, says);
        static FakeGitHubAnnotations *server = nullptr;
        if (!server) {
            server = new FakeGitHubAnnotations(this);
            QVERIFY(server->start());
            add(QStringLiteral("GitHubApp"), QStringLiteral("gh-bad"), server->url(),
                QStringLiteral("SCM_TOKEN"));
            add(QStringLiteral("Harbor"), QStringLiteral("registry"),
                QUrl(QStringLiteral("https://harbor.example")), QStringLiteral("X"));
            QFile old(m_dir.filePath(QStringLiteral("old.sarif")));
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write(R"({"version":"2.0.0","runs":[]})");
        }
        const Run r = cli(QStringList{QStringLiteral("annotate")} + args, tokens(*server));
        QVERIFY2(r.exitCode == exitCode, qPrintable(r.describe()));
        QVERIFY2(QString::fromUtf8(r.err).contains(says), qPrintable(r.describe()));
    }

    void anOutageLeavesTheAnnotationInTheOutboxAndARetryDeliversItOnce()
    {
        FakeGitHubAnnotations server;
        QVERIFY(server.start());
        const QString id = add(QStringLiteral("GitHubApp"), QStringLiteral("gh-outage"),
                               server.url(), QStringLiteral("SCM_TOKEN"));
        server.goAwayAfter(1); // the create, then gone
        const QStringList annotate{QStringLiteral("annotate"),
                                   QStringLiteral("check-run"),
                                   QStringLiteral("gh-outage"),
                                   QStringLiteral("--repo"),
                                   QStringLiteral("acme/app"),
                                   QStringLiteral("--sha"),
                                   kSha,
                                   QStringLiteral("--sarif"),
                                   m_sarif};
        const Run offline = cli(annotate, tokens(server));
        QVERIFY2(offline.exitCode == 5, qPrintable(offline.describe()));
        QVERIFY2(offline.err.contains("kept in the outbox as entry"),
                 qPrintable(offline.describe()));

        const Run list = cli({QStringLiteral("--json"), QStringLiteral("annotate"),
                              QStringLiteral("outbox"), QStringLiteral("list"),
                              QStringLiteral("--integration"), QStringLiteral("gh-outage")});
        QVERIFY2(list.exitCode == 0, qPrintable(list.describe()));
        const QJsonArray entries = QJsonDocument::fromJson(list.out).array();
        QCOMPARE(entries.size(), 1);
        const QJsonObject entry = entries.first().toObject();
        QCOMPARE(entry.value(QStringLiteral("outcome")).toString(), QStringLiteral("offline"));
        QCOMPARE(entry.value(QStringLiteral("progress"))
                     .toObject()
                     .value(QStringLiteral("annotationsDelivered"))
                     .toInt(),
                 50);
        QVERIFY(!entry.value(QStringLiteral("reason")).toString().isEmpty());
        const QString entryId = QString::number(entry.value(QStringLiteral("id")).toInteger());

        const Run text =
            cli({QStringLiteral("annotate"), QStringLiteral("outbox"), QStringLiteral("list")});
        QVERIFY(text.out.contains("WHY IT WAS KEPT"));
        QVERIFY(text.out.contains(QStringLiteral("50/%1 annotations").arg(m_findings).toUtf8()));

        const QString exported = m_dir.filePath(QStringLiteral("outbox.json"));
        const Run exportRun =
            cli({QStringLiteral("annotate"), QStringLiteral("outbox"), QStringLiteral("export"),
                 QStringLiteral("--integration"), QStringLiteral("gh-outage"),
                 QStringLiteral("--file"), exported});
        QVERIFY2(exportRun.exitCode == 0, qPrintable(exportRun.describe()));
        QFile file(exported);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject doc = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(doc.value(QStringLiteral("entries")).toArray().size(), 1);
        QCOMPARE(doc.value(QStringLiteral("entries"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("request"))
                     .toObject()
                     .value(QStringLiteral("checkRun"))
                     .toObject()
                     .value(QStringLiteral("annotations"))
                     .toArray()
                     .size(),
                 m_findings);

        // Still away: the retry keeps it, nothing is lost.
        const Run stillAway = cli({QStringLiteral("annotate"), QStringLiteral("outbox"),
                                   QStringLiteral("retry"), entryId},
                                  tokens(server));
        QCOMPARE(stillAway.exitCode, 5);

        // Back (on another port): the integration is pointed at it, and the retry sends the rest
        // once.
        QVERIFY(server.comeBack());
        const Run moved = cli(
            {QStringLiteral("update"), id, QStringLiteral("--endpoint"), server.url().toString()});
        QVERIFY2(moved.exitCode == 0, qPrintable(moved.describe()));
        const int before = int(server.requests().size());
        const Run retry =
            cli({QStringLiteral("annotate"), QStringLiteral("outbox"), QStringLiteral("retry")},
                tokens(server));
        QVERIFY2(retry.exitCode == 0, qPrintable(retry.describe()));
        QVERIFY(retry.out.contains("Delivered outbox entry " + entryId.toUtf8()));
        QCOMPARE(server.checkRuns.size(), 1);
        QCOMPARE(server.checkRuns.first().annotations.size(), m_findings);
        QCOMPARE(int(server.requests().size()) - before, (m_findings + 49) / 50 - 1);

        const Run again =
            cli({QStringLiteral("annotate"), QStringLiteral("outbox"), QStringLiteral("retry")},
                tokens(server));
        QVERIFY2(again.exitCode == 0, qPrintable(again.describe()));
        QVERIFY2(again.out.contains("Nothing to retry"), qPrintable(again.describe()));
        QCOMPARE(server.checkRuns.first().annotations.size(), m_findings);

        const Run all =
            cli({QStringLiteral("--json"), QStringLiteral("annotate"), QStringLiteral("outbox"),
                 QStringLiteral("list"), QStringLiteral("--all"), QStringLiteral("--integration"),
                 QStringLiteral("gh-outage")});
        QCOMPARE(QJsonDocument::fromJson(all.out)
                     .array()
                     .first()
                     .toObject()
                     .value(QStringLiteral("state"))
                     .toString(),
                 QStringLiteral("delivered"));
        const Run metrics = cli({QStringLiteral("metrics")});
        QVERIFY(metrics.out.contains("scm_annotation_total{provider=\"GitHubApp\",operation="
                                     "\"check-run\",status=\"offline\"} 2\n"));
    }

    void discardNeedsAnIdAndDropsTheEntry()
    {
        FakeGiteaAnnotations server;
        QVERIFY(server.start());
        add(QStringLiteral("Gitea"), QStringLiteral("gitea"), server.url(),
            QStringLiteral("SCM_TOKEN"));
        server.failNext("POST", "/statuses/",
                        {500, {{"Content-Type", "text/html"}}, "<html>oops</html>"});
        const Run failed = cli(
            {QStringLiteral("--json"), QStringLiteral("annotate"), QStringLiteral("status"),
             QStringLiteral("gitea"), QStringLiteral("--repo"), QStringLiteral("acme/app"),
             QStringLiteral("--sha"), kSha, QStringLiteral("--state"), QStringLiteral("success")},
            tokens(server));
        QCOMPARE(failed.exitCode, 5);
        const qint64 entry = failed.json().value(QStringLiteral("entry")).toInteger();
        QVERIFY(entry > 0);
        QCOMPARE(failed.json().value(QStringLiteral("outcome")).toString(),
                 QStringLiteral("transient"));
        QVERIFY(failed.json()
                    .value(QStringLiteral("error"))
                    .toString()
                    .contains(QStringLiteral("HTML page")));
        const Run noId =
            cli({QStringLiteral("annotate"), QStringLiteral("outbox"), QStringLiteral("discard")});
        QCOMPARE(noId.exitCode, 2);
        const Run discard = cli({QStringLiteral("annotate"), QStringLiteral("outbox"),
                                 QStringLiteral("discard"), QString::number(entry)});
        QVERIFY2(discard.exitCode == 0, qPrintable(discard.describe()));
        const Run gone = cli({QStringLiteral("annotate"), QStringLiteral("outbox"),
                              QStringLiteral("retry"), QString::number(entry)});
        QCOMPARE(gone.exitCode, 3);
        QVERIFY(server.statuses.isEmpty());
    }

    void gitlabTakesTheCheckRunAsAStatusAndDiscussions()
    {
        FakeGitLabAnnotations server;
        QVERIFY(server.start());
        server.diffPaths.insert(QStringLiteral("tree/src/config.txt"));
        add(QStringLiteral("GitLabServer"), QStringLiteral("gitlab"), server.url(),
            QStringLiteral("SCM_TOKEN"));
        const Run r =
            cli({QStringLiteral("annotate"), QStringLiteral("check-run"), QStringLiteral("gitlab"),
                 QStringLiteral("--repo"), QStringLiteral("group/app"), QStringLiteral("--sha"),
                 server.headSha, QStringLiteral("--pr"), QStringLiteral("5"),
                 QStringLiteral("--sarif"), m_sarif},
                tokens(server));
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(server.statuses.size(), 1);
        QCOMPARE(server.statuses.first().value(QStringLiteral("state")).toString(),
                 QStringLiteral("failed"));
        QCOMPARE(server.discussions.size(), m_findings);
    }
};

QTEST_MAIN(TestAnnotateCli)
#include "tst_annotatecli.moc"
