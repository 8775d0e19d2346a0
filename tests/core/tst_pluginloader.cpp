// SPDX-License-Identifier: Apache-2.0
// Connector plugins from folders (docs/contracts.md §20): the sample plugin loaded, tested and
// recorded in plugin_metadata; each refusal with a plugin built to be refused.
#include "ConnectorTestSupport.h"
#include "LoopbackHttpServer.h"
#include "TestSupport.h"
#include "connectors/BuiltinProviders.h"
#include "core/catalog/CatalogSession.h"
#include "core/connectors/StepIds.h"
#include "core/plugins/ConnectorPlugin.h"
#include "core/plugins/PluginLoader.h"
#include "core/plugins/PluginMetadataStore.h"
#include "core/providers/ProviderRegistry.h"
#include "core/storage/Database.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace stella;
using stella::test::LoopbackHttpServer;

namespace {

// A private (0700) folder holding copies of the given plugin files.
struct PluginDir
{
    QTemporaryDir dir;

    explicit PluginDir(const QStringList &files = {})
    {
        for (const QString &f : files)
            add(f);
    }
    QString add(const QString &file)
    {
        const QString target = dir.filePath(QFileInfo(file).fileName());
        if (!QFile::copy(file, target))
            qWarning("cannot copy %s", qPrintable(file));
        return target;
    }
    QString path() const { return dir.path(); }
    PluginFolder folder() const { return {dir.path(), PluginFolder::Origin::CommandLine}; }
};

// Every plugin in this process: the loading rules, without a host process.
PluginTrust inProcess()
{
    PluginTrust trust;
    trust.trustAll = true;
    return trust;
}

// Every plugin in a stella-plugin-host of its own, with short limits for the tests.
PluginTrust isolated()
{
    PluginTrust trust;
    trust.host.program = QStringLiteral(STELLA_PLUGIN_HOST_PROGRAM);
    trust.host.deadlineMs = 1500;
    trust.host.addressSpaceMb = 768;
    return trust;
}

PluginScan loadInto(ProviderRegistry &registry, const QList<PluginFolder> &folders,
                    const PluginTrust &trust = inProcess())
{
    return PluginLoader(registry, trust).load(folders);
}

// How many stella-plugin-host processes this test process has running (from /proc).
int runningHosts()
{
    int count = 0;
    const QString self = QString::number(QCoreApplication::applicationPid());
    for (const QString &pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        // pid (comm) state ppid ...; comm is cut at 15 characters.
        const QString line = QString::fromLatin1(stat.readAll());
        const qsizetype close = line.lastIndexOf(QLatin1Char(')'));
        const QString comm = line.mid(line.indexOf(QLatin1Char('(')) + 1,
                                      close - line.indexOf(QLatin1Char('(')) - 1);
        const QStringList rest = line.mid(close + 2).split(QLatin1Char(' '));
        if (comm.startsWith(QLatin1String("stella-plugin")) && rest.size() > 1 &&
            rest.at(0) != QLatin1String("Z") && rest.at(1) == self)
            ++count;
    }
    return count;
}

QString refusalText(const PluginScan &scan)
{
    QStringList lines;
    for (const PluginRefusal &r : scan.refused)
        lines.append(r.path + QStringLiteral(": ") + r.reason);
    return lines.join(QLatin1Char('\n'));
}

// GET /api/v2/status.json as Statuspage answers it.
QByteArray statusBody(const QString &indicator, const QString &description)
{
    const QJsonObject page{
        {QStringLiteral("id"), QStringLiteral("kctbh9vrtdwd")},
        {QStringLiteral("name"), QStringLiteral("Example Status")},
        {QStringLiteral("url"), QStringLiteral("https://status.example.com")},
        {QStringLiteral("time_zone"), QStringLiteral("Etc/UTC")},
        {QStringLiteral("updated_at"), QStringLiteral("2026-11-30T10:00:00.000Z")}};
    const QJsonObject status{{QStringLiteral("indicator"), indicator},
                             {QStringLiteral("description"), description}};
    return QJsonDocument(
               QJsonObject{{QStringLiteral("page"), page}, {QStringLiteral("status"), status}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

class TestPluginLoader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sampleLoadsFromAFolder()
    {
        PluginDir dir({QStringLiteral(STELLA_SAMPLE_PLUGIN)});
        ProviderRegistry registry;
        registerBuiltinProviders(registry);
        const int builtins = registry.ids(true).size();
        const PluginScan scan = loadInto(registry, {dir.folder()});
        QVERIFY2(scan.refused.isEmpty(), qPrintable(refusalText(scan)));
        QCOMPARE(scan.loaded.size(), 1);
        const LoadedPlugin &p = scan.loaded.first();
        QCOMPARE(p.id, QStringLiteral("statuspage"));
        QCOMPARE(p.version, QStringLiteral("1.0.0"));
        QCOMPARE(p.apiVersion, kConnectorPluginApiVersion);
        QCOMPARE(p.capabilities, (QStringList{QStringLiteral("connector"), QStringLiteral("health"),
                                              QStringLiteral("test-connection")}));
        QCOMPARE(p.providerIds, QStringList{QStringLiteral("StatusPage")});
        QCOMPARE(p.path, QFileInfo(dir.dir.filePath(
                                       QFileInfo(QStringLiteral(STELLA_SAMPLE_PLUGIN)).fileName()))
                             .absoluteFilePath());
        QCOMPARE(registry.ids(true).size(), builtins + 1);
        const ProviderDefinition *provider = registry.find(QStringLiteral("StatusPage"));
        QVERIFY(provider);
        QVERIFY(provider->hasConnector());
        STELLA_COMPARE_ENUM(provider->type, IntegrationType::RuntimeHost);
        // The registry gave it the monitor's fields, as every provider.
        QVERIFY(provider->configSchema.field(QStringLiteral("healthCheckInterval")));
        QCOMPARE(scan.pluginOfProvider(QStringLiteral("StatusPage"))->id, p.id);
        QVERIFY(!scan.pluginOfProvider(QStringLiteral("Harbor")));
    }

    void sampleConnectorTestsAndChecksAStatusPage_data()
    {
        QTest::addColumn<QString>("indicator");
        QTest::addColumn<QString>("health");
        QTest::newRow("none") << QStringLiteral("none") << QStringLiteral("Healthy");
        QTest::newRow("minor") << QStringLiteral("minor") << QStringLiteral("Degraded");
        QTest::newRow("maintenance") << QStringLiteral("maintenance") << QStringLiteral("Degraded");
        QTest::newRow("major") << QStringLiteral("major") << QStringLiteral("Unhealthy");
        QTest::newRow("critical") << QStringLiteral("critical") << QStringLiteral("Unhealthy");
    }
    void sampleConnectorTestsAndChecksAStatusPage()
    {
        QFETCH(QString, indicator);
        QFETCH(QString, health);
        PluginDir dir({QStringLiteral(STELLA_SAMPLE_PLUGIN)});
        ProviderRegistry registry;
        registerBuiltinProviders(registry);
        QCOMPARE(loadInto(registry, {dir.folder()}).loaded.size(), 1);
        LoopbackHttpServer server([&](const LoopbackHttpServer::Request &r) {
            if (r.method != "GET")
                return LoopbackHttpServer::Response::json(405, R"({"error":"method"})");
            if (r.path() == "/api/v2/status.json")
                return LoopbackHttpServer::Response::json(
                    200, statusBody(indicator, QStringLiteral("Partial System Outage")));
            if (r.path() == "/api/v2/components.json")
                return LoopbackHttpServer::Response::json(
                    200, R"({"page":{"id":"kctbh9vrtdwd","name":"Example Status"},
                      "components":[{"id":"a","name":"API","status":"operational"},
                                    {"id":"b","name":"Web","status":"major_outage"}]})");
            return LoopbackHttpServer::Response::json(404, R"({"error":"not found"})");
        });
        QVERIFY(server.listen());
        test::ConnectorHarness harness;
        const Integration integration =
            test::integrationFor(QStringLiteral("StatusPage"), server.url().toString(), QString());
        auto connector = registry.find(QStringLiteral("StatusPage"))
                             ->connectorFactory(integration, harness.context());
        QVERIFY(connector);

        auto testRun = test::runToEnd(connector->testConnection(nullptr));
        QCOMPARE(int(testRun->outcome()), int(ConnectorOperation::Outcome::Succeeded));
        QCOMPARE(test::stepIds(*testRun), (QStringList{StepId::Credential, StepId::Reach,
                                                       StepId::Identify, StepId::Permission}));
        QCOMPARE(testRun->server().product, QStringLiteral("Statuspage"));
        QCOMPARE(testRun->server().version, QStringLiteral("Example Status"));
        QVERIFY2(test::stepsText(*testRun).contains(QStringLiteral("2 components")),
                 qPrintable(test::stepsText(*testRun)));

        auto check = test::runToEnd(connector->checkHealth(nullptr));
        QCOMPARE(toString(check->healthStatus()), health);
    }

    void sampleConnectorRefusesAServerThatIsNoStatusPage()
    {
        PluginDir dir({QStringLiteral(STELLA_SAMPLE_PLUGIN)});
        ProviderRegistry registry;
        registerBuiltinProviders(registry);
        loadInto(registry, {dir.folder()});
        LoopbackHttpServer server([](const LoopbackHttpServer::Request &) {
            return LoopbackHttpServer::Response::json(200, R"({"status":"healthy"})");
        });
        QVERIFY(server.listen());
        test::ConnectorHarness harness;
        const Integration integration =
            test::integrationFor(QStringLiteral("StatusPage"), server.url().toString(), QString());
        auto connector = registry.find(QStringLiteral("StatusPage"))
                             ->connectorFactory(integration, harness.context());
        auto run = test::runToEnd(connector->testConnection(nullptr));
        QCOMPARE(int(run->outcome()), int(ConnectorOperation::Outcome::Failed));
        QVERIFY2(run->error().message.contains(QStringLiteral("not a Statuspage status page")),
                 qPrintable(run->error().message));
        auto check = test::runToEnd(connector->checkHealth(nullptr));
        STELLA_COMPARE_ENUM(check->healthStatus(), HealthStatus::Unhealthy);
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("library");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<QString>("absentProvider");
        QTest::newRow("API version from the future")
            << QStringLiteral(STELLA_PLUGIN_APIFUTURE)
            << QStringLiteral("built for plugin API version 99; this build speaks version 1")
            << QStringLiteral("ApiFutureProvider");
        QTest::newRow("older API version")
            << QStringLiteral(STELLA_PLUGIN_APIOLD)
            << QStringLiteral("built for plugin API version 0; this build speaks version 1")
            << QStringLiteral("ApiOldProvider");
        QTest::newRow("missing symbol")
            << QStringLiteral(STELLA_PLUGIN_MISSINGSYMBOL)
            << QStringLiteral("stella_test_symbol_nobody_defines") << QStringLiteral("Missing0");
        QTest::newRow("provider id already taken")
            << QStringLiteral(STELLA_PLUGIN_DUPLICATE)
            << QStringLiteral("provider id \"Harbor\" is already taken")
            << QStringLiteral("DuplicateNew");
        QTest::newRow("not a Qt plugin")
            << QStringLiteral(STELLA_PLUGIN_PLAINLIB) << QStringLiteral("not a Qt plugin library")
            << QStringLiteral("");
    }
    void refusals()
    {
        QFETCH(QString, library);
        QFETCH(QString, reason);
        QFETCH(QString, absentProvider);
        // The sample sits beside the refused one: everything else still loads.
        PluginDir dir({library, QStringLiteral(STELLA_SAMPLE_PLUGIN)});
        ProviderRegistry registry;
        registerBuiltinProviders(registry);
        const QStringList before = registry.ids(true);
        const PluginScan scan = loadInto(registry, {dir.folder()});
        QCOMPARE(scan.loaded.size(), 1);
        QCOMPARE(scan.loaded.first().id, QStringLiteral("statuspage"));
        QCOMPARE(scan.refused.size(), 1);
        QCOMPARE(scan.refused.first().path, dir.dir.filePath(QFileInfo(library).fileName()));
        QVERIFY2(scan.refused.first().reason.contains(reason), qPrintable(refusalText(scan)));
        if (!absentProvider.isEmpty())
            QVERIFY(!registry.find(absentProvider));
        QCOMPARE(registry.ids(true).size(), before.size() + 1);
        // Harbor is still the built-in one.
        QCOMPARE(registry.find(QStringLiteral("Harbor"))->displayName, QStringLiteral("Harbor"));
    }

    void invalidDefinitionsAreEachNamed()
    {
        PluginDir dir({QStringLiteral(STELLA_PLUGIN_INVALID)});
        ProviderRegistry registry;
        registerBuiltinProviders(registry);
        const PluginScan scan = loadInto(registry, {dir.folder()});
        QCOMPARE(scan.loaded.size(), 0);
        QCOMPARE(scan.refused.size(), 1);
        const QString reason = scan.refused.first().reason;
        for (const char *expected :
             {"plugin \"test-invalid\" is refused, none of its providers added",
              "provider id \"bad id!\" is not an identifier",
              "resource type \"tags\" is not one of", "config key \"scenario\" twice",
              "provider \"InvalidNoConnector\" has no connector factory"})
            QVERIFY2(reason.contains(QLatin1String(expected)), qPrintable(reason));
        QVERIFY(!registry.find(QStringLiteral("InvalidResources")));
        QVERIFY(!registry.find(QStringLiteral("InvalidKeys")));
    }

    void filesThatAreNotLibraries()
    {
        PluginDir dir({QStringLiteral(STELLA_SAMPLE_PLUGIN)});
        for (const char *name : {"README.txt", "libfake.so"}) {
            QFile f(dir.dir.filePath(QLatin1String(name)));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("this is text, not code\n");
        }
        ProviderRegistry registry;
        registerBuiltinProviders(registry);
        const PluginScan scan = loadInto(registry, {dir.folder()});
        QCOMPARE(scan.loaded.size(), 1);
        QCOMPARE(scan.refused.size(), 2);
        // In name order, case-insensitively: libfake.so, then README.txt.
        QCOMPARE(QFileInfo(scan.refused.at(0).path).fileName(), QStringLiteral("libfake.so"));
        QVERIFY2(scan.refused.at(0).reason.contains(QStringLiteral("not a Qt plugin library")),
                 qPrintable(refusalText(scan)));
        QCOMPARE(QFileInfo(scan.refused.at(1).path).fileName(), QStringLiteral("README.txt"));
        QVERIFY2(scan.refused.at(1).reason.contains(QStringLiteral("not a shared library")),
                 qPrintable(refusalText(scan)));
    }

    void folderProblems()
    {
        ProviderRegistry registry;
        registerBuiltinProviders(registry);
        QTemporaryDir parent;
        const QString missing = parent.filePath(QStringLiteral("no-such-folder"));
        PluginDir unreadable({QStringLiteral(STELLA_SAMPLE_PLUGIN)});
        QVERIFY(QFile::setPermissions(unreadable.path(), QFileDevice::Permissions()));
        PluginDir open({QStringLiteral(STELLA_SAMPLE_PLUGIN)});
        QVERIFY(QFile::setPermissions(open.path(),
                                      QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                          QFileDevice::ExeOwner | QFileDevice::ReadOther |
                                          QFileDevice::WriteOther | QFileDevice::ExeOther));
        const PluginScan scan = loadInto(
            registry,
            {{missing, PluginFolder::Origin::Environment},
             {unreadable.path(), PluginFolder::Origin::CommandLine},
             {open.path(), PluginFolder::Origin::CommandLine},
             // The system folder need not exist: not reported.
             {parent.filePath(QStringLiteral("absent-system")), PluginFolder::Origin::System}});
        QFile::setPermissions(unreadable.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                     QFileDevice::ExeOwner);
        QCOMPARE(scan.loaded.size(), 0);
        QCOMPARE(scan.refused.size(), 3);
        QCOMPARE(scan.refused.at(0).path, missing);
        QVERIFY2(scan.refused.at(0).reason.contains(QStringLiteral("does not exist")),
                 qPrintable(refusalText(scan)));
        QVERIFY2(scan.refused.at(0).reason.contains(QStringLiteral("STELLA_PLUGIN_PATH")),
                 qPrintable(refusalText(scan)));
        QCOMPARE(scan.refused.at(1).path, unreadable.path());
        QVERIFY2(scan.refused.at(1).reason.contains(QStringLiteral("cannot be read")),
                 qPrintable(refusalText(scan)));
        QCOMPARE(scan.refused.at(2).path, open.path());
        QVERIFY2(scan.refused.at(2).reason.contains(QStringLiteral("writable by group or others")),
                 qPrintable(refusalText(scan)));
        QVERIFY(!registry.find(QStringLiteral("StatusPage")));
    }

    void aLibraryWritableByOthersIsRefused()
    {
        PluginDir dir;
        const QString file = dir.add(QStringLiteral(STELLA_SAMPLE_PLUGIN));
        QVERIFY(QFile::setPermissions(file, QFile::permissions(file) | QFileDevice::WriteGroup));
        ProviderRegistry registry;
        registerBuiltinProviders(registry);
        const PluginScan scan = loadInto(registry, {dir.folder()});
        QCOMPARE(scan.loaded.size(), 0);
        QCOMPARE(scan.refused.size(), 1);
        QVERIFY2(
            scan.refused.first().reason.contains(QStringLiteral("writable by group or others")),
            qPrintable(refusalText(scan)));
    }

    void twoFoldersHoldingTheSamePluginFirstWins()
    {
        PluginDir first({QStringLiteral(STELLA_SAMPLE_PLUGIN)});
        PluginDir second({QStringLiteral(STELLA_SAMPLE_PLUGIN)});
        ProviderRegistry registry;
        registerBuiltinProviders(registry);
        const PluginScan scan = loadInto(registry, {first.folder(), second.folder()});
        QCOMPARE(scan.loaded.size(), 1);
        QVERIFY(scan.loaded.first().path.startsWith(first.path()));
        QCOMPARE(scan.refused.size(), 1);
        QVERIFY(scan.refused.first().path.startsWith(second.path()));
        QVERIFY2(scan.refused.first().reason.contains(
                     QStringLiteral("already loaded from %1").arg(scan.loaded.first().path)),
                 qPrintable(refusalText(scan)));
    }

    void foldersInLoadingOrder()
    {
        qputenv("STELLA_PLUGIN_PATH", "/tmp/env-a::/tmp/env-b:/tmp/cli-a");
        const QList<PluginFolder> folders =
            pluginFolders({QStringLiteral("/tmp/cli-a"), QStringLiteral("/tmp/cli-b/")});
        qunsetenv("STELLA_PLUGIN_PATH");
        QStringList paths;
        for (const PluginFolder &f : folders)
            paths.append(f.path);
        QCOMPARE(paths, (QStringList{systemPluginFolder(), userPluginFolder(),
                                     QStringLiteral("/tmp/cli-a"), QStringLiteral("/tmp/cli-b"),
                                     QStringLiteral("/tmp/env-a"), QStringLiteral("/tmp/env-b")}));
        STELLA_COMPARE_ENUM(folders.at(0).origin, PluginFolder::Origin::System);
        STELLA_COMPARE_ENUM(folders.at(1).origin, PluginFolder::Origin::User);
        STELLA_COMPARE_ENUM(folders.at(4).origin, PluginFolder::Origin::Environment);
        QVERIFY(userPluginFolder().endsWith(QStringLiteral("/stella-ops/plugins")));
    }

    void anUntrustedSampleRunsInItsHost()
    {
        PluginDir dir({QStringLiteral(STELLA_SAMPLE_PLUGIN)});
        ProviderRegistry registry;
        registerBuiltinProviders(registry);
        const PluginScan scan = loadInto(registry, {dir.folder()}, isolated());
        QVERIFY2(scan.refused.isEmpty(), qPrintable(refusalText(scan)));
        QCOMPARE(scan.loaded.size(), 1);
        QVERIFY(scan.loaded.first().isolated);
        const ProviderDefinition *provider = registry.find(QStringLiteral("StatusPage"));
        QVERIFY(provider && provider->hasConnector());
        // The definition came over the socket, whole.
        QCOMPARE(provider->displayName, QStringLiteral("Statuspage status page"));
        QVERIFY(provider->configSchema.field(QStringLiteral("insecureSkipTlsVerify")));
        LoopbackHttpServer server([](const LoopbackHttpServer::Request &r) {
            if (r.path() == "/api/v2/status.json")
                return LoopbackHttpServer::Response::json(
                    200, statusBody(QStringLiteral("major"), QStringLiteral("Major Outage")));
            if (r.path() == "/api/v2/components.json")
                return LoopbackHttpServer::Response::json(200, R"({"components":[]})");
            return LoopbackHttpServer::Response::json(404, R"({"error":"not found"})");
        });
        QVERIFY(server.listen());
        test::ConnectorHarness harness;
        auto connector = provider->connectorFactory(
            test::integrationFor(QStringLiteral("StatusPage"), server.url().toString(), QString()),
            harness.context());
        auto testRun = test::runToEnd(connector->testConnection(nullptr));
        QVERIFY2(testRun->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(test::stepsText(*testRun) + testRun->error().message));
        QCOMPARE(test::stepIds(*testRun), (QStringList{StepId::Credential, StepId::Reach,
                                                       StepId::Identify, StepId::Permission}));
        QCOMPARE(testRun->server().version, QStringLiteral("Example Status"));
        auto check = test::runToEnd(connector->checkHealth(nullptr));
        STELLA_COMPARE_ENUM(check->healthStatus(), HealthStatus::Unhealthy);
        QCOMPARE(check->outcome(), ConnectorOperation::Outcome::Succeeded);
    }

    void anUntrustedPluginThatCannotLoadIsRefusedByItsHost()
    {
        PluginDir dir({QStringLiteral(STELLA_PLUGIN_MISSINGSYMBOL)});
        ProviderRegistry registry;
        registerBuiltinProviders(registry);
        const PluginScan scan = loadInto(registry, {dir.folder()}, isolated());
        QCOMPARE(scan.loaded.size(), 0);
        QCOMPARE(scan.refused.size(), 1);
        QVERIFY2(scan.refused.first().reason.contains(
                     QStringLiteral("stella_test_symbol_nobody_defines")),
                 qPrintable(refusalText(scan)));
    }

    void aMisbehavingPluginKillsOnlyItsHost_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<bool>("health");
        QTest::addColumn<QString>("expected");
        QTest::newRow("crash in the factory")
            << QStringLiteral("CrashInFactory") << false << QStringLiteral("crashed (SIGSEGV)");
        QTest::newRow("crash in an operation")
            << QStringLiteral("CrashInOperation") << true << QStringLiteral("crashed (SIGSEGV)");
        QTest::newRow("hang in the factory")
            << QStringLiteral("HangInFactory") << false
            << QStringLiteral("did not finish its test connection within 1.5 s");
        QTest::newRow("hang in an operation")
            << QStringLiteral("HangInOperation") << true
            << QStringLiteral("did not finish its health check within 1.5 s");
        QTest::newRow("unbounded allocation in the factory")
            << QStringLiteral("LeakInFactory") << false
            << QStringLiteral("address-space limit of 768 MiB");
        QTest::newRow("unbounded allocation in an operation")
            << QStringLiteral("LeakInOperation") << true
            << QStringLiteral("address-space limit of 768 MiB");
    }
    void aMisbehavingPluginKillsOnlyItsHost()
    {
        QFETCH(QString, provider);
        QFETCH(bool, health);
        QFETCH(QString, expected);
#if defined(__SANITIZE_ADDRESS__)
        // ASan's operator new reports an allocation past the limit and aborts itself, before
        // the host's new-handler can say which limit it was (scripts/test --sanitize).
        if (provider.startsWith(QLatin1String("Leak")))
            QSKIP("under AddressSanitizer the host dies in the sanitizer's out-of-memory report");
#endif
        PluginDir dir({QStringLiteral(STELLA_PLUGIN_MISBEHAVING)});
        ProviderRegistry registry;
        registerBuiltinProviders(registry);
        const PluginScan scan = loadInto(registry, {dir.folder()}, isolated());
        QVERIFY2(scan.refused.isEmpty(), qPrintable(refusalText(scan)));
        test::ConnectorHarness harness;
        auto connectorOf = [&](const QString &id) {
            return registry.find(id)->connectorFactory(
                test::integrationFor(id, QStringLiteral("https://example.invalid"), QString()),
                harness.context());
        };
        auto bad = connectorOf(provider);
        auto failed =
            test::runToEnd(health ? bad->checkHealth(nullptr) : bad->testConnection(nullptr));
        QCOMPARE(failed->outcome(), ConnectorOperation::Outcome::Failed);
        const QString message = failed->error().message;
        QVERIFY2(message.contains(QStringLiteral("plugin \"test-misbehaving\"")),
                 qPrintable(message));
        QVERIFY2(message.contains(expected), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("Only the host stopped")), qPrintable(message));
        // This process is alive (the test goes on), and the next operation gets a new host.
        auto fine = connectorOf(QStringLiteral("Fine"));
        auto next = test::runToEnd(fine->checkHealth(nullptr));
        QVERIFY2(next->outcome() == ConnectorOperation::Outcome::Succeeded,
                 qPrintable(next->error().message));
        STELLA_COMPARE_ENUM(next->healthStatus(), HealthStatus::Healthy);
    }

