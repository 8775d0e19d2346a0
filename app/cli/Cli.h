// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ArgParser.h"
#include "Command.h"
#include "Output.h"
#include "core/catalog/CatalogSession.h"
#include "core/common/Clock.h"
#include "core/connectors/ConnectorLauncher.h"
#include "core/connectors/ConnectorOperation.h"
#include "core/credentials/CredentialResolver.h"
#include "core/model/Integration.h"
#include "core/plugins/PluginLoader.h"
#include "core/providers/ProviderRegistry.h"
#include "core/scm/AnnotationDelivery.h"
#include "core/storage/DatabaseUrl.h"

#include <QNetworkAccessManager>
#include <memory>

namespace stella::cli {

// stella-integrations: a thin shell over the core. Parses the global options, opens the
// catalog, runs one command and maps its Error to the exit code (docs/architecture.md, "The
// CLI").
class Cli
{
public:
    Cli();
    ~Cli();
    int run(const QStringList &arguments);

private:
    // The user's paths the option and command tables name: this user's in --help, but the
    // man page, generated on the build machine for every user, names them as docs/contracts.md
    // does ($XDG_DATA_HOME/…), never the builder's.
    struct UserPaths
    {
        QString catalog;
        QString pluginFolder;
        static UserPaths ofThisUser();
        static UserPaths documented();
    };
    static GlobalOptions globalOptions(const UserPaths &paths = UserPaths::ofThisUser());
    static QList<Command> commands(const UserPaths &paths = UserPaths::ofThisUser());
    static const Command *findCommand(const QList<Command> &all, const QString &name);
    static Error unknownCommand(const QList<Command> &all, const QString &name);
    Result<void> openCatalog();
    IntegrationCatalog &catalog();
    Result<QJsonObject> readConfigArgument(const QString &value) const;
    // The integration an INTEGRATION argument names: its id or its exact name
    // (IntegrationLookup).
    Result<Integration> findIntegration(const QString &idOrName);
    // " (sandbox: discarded at exit)" after a change's confirmation in the sandbox, else empty.
    QString sandboxNote() const;
    Result<void> help(const Args &args);
    // The hidden verbs the package build runs: `completion bash` and `manpage`.
    Result<void> completion(const Args &args);
    Result<void> manual(const Args &args);

    // catalog commands
    Result<void> providers(const Args &args);
    Result<void> list(const Args &args);
    Result<void> show(const Args &args);
    Result<void> add(const Args &args);
    Result<void> update(const Args &args);
    Result<void> remove(const Args &args);
    Result<void> move(const Args &args);
    Result<void> audit(const Args &args);
    Result<void> exportCatalog(const Args &args);
    Result<void> importCatalog(const Args &args);
    // health commands
    Result<void> health(const Args &args);
    Result<void> monitor(const Args &args);
    Result<void> metrics(const Args &args);
    // connector commands
    Result<void> test(const Args &args);
    // What one connection test found, for one integration's output or a line of several.
    struct TestVerdict
    {
        bool ok = false;
        Error error;
        QJsonObject json;
        QStringList stepLines;
        QString result; // "passed: Harbor 2.10 in 12 ms", "FAILED"
        QStringList warningLines;
    };
    TestVerdict testOne(const Integration &integration, Connector &connector);
    Result<void> testSingle(const Args &args);
    Result<void> testSeveral(const QList<Integration> &targets);
    // --folder, --tag and --tier as `list` reads them.
    Result<IntegrationFilter> organisationFilter(const Args &args);
    Result<void> check(const Args &args);
    Result<void> discover(const Args &args);
    Result<void> secret(const Args &args);
    // The integration named by the first positional argument, with its connector.
    Result<std::pair<Integration, std::unique_ptr<Connector>>>
    connectorForArgument(const Args &args);
    // The same launcher as the console's and the monitor's: one wording for "cannot connect".
    ConnectorLauncher launcher();
    Result<void> guard(const Args &args);
    // annotate comment|status|check-run|outbox (AnnotateCommands.cpp)
    Result<void> annotate(const Args &args);
    Result<void> annotateOutbox(const Args &args, QStringList rest);
    Result<std::shared_ptr<ScmAnnotationClient>>
    annotationClientFor(const Integration &integration);
    AnnotationDelivery::OutboxRunner outboxRunner();
    // plugin commands (PluginCommands.cpp)
    Result<void> plugins(const Args &args);
    // Loads the plugins of the folders (docs/contracts.md §20.2) into m_registry.
    void loadPlugins();
    // The resolver for AuthRefs; opens the catalog only when a vault AuthRef needs it.
    CredentialResolver &credentials();

    ProviderRegistry m_registry;
    const Clock &m_clock;
    std::unique_ptr<Output> m_out;
    RequestContext m_ctx;
    DatabaseUrl m_dbUrl;
    bool m_sandbox = false;
    std::unique_ptr<CatalogSession> m_session;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<CredentialResolver> m_credentials;
    QStringList m_pluginDirs; // --plugin-dir, in the order given
    PluginScan m_plugins;
};

} // namespace stella::cli
