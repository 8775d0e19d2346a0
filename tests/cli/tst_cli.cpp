// SPDX-License-Identifier: Apache-2.0
// The real stella-integrations binary, run as an operator or a CI job would run it: exit codes,
// stdout/stderr separation, JSON shape, and that bad input leaves the catalog as it was.
#include "RealDockerRegistry.h"
#include "TestSupport.h"
#include "core/common/Clock.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>
#include <functional>

using namespace stella;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    QJsonDocument json() const { return QJsonDocument::fromJson(out); }
    QString describe() const
    {
        return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
            .arg(exitCode)
            .arg(QString::fromUtf8(out), QString::fromUtf8(err));
    }
};

bool isRegistry(const QJsonObject &integration)
{
    return integration.value(QStringLiteral("type")).toString() == QLatin1String("Registry");
}

QByteArray sha256(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_db;

    // Runs the binary with `--db sqlite:///<m_db>` (unless dbUrl says otherwise) and the args.
    Run cli(const QStringList &args, const QByteArray &stdinBytes = {}, const QString &dbUrl = {},
            const QHash<QString, QString> &extraEnv = {})
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("STELLA_DB"));
        for (auto it = extraEnv.begin(); it != extraEnv.end(); ++it)
            env.insert(it.key(), it.value());
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("xdg")));
        p.setProcessEnvironment(env);
        QStringList all{QStringLiteral("--db"),
                        dbUrl.isEmpty() ? QStringLiteral("sqlite://") + m_db : dbUrl};
        all += args;
        p.start(qEnvironmentVariable("STELLA_CLI"), all);
        if (!p.waitForStarted())
            return {};
        if (!stdinBytes.isEmpty())
            p.write(stdinBytes);
        p.closeWriteChannel();
        p.waitForFinished(60000);
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2,
                p.readAllStandardOutput(), p.readAllStandardError()};
    }

    QString addHarbor(const QString &name, const QStringList &extra = {})
    {
        Run r = cli(QStringList{QStringLiteral("--json"), QStringLiteral("add"),
                                QStringLiteral("--provider"), QStringLiteral("Harbor"),
                                QStringLiteral("--name"), name, QStringLiteral("--endpoint"),
                                QStringLiteral("https://harbor.example.com"),
                                QStringLiteral("--authref"),
                                QStringLiteral("authref://keychain/harbor-prod#token")} +
                    extra);
        if (r.exitCode != 0)
            qWarning("%s", qPrintable(r.describe()));
        return r.json().object().value(QStringLiteral("id")).toString();
    }

    QJsonArray listJson(const QStringList &globals = {})
    {
        Run r = cli(globals + QStringList{QStringLiteral("--json"), QStringLiteral("list")});
        return r.json().array();
    }

    // The first of the sandbox's demo integrations that `match` accepts (empty if none).
    QJsonObject sandboxIntegration(const std::function<bool(const QJsonObject &)> &match)
    {
        for (const QJsonValue &v : listJson({QStringLiteral("--sandbox")}))
            if (match(v.toObject()))
                return v.toObject();
        return {};
    }
    QString sandboxIdOfScenario(const QString &scenario)
    {
        return sandboxIntegration([&](const QJsonObject &o) {
                   return o.value(QStringLiteral("config"))
                              .toObject()
                              .value(QStringLiteral("scenario"))
                              .toString() == scenario;
               })
            .value(QStringLiteral("id"))
            .toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(qEnvironmentVariable("STELLA_CLI")),
                 "STELLA_CLI must name the built binary");
        QVERIFY(m_dir.isValid());
    }

    void init()
    {
        m_db = m_dir.filePath(
            QStringLiteral("%1.db").arg(QString::fromLatin1(QTest::currentTestFunction())));
    }

    void helpAndUsageErrors()
    {
        Run help = cli({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("Exit codes"));

        Run unknown = cli({QStringLiteral("frobnicate")});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains("unknown command 'frobnicate'"), unknown.err.constData());
        QVERIFY(unknown.err.contains("Commands:"));

        Run noCommand = cli({});
        QCOMPARE(noCommand.exitCode, 2);
    }

    void versionIsTheProjectVersion()
    {
        Run r = cli({QStringLiteral("--version")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(r.out, QByteArray("stella-integrations " STELLA_VERSION "\n"));
        QVERIFY(r.err.isEmpty());
    }

    void everyCommandHasItsOwnHelp_data()
    {
        QTest::addColumn<QString>("command");
        for (const char *name :
             {"providers", "list",   "show",    "add",     "update",   "remove", "test",
              "check",     "health", "monitor", "metrics", "discover", "audit",  "export",
              "import",    "secret", "guard",   "plugins", "help",     "move"})
            QTest::newRow(name) << QString::fromLatin1(name);
    }

    // `COMMAND --help` and `help COMMAND` print the same text: the synopsis, then one line per
    // argument and option. Every option the help lists is one the parser takes, and the other
    // way round (an unknown option's error names what the command takes).
    void everyCommandHasItsOwnHelp()
    {
        QFETCH(QString, command);
        Run viaOption = cli({command, QStringLiteral("--help")});
        QVERIFY2(viaOption.exitCode == 0, qPrintable(viaOption.describe()));
        const QByteArray usage = "Usage: stella-integrations [--db URL] [--tenant ID] [--actor "
                                 "NAME] [--json] [--sandbox] [--verbose] [--plugin-dir DIR] " +
                                 command.toUtf8();
        QVERIFY2(viaOption.out.startsWith(usage + ' ') || viaOption.out.startsWith(usage + '\n'),
                 qPrintable(viaOption.describe()));
        Run viaHelp = cli({QStringLiteral("help"), command});
        QVERIFY2(viaHelp.exitCode == 0, qPrintable(viaHelp.describe()));
        QCOMPARE(viaHelp.out, viaOption.out);
        QVERIFY(!QFile::exists(m_db)); // help opens no catalog

        const QStringList lines = QString::fromUtf8(viaOption.out).split(QLatin1Char('\n'));
        const qsizetype optionsAt = lines.indexOf(QStringLiteral("Options:"));
        QVERIFY2(optionsAt > 0, qPrintable(viaOption.describe()));
        QStringList listed;
        for (qsizetype i = optionsAt + 1;
             i < lines.size() && lines[i].startsWith(QLatin1String("  --")); ++i) {
            const QString option = lines[i].trimmed().section(QLatin1Char(' '), 0, 0);
            QVERIFY2(lines[i].trimmed().size() > option.size() + 2,
                     qPrintable(QStringLiteral("%1 has no description").arg(option)));
            QVERIFY2(!listed.contains(option), qPrintable(option));
            listed.append(option);
        }
        QVERIFY(listed.contains(QStringLiteral("--help")));
        listed.removeAll(QStringLiteral("--help"));
        listed.sort();

        Run unknown = cli({command, QStringLiteral("--no-such-option")});
        QVERIFY2(unknown.exitCode == 2, qPrintable(unknown.describe()));
        QVERIFY(unknown.err.contains("unknown option --no-such-option"));
        const QString err = QString::fromUtf8(unknown.err);
        const QString takes = QStringLiteral("(this command takes ");
        QStringList accepted;
        if (const qsizetype at = err.indexOf(takes); at >= 0)
            accepted =
                err.mid(at + takes.size(), err.indexOf(QLatin1Char(')'), at) - at - takes.size())
                    .split(QStringLiteral(", "));
        QCOMPARE(accepted, listed);
        QVERIFY2(err.contains(QStringLiteral("`stella-integrations %1 --help`").arg(command)),
                 qPrintable(err));
    }

    void helpDetails()
    {
        Run global = cli({QStringLiteral("help")});
        QCOMPARE(global.exitCode, 0);
        QCOMPARE(global.out, cli({QStringLiteral("--help")}).out);
        QVERIFY(global.out.contains("help COMMAND"));
        QVERIFY2(global.out.contains("--sandbox"), global.out.constData());
        const QString text = QString::fromUtf8(global.out);
        const QString sandboxLine =
            text.split(QLatin1Char('\n')).filter(QStringLiteral("  --sandbox")).value(0);
        QVERIFY2(sandboxLine.contains(QStringLiteral("discarded at exit")), qPrintable(text));
        QVERIFY(global.out.contains("--version"));
        QVERIFY(global.out.contains("its exact name"));

        Run add = cli({QStringLiteral("add"), QStringLiteral("--help")});
        QVERIFY2(add.out.contains("add --provider P --name N [--type T] [--endpoint URL] "
                                  "[--config JSON|@FILE] [--authref URI] [--folder F] [--tag T] "
                                  "[--tier T]\n"),
                 add.out.constData());
        QVERIFY(add.out.contains("  --provider P "));
        QVERIFY(add.out.contains("any case"));
        Run show = cli({QStringLiteral("show"), QStringLiteral("--help")});
        QVERIFY2(show.out.contains("  INTEGRATION  the integration's id, or its exact name\n"),
                 show.out.constData());
        Run test = cli({QStringLiteral("help"), QStringLiteral("test")});
        QVERIFY2(test.out.contains("Exit code 0 when the test passed, also when it \"passed with "
                                   "warnings\""),
                 test.out.constData());
        // Help wins over a missing argument, and over the other options.
        QCOMPARE(cli({QStringLiteral("discover"), QStringLiteral("--limit"), QStringLiteral("2"),
                      QStringLiteral("--help")})
                     .out,
                 cli({QStringLiteral("help"), QStringLiteral("discover")}).out);

        Run nosuch = cli({QStringLiteral("help"), QStringLiteral("nosuch")});
        QVERIFY2(nosuch.exitCode == 2, qPrintable(nosuch.describe()));
        QVERIFY(nosuch.err.contains("unknown command 'nosuch'"));
        QVERIFY(nosuch.err.contains("Commands: providers, list, show"));
        QVERIFY(nosuch.out.isEmpty());
        Run unknownWithHelp = cli({QStringLiteral("nosuch"), QStringLiteral("--help")});
        QCOMPARE(unknownWithHelp.exitCode, 2);
        QVERIFY(unknownWithHelp.err.contains("unknown command 'nosuch'"));
        Run twoCommands =
            cli({QStringLiteral("help"), QStringLiteral("show"), QStringLiteral("list")});
        QCOMPARE(twoCommands.exitCode, 2);
        QVERIFY(twoCommands.err.contains("unexpected argument 'list'"));
        Run missing = cli({QStringLiteral("show")});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains("show needs INTEGRATION"), qPrintable(missing.describe()));
        Run required = cli({QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("x")});
        QCOMPARE(required.exitCode, 2);
        QVERIFY2(required.err.contains("add needs --provider"), qPrintable(required.describe()));
        Run emptyName =
            cli({QStringLiteral("add"), QStringLiteral("--provider"), QStringLiteral("Harbor"),
                 QStringLiteral("--name="), QStringLiteral("--endpoint"),
                 QStringLiteral("https://h.example.com")});
        QCOMPARE(emptyName.exitCode, 2);
        QVERIFY2(emptyName.err.contains("--name needs a value"), qPrintable(emptyName.describe()));
        QVERIFY(listJson().isEmpty());
    }

    void integrationsAreNamedByIdOrExactName()
    {
        const QString id = addHarbor(QStringLiteral("Harbor prod"));
        QVERIFY(!id.isEmpty());
        Run byName =
            cli({QStringLiteral("--json"), QStringLiteral("show"), QStringLiteral("Harbor prod")});
        QVERIFY2(byName.exitCode == 0, qPrintable(byName.describe()));
        QCOMPARE(byName.json().object().value(QStringLiteral("id")).toString(), id);
        Run renamed = cli({QStringLiteral("update"), QStringLiteral("Harbor prod"),
                           QStringLiteral("--name"), QStringLiteral("Harbor (prod)")});
        QVERIFY2(renamed.exitCode == 0, qPrintable(renamed.describe()));
        QCOMPARE(cli({QStringLiteral("show"), QStringLiteral("Harbor prod")}).exitCode, 3);
        // Only one name matches ignoring case: that one.
        Run otherCase = cli(
            {QStringLiteral("--json"), QStringLiteral("show"), QStringLiteral("harbor (PROD)")});
        QVERIFY2(otherCase.exitCode == 0, qPrintable(otherCase.describe()));
        QCOMPARE(otherCase.json().object().value(QStringLiteral("id")).toString(), id);

        // Two names that differ only in case: the exact one is found, a third spelling refused.
        const QString shouting = addHarbor(QStringLiteral("HARBOR (PROD)"));
        QVERIFY(!shouting.isEmpty());
        Run exact = cli(
            {QStringLiteral("--json"), QStringLiteral("show"), QStringLiteral("HARBOR (PROD)")});
        QCOMPARE(exact.json().object().value(QStringLiteral("id")).toString(), shouting);
        Run ambiguous = cli({QStringLiteral("remove"), QStringLiteral("harbor (prod)")});
        QVERIFY2(ambiguous.exitCode == 2, qPrintable(ambiguous.describe()));
        QVERIFY(ambiguous.err.contains(
            "'harbor (prod)' matches 2 integrations of tenant 'default' when case "
            "is ignored, and none exactly"));
        QVERIFY(ambiguous.err.contains((id + QStringLiteral("  Harbor (prod)")).toUtf8()));
        QVERIFY(ambiguous.err.contains((shouting + QStringLiteral("  HARBOR (PROD)")).toUtf8()));
        QCOMPARE(listJson().size(), 2);
        Run ambiguousJson = cli(
            {QStringLiteral("--json"), QStringLiteral("show"), QStringLiteral("harbor (prod)")});
        QCOMPARE(ambiguousJson.exitCode, 2);
        QCOMPARE(ambiguousJson.json()
                     .object()
                     .value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("details"))
                     .toArray()
                     .size(),
                 2);

        Run missing = cli({QStringLiteral("health"), QStringLiteral("Harbor staging")});
        QCOMPARE(missing.exitCode, 3);
        QVERIFY2(missing.err.contains("No integration in tenant 'default' has the id or name "
                                      "'Harbor staging'"),
                 qPrintable(missing.describe()));
        // A name is looked up in the request's tenant only.
        QCOMPARE(cli({QStringLiteral("--tenant"), QStringLiteral("staging"), QStringLiteral("show"),
                      QStringLiteral("HARBOR (PROD)")})
                     .exitCode,
                 3);

        Run audit = cli({QStringLiteral("--json"), QStringLiteral("audit"),
                         QStringLiteral("--integration"), QStringLiteral("Harbor (prod)")});
        QVERIFY2(audit.exitCode == 0, qPrintable(audit.describe()));
        QCOMPARE(audit.json().array().size(), 2); // create, update
        Run removed = cli({QStringLiteral("remove"), QStringLiteral("HARBOR (PROD)"),
                           QStringLiteral("--expect-version"), QStringLiteral("1")});
        QVERIFY2(removed.exitCode == 0, qPrintable(removed.describe()));
        QVERIFY(removed.out.contains(shouting.toUtf8()));
        QVERIFY(!removed.out.contains("sandbox"));
        QCOMPARE(listJson().size(), 1);

        // The connector commands take names too.
        const QStringList sandbox{QStringLiteral("--sandbox")};
        // A registry of the healthy scenario: the flaky one fails one minute in three.
        const QString name =
            sandboxIntegration([](const QJsonObject &o) {
                return isRegistry(o) && o.value(QStringLiteral("config"))
                                                .toObject()
                                                .value(QStringLiteral("scenario"))
                                                .toString() == QLatin1String("healthy");
            })
                .value(QStringLiteral("name"))
                .toString();
        QVERIFY(!name.isEmpty());
        for (const QStringList &args :
             {QStringList{QStringLiteral("test"), name}, QStringList{QStringLiteral("check"), name},
              QStringList{QStringLiteral("health"), name},
              QStringList{QStringLiteral("discover"), name, QStringLiteral("--resource-type"),
                          QStringLiteral("Repositories")}}) {
            Run r = cli(sandbox + args);
            QVERIFY2(r.exitCode == 0 || (args.first() == QLatin1String("check") && r.exitCode == 1),
                     qPrintable(r.describe()));
            QVERIFY2(!r.err.contains("No integration"), qPrintable(r.describe()));
        }
    }

    void enumValuesIgnoreCaseAndErrorsListTheValidOnes()
    {
        Run added =
            cli({QStringLiteral("--json"), QStringLiteral("add"), QStringLiteral("--provider"),
                 QStringLiteral("harbor"), QStringLiteral("--type"), QStringLiteral("REGISTRY"),
                 QStringLiteral("--name"), QStringLiteral("h1"), QStringLiteral("--endpoint"),
                 QStringLiteral("https://harbor.example.com")});
        QVERIFY2(added.exitCode == 0, qPrintable(added.describe()));
        QCOMPARE(added.json().object().value(QStringLiteral("provider")).toString(),
                 QStringLiteral("Harbor"));
        QCOMPARE(added.json().object().value(QStringLiteral("type")).toString(),
                 QStringLiteral("Registry"));
        Run vault = cli({QStringLiteral("add"), QStringLiteral("--provider"),
                         QStringLiteral("VAULT"), QStringLiteral("--name"), QStringLiteral("v1"),
                         QStringLiteral("--endpoint"), QStringLiteral("https://vault.example.com"),
                         QStringLiteral("--authref"), QStringLiteral("authref://env/VAULT_TOKEN")});
        QVERIFY2(vault.exitCode == 0, qPrintable(vault.describe()));
        QVERIFY2(vault.out.startsWith("Added Vault 'v1' ("), qPrintable(vault.describe()));

        for (const QString &type : {QStringLiteral("registry"), QStringLiteral("rEgIsTrY")}) {
            Run r = cli(
                {QStringLiteral("--json"), QStringLiteral("list"), QStringLiteral("--type"), type});
            QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
            QCOMPARE(r.json().array().size(), 1);
        }
        Run byProvider =
            cli({QStringLiteral("list"), QStringLiteral("--provider"), QStringLiteral("vault")});
        QVERIFY2(byProvider.exitCode == 0, qPrintable(byProvider.describe()));
        QVERIFY(byProvider.out.contains("SecretsManager  Vault"));
        QVERIFY(!byProvider.out.contains("h1"));
        Run byStatus = cli({QStringLiteral("--json"), QStringLiteral("list"),
                            QStringLiteral("--status"), QStringLiteral("unknown")});
        QVERIFY2(byStatus.exitCode == 0, qPrintable(byStatus.describe()));
        QCOMPARE(byStatus.json().array().size(), 2);
        Run unhealthy = cli({QStringLiteral("--json"), QStringLiteral("list"),
                             QStringLiteral("--status"), QStringLiteral("unhealthy")});
        QVERIFY2(unhealthy.exitCode == 0, qPrintable(unhealthy.describe()));
        QCOMPARE(unhealthy.json().array().size(), 0);

        const QList<std::pair<QStringList, QByteArray>> unknown{
            {{QStringLiteral("list"), QStringLiteral("--type"), QStringLiteral("Registries")},
             "--type 'Registries' is not an integration type. Use one of: Registry, Scm, CiCd, "
             "SecretsManager, RuntimeHost, ObjectStorage, FeedMirror (any case)"},
            {{QStringLiteral("list"), QStringLiteral("--status"), QStringLiteral("Sleepy")},
             "--status 'Sleepy' is not a health status. Use one of: Unknown, Healthy, Degraded, "
             "Unhealthy (any case)"},
            {{QStringLiteral("list"), QStringLiteral("--provider"), QStringLiteral("Artifactory")},
             "--provider 'Artifactory' is not a provider. Use one of: "},
            {{QStringLiteral("add"), QStringLiteral("--provider"), QStringLiteral("Harbor"),
              QStringLiteral("--name"), QStringLiteral("x"), QStringLiteral("--type"),
              QStringLiteral("Registryy")},
             "--type 'Registryy' is not an integration type. Use one of: Registry, Scm"},
        };
        for (const auto &[args, expected] : unknown) {
            Run r = cli(args);
            QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
            QVERIFY2(r.err.contains(expected), qPrintable(r.describe()));
        }
        Run provider = cli(
            {QStringLiteral("list"), QStringLiteral("--provider"), QStringLiteral("Artifactory")});
        for (const char *id : {"Harbor", "DockerRegistry", "Vault", "InMemory"})
            QVERIFY2(provider.err.contains(id), id);
        QCOMPARE(listJson().size(), 2);
    }

    void testThatPassedWithWarningsSaysSoAndExitsZero()
    {
        const QStringList sandbox{QStringLiteral("--sandbox")};
        const QString degraded = sandboxIdOfScenario(QStringLiteral("degraded"));
        const QString healthy = sandboxIdOfScenario(QStringLiteral("healthy"));
        QVERIFY(!degraded.isEmpty() && !healthy.isEmpty());

        Run warned = cli(sandbox + QStringList{QStringLiteral("test"), degraded});
        QVERIFY2(warned.exitCode == 0, qPrintable(warned.describe()));
        QVERIFY2(warned.out.contains("Connection test passed with warnings: InMemory 1.0 in "),
                 qPrintable(warned.describe()));
        QVERIFY2(warned.out.contains("\n  warning: Permission check — read-only access (simulated "
                                     "degraded scenario)\n"),
                 qPrintable(warned.describe()));
        Run warnedJson =
            cli(sandbox + QStringList{QStringLiteral("--json"), QStringLiteral("test"), degraded});
        QVERIFY2(warnedJson.exitCode == 0, qPrintable(warnedJson.describe()));
        const QJsonObject o = warnedJson.json().object();
        QCOMPARE(o.value(QStringLiteral("success")).toBool(), true);
        const QJsonArray warnings = o.value(QStringLiteral("warnings")).toArray();
        QCOMPARE(warnings.size(), 1);
        QCOMPARE(warnings[0].toObject().value(QStringLiteral("state")).toString(),
                 QStringLiteral("warning"));
        QCOMPARE(warnings[0].toObject().value(QStringLiteral("title")).toString(),
                 QStringLiteral("Permission check"));
        QVERIFY(o.value(QStringLiteral("steps")).toArray().size() > 1); // unchanged, all steps

        Run clean = cli(sandbox + QStringList{QStringLiteral("test"), healthy});
        QVERIFY2(clean.exitCode == 0, qPrintable(clean.describe()));
        QVERIFY2(clean.out.contains("Connection test passed: InMemory 1.0 in "),
                 qPrintable(clean.describe()));
        QVERIFY(!clean.out.contains("warning"));
        Run cleanJson =
            cli(sandbox + QStringList{QStringLiteral("--json"), QStringLiteral("test"), healthy});
        QVERIFY(cleanJson.json().object().value(QStringLiteral("warnings")).toArray().isEmpty());
    }

    // Issue #13 item 3: several integrations tested at once, by id or name or by the
    // organisation filters, "N passed, M failed", exit 1 when any did not pass.
    void testSeveralByIdOrByFolderTagTier()
    {
        const QStringList sandbox{QStringLiteral("--sandbox")};
        const QString healthy = sandboxIdOfScenario(QStringLiteral("healthy"));
        const QString degraded = sandboxIdOfScenario(QStringLiteral("degraded"));
        const QString unhealthy = sandboxIdOfScenario(QStringLiteral("unhealthy"));
        QVERIFY(!healthy.isEmpty() && !degraded.isEmpty() && !unhealthy.isEmpty());

        Run three =
            cli(sandbox + QStringList{QStringLiteral("test"), healthy, degraded, unhealthy});
        QVERIFY2(three.exitCode == 1, qPrintable(three.describe()));
        QVERIFY2(three.out.contains("eBPF agent (sandbox): FAILED — "),
                 qPrintable(three.describe()));
        QVERIFY2(three.out.endsWith("2 passed, 1 failed\n"), qPrintable(three.describe()));
        QVERIFY(three.err.contains("1 of 3 connection tests did not pass"));
        Run threeJson = cli(sandbox + QStringList{QStringLiteral("--json"), QStringLiteral("test"),
                                                  healthy, degraded, unhealthy});
        QCOMPARE(threeJson.exitCode, 1);
        const QJsonObject o = threeJson.json().object();
        QCOMPARE(o.value(QStringLiteral("passed")).toInt(), 2);
        QCOMPARE(o.value(QStringLiteral("failed")).toInt(), 1);
        QCOMPARE(o.value(QStringLiteral("notTested")).toInt(), 0);
        const QJsonArray results = o.value(QStringLiteral("results")).toArray();
        QCOMPARE(results.size(), 3);
        QCOMPARE(results[2].toObject().value(QStringLiteral("id")).toString(), unhealthy);
        QCOMPARE(results[2].toObject().value(QStringLiteral("success")).toBool(), false);
        QVERIFY(results[0].toObject().value(QStringLiteral("steps")).toArray().size() > 1);

        // By folder: GitHub App (healthy) and GitLab (degraded: passed with warnings).
        Run folder = cli(sandbox + QStringList{QStringLiteral("test"), QStringLiteral("--folder"),
                                               QStringLiteral("Engineering/SCM")});
        QVERIFY2(folder.exitCode == 0, qPrintable(folder.describe()));
        QVERIFY2(folder.out.contains("GitLab (sandbox): passed with warnings: InMemory"),
                 qPrintable(folder.describe()));
        QVERIFY(folder.out.contains("\n  warning: Permission check"));
        QVERIFY(folder.out.endsWith("2 passed, 0 failed\n"));
        Run tagged = cli(sandbox + QStringList{QStringLiteral("test"), QStringLiteral("--tag"),
                                               QStringLiteral("agents"), QStringLiteral("--tier"),
                                               QStringLiteral("DEV")});
        QVERIFY2(tagged.exitCode == 1, qPrintable(tagged.describe()));
        QVERIFY(tagged.out.endsWith("0 passed, 1 failed\n"));

        // Bad input: nothing matches (exit 3), both ways at once or neither (exit 2), a typo
        // among the names tests nothing, a malformed filter is named.
        Run none = cli(sandbox + QStringList{QStringLiteral("test"), QStringLiteral("--tag"),
                                             QStringLiteral("no-such-tag")});
        QCOMPARE(none.exitCode, 3);
        QVERIFY(none.err.contains("no integration matches"));
        Run both = cli(sandbox + QStringList{QStringLiteral("test"), healthy,
                                             QStringLiteral("--tier"), QStringLiteral("prod")});
        QCOMPARE(both.exitCode, 2);
        QVERIFY(both.err.contains("not both"));
        Run neither = cli(sandbox + QStringList{QStringLiteral("test")});
        QCOMPARE(neither.exitCode, 2);
        Run typo = cli(sandbox + QStringList{QStringLiteral("test"), healthy,
                                             QStringLiteral("no-such-integration")});
        QCOMPARE(typo.exitCode, 3);
        QVERIFY2(!typo.err.contains("Testing"), qPrintable(typo.describe()));
        Run badTier = cli(sandbox + QStringList{QStringLiteral("test"), QStringLiteral("--tier"),
                                                QStringLiteral("production")});
        QCOMPARE(badTier.exitCode, 2);
        QVERIFY(badTier.err.contains("tier"));
        Run badFolder =
            cli(sandbox + QStringList{QStringLiteral("test"), QStringLiteral("--folder"),
                                      QStringLiteral("a//b")});
        QCOMPARE(badFolder.exitCode, 2);
        QVERIFY(badFolder.err.contains("--folder"));
        Run badTag = cli(sandbox + QStringList{QStringLiteral("test"), QStringLiteral("--tag"),
                                               QStringLiteral("a,b")});
        QCOMPARE(badTag.exitCode, 2);
        QVERIFY(badTag.err.contains("comma"));
    }

    void verboseLogsEachOperationOnStderr()
    {
        const QString name = listJson({QStringLiteral("--sandbox")})
                                 .first()
                                 .toObject()
                                 .value(QStringLiteral("name"))
                                 .toString();
        const Run quiet = cli({QStringLiteral("--sandbox"), QStringLiteral("test"), name});
        QVERIFY2(!quiet.err.contains("stella."), qPrintable(quiet.describe()));

        const Run loud = cli({QStringLiteral("--sandbox"), QStringLiteral("--verbose"),
                              QStringLiteral("test"), name});
        QCOMPARE(loud.exitCode, quiet.exitCode);
        QVERIFY2(loud.err.contains("stella.connectors: test-connection "),
                 qPrintable(loud.describe()));
        QVERIFY2(loud.err.contains("(credential "), qPrintable(loud.describe()));
        QVERIFY2(!loud.out.contains("stella."), qPrintable(loud.describe())); // stderr only

        // The log stays on stderr: --json still prints one document on stdout.
        const Run json = cli({QStringLiteral("--sandbox"), QStringLiteral("--verbose"),
                              QStringLiteral("--json"), QStringLiteral("test"), name});
        QVERIFY2(json.json().isObject(), qPrintable(json.describe()));
        QVERIFY2(json.err.contains("stella.connectors: "), qPrintable(json.describe()));
    }

    void sandboxChangesSayTheyAreDiscarded()
    {
        const QStringList sandbox{QStringLiteral("--sandbox")};
        const QByteArray note = " (sandbox: discarded at exit)\n";
        Run added = cli(sandbox + QStringList{QStringLiteral("add"), QStringLiteral("--provider"),
                                              QStringLiteral("InMemory"), QStringLiteral("--name"),
                                              QStringLiteral("scratch")});
        QVERIFY2(added.exitCode == 0, qPrintable(added.describe()));
        QVERIFY2(added.out.startsWith("Added InMemory 'scratch' (") && added.out.endsWith(note),
                 qPrintable(added.describe()));
        // And it is so: the next sandbox has no such integration.
        for (const QJsonValue &v : listJson(sandbox))
            QVERIFY(v.toObject().value(QStringLiteral("name")).toString() !=
                    QLatin1String("scratch"));

        const QJsonObject first = listJson(sandbox).first().toObject();
        const QString name = first.value(QStringLiteral("name")).toString();
        const QList<QStringList> changes{
            {QStringLiteral("update"), name, QStringLiteral("--name"), QStringLiteral("renamed")},
            {QStringLiteral("remove"), name},
            {QStringLiteral("check"), name},
        };
        for (const QStringList &args : changes) {
            Run r = cli(sandbox + args);
            QVERIFY2(r.out.endsWith(note), qPrintable(r.describe()));
        }
        const QString file = m_dir.filePath(QStringLiteral("sandbox-export.json"));
        QCOMPARE(cli({QStringLiteral("--sandbox"), QStringLiteral("export"),
                      QStringLiteral("--file"), file})
                     .exitCode,
                 0);
        {
            // The same integrations without their ids (the sandbox's own ids are taken) into
            // another tenant of a fresh sandbox.
            QFile f(file);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QJsonObject doc = QJsonDocument::fromJson(f.readAll()).object();
            QJsonArray rows = doc.value(QStringLiteral("integrations")).toArray();
            QVERIFY(!rows.isEmpty());
            for (qsizetype i = 0; i < rows.size(); ++i) {
                QJsonObject row = rows[i].toObject();
                row.remove(QStringLiteral("id"));
                rows[i] = row;
            }
            doc[QStringLiteral("integrations")] = rows;
            f.resize(0);
            f.write(QJsonDocument(doc).toJson());
        }
        Run imported =
            cli(sandbox + QStringList{QStringLiteral("--tenant"), QStringLiteral("copy"),
                                      QStringLiteral("import"), QStringLiteral("--file"), file});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.describe()));
        QVERIFY2(imported.out.startsWith("Imported ") && imported.out.endsWith(note),
                 qPrintable(imported.describe()));
        // Reading changes nothing and says nothing about it.
        Run list = cli(sandbox + QStringList{QStringLiteral("list")});
        QVERIFY(!list.out.contains("sandbox:") && !list.err.contains("sandbox:"));
        Run once = cli(sandbox + QStringList{QStringLiteral("monitor"), QStringLiteral("--once")});
        QVERIFY2(once.out.endsWith(note), qPrintable(once.describe()));

        // --json keeps stdout the document it always was; the reminder goes to stderr.
        Run json =
            cli(sandbox + QStringList{QStringLiteral("--json"), QStringLiteral("add"),
                                      QStringLiteral("--provider"), QStringLiteral("InMemory"),
                                      QStringLiteral("--name"), QStringLiteral("scratch")});
        QVERIFY2(json.exitCode == 0, qPrintable(json.describe()));
        QCOMPARE(json.json().object().value(QStringLiteral("name")).toString(),
                 QStringLiteral("scratch"));
        QVERIFY(!json.out.contains("sandbox:"));
        QVERIFY2(json.err.contains("sandbox: nothing is kept, the catalog is discarded at exit"),
                 qPrintable(json.describe()));

        // Outside the sandbox a change is kept and says nothing of the kind.
        Run kept =
            cli({QStringLiteral("add"), QStringLiteral("--provider"), QStringLiteral("InMemory"),
                 QStringLiteral("--name"), QStringLiteral("kept")});
        QVERIFY2(kept.exitCode == 0, qPrintable(kept.describe()));
        QVERIFY(!kept.out.contains("sandbox") && !kept.err.contains("sandbox"));
    }

    // The CLI makes connectors with the console's ConnectorLauncher, so it words "cannot
    // connect" as the console does.
    void connectorRefusalsUseTheLaunchersWording()
    {
        Run providers = cli({QStringLiteral("--json"), QStringLiteral("providers")});
        QString without, withoutName, withoutType;
        for (const QJsonValue &v : providers.json().array()) {
            const QJsonObject p = v.toObject();
            if (!p.value(QStringLiteral("hasConnector")).toBool() && without.isEmpty()) {
                without = p.value(QStringLiteral("provider")).toString();
                withoutName = p.value(QStringLiteral("displayName")).toString();
                withoutType = p.value(QStringLiteral("type")).toString();
            }
        }
        const QString id = addHarbor(QStringLiteral("retargeted"));
        QVERIFY(!id.isEmpty());
        auto setProvider = [&](const QString &provider, const QString &type) {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("retarget"));
            db.setDatabaseName(m_db);
            bool ok = db.open();
            if (ok) {
                QSqlQuery q(db);
                q.prepare(
                    QStringLiteral("UPDATE integrations SET provider = ?, type = ? WHERE id = ?"));
                q.addBindValue(provider);
                q.addBindValue(type);
                q.addBindValue(id);
                ok = q.exec() && q.numRowsAffected() == 1;
            }
            db.close();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(QStringLiteral("retarget"));
            return ok;
        };

        // A provider this build does not know (a row written by a newer build, say).
        QVERIFY(setProvider(QStringLiteral("Retired"), QStringLiteral("Registry")));
        Run unknown = cli({QStringLiteral("test"), QStringLiteral("retargeted")});
        QVERIFY2(unknown.exitCode == 2, qPrintable(unknown.describe()));
        QVERIFY2(unknown.err.contains("error: “retargeted” has the unknown provider “Retired”. Fix "
                                      "the provider in the catalog."),
                 qPrintable(unknown.describe()));

        if (without.isEmpty())
            QSKIP("every provider of this build has a connector");
        QVERIFY(setProvider(without, withoutType));
        const QByteArray refusal =
            QStringLiteral("error: This build has no connector for %1 yet, so "
                           "“retargeted” cannot be contacted. Connectors in "
                           "this build: ")
                .arg(withoutName)
                .toUtf8();
        for (const QStringList &args :
             {QStringList{QStringLiteral("test"), id}, QStringList{QStringLiteral("check"), id},
              QStringList{QStringLiteral("discover"), id, QStringLiteral("--resource-type"),
                          QStringLiteral("repositories")}}) {
            Run r = cli(args);
            QVERIFY2(r.exitCode == 1, qPrintable(r.describe()));
            QVERIFY2(r.err.contains(refusal), qPrintable(r.describe()));
            QVERIFY2(r.err.contains("Harbor"), qPrintable(r.describe()));
            // The hint lists what an operator can use: no test-only provider.
            QVERIFY2(!r.err.contains("InMemory"), qPrintable(r.describe()));
        }
    }

    void providersListsEveryDesignProvider()
    {
        Run r = cli({QStringLiteral("--json"), QStringLiteral("providers")});
        QCOMPARE(r.exitCode, 0);
        QStringList ids;
        for (const QJsonValue &v : r.json().array())
            ids.append(v.toObject().value(QStringLiteral("provider")).toString());
        for (const char *id :
             {"Harbor", "DockerRegistry", "GitLabContainerRegistry", "Nexus", "GitHubApp", "Gitea",
              "GitLabServer", "GitLabCi", "Jenkins", "Vault", "Consul", "EbpfAgent", "S3Compatible",
              "StellaOpsMirror", "NvdMirror", "OsvMirror"})
            QVERIFY2(ids.contains(QString::fromLatin1(id)), id);
        QVERIFY(!ids.contains(QStringLiteral("InMemory")));

        Run withTestOnly = cli({QStringLiteral("--json"), QStringLiteral("providers"),
                                QStringLiteral("--include-test-only")});
        QVERIFY(withTestOnly.out.contains("\"InMemory\""));
    }

    void addListShowUpdateRemove()
    {
        const QString id =
            addHarbor(QStringLiteral("Harbor prod"),
                      {QStringLiteral("--config"), QStringLiteral("{\"project\":\"library\"}")});
        QVERIFY(!id.isEmpty());

        Run show = cli({QStringLiteral("--json"), QStringLiteral("show"), id});
        QCOMPARE(show.exitCode, 0);
        const QJsonObject o = show.json().object();
        QCOMPARE(o.value(QStringLiteral("name")).toString(), QStringLiteral("Harbor prod"));
        QCOMPARE(o.value(QStringLiteral("type")).toString(), QStringLiteral("Registry"));
        QCOMPARE(o.value(QStringLiteral("tenantId")).toString(), QStringLiteral("default"));
        QCOMPARE(o.value(QStringLiteral("authRefUri")).toString(),
                 QStringLiteral("authref://keychain/harbor-prod#token"));
        QCOMPARE(o.value(QStringLiteral("config"))
                     .toObject()
                     .value(QStringLiteral("project"))
                     .toString(),
                 QStringLiteral("library"));
        QCOMPARE(o.value(QStringLiteral("version")).toInt(), 1);
        for (const char *key : {"id", "provider", "endpoint", "status", "createdAt", "updatedAt"})
            QVERIFY2(o.contains(QLatin1String(key)), key);

        Run updated = cli({QStringLiteral("--json"), QStringLiteral("update"), id,
                           QStringLiteral("--name"), QStringLiteral("Harbor (prod)"),
                           QStringLiteral("--expect-version"), QStringLiteral("1")});
        QCOMPARE(updated.exitCode, 0);
        QCOMPARE(updated.json().object().value(QStringLiteral("version")).toInt(), 2);

        Run text = cli({QStringLiteral("list")});
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains("Harbor (prod)"));

        Run removed = cli({QStringLiteral("remove"), id});
        QCOMPARE(removed.exitCode, 0);
        QVERIFY(listJson().isEmpty());
        QCOMPARE(cli({QStringLiteral("show"), id}).exitCode, 3);

        Run audit = cli({QStringLiteral("--json"), QStringLiteral("audit"),
                         QStringLiteral("--integration"), id});
        QCOMPARE(audit.exitCode, 0);
        QStringList actions;
        for (const QJsonValue &v : audit.json().array())
            actions.append(v.toObject().value(QStringLiteral("action")).toString());
        actions.sort();
        QCOMPARE(actions, (QStringList{QStringLiteral("create"), QStringLiteral("delete"),
                                       QStringLiteral("update")}));
    }

    void listFiltersByTypeProviderStatus()
    {
        addHarbor(QStringLiteral("h1"));
        Run vault = cli({QStringLiteral("add"), QStringLiteral("--provider"),
                         QStringLiteral("Vault"), QStringLiteral("--name"), QStringLiteral("v1"),
                         QStringLiteral("--endpoint"), QStringLiteral("https://vault.example.com"),
                         QStringLiteral("--authref"), QStringLiteral("authref://env/VAULT_TOKEN")});
        QCOMPARE(vault.exitCode, 0);
        QCOMPARE(listJson().size(), 2);
        Run registries = cli({QStringLiteral("--json"), QStringLiteral("list"),
                              QStringLiteral("--type"), QStringLiteral("Registry")});
        QCOMPARE(registries.json().array().size(), 1);
        Run byProvider = cli({QStringLiteral("--json"), QStringLiteral("list"),
                              QStringLiteral("--provider"), QStringLiteral("Vault")});
        QCOMPARE(byProvider.json().array().size(), 1);
        Run unknownStatus =
            cli({QStringLiteral("list"), QStringLiteral("--status"), QStringLiteral("Sleepy")});
        QCOMPARE(unknownStatus.exitCode, 2);
        QVERIFY(unknownStatus.err.contains("Sleepy"));
    }

    // docs/contracts.md §25 through the binary: add with a folder, tags and a tier, the list
    // filters, update, a bulk move by ids and by folder, and the bad input of each.
    void foldersTagsAndTiers()
    {
        const QString folder = QStringLiteral("--folder");
        const QString tag = QStringLiteral("--tag");
        const QString tier = QStringLiteral("--tier");
        const QString a = addHarbor(QStringLiteral("a"),
                                    {folder, QStringLiteral("Team A"), tag, QStringLiteral("edge"),
                                     tag, QStringLiteral("eu"), tier, QStringLiteral("PROD")});
        const QString b =
            addHarbor(QStringLiteral("b"),
                      {folder, QStringLiteral("Team A/Registries"), tag, QStringLiteral("edge")});
        const QString c = addHarbor(QStringLiteral("c"));
        QVERIFY(!a.isEmpty() && !b.isEmpty() && !c.isEmpty());
        auto names = [this](const QStringList &filter) {
            QStringList out;
            Run r = cli(QStringList{QStringLiteral("--json"), QStringLiteral("list")} + filter);
            for (const QJsonValue &v : r.json().array())
                out.append(v.toObject().value(QStringLiteral("name")).toString());
            return out;
        };
        QCOMPARE(names({folder, QStringLiteral("Team A")}),
                 (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
        QCOMPARE(names({tag, QStringLiteral("edge"), tag, QStringLiteral("eu")}),
                 QStringList{QStringLiteral("a")});
        QCOMPARE(names({tier, QStringLiteral("prod")}), QStringList{QStringLiteral("a")});
        QCOMPARE(names({tier, QStringLiteral("none")}),
                 (QStringList{QStringLiteral("b"), QStringLiteral("c")}));
        const QJsonObject shown =
            cli({QStringLiteral("--json"), QStringLiteral("show"), a}).json().object();
        QCOMPARE(shown.value(QStringLiteral("tier")).toString(), QStringLiteral("prod"));
        QCOMPARE(shown.value(QStringLiteral("tags")).toArray(),
                 (QJsonArray{QStringLiteral("edge"), QStringLiteral("eu")}));
        QVERIFY(cli({QStringLiteral("show"), a}).out.contains("folder:       Team A"));

        QCOMPARE(cli({QStringLiteral("update"), c, tier, QStringLiteral("staging"), tag,
                      QStringLiteral("x")})
                     .exitCode,
                 0);
        QCOMPARE(names({tier, QStringLiteral("staging"), tag, QStringLiteral("x")}),
                 QStringList{QStringLiteral("c")});
        QCOMPARE(cli({QStringLiteral("update"), c, QStringLiteral("--no-tags")}).exitCode, 0);
        QCOMPARE(names({tag, QStringLiteral("x")}), QStringList());

        // Bulk move by names: one unknown name and nothing moves.
        Run typo = cli({QStringLiteral("move"), QStringLiteral("a"), QStringLiteral("nope"),
                        QStringLiteral("--to"), QStringLiteral("Team B")});
        QCOMPARE(typo.exitCode, 3);
        QCOMPARE(names({folder, QStringLiteral("Team B")}), QStringList());
        Run moved = cli({QStringLiteral("--json"), QStringLiteral("move"), QStringLiteral("c"),
                         QStringLiteral("--to"), QStringLiteral("Team B")});
        QVERIFY2(moved.exitCode == 0, qPrintable(moved.describe()));
        QCOMPARE(moved.json().object().value(QStringLiteral("moved")).toInt(), 1);
        Run byFolder =
            cli({QStringLiteral("move"), QStringLiteral("--from-folder"), QStringLiteral("Team A"),
                 QStringLiteral("--to"), QStringLiteral("Team B/Old A")});
        QVERIFY2(byFolder.exitCode == 0, qPrintable(byFolder.describe()));
        QVERIFY(byFolder.out.contains("Moved 2 integrations to 'Team B/Old A'"));
        QCOMPARE(names({folder, QStringLiteral("Team B/Old A/Registries")}),
                 QStringList{QStringLiteral("b")});
        QCOMPARE(names({folder, QStringLiteral("Team B")}).size(), 3);
        Run toTop =
            cli({QStringLiteral("move"), QStringLiteral("c"), QStringLiteral("--to"), QString()});
        QVERIFY2(toTop.exitCode == 0, qPrintable(toTop.describe()));
        QVERIFY(toTop.out.contains("to the top level"));
        QCOMPARE(names({folder, QStringLiteral("Team B")}).size(), 2);

        struct Bad
        {
            QStringList args;
            const char *expected;
        };
        const QList<Bad> bad{
            {{QStringLiteral("list"), folder, QStringLiteral("/Team A")},
             "starts or ends with '/'"},
            {{QStringLiteral("list"), tier, QStringLiteral("production")},
             "is not an environment tier"},
            {{QStringLiteral("update"), a, tag, QStringLiteral("a,b")}, "contains a comma"},
            {{QStringLiteral("update"), a, folder, QString(65, QLatin1Char('x'))},
             "longer than 64 characters"},
            {{QStringLiteral("update"), a, folder, QStringLiteral("a//b")}, "empty level"},
            {{QStringLiteral("update"), a, tag, QStringLiteral("x"), QStringLiteral("--no-tags")},
             "contradict"},
            {{QStringLiteral("move"), QStringLiteral("--to"), QStringLiteral("X")},
             "needs the INTEGRATIONs"},
            {{QStringLiteral("move"), a}, "needs --to F"},
            {{QStringLiteral("move"), a, QStringLiteral("--to"), QStringLiteral("X/")},
             "--to: folder 'X/'"},
        };
        for (const Bad &each : bad) {
            Run r = cli(each.args);
            QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
            QVERIFY2(r.err.contains(each.expected), qPrintable(r.describe()));
        }
        QCOMPARE(cli({QStringLiteral("--json"), QStringLiteral("show"), a})
                     .json()
                     .object()
                     .value(QStringLiteral("version"))
                     .toInt(),
                 2);
    }

    void badInputIsRefusedWithExitCodeTwoAndWritesNothing_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        const QString add = QStringLiteral("add");
        QTest::newRow("unknown provider")
            << QStringList{add, QStringLiteral("--provider"), QStringLiteral("Artifactory"),
                           QStringLiteral("--name"), QStringLiteral("x")}
            << QStringLiteral("Artifactory");
        QTest::newRow("malformed url") << QStringList{add,
                                                      QStringLiteral("--provider"),
                                                      QStringLiteral("Harbor"),
                                                      QStringLiteral("--name"),
                                                      QStringLiteral("x"),
                                                      QStringLiteral("--endpoint"),
                                                      QStringLiteral("harbor.example.com")}
                                       << QStringLiteral("endpoint");
        QTest::newRow("invalid json config") << QStringList{add,
                                                            QStringLiteral("--provider"),
                                                            QStringLiteral("Harbor"),
                                                            QStringLiteral("--name"),
                                                            QStringLiteral("x"),
                                                            QStringLiteral("--endpoint"),
                                                            QStringLiteral("https://h.example.com"),
                                                            QStringLiteral("--config"),
                                                            QStringLiteral("{project:")}
                                             << QStringLiteral("not valid JSON");
        QTest::newRow("missing required config field")
            << QStringList{add,
                           QStringLiteral("--provider"),
                           QStringLiteral("GitHubApp"),
                           QStringLiteral("--name"),
                           QStringLiteral("x"),
                           QStringLiteral("--endpoint"),
                           QStringLiteral("https://api.github.com")}
            << QStringLiteral("appId");
        QTest::newRow("malformed authref") << QStringList{add,
                                                          QStringLiteral("--provider"),
                                                          QStringLiteral("Harbor"),
                                                          QStringLiteral("--name"),
                                                          QStringLiteral("x"),
                                                          QStringLiteral("--endpoint"),
                                                          QStringLiteral("https://h.example.com"),
                                                          QStringLiteral("--authref"),
                                                          QStringLiteral("keychain:harbor")}
                                           << QStringLiteral("authref");
        QTest::newRow("missing option value")
            << QStringList{add, QStringLiteral("--provider")} << QStringLiteral("--provider");
    }

    void badInputIsRefusedWithExitCodeTwoAndWritesNothing()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        Run r = cli(args);
        QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
        QVERIFY2(QString::fromUtf8(r.err).contains(expected, Qt::CaseInsensitive),
                 qPrintable(r.describe()));
        QVERIFY2(r.err.startsWith("error: "), qPrintable(r.describe()));
        QVERIFY(listJson().isEmpty());
    }

    void jsonErrorsKeepStdoutOneDocument()
    {
        Run r = cli({QStringLiteral("--json"), QStringLiteral("show"),
                     QStringLiteral("00000000-0000-0000-0000-000000000001")});
        QCOMPARE(r.exitCode, 3);
        QJsonParseError e;
        const QJsonDocument doc = QJsonDocument::fromJson(r.out, &e);
        QCOMPARE(e.error, QJsonParseError::NoError);
        QVERIFY(doc.object().contains(QStringLiteral("error")));
        QCOMPARE(cli({QStringLiteral("show"), QStringLiteral("not-a-uuid")}).exitCode, 3);
    }

    void otherTenantsIdIsNotFound()
    {
        const QString id = addHarbor(QStringLiteral("shared name"));
        QVERIFY(!id.isEmpty());
        const QStringList staging{QStringLiteral("--tenant"), QStringLiteral("staging")};
        QCOMPARE(cli(staging + QStringList{QStringLiteral("show"), id}).exitCode, 3);
        QCOMPARE(cli(staging + QStringList{QStringLiteral("update"), id, QStringLiteral("--name"),
                                           QStringLiteral("mine")})
                     .exitCode,
                 3);
        QCOMPARE(cli(staging + QStringList{QStringLiteral("remove"), id}).exitCode, 3);
        QVERIFY(listJson(staging).isEmpty());
        // The owner's row is untouched.
        Run show = cli({QStringLiteral("--json"), QStringLiteral("show"), id});
        QCOMPARE(show.json().object().value(QStringLiteral("name")).toString(),
                 QStringLiteral("shared name"));
        QCOMPARE(show.json().object().value(QStringLiteral("version")).toInt(), 1);
    }

    void staleWriterGetsConflictAndNothingIsLost()
    {
        const QString id = addHarbor(QStringLiteral("contended"));
        // Two operators read version 1; the first writes, the second is refused.
        Run first =
            cli({QStringLiteral("update"), id, QStringLiteral("--name"), QStringLiteral("first"),
                 QStringLiteral("--expect-version"), QStringLiteral("1")});
        QCOMPARE(first.exitCode, 0);
        Run second =
            cli({QStringLiteral("update"), id, QStringLiteral("--name"), QStringLiteral("second"),
                 QStringLiteral("--expect-version"), QStringLiteral("1")});
        QVERIFY2(second.exitCode == 4, qPrintable(second.describe()));
        QVERIFY(second.err.contains("version"));
        Run show = cli({QStringLiteral("--json"), QStringLiteral("show"), id});
        QCOMPARE(show.json().object().value(QStringLiteral("name")).toString(),
                 QStringLiteral("first"));
        QCOMPARE(show.json().object().value(QStringLiteral("version")).toInt(), 2);

        Run staleRemove = cli({QStringLiteral("remove"), id, QStringLiteral("--expect-version"),
                               QStringLiteral("1")});
        QCOMPARE(staleRemove.exitCode, 4);
        QCOMPARE(listJson().size(), 1);
    }

    void exportIsDeterministicAndCarriesOnlyAuthRefs()
    {
        addHarbor(QStringLiteral("b"));
        addHarbor(QStringLiteral("a"));
        const QString f1 = m_dir.filePath(QStringLiteral("export1.json"));
        const QString f2 = m_dir.filePath(QStringLiteral("export2.json"));
        QCOMPARE(cli({QStringLiteral("export"), QStringLiteral("--file"), f1}).exitCode, 0);
        QCOMPARE(cli({QStringLiteral("export"), QStringLiteral("--file"), f2}).exitCode, 0);
        QCOMPARE(sha256(f1), sha256(f2));
        QFile f(f1);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY(bytes.contains("authref://keychain/harbor-prod#token"));
        QVERIFY(!bytes.contains("password"));

        Run toStdout = cli({QStringLiteral("export")});
        QCOMPARE(toStdout.exitCode, 0);
        QCOMPARE(toStdout.out, bytes);
    }

    void importIsAllOrNothing()
    {
        addHarbor(QStringLiteral("one"));
        addHarbor(QStringLiteral("two"));
        const QString file = m_dir.filePath(QStringLiteral("good.json"));
        QCOMPARE(cli({QStringLiteral("export"), QStringLiteral("--file"), file}).exitCode, 0);

        // Into another catalog: every row arrives, ids kept. Into another tenant of the same
        // catalog, the ids are taken (they are unique across the table) and nothing is written.
        const QString otherDb =
            QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("other.db"));
        Run ok = cli({QStringLiteral("import"), QStringLiteral("--file"), file}, {}, otherDb);
        QVERIFY2(ok.exitCode == 0, qPrintable(ok.describe()));
        Run imported = cli({QStringLiteral("--json"), QStringLiteral("list")}, {}, otherDb);
        QCOMPARE(imported.json().array().size(), 2);
        const QJsonArray original = listJson();
        for (int i = 0; i < 2; ++i)
            QCOMPARE(imported.json().array()[i].toObject().value(QStringLiteral("id")),
                     original[i].toObject().value(QStringLiteral("id")));
        const QStringList other{QStringLiteral("--tenant"), QStringLiteral("other")};
        Run taken =
            cli(other + QStringList{QStringLiteral("import"), QStringLiteral("--file"), file});
        QVERIFY2(taken.exitCode == 2 || taken.exitCode == 4, qPrintable(taken.describe()));
        QVERIFY(taken.err.contains("remove \"id\""));
        QVERIFY(listJson(other).isEmpty());

        // One bad row among good ones: nothing is written.
        QFile in(file);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QJsonObject doc = QJsonDocument::fromJson(in.readAll()).object();
        QJsonArray rows = doc.value(QStringLiteral("integrations")).toArray();
        QVERIFY2(rows.size() == 2, "the export document keeps its rows under 'integrations'");
        for (int i = 0; i < rows.size(); ++i) {
            QJsonObject row = rows[i].toObject();
            row.remove(QStringLiteral("id"));
            row[QStringLiteral("name")] = QStringLiteral("fresh %1").arg(i);
            rows[i] = row;
        }
        QJsonObject bad = rows[1].toObject();
        bad[QStringLiteral("endpoint")] = QStringLiteral("ftp://nope");
        rows[1] = bad;
        doc[QStringLiteral("integrations")] = rows;
        const QString badFile = m_dir.filePath(QStringLiteral("bad.json"));
        {
            QFile out(badFile);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(QJsonDocument(doc).toJson());
        }
        const QStringList third{QStringLiteral("--tenant"), QStringLiteral("third")};
        Run refused =
            cli(third + QStringList{QStringLiteral("import"), QStringLiteral("--file"), badFile});
        QVERIFY2(refused.exitCode == 2, qPrintable(refused.describe()));
        QVERIFY(listJson(third).isEmpty());

        // Duplicate names and unknown fields are refused too.
        QJsonObject dup = doc;
        QJsonArray dupRows{rows[0], rows[0]};
        dup[QStringLiteral("integrations")] = dupRows;
        QJsonObject unknownField = doc;
        QJsonObject withExtra = rows[0].toObject();
        withExtra[QStringLiteral("password")] = QStringLiteral("hunter2");
        unknownField[QStringLiteral("integrations")] = QJsonArray{withExtra};
        for (const QJsonObject &d : {dup, unknownField}) {
            QFile out(badFile);
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            out.write(QJsonDocument(d).toJson());
            out.close();
            Run r = cli(third +
                        QStringList{QStringLiteral("import"), QStringLiteral("--file"), badFile});
            QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
            QVERIFY(listJson(third).isEmpty());
        }

        Run missing = cli({QStringLiteral("import"), QStringLiteral("--file"),
                           m_dir.filePath(QStringLiteral("absent.json"))});
        QCOMPARE(missing.exitCode, 2);
    }

    void damagedCatalogFileIsRefusedAndUntouched()
    {
        {
            QFile f(m_db);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(8192, '\x5a'));
        }
        const QByteArray before = sha256(m_db);
        Run r = cli({QStringLiteral("list")});
        QVERIFY2(r.exitCode == 5, qPrintable(r.describe()));
        QVERIFY(r.err.contains("damaged"));
        QCOMPARE(sha256(m_db), before);
    }

    void newerSchemaIsRefused()
    {
        addHarbor(QStringLiteral("keep me"));
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bump"));
            db.setDatabaseName(m_db);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(
                QStringLiteral("INSERT INTO schema_migrations(version, description, applied_at) "
                               "VALUES (999, 'from the future', '2030-01-01T00:00:00.000Z')")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("bump"));
        Run r = cli({QStringLiteral("list")});
        QVERIFY2(r.exitCode == 5, qPrintable(r.describe()));
        QVERIFY(r.err.contains("Upgrade"));
    }

    void malformedAndUnreachableDatabaseUrls()
    {
        Run malformed = cli({QStringLiteral("list")}, {}, QStringLiteral("mysql://localhost/x"));
        QCOMPARE(malformed.exitCode, 2);
        QVERIFY(malformed.err.contains("postgresql://"));
        // Port 1 on loopback: nothing listens there.
        Run unreachable = cli({QStringLiteral("list")}, {},
                              QStringLiteral("postgresql://nobody@127.0.0.1:1/none"));
        QVERIFY2(unreachable.exitCode == 5, qPrintable(unreachable.describe()));
    }

    void postgresCatalogThroughTheBinary()
    {
        STELLA_REQUIRE_POSTGRES();
        test::ScratchPostgres pg(QStringLiteral("cli"));
        QVERIFY2(pg.isValid(), qPrintable(pg.error()));
        Run added =
            cli({QStringLiteral("--json"), QStringLiteral("add"), QStringLiteral("--provider"),
                 QStringLiteral("Vault"), QStringLiteral("--name"), QStringLiteral("vault"),
                 QStringLiteral("--endpoint"), QStringLiteral("https://vault.example.com"),
                 QStringLiteral("--authref"), QStringLiteral("authref://env/VAULT_TOKEN")},
                {}, pg.url());
        QVERIFY2(added.exitCode == 0, qPrintable(added.describe()));
        const QString id = added.json().object().value(QStringLiteral("id")).toString();
        Run shown = cli({QStringLiteral("--json"), QStringLiteral("show"), id}, {}, pg.url());
        QCOMPARE(shown.json().object().value(QStringLiteral("name")).toString(),
                 QStringLiteral("vault"));
        Run otherTenant =
            cli({QStringLiteral("--tenant"), QStringLiteral("b"), QStringLiteral("show"), id}, {},
                pg.url());
        QCOMPARE(otherTenant.exitCode, 3);
    }

    void secretSetCheckDeleteInTheKeychain()
    {
        STELLA_REQUIRE_KEYCHAIN();
        const QString ref = QStringLiteral("authref://keychain/cli-test-%1#token")
                                .arg(QUuid::createUuid().toString(QUuid::Id128));
        Run set = cli({QStringLiteral("secret"), QStringLiteral("set"), ref}, "tok-123456\n");
        QVERIFY2(set.exitCode == 0, qPrintable(set.describe()));
        Run check =
            cli({QStringLiteral("--json"), QStringLiteral("secret"), QStringLiteral("check"), ref});
        QVERIFY2(check.exitCode == 0, qPrintable(check.describe()));
        QCOMPARE(check.json().object().value(QStringLiteral("length")).toInt(),
                 10); // the newline is not part of it
        QVERIFY(!check.out.contains("tok-123456") && !check.err.contains("tok-123456"));
        QCOMPARE(cli({QStringLiteral("secret"), QStringLiteral("delete"), ref}).exitCode, 0);
        Run gone = cli({QStringLiteral("secret"), QStringLiteral("check"), ref});
        QCOMPARE(gone.exitCode, 3);
        QVERIFY(gone.err.contains(ref.toUtf8()));
        QVERIFY(gone.err.contains("secret set"));
    }

    void secretBadInput()
    {
        Run empty = cli({QStringLiteral("secret"), QStringLiteral("set"),
                         QStringLiteral("authref://keychain/x#y")},
                        "\n");
        QCOMPARE(empty.exitCode, 2);
        QVERIFY(empty.err.contains("empty"));
        Run malformed = cli({QStringLiteral("secret"), QStringLiteral("check"),
                             QStringLiteral("authref://safe/x")});
        QCOMPARE(malformed.exitCode, 2);
        QVERIFY(malformed.err.contains("AuthRef"));
        Run action = cli(
            {QStringLiteral("secret"), QStringLiteral("show"), QStringLiteral("authref://env/X")});
        QCOMPARE(action.exitCode, 2);
        Run unset = cli({QStringLiteral("secret"), QStringLiteral("check"),
                         QStringLiteral("authref://env/STELLA_CLI_UNSET")});
        QCOMPARE(unset.exitCode, 3);
        Run env = cli({QStringLiteral("secret"), QStringLiteral("check"),
                       QStringLiteral("authref://env/STELLA_CLI_SET")},
                      {}, {}, {{QStringLiteral("STELLA_CLI_SET"), QStringLiteral("robot:pw")}});
        QCOMPARE(env.exitCode, 0);
        QVERIFY(env.out.contains("username:password"));
        Run vault = cli({QStringLiteral("secret"), QStringLiteral("check"),
                         QStringLiteral("authref://vault/gitlab#token")});
        QCOMPARE(vault.exitCode, 2);
        QVERIFY(vault.err.contains("Vault integration"));
    }

    void keychainUnavailableIsBackendUnavailable()
    {
        const QHash<QString, QString> noBus{{QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                                             QStringLiteral("unix:path=/nonexistent/bus")},
                                            {QStringLiteral("DISPLAY"), QString()}};
        Run r = cli({QStringLiteral("secret"), QStringLiteral("check"),
                     QStringLiteral("authref://keychain/harbor#token")},
                    {}, {}, noBus);
        QVERIFY2(r.exitCode == 5, qPrintable(r.describe()));
        QVERIFY(r.err.contains("authref://keychain/harbor#token"));
        QVERIFY(r.err.contains("keychain"));
    }

    // One unique secret planted through the CLI's entry points; then every artefact an operator
    // or CI keeps is searched for it.
    void plantedSecretLeaksNowhere()
    {
        STELLA_REQUIRE_KEYCHAIN();
        const QByteArray planted =
            "leak-canary-" + QUuid::createUuid().toString(QUuid::Id128).toLatin1();
        const QString ref = QStringLiteral("authref://keychain/leak-%1#token")
                                .arg(QUuid::createUuid().toString(QUuid::Id128));
        QByteArray everything;
        auto keep = [&](const Run &r) {
            everything += r.out + r.err;
            return r;
        };
        QCOMPARE(
            keep(cli({QStringLiteral("secret"), QStringLiteral("set"), ref}, planted)).exitCode, 0);
        Run added = keep(
            cli({QStringLiteral("--json"), QStringLiteral("add"), QStringLiteral("--provider"),
                 QStringLiteral("Harbor"), QStringLiteral("--name"), QStringLiteral("leak test"),
                 QStringLiteral("--endpoint"), QStringLiteral("https://harbor.example.com"),
                 QStringLiteral("--authref"), ref}));
        QVERIFY2(added.exitCode == 0, qPrintable(added.describe()));
        const QString id = added.json().object().value(QStringLiteral("id")).toString();
        // A secret pasted where a reference belongs is refused, not stored.
        Run pasted = keep(cli({QStringLiteral("update"), id, QStringLiteral("--authref"),
                               QString::fromLatin1(planted)}));
        QCOMPARE(pasted.exitCode, 2);
        keep(cli(
            {QStringLiteral("--json"), QStringLiteral("secret"), QStringLiteral("check"), ref}));
        keep(cli({QStringLiteral("--json"), QStringLiteral("show"), id}));
        keep(cli({QStringLiteral("--json"), QStringLiteral("list")}));
        keep(cli({QStringLiteral("--json"), QStringLiteral("audit")}));
        const QString exportFile = m_dir.filePath(QStringLiteral("leak-export.json"));
        keep(cli({QStringLiteral("export"), QStringLiteral("--file"), exportFile}));
        QVERIFY(!everything.contains(planted));
        for (const QString &file : {m_db, m_db + QStringLiteral("-wal"), exportFile}) {
            QFile f(file);
            if (f.open(QIODevice::ReadOnly))
                QVERIFY2(!f.readAll().contains(planted), qPrintable(file));
        }
        QCOMPARE(cli({QStringLiteral("secret"), QStringLiteral("delete"), ref}).exitCode, 0);
    }

    // The secret is a registry password here: test-connection, health, discovery and a
    // rejected login, all with every debug log category on, must not print it anywhere.
    void plantedSecretLeaksNowhereThroughConnectorsAndDebugLogs()
    {
        STELLA_REQUIRE_KEYCHAIN();
        STELLA_REQUIRE_DOCKER_REGISTRY();
        const QString planted =
            QStringLiteral("canary-") + QUuid::createUuid().toString(QUuid::Id128);
        test::RealDockerRegistry registry(QStringLiteral("leak"), planted);
        const QString problem = registry.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const QString ref = QStringLiteral("authref://keychain/leak-registry-%1#basic")
                                .arg(QUuid::createUuid().toString(QUuid::Id128));
        const QHash<QString, QString> debug{
            {QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.debug=true")}};
        QByteArray everything;
        auto keep = [&](const Run &r) {
            everything += r.out + r.err;
            return r;
        };
        QCOMPARE(keep(cli({QStringLiteral("secret"), QStringLiteral("set"), ref},
                          "leak:" + planted.toUtf8(), {}, debug))
                     .exitCode,
                 0);
        Run added =
            keep(cli({QStringLiteral("--json"), QStringLiteral("add"), QStringLiteral("--provider"),
                      QStringLiteral("DockerRegistry"), QStringLiteral("--name"),
                      QStringLiteral("leaky registry"), QStringLiteral("--endpoint"),
                      registry.url().toString(), QStringLiteral("--authref"), ref},
                     {}, {}, debug));
        QVERIFY2(added.exitCode == 0, qPrintable(added.describe()));
        const QString id = added.json().object().value(QStringLiteral("id")).toString();
        QCOMPARE(keep(cli({QStringLiteral("--json"), QStringLiteral("test"), id}, {}, {}, debug))
                     .exitCode,
                 0);
        QCOMPARE(keep(cli({QStringLiteral("--json"), QStringLiteral("check"), id}, {}, {}, debug))
                     .exitCode,
                 0);
        QCOMPARE(keep(cli({QStringLiteral("discover"), id, QStringLiteral("--resource-type"),
                           QStringLiteral("repositories")},
                          {}, {}, debug))
                     .exitCode,
                 0);
        keep(cli({QStringLiteral("--json"), QStringLiteral("health"), id}, {}, {}, debug));
        // A rejected login goes through the error paths: the wrong value must not show either.
        QCOMPARE(keep(cli({QStringLiteral("secret"), QStringLiteral("set"), ref},
                          "leak:" + planted.toUtf8() + "-wrong", {}, debug))
                     .exitCode,
                 0);
        QCOMPARE(keep(cli({QStringLiteral("test"), id}, {}, {}, debug)).exitCode, 1);
        QVERIFY(everything.contains("401 Unauthorized"));
        QVERIFY(everything.size() > 1000); // the debug logs were on
        QVERIFY(!everything.contains(planted.toUtf8()));
        QVERIFY(!everything.contains(("leak:" + planted.toUtf8()).toBase64()));
        for (const QString &file : {m_db, m_db + QStringLiteral("-wal")}) {
            QFile f(file);
            if (f.open(QIODevice::ReadOnly))
                QVERIFY2(!f.readAll().contains(planted.toUtf8()), qPrintable(file));
        }
        QCOMPARE(cli({QStringLiteral("secret"), QStringLiteral("delete"), ref}).exitCode, 0);
    }

    void dockerRegistryTestCheckDiscover()
    {
        STELLA_REQUIRE_DOCKER_REGISTRY();
        test::RealDockerRegistry registry(QStringLiteral("ci"), QStringLiteral("ci-pw"));
        const QString problem = registry.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const QHash<QString, QString> env{
            {QStringLiteral("STELLA_CLI_REGISTRY"), QStringLiteral("ci:ci-pw")},
            {QStringLiteral("STELLA_CLI_REGISTRY_BAD"), QStringLiteral("ci:nope")}};
        Run added =
            cli({QStringLiteral("--json"), QStringLiteral("add"), QStringLiteral("--provider"),
                 QStringLiteral("DockerRegistry"), QStringLiteral("--name"),
                 QStringLiteral("local registry"), QStringLiteral("--endpoint"),
                 registry.url().toString(), QStringLiteral("--authref"),
                 QStringLiteral("authref://env/STELLA_CLI_REGISTRY")});
        QVERIFY2(added.exitCode == 0, qPrintable(added.describe()));
        const QString id = added.json().object().value(QStringLiteral("id")).toString();

        Run tested = cli({QStringLiteral("--json"), QStringLiteral("test"), id}, {}, {}, env);
        QVERIFY2(tested.exitCode == 0, qPrintable(tested.describe()));
        QCOMPARE(tested.json().object().value(QStringLiteral("version")).toString(),
                 QStringLiteral("registry/2.0"));
        QVERIFY(tested.err.contains("GET /v2/")); // live steps on stderr

        Run checked = cli({QStringLiteral("check"), id}, {}, {}, env);
        QVERIFY2(checked.exitCode == 0, qPrintable(checked.describe()));
        Run discovered = cli({QStringLiteral("--json"), QStringLiteral("discover"), id,
                              QStringLiteral("--resource-type"), QStringLiteral("repositories")},
                             {}, {}, env);
        QVERIFY2(discovered.exitCode == 0, qPrintable(discovered.describe()));

        Run wrong = cli({QStringLiteral("update"), id, QStringLiteral("--authref"),
                         QStringLiteral("authref://env/STELLA_CLI_REGISTRY_BAD")});
        QCOMPARE(wrong.exitCode, 0);
        Run rejected = cli({QStringLiteral("test"), id}, {}, {}, env);
        QCOMPARE(rejected.exitCode, 1);
        QVERIFY(rejected.err.contains("401 Unauthorized"));
        QVERIFY(!rejected.err.contains("nope") && !rejected.out.contains("nope"));
    }

    // A secret-looking authRefUri in an import file is refused, and no message repeats it.
    void importRefusesASecretWithoutEchoingIt()
    {
        const QByteArray planted =
            "ghp_import" + QUuid::createUuid().toString(QUuid::Id128).toLatin1();
        const auto entry = [](const QString &name, const QString &authRef) {
            return QJsonObject{
                {QStringLiteral("provider"), QStringLiteral("Harbor")},
                {QStringLiteral("name"), name},
                {QStringLiteral("endpoint"), QStringLiteral("https://harbor.example.com")},
                {QStringLiteral("authRefUri"), authRef}};
        };
        const QString secret = QString::fromLatin1(planted);
        const QJsonArray entries{
            entry(QStringLiteral("pasted"), secret),
            entry(QStringLiteral("as store"), QStringLiteral("authref://") + secret),
            entry(QStringLiteral("as path"), QStringLiteral("authref://keychain/%1#").arg(secret))};
        const QString file = m_dir.filePath(QStringLiteral("import-secret.json"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(QJsonObject{{QStringLiteral("format"),
                                           QStringLiteral("stella-integrations-export")},
                                          {QStringLiteral("formatVersion"), 1},
                                          {QStringLiteral("integrations"), entries}})
                    .toJson());
        f.close();
        const QHash<QString, QString> debug{
            {QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.debug=true")}};
        for (const QStringList &globals : {QStringList{}, QStringList{QStringLiteral("--json")}}) {
            Run r =
                cli(globals + QStringList{QStringLiteral("import"), QStringLiteral("--file"), file},
                    {}, {}, debug);
            QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
            QVERIFY2(!r.out.contains(planted) && !r.err.contains(planted),
                     "the refusal repeats the secret");
            QVERIFY2((r.out + r.err).contains("AuthRef"), qPrintable(r.describe()));
        }
        QCOMPARE(listJson().size(), 0);
        QFile db(m_db);
        if (db.open(QIODevice::ReadOnly))
            QVERIFY(!db.readAll().contains(planted));
    }

    // The PostgreSQL side of the leak test: a secret behind an AuthRef, used by every command
    // that touches it, is nowhere in a pg_dump of the catalog.
    void plantedSecretLeaksNowhereInAPostgresDump()
    {
        STELLA_REQUIRE_POSTGRES();
        test::ScratchPostgres pg(QStringLiteral("leak"));
        QVERIFY2(pg.isValid(), qPrintable(pg.error()));
        QStringList dumps;
        for (const QFileInfo &v :
             QDir(QStringLiteral("/usr/lib/postgresql"))
                 .entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name | QDir::Reversed))
            if (QFile::exists(v.filePath() + QStringLiteral("/bin/pg_dump")))
                dumps.append(v.filePath() + QStringLiteral("/bin/pg_dump"));
        QVERIFY2(!dumps.isEmpty(), "pg_dump not found under /usr/lib/postgresql/*/bin");

        const QByteArray planted =
            "pg-canary-" + QUuid::createUuid().toString(QUuid::Id128).toLatin1();
        const QString ref = QStringLiteral("authref://env/STELLA_LEAK_CANARY");
        const QHash<QString, QString> env{
            {QStringLiteral("STELLA_LEAK_CANARY"), QString::fromLatin1(planted)},
            {QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.debug=true")}};
        QByteArray everything;
        auto run = [&](const QStringList &args) {
            Run r = cli(args, {}, pg.url(), env);
            everything += r.out + r.err;
            return r;
        };
        Run check = run({QStringLiteral("secret"), QStringLiteral("check"), ref});
        QVERIFY2(check.exitCode == 0, qPrintable(check.describe()));
        QVERIFY(check.out.contains(QByteArray::number(planted.size()) + " bytes"));
        Run added =
            run({QStringLiteral("--json"), QStringLiteral("add"), QStringLiteral("--provider"),
                 QStringLiteral("GitLabServer"), QStringLiteral("--name"), QStringLiteral("leak"),
                 QStringLiteral("--endpoint"), QStringLiteral("https://gitlab.example.com"),
                 QStringLiteral("--authref"), ref});
        QVERIFY2(added.exitCode == 0, qPrintable(added.describe()));
        const QString id = added.json().object().value(QStringLiteral("id")).toString();
        QCOMPARE(run({QStringLiteral("update"), id, QStringLiteral("--authref"),
                      QString::fromLatin1(planted)})
                     .exitCode,
                 2);
        QCOMPARE(
            run({QStringLiteral("update"), id, QStringLiteral("--name"), QStringLiteral("leak 2")})
                .exitCode,
            0);
        run({QStringLiteral("test"), id});
        run({QStringLiteral("check"), id});
        run({QStringLiteral("--json"), QStringLiteral("show"), id});
        run({QStringLiteral("--json"), QStringLiteral("audit")});
        const QString exportFile = m_dir.filePath(QStringLiteral("pg-leak-export.json"));
        QCOMPARE(run({QStringLiteral("export"), QStringLiteral("--file"), exportFile}).exitCode, 0);

        QProcess dump;
        dump.start(dumps.first(), {QStringLiteral("--dbname=") + pg.url()});
        QVERIFY(dump.waitForFinished(60'000));
        const QByteArray sql = dump.readAllStandardOutput();
        QVERIFY2(dump.exitCode() == 0, dump.readAllStandardError().constData());
        QVERIFY2(sql.contains(ref.toLatin1()), "the dump holds the catalog (and its AuthRef)");
        QVERIFY2(!sql.contains(planted), "the PostgreSQL dump holds the secret");
        QVERIFY2(!everything.contains(planted), "CLI output or logs hold the secret");
        QFile exported(exportFile);
        QVERIFY(exported.open(QIODevice::ReadOnly));
        QVERIFY(!exported.readAll().contains(planted));
    }

    void sandboxTestCheckDiscover()
    {
        Run list =
            cli({QStringLiteral("--sandbox"), QStringLiteral("--json"), QStringLiteral("list")});
        QCOMPARE(list.exitCode, 0);
        const QString healthy = sandboxIdOfScenario(QStringLiteral("healthy"));
        const QString unhealthy = sandboxIdOfScenario(QStringLiteral("unhealthy"));
        const QString registry =
            sandboxIntegration(isRegistry).value(QStringLiteral("id")).toString();
        QVERIFY(!healthy.isEmpty() && !unhealthy.isEmpty() && !registry.isEmpty());

        Run ok = cli({QStringLiteral("--sandbox"), QStringLiteral("test"), healthy});
        QVERIFY2(ok.exitCode == 0, qPrintable(ok.describe()));
        QVERIFY(!ok.err.isEmpty()); // live steps go to stderr
        Run down = cli({QStringLiteral("--sandbox"), QStringLiteral("check"), unhealthy});
        QVERIFY2(down.exitCode == 1, qPrintable(down.describe()));

        Run found =
            cli({QStringLiteral("--sandbox"), QStringLiteral("--json"), QStringLiteral("discover"),
                 registry, QStringLiteral("--resource-type"), QStringLiteral("repositories")});
        QVERIFY2(found.exitCode == 0, qPrintable(found.describe()));
        Run unsupported = cli({QStringLiteral("--sandbox"), QStringLiteral("discover"), registry,
                               QStringLiteral("--resource-type"), QStringLiteral("pipelines")});
        QCOMPARE(unsupported.exitCode, 2);
        QVERIFY(unsupported.err.contains("repositories"));
    }

    void monitorHealthAndMetricsThroughTheBinary()
    {
        auto addInMemory = [&](const QString &name, const QString &scenario) {
            Run r =
                cli({QStringLiteral("--json"), QStringLiteral("add"), QStringLiteral("--provider"),
                     QStringLiteral("InMemory"), QStringLiteral("--name"), name,
                     QStringLiteral("--config"),
                     QStringLiteral("{\"scenario\": \"%1\", \"latency\": \"1ms\"}").arg(scenario)});
            if (r.exitCode != 0)
                qWarning("%s", qPrintable(r.describe()));
            return r.json().object().value(QStringLiteral("id")).toString();
        };
        const QString up = addInMemory(QStringLiteral("up"), QStringLiteral("healthy"));
        const QString down = addInMemory(QStringLiteral("down"), QStringLiteral("unhealthy"));
        QVERIFY(!up.isEmpty() && !down.isEmpty());

        // One sweep: both checked; one unhealthy, so exit 1 as for `check`.
        Run once = cli({QStringLiteral("monitor"), QStringLiteral("--once")});
        QVERIFY2(once.exitCode == 1, qPrintable(once.describe()));
        QVERIFY2(once.out.contains("Checked 2 integrations: 1 unhealthy"),
                 qPrintable(once.describe()));
        QVERIFY(once.err.contains("'down' is now Unhealthy (was Unknown)"));
        // Nothing is due a moment later.
        Run again =
            cli({QStringLiteral("--json"), QStringLiteral("monitor"), QStringLiteral("--once")});
        QVERIFY2(again.exitCode == 0, qPrintable(again.describe()));
        QCOMPARE(again.json().object().value(QStringLiteral("checked")).toInt(), 0);

        Run health = cli({QStringLiteral("--json"), QStringLiteral("health"), up,
                          QStringLiteral("--range"), QStringLiteral("1h")});
        QVERIFY2(health.exitCode == 0, qPrintable(health.describe()));
        const QJsonObject history =
            health.json().object().value(QStringLiteral("history")).toObject();
        QCOMPARE(history.value(QStringLiteral("checks")).toInt(), 1);
        QCOMPARE(history.value(QStringLiteral("uptimePercent")).toDouble(), 100.0);
        QCOMPARE(history.value(QStringLiteral("bucketSeconds")).toInt(), 300); // 1h in <= 24 points
        QCOMPARE(health.json().object().value(QStringLiteral("stale")).toBool(), false);
        Run text = cli({QStringLiteral("health"), down});
        QVERIFY2(text.exitCode == 0, qPrintable(text.describe()));
        QVERIFY2(text.out.contains("0.00% of 1 checks"), qPrintable(text.describe()));

        QCOMPARE(cli({QStringLiteral("test"), up}).exitCode, 0);
        Run metrics = cli({QStringLiteral("metrics")});
        QVERIFY2(metrics.exitCode == 0, qPrintable(metrics.describe()));
        for (const char *line :
             {"integrations_health_check_total{provider=\"InMemory\",status=\"Healthy\"} 1\n",
              "integrations_health_check_total{provider=\"InMemory\",status=\"Unhealthy\"} 1\n",
              "integrations_test_connection_duration_seconds_count{provider=\"InMemory\"} 1\n",
              "integrations_catalog_integrations{type=\"Registry\",provider=\"InMemory\",status="
              "\"Healthy\"} 1\n"})
            QVERIFY2(metrics.out.contains(line), qPrintable(metrics.describe()));
    }

    void monitorRunsUntilTerminatedAndStopsCleanly()
    {
        Run added =
            cli({QStringLiteral("--json"), QStringLiteral("add"), QStringLiteral("--provider"),
                 QStringLiteral("InMemory"), QStringLiteral("--name"), QStringLiteral("watched"),
                 QStringLiteral("--config"), QStringLiteral("{\"latency\": \"1ms\"}")});
        QCOMPARE(added.exitCode, 0);
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("STELLA_DB"));
        p.setProcessEnvironment(env);
        p.start(qEnvironmentVariable("STELLA_CLI"),
                {QStringLiteral("--db"), QStringLiteral("sqlite://") + m_db,
                 QStringLiteral("monitor"), QStringLiteral("--interval"), QStringLiteral("1h")});
        QVERIFY(p.waitForStarted());
        // The first sweep checks the new integration at once and logs it.
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += p.readAllStandardOutput()).contains("watched  Healthy"),
                                 20000);
        p.terminate(); // SIGTERM: stop between checks, write what is kept, exit 0
        QVERIFY(p.waitForFinished(20000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
        Run show = cli(
            {QStringLiteral("show"), added.json().object().value(QStringLiteral("id")).toString()});
        QVERIFY2(show.out.contains("status:       Healthy (last checked"),
                 qPrintable(show.describe()));
        QVERIFY(show.out.contains("monitored:    every 5m"));
    }

    void monitorAndHealthBadInput()
    {
        Run zero = cli({QStringLiteral("monitor"), QStringLiteral("--once"),
                        QStringLiteral("--interval"), QStringLiteral("0s")});
        QCOMPARE(zero.exitCode, 2);
        QVERIFY2(zero.err.contains("at least 10s"), qPrintable(zero.describe()));
        QCOMPARE(
            cli({QStringLiteral("monitor"), QStringLiteral("--interval"), QStringLiteral("soon")})
                .exitCode,
            2);
        QCOMPARE(
            cli({QStringLiteral("monitor"), QStringLiteral("--concurrency"), QStringLiteral("0")})
                .exitCode,
            2);
        Run badConfig =
            cli({QStringLiteral("add"), QStringLiteral("--provider"), QStringLiteral("InMemory"),
                 QStringLiteral("--name"), QStringLiteral("x"), QStringLiteral("--config"),
                 QStringLiteral("{\"healthCheckInterval\": \"0s\"}")});
        QCOMPARE(badConfig.exitCode, 2);
        QVERIFY2(badConfig.err.contains("healthCheckInterval"), qPrintable(badConfig.describe()));
        QVERIFY(listJson().isEmpty());

        Run added =
            cli({QStringLiteral("--json"), QStringLiteral("add"), QStringLiteral("--provider"),
                 QStringLiteral("InMemory"), QStringLiteral("--name"), QStringLiteral("y")});
        const QString id = added.json().object().value(QStringLiteral("id")).toString();
        QVERIFY(!id.isEmpty());
        QCOMPARE(cli({QStringLiteral("health"), id, QStringLiteral("--from"),
                      QStringLiteral("yesterday")})
                     .exitCode,
                 2);
        QCOMPARE(
            cli({QStringLiteral("health"), id, QStringLiteral("--range"), QStringLiteral("30s")})
                .exitCode,
            2);
        QCOMPARE(cli({QStringLiteral("health"), id, QStringLiteral("--from"),
                      QStringLiteral("2026-11-25T00:00:00Z"), QStringLiteral("--to"),
                      QStringLiteral("2026-11-24T00:00:00Z")})
                     .exitCode,
                 2);
        // No catalog server: the monitor does not start (5), rather than sweep nothing.
        Run unreachable = cli({QStringLiteral("monitor"), QStringLiteral("--once")}, {},
                              QStringLiteral("postgresql://nobody@127.0.0.1:1/none"));
        QVERIFY2(unreachable.exitCode == 5, qPrintable(unreachable.describe()));
    }

    // A TLS certificate expiry recorded by a check (docs/contracts.md §4) is shown by `show` and
    // `health`, and carried by their JSON; an integration without one shows no such line.
    void showAndHealthSayWhenTheCertificateExpires()
    {
        const QString id = addHarbor(QStringLiteral("certified"));
        QVERIFY(!id.isEmpty());
        QVERIFY(!cli({QStringLiteral("show"), id}).out.contains("certificate:"));
        // The CLI reads the system clock: an expiry 12 days and an hour away reads "12 days".
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QString expiry = formatUtc(now.addDays(12).addSecs(3600));
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("certified"));
            db.setDatabaseName(m_db);
            QVERIFY(db.open());
            QSqlQuery q(db);
            q.prepare(
                QStringLiteral("UPDATE integrations SET status = 'Degraded',"
                               " last_checked_at = ?, certificate_expires_at = ? WHERE id = ?"));
            q.addBindValue(formatUtc(now));
            q.addBindValue(expiry);
            q.addBindValue(id);
            QVERIFY(q.exec() && q.numRowsAffected() == 1);
            q.prepare(QStringLiteral(
                "INSERT INTO health_checks (integration_id, tenant_id, checked_at, status,"
                " latency_ms, error_message, certificate_expires_at)"
                " VALUES (?, 'default', ?, 'Degraded', 12, 'certificate expires in 12 days', ?)"));
            q.addBindValue(id);
            q.addBindValue(formatUtc(now));
            q.addBindValue(expiry);
            QVERIFY(q.exec());
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("certified"));

        Run show = cli({QStringLiteral("show"), id});
        QVERIFY2(
            show.out.contains(
                QStringLiteral("certificate:  expires in 12 days (until %1)").arg(expiry).toUtf8()),
            qPrintable(show.describe()));
        Run health = cli({QStringLiteral("health"), id});
        QVERIFY2(health.out.contains(QStringLiteral("TLS certificate expires in 12 days (until %1)")
                                         .arg(expiry)
                                         .toUtf8()),
                 qPrintable(health.describe()));
        QVERIFY2(health.out.contains("certificate expires in 12 days\n"),
                 qPrintable(health.describe()));
        Run json = cli({QStringLiteral("--json"), QStringLiteral("health"), id});
        const QJsonObject o = json.json().object();
        QCOMPARE(o.value(QStringLiteral("integration"))
                     .toObject()
                     .value(QStringLiteral("certificateExpiresAt"))
                     .toString(),
                 expiry);
        QCOMPARE(o.value(QStringLiteral("checks"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("certificateExpiresAt"))
                     .toString(),
                 expiry);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