    void aHungOperationItsCallerDroppedStillStopsTheHost()
    {
        PluginDir dir({QStringLiteral(STELLA_PLUGIN_MISBEHAVING)});
        ProviderRegistry registry;
        registerBuiltinProviders(registry);
        QVERIFY(loadInto(registry, {dir.folder()}, isolated()).refused.isEmpty());
        QCOMPARE(runningHosts(), 1); // started to describe the plugin, kept for its operations
        test::ConnectorHarness harness;
        auto connector = registry.find(QStringLiteral("HangInOperation"))
                             ->connectorFactory(test::integrationFor(
                                                    QStringLiteral("HangInOperation"),
                                                    QStringLiteral("https://x.invalid"), QString()),
                                                harness.context());
        std::unique_ptr<ConnectorOperation> op(connector->checkHealth(nullptr));
        op->cancel(); // as the monitor does when its own check timeout comes first
        QCOMPARE(op->outcome(), ConnectorOperation::Outcome::Cancelled);
        // The host is too hung to cancel anything: the deadline stops it all the same.
        QTRY_COMPARE_WITH_TIMEOUT(runningHosts(), 0, 30000);
    }

    void metadataOnSqlite()
    {
        QTemporaryDir tmp;
        checkMetadata(
            *DatabaseUrl::parse(QStringLiteral("sqlite:///%1/catalog.db").arg(tmp.path())));
    }

