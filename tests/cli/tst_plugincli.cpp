// SPDX-License-Identifier: Apache-2.0
// Connector plugins through the real stella-integrations binary (docs/contracts.md §20):
// `plugins list`, `plugins discover` and plugin_metadata on SQLite and PostgreSQL, `providers`
// naming the plugin, the sample plugin's provider added, tested and checked, and bad folders.
#include "LoopbackHttpServer.h"
#include "TestSupport.h"
#include "core/storage/Database.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace stella;
using stella::test::LoopbackHttpServer;

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

QJsonObject providerNamed(const QJsonArray &providers, const QString &id)
{
    for (const QJsonValue &v : providers)
        if (v.toObject().value(QStringLiteral("provider")).toString() == id)
            return v.toObject();
    return {};
}

} // namespace

class TestPluginCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QTemporaryDir m_plugins; // 0700: the sample and one plugin of a future API version

    // Runs the binary with the event loop turning, so a loopback server in this process can
    // answer it.
    Run cli(const QStringList &args, const QString &dbUrl = {},
            const QHash<QString, QString> &extraEnv = {})
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("STELLA_DB"));
        env.remove(QStringLiteral("STELLA_PLUGIN_PATH"));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("xdg")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("STELLA_PLUGIN_HOST"),
                   QStringLiteral(STELLA_PLUGIN_HOST_PROGRAM));
        for (auto it = extraEnv.begin(); it != extraEnv.end(); ++it)
            env.insert(it.key(), it.value());
        p.setProcessEnvironment(env);
        QSignalSpy finished(&p, &QProcess::finished);
        p.start(qEnvironmentVariable("STELLA_CLI"),
                QStringList{QStringLiteral("--db"),
                            dbUrl.isEmpty() ? QStringLiteral("sqlite://") +
                                                  m_dir.filePath(QStringLiteral("catalog.db"))
                                            : dbUrl} +
                    args);
        if (!p.waitForStarted())
            return {};
        p.closeWriteChannel();
        if (!finished.wait(60000))
            p.kill();
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2,
                p.readAllStandardOutput(), p.readAllStandardError()};
    }

    QStringList withPlugins(const QStringList &args) const
    {
        return QStringList{QStringLiteral("--plugin-dir"), m_plugins.path()} + args;
    }

    void checkDiscoverRecords(const QString &dbUrl)
    {
        Run r = cli(withPlugins({QStringLiteral("--json"), QStringLiteral("plugins"),
                                 QStringLiteral("discover")}),
                    dbUrl);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(r.json().object().value(QStringLiteral("recorded")).toInt(), 1);
        QCOMPARE(r.json().object().value(QStringLiteral("removed")).toInt(), 0);
        // Read back with plain SQL, not through the code under test.
        const auto url = DatabaseUrl::parse(dbUrl);
        QVERIFY(url.ok());
        {
            Database db(*url);
            QVERIFY(db.open().ok());
            QSqlQuery q = db.query();
            QVERIFY(q.exec(QStringLiteral(
                "SELECT plugin_id, type, version, capabilities, path FROM plugin_metadata")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("statuspage"));
            QCOMPARE(q.value(1).toString(), QStringLiteral("connector"));
            QCOMPARE(q.value(2).toString(), QStringLiteral("1.0.0"));
            QCOMPARE(QJsonDocument::fromJson(q.value(3).toString().toUtf8()).array().size(), 3);
            QVERIFY(q.value(4).toString().startsWith(m_plugins.path()));
            QVERIFY(!q.next());
        }
        // Without the folder the plugin is gone: discover removes its row.
        r = cli({QStringLiteral("plugins"), QStringLiteral("discover")}, dbUrl);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(r.out.contains("plugin_metadata: 0 recorded, 1 removed"),
                 qPrintable(r.describe()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(QFile::copy(QStringLiteral(STELLA_SAMPLE_PLUGIN),
                            m_plugins.filePath(QStringLiteral("libstella-plugin-statuspage.so"))));
        QVERIFY(QFile::copy(QStringLiteral(STELLA_PLUGIN_APIFUTURE),
                            m_plugins.filePath(QStringLiteral("libfuture.so"))));
    }

    void pluginsListShowsLoadedAndRefused()
    {
        Run r = cli(withPlugins(
            {QStringLiteral("--json"), QStringLiteral("plugins"), QStringLiteral("list")}));
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QJsonObject doc = r.json().object();
        const QJsonArray loaded = doc.value(QStringLiteral("loaded")).toArray();
        QCOMPARE(loaded.size(), 1);
        const QJsonObject sample = loaded.first().toObject();
        QCOMPARE(sample.value(QStringLiteral("id")).toString(), QStringLiteral("statuspage"));
        QCOMPARE(sample.value(QStringLiteral("version")).toString(), QStringLiteral("1.0.0"));
        QCOMPARE(sample.value(QStringLiteral("folder")).toString(), QStringLiteral("--plugin-dir"));
        QCOMPARE(sample.value(QStringLiteral("providers")).toArray().first().toString(),
                 QStringLiteral("StatusPage"));
        // Not marked trusted: its connectors run in stella-plugin-host.
        QCOMPARE(sample.value(QStringLiteral("isolated")).toBool(), true);
        const QJsonArray refused = doc.value(QStringLiteral("refused")).toArray();
        QCOMPARE(refused.size(), 1);
        QCOMPARE(refused.first().toObject().value(QStringLiteral("path")).toString(),
                 m_plugins.filePath(QStringLiteral("libfuture.so")));
        QVERIFY(refused.first()
                    .toObject()
                    .value(QStringLiteral("reason"))
                    .toString()
                    .contains(QStringLiteral("plugin API version 99")));

        r = cli(withPlugins({QStringLiteral("plugins"), QStringLiteral("list")}));
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(r.out.contains("statuspage") && r.out.contains("loaded") &&
                     r.out.contains("refused") && r.out.contains("libfuture.so"),
                 qPrintable(r.describe()));
    }

    void aPluginMarkedTrustedRunsInProcess()
    {
        const QString config = m_dir.filePath(QStringLiteral("config/stella-ops"));
        QVERIFY(QDir().mkpath(config));
        QFile ini(config + QStringLiteral("/plugins.ini"));
        QVERIFY(ini.open(QIODevice::WriteOnly));
        ini.write("[General]\ntrusted=statuspage\n");
        ini.close();
        Run r = cli(withPlugins(
            {QStringLiteral("--json"), QStringLiteral("plugins"), QStringLiteral("list")}));
        QVERIFY(QFile::remove(ini.fileName()));
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QJsonObject sample =
            r.json().object().value(QStringLiteral("loaded")).toArray().first().toObject();
        QCOMPARE(sample.value(QStringLiteral("id")).toString(), QStringLiteral("statuspage"));
        QCOMPARE(sample.value(QStringLiteral("isolated")).toBool(), false);
    }

    void anUnknownActionIsAUsageError()
    {
        Run r = cli({QStringLiteral("plugins"), QStringLiteral("install")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("unknown plugins action 'install'") &&
                     r.err.contains("plugins list|discover"),
                 qPrintable(r.describe()));
    }

    void providersNameThePluginTheyCameFrom()
    {
        Run r = cli(withPlugins({QStringLiteral("--json"), QStringLiteral("providers")}));
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QJsonArray all = r.json().array();
        QCOMPARE(providerNamed(all, QStringLiteral("StatusPage"))
                     .value(QStringLiteral("plugin"))
                     .toString(),
                 QStringLiteral("statuspage"));
        QVERIFY(
            providerNamed(all, QStringLiteral("Harbor")).value(QStringLiteral("plugin")).isNull());
        // Without the folder, the provider is not there.
        r = cli({QStringLiteral("--json"), QStringLiteral("providers")});
        QVERIFY(providerNamed(r.json().array(), QStringLiteral("StatusPage")).isEmpty());
        r = cli(withPlugins({QStringLiteral("providers")}));
        QVERIFY2(r.out.contains("PLUGIN") && r.out.contains("statuspage"),
                 qPrintable(r.describe()));
    }

    void theSampleProviderIsAddedTestedAndChecked()
    {
        LoopbackHttpServer server([](const LoopbackHttpServer::Request &req) {
            if (req.path() == "/api/v2/status.json")
                return LoopbackHttpServer::Response::json(
                    200, R"({"page":{"id":"p1","name":"Example Status"},
                      "status":{"indicator":"minor","description":"Minor Service Outage"}})");
            if (req.path() == "/api/v2/components.json")
                return LoopbackHttpServer::Response::json(
                    200,
                    R"({"components":[{"id":"c1","name":"API","status":"degraded_performance"}]})");
            return LoopbackHttpServer::Response::json(404, R"({"error":"not found"})");
        });
        QVERIFY(server.listen());
        Run r = cli(withPlugins({QStringLiteral("--json"), QStringLiteral("add"),
                                 QStringLiteral("--provider"), QStringLiteral("statuspage"),
                                 QStringLiteral("--name"), QStringLiteral("example-status"),
                                 QStringLiteral("--endpoint"), server.url().toString()}));
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        r = cli(withPlugins({QStringLiteral("test"), QStringLiteral("example-status")}));
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(r.out.contains("Statuspage") || r.err.contains("Example Status"),
                 qPrintable(r.describe()));
        r = cli(withPlugins(
            {QStringLiteral("--json"), QStringLiteral("check"), QStringLiteral("example-status")}));
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(r.out.contains("Degraded"), qPrintable(r.describe()));
        // The plugin removed: the integration stays, and says why it cannot be checked.
        r = cli({QStringLiteral("check"), QStringLiteral("example-status")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("has the unknown provider “StatusPage”"), qPrintable(r.describe()));
    }

    void discoverRecordsPluginMetadataOnSqlite()
    {
        checkDiscoverRecords(QStringLiteral("sqlite://") +
                             m_dir.filePath(QStringLiteral("discover.db")));
    }

    void discoverRecordsPluginMetadataOnPostgres()
    {
        STELLA_REQUIRE_POSTGRES();
        test::ScratchPostgres pg(QStringLiteral("plugincli"));
        QVERIFY2(pg.isValid(), qPrintable(pg.error()));
        checkDiscoverRecords(pg.url());
    }

    void badFoldersAreReportedNotFatal()
    {
        QTemporaryDir open;
        QVERIFY(QFile::copy(QStringLiteral(STELLA_SAMPLE_PLUGIN),
                            open.filePath(QStringLiteral("libstella-plugin-statuspage.so"))));
        QVERIFY(QFile::setPermissions(open.path(),
                                      QFile::permissions(open.path()) | QFileDevice::WriteOther |
                                          QFileDevice::ReadOther | QFileDevice::ExeOther));
        const QString missing = m_dir.filePath(QStringLiteral("no-such-folder"));
        Run r = cli({QStringLiteral("--plugin-dir"), missing, QStringLiteral("--json"),
                     QStringLiteral("plugins"), QStringLiteral("list")},
                    {}, {{QStringLiteral("STELLA_PLUGIN_PATH"), open.path()}});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QJsonArray refused = r.json().object().value(QStringLiteral("refused")).toArray();
        QCOMPARE(refused.size(), 2);
        QCOMPARE(refused.at(0).toObject().value(QStringLiteral("path")).toString(), missing);
        QVERIFY(refused.at(0)
                    .toObject()
                    .value(QStringLiteral("reason"))
                    .toString()
                    .contains(QStringLiteral("does not exist")));
        QCOMPARE(refused.at(1).toObject().value(QStringLiteral("path")).toString(), open.path());
        QVERIFY(refused.at(1)
                    .toObject()
                    .value(QStringLiteral("reason"))
                    .toString()
                    .contains(QStringLiteral("writable by group or others")));
        // The other commands still work.
        r = cli({QStringLiteral("--plugin-dir"), missing, QStringLiteral("providers")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    }

    void theUserFolderIsSearched()
    {
        const QString user = m_dir.filePath(QStringLiteral("xdg/stella-ops/plugins"));
        QVERIFY(QDir().mkpath(user));
        QVERIFY(QFile::setPermissions(m_dir.filePath(QStringLiteral("xdg/stella-ops/plugins")),
                                      QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                          QFileDevice::ExeOwner));
        QVERIFY(QFile::copy(QStringLiteral(STELLA_SAMPLE_PLUGIN),
                            user + QStringLiteral("/libstella-plugin-statuspage.so")));
        Run r = cli({QStringLiteral("--json"), QStringLiteral("plugins"), QStringLiteral("list")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QJsonArray loaded = r.json().object().value(QStringLiteral("loaded")).toArray();
        QCOMPARE(loaded.size(), 1);
        QCOMPARE(loaded.first().toObject().value(QStringLiteral("folder")).toString(),
                 QStringLiteral("user"));
        // The same plugin in --plugin-dir too: the user folder's wins, the second is reported.
        r = cli(withPlugins(
            {QStringLiteral("--json"), QStringLiteral("plugins"), QStringLiteral("list")}));
        QString duplicateReason;
        for (const QJsonValue &v : r.json().object().value(QStringLiteral("refused")).toArray())
            if (v.toObject().value(QStringLiteral("path")).toString() ==
                m_plugins.filePath(QStringLiteral("libstella-plugin-statuspage.so")))
                duplicateReason = v.toObject().value(QStringLiteral("reason")).toString();
        QVERIFY2(duplicateReason.contains(QStringLiteral("already loaded from ") + user),
                 qPrintable(r.describe()));
        QVERIFY(QFile::remove(user + QStringLiteral("/libstella-plugin-statuspage.so")));
    }
};

QTEST_GUILESS_MAIN(TestPluginCli)
#include "tst_plugincli.moc"