    void metadataOnPostgres()
    {
        STELLA_REQUIRE_POSTGRES();
        test::ScratchPostgres pg(QStringLiteral("plugins"));
        QVERIFY2(pg.isValid(), qPrintable(pg.error()));
        checkMetadata(*DatabaseUrl::parse(pg.url()));
    }

private:
    void checkMetadata(const DatabaseUrl &url)
    {
        PluginDir dir({QStringLiteral(STELLA_SAMPLE_PLUGIN)});
        ProviderRegistry registry;
        registerBuiltinProviders(registry);
        const PluginScan scan = loadInto(registry, {dir.folder()});
        QCOMPARE(scan.loaded.size(), 1);
        ManualClock clock(test::fixedNow());
        auto session = test::openOrFail(url, clock);
        QVERIFY(session);
        PluginMetadataStore store(session->database());
        // A stale row of a plugin no longer installed, and the sample recorded twice (upsert).
        LoadedPlugin gone;
        gone.id = QStringLiteral("removed-plugin");
        gone.version = QStringLiteral("0.9");
        QVERIFY(store.record({gone}).ok());
        QVERIFY(store.record(scan.loaded).ok());
        QVERIFY(store.record(scan.loaded).ok());
        auto rows = store.rows();
        QVERIFY(rows.ok());
        QCOMPARE(rows->size(), 2);
        auto replaced = store.replaceWith(scan.loaded);
        QVERIFY(replaced.ok());
        QCOMPARE(*replaced, 1);
        rows = store.rows();
        QCOMPARE(rows->size(), 1);
        const PluginMetadataStore::Row &row = rows->first();
        QCOMPARE(row.pluginId, QStringLiteral("statuspage"));
        QCOMPARE(row.type, QStringLiteral("connector"));
        QCOMPARE(row.version, QStringLiteral("1.0.0"));
        QCOMPARE(row.capabilities, scan.loaded.first().capabilities);
        QCOMPARE(row.path, scan.loaded.first().path);
    }
};

QTEST_GUILESS_MAIN(TestPluginLoader)
#include "tst_pluginloader.moc"
