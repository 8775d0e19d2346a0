// SPDX-License-Identifier: Apache-2.0
#include "Cli.h"

#include "IntegrationLookup.h"
#include "ManPage.h"
#include "ShellCompletion.h"
#include "connectors/BuiltinProviders.h"
#include "core/catalog/IntegrationCatalog.h"
#include "core/health/HealthPolicy.h"
#include "core/model/ResourceTypes.h"
#include "core/plugins/PluginMetadataStore.h"
#include "core/providers/ConfigSchema.h"
#include "core/sandbox/SandboxSeeder.h"
#include "guard/GuardConfig.h"

#include <QFile>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <algorithm>

namespace stella::cli {

namespace {

// --verbose: every stella.* category at info, each line named by its category. The lines are
// redacted before any handler sees them (core/common/Logging.h), and go to stderr, so --json
// output on stdout stays one document.
void enableVerboseLogging()
{
    QLoggingCategory::setFilterRules(QStringLiteral("stella.*.info=true"));
    qSetMessagePattern(QStringLiteral("%{category}: %{message}"));
}
const ArgumentSpec kIntegration{QStringLiteral("INTEGRATION"),
                                QStringLiteral("the integration's id, or its exact name")};

QString joined(const QStringList &names)
{
    return names.join(QStringLiteral(", "));
}

QStringList allResourceTypes()
{
    QStringList all;
    for (IntegrationType type : allIntegrationTypes())
        for (const QString &t : resourceTypesFor(type))
            if (!all.contains(t))
                all.append(t);
    return all;
}

OptionSpec folderOption(const QString &help)
{
    return {QStringLiteral("folder"), QStringLiteral("F"), help};
}

OptionSpec tagOption(const QString &help)
{
    return {QStringLiteral("tag"), QStringLiteral("T"), help, false, true};
}

OptionSpec tierOption(const QString &tiers)
{
    return {QStringLiteral("tier"), QStringLiteral("T"),
            QStringLiteral("the environment tier: %1, or none").arg(tiers)};
}

OptionSpec expectVersion()
{
    return {QStringLiteral("expect-version"), QStringLiteral("V"),
            QStringLiteral("refuse (exit 4) unless the integration is still at version V")};
}
} // namespace

Cli::Cli() : m_clock(SystemClock::instance())
{
    registerBuiltinProviders(m_registry);
}

Cli::~Cli() = default;

Cli::UserPaths Cli::UserPaths::ofThisUser()
{
    return {DatabaseUrl::defaultCatalog().displayString(), userPluginFolder()};
}

Cli::UserPaths Cli::UserPaths::documented()
{
    // docs/contracts.md §7 and §20.2.
    return {
        QStringLiteral("sqlite://$XDG_DATA_HOME/stella-ops/integrations/catalog.db, "
                       "~/.local/share/stella-ops/integrations/catalog.db when XDG_DATA_HOME "
                       "is unset"),
        QStringLiteral("$XDG_DATA_HOME/stella-ops/plugins (~/.local/share/stella-ops/plugins)")};
}

GlobalOptions Cli::globalOptions(const UserPaths &paths)
{
    const RequestContext defaults;
    return {
        {
            {QStringLiteral("db"), QStringLiteral("URL"),
             QStringLiteral("the catalog: sqlite:///path/catalog.db or "
                            "postgresql://user@host:port/dbname (also STELLA_DB; default %1)")
                 .arg(paths.catalog)},
            {QStringLiteral("tenant"), QStringLiteral("ID"),
             QStringLiteral("the tenant to work in (default '%1')").arg(defaults.tenantId)},
            {QStringLiteral("actor"), QStringLiteral("NAME"),
             QStringLiteral("who the audit log names (default '%1')").arg(defaults.actor)},
            {QStringLiteral("json"),
             {},
             QStringLiteral("print the result, or the error, as one JSON document on stdout")},
            {QStringLiteral("sandbox"),
             {},
             QStringLiteral("an in-memory demo catalog, no network; nothing is kept: every "
                            "change is discarded at exit")},
            {QStringLiteral("verbose"),
             {},
             QStringLiteral("log what happens (the stella.* categories at info) on stderr; "
                            "QT_LOGGING_RULES chooses finer")},
            {QStringLiteral("plugin-dir"), QStringLiteral("DIR"),
             QStringLiteral("also load connector plugins from DIR (repeatable; after the system "
                            "and user folders, before STELLA_PLUGIN_PATH)")},
            {QStringLiteral("help"), {}, QStringLiteral("show this help")},
            {QStringLiteral("version"), {}, QStringLiteral("print the version")},
        },
        {
            QStringLiteral("An INTEGRATION argument is an integration's id or its exact name."),
            QStringLiteral("Exit codes: 0 success, 1 failed, 2 usage or invalid input, 3 not "
                           "found, 4 conflict, 5 backend unavailable."),
        },
    };
}

QList<Command> Cli::commands(const UserPaths &paths)
{
    const QString types = joined(allIntegrationTypeNames());
    const QString tiers = joined(allEnvironmentTierNames());
    const MonitorSettings monitorDefaults;
    return {
        {{QStringLiteral("providers"),
          {},
          {{QStringLiteral("include-test-only"),
            {},
            QStringLiteral("also list the test-only providers (InMemory)")}}},
         QStringLiteral("list the providers and their settings"),
         {},
         false,
         false,
         &Cli::providers},
        {{QStringLiteral("list"),
          {},
          {{QStringLiteral("type"), QStringLiteral("T"),
            QStringLiteral("only this type: %1 (any case)").arg(types)},
           {QStringLiteral("provider"), QStringLiteral("P"),
            QStringLiteral("only this provider (`providers` lists them; any case)")},
           {QStringLiteral("status"), QStringLiteral("S"),
            QStringLiteral("only this health status: %1 (any case)")
                .arg(joined(allHealthStatusNames()))},
           {QStringLiteral("folder"), QStringLiteral("F"),
            QStringLiteral("only folder F and its subfolders, e.g. 'Team A/Registries'")},
           tagOption(QStringLiteral("only integrations with tag T (repeatable: all of them)")),
           {QStringLiteral("tier"), QStringLiteral("T"),
            QStringLiteral("only this tier: %1, or none").arg(tiers)}}},
         QStringLiteral("list the tenant's integrations"),
         {},
         true,
         false,
         &Cli::list},
        {{QStringLiteral("show"), {kIntegration}, {}},
         QStringLiteral("show one integration"),
         {},
         true,
         false,
         &Cli::show},
        {{QStringLiteral("add"),
          {},
          {{QStringLiteral("provider"), QStringLiteral("P"),
            QStringLiteral("the provider (`providers` lists them; any case)"), true},
           {QStringLiteral("name"), QStringLiteral("N"),
            QStringLiteral("a name no other integration of the tenant has"), true},
           {QStringLiteral("type"), QStringLiteral("T"),
            QStringLiteral("the type, for a provider of several: %1 (any case)").arg(types)},
           {QStringLiteral("endpoint"), QStringLiteral("URL"),
            QStringLiteral("the server's address, e.g. https://harbor.example.com")},
           {QStringLiteral("config"), QStringLiteral("JSON|@FILE"),
            QStringLiteral("the provider's settings as a JSON object, or @FILE to read them")},
           {QStringLiteral("authref"), QStringLiteral("URI"),
            QStringLiteral("where the credential is: authref://keychain/…, "
                           "authref://vault/…#field or authref://env/NAME")},
           folderOption(QStringLiteral("the folder, e.g. 'Team A/Registries' (default: the top "
                                       "level)")),
           tagOption(QStringLiteral("a tag (repeatable)")),
           tierOption(tiers)}},
         QStringLiteral("register an integration"),
         {},
         true,
         true,
         &Cli::add},
        {{QStringLiteral("update"),
          {kIntegration},
          {{QStringLiteral("name"), QStringLiteral("N"), QStringLiteral("the new name")},
           {QStringLiteral("endpoint"), QStringLiteral("URL"), QStringLiteral("the new address")},
           {QStringLiteral("config"), QStringLiteral("JSON|@FILE"),
            QStringLiteral("the new settings as a JSON object, or @FILE to read them")},
           {QStringLiteral("authref"), QStringLiteral("URI"),
            QStringLiteral("the new credential reference")},
           folderOption(QStringLiteral("the new folder ('' for the top level)")),
           tagOption(QStringLiteral("the new tags, replacing the old (repeatable)")),
           {QStringLiteral("no-tags"), {}, QStringLiteral("remove every tag")},
           tierOption(tiers),
           expectVersion()}},
         QStringLiteral("change an integration"),
         {},
         true,
         true,
         &Cli::update},
        {{QStringLiteral("remove"), {kIntegration}, {expectVersion()}},
         QStringLiteral("remove an integration"),
         {},
         true,
         true,
         &Cli::remove},
        {{QStringLiteral("move"),
          {{QStringLiteral("INTEGRATION"),
            QStringLiteral("the integrations to move (ids or names)"), true, true}},
          {{QStringLiteral("to"), QStringLiteral("F"),
            QStringLiteral("the folder to move to ('' for the top level); required")},
           {QStringLiteral("from-folder"), QStringLiteral("F"),
            QStringLiteral("move folder F and its subfolders instead of the INTEGRATIONs")}}},
         QStringLiteral("move integrations to another folder, all in one transaction"),
         {QStringLiteral("With --from-folder, F/x becomes TO/x: subfolders move along.")},
         true,
         true,
         &Cli::move},
        {{QStringLiteral("test"),
          {{QStringLiteral("INTEGRATION"),
            QStringLiteral("the integrations to test (ids or names); or choose them with "
                           "--folder, --tag, --tier"),
            true, true}},
          {folderOption(QStringLiteral("test folder F and its subfolders")),
           tagOption(QStringLiteral("test those with tag T (repeatable: all of them)")),
           {QStringLiteral("tier"), QStringLiteral("T"),
            QStringLiteral("test this tier: %1, or none").arg(tiers)}}},
         QStringLiteral("run test-connection, steps live on stderr"),
         {QStringLiteral("Exit code 0 when the test passed, also when it \"passed with "
                         "warnings\" (the warnings are listed; with --json under "
                         "\"warnings\"); 1 when it failed."),
          QStringLiteral("Several INTEGRATIONs, or --folder/--tag/--tier, are tested one after "
                         "the other: a line each, then \"N passed, M failed\"; exit 1 when any "
                         "did not pass.")},
         true,
         false,
         &Cli::test},
        {{QStringLiteral("check"), {kIntegration}, {}},
         QStringLiteral("run a health check and record it"),
         {QStringLiteral("Exit code 1 when the check finds the integration Unhealthy.")},
         true,
         true,
         &Cli::check},
        {{QStringLiteral("health"),
          {kIntegration},
          {{QStringLiteral("range"), QStringLiteral("DUR"),
            QStringLiteral("the history back from now, e.g. 30m, 7d (default 24h)")},
           {QStringLiteral("from"), QStringLiteral("T"),
            QStringLiteral("the history from T instead, in UTC, e.g. 2026-11-24T00:00:00Z")},
           {QStringLiteral("to"), QStringLiteral("T"),
            QStringLiteral("with --from: the history up to T (default now)")},
           {QStringLiteral("points"), QStringLiteral("N"),
            QStringLiteral("at most about N buckets (default 24)")},
           {QStringLiteral("last"), QStringLiteral("N"),
            QStringLiteral("the latest N checks (default 10)")}}},
         QStringLiteral("uptime and downsampled history (default: last 24h), latest checks"),
         {},
         true,
         false,
         &Cli::health},
        {{QStringLiteral("monitor"),
          {},
          {{QStringLiteral("once"),
            {},
            QStringLiteral("one sweep of what is due, then exit (1 when a check found an "
                           "integration Unhealthy)")},
           {QStringLiteral("interval"), QStringLiteral("DUR"),
            QStringLiteral("how often an integration is checked unless its "
                           "healthCheckInterval says otherwise (default %1)")
                .arg(formatDurationMs(monitorDefaults.defaultIntervalMs))},
           {QStringLiteral("concurrency"), QStringLiteral("N"),
            QStringLiteral("checks at once (default %1)").arg(monitorDefaults.concurrency)},
           {QStringLiteral("timeout"), QStringLiteral("DUR"),
            QStringLiteral("a check not answered by then is Unhealthy (default %1)")
                .arg(formatDurationMs(monitorDefaults.checkTimeoutMs))},
           {QStringLiteral("retention"), QStringLiteral("DUR"),
            QStringLiteral("how long the history is kept (default %1d)")
                .arg(monitorDefaults.retentionDays)}}},
         QStringLiteral("check the tenant's integrations on their schedule (--once: one sweep)"),
         {QStringLiteral("Ctrl+C or SIGTERM stops it between checks.")},
         false,
         true,
         &Cli::monitor},
        {{QStringLiteral("metrics"), {}, {}},
         QStringLiteral("print the catalog's metrics in the Prometheus text format"),
         {},
         true,
         false,
         &Cli::metrics},
        {{QStringLiteral("discover"),
          {kIntegration},
          {{QStringLiteral("resource-type"), QStringLiteral("T"),
            QStringLiteral("what to list, as the provider supports: %1 (any case)")
                .arg(joined(allResourceTypes())),
            true},
           {QStringLiteral("name-pattern"), QStringLiteral("GLOB"),
            QStringLiteral("only names matching, e.g. 'demo/*' (any case)")},
           {QStringLiteral("limit"), QStringLiteral("N"),
            QStringLiteral("stop after N resources")}}},
         QStringLiteral("list repositories, tags, projects, jobs or pipelines"),
         {},
         true,
         false,
         &Cli::discover},
        {{QStringLiteral("audit"),
          {},
          {{QStringLiteral("integration"), QStringLiteral("INTEGRATION"),
            QStringLiteral("only this integration's entries: its id (also once removed) or "
                           "its exact name")},
           {QStringLiteral("limit"), QStringLiteral("N"),
            QStringLiteral("the latest N entries (default 50)")}}},
         QStringLiteral("show the audit log"),
         {},
         true,
         false,
         &Cli::audit},
        {{QStringLiteral("export"),
          {},
          {{QStringLiteral("file"), QStringLiteral("F"),
            QStringLiteral("write to F (replaced only once complete) instead of stdout")}}},
         QStringLiteral("write the tenant's integrations as JSON (AuthRefs, never secrets)"),
         {},
         true,
         false,
         &Cli::exportCatalog},
        {{QStringLiteral("import"),
          {},
          {{QStringLiteral("file"), QStringLiteral("F"), QStringLiteral("the export file to read"),
            true}}},
         QStringLiteral("add the integrations of an export file, all or nothing"),
         {},
         true,
         true,
         &Cli::importCatalog},
        {{QStringLiteral("secret"),
          {{QStringLiteral("set|delete|check"),
            QStringLiteral("set stores the value read from stdin; check resolves it and prints "
                           "its length and shape")},
           {QStringLiteral("AUTHREF"),
            QStringLiteral("authref://keychain/…, authref://vault/…#field or "
                           "authref://env/NAME")}},
          {}},
         QStringLiteral("store (value on stdin), delete or check a secret; never prints it"),
         {},
         false,
         false,
         &Cli::secret},
        {{QStringLiteral("guard"),
          {{QStringLiteral("run|baseline"),
            QStringLiteral("run: scan; baseline create: write every finding to --output")},
           {QStringLiteral("PATH"),
            QStringLiteral("the files and directories to scan (with --git-diff: limits the "
                           "diff; default the current directory)"),
            true, true}},
          {{QStringLiteral("config"), QStringLiteral("FILE"),
            QStringLiteral("the guard's YAML configuration")},
           {QStringLiteral("format"), QStringLiteral("text|json|sarif"),
            QStringLiteral("the report's format (default text, json with --json; any case)")},
           {QStringLiteral("max-findings"), QStringLiteral("N"),
            QStringLiteral("report at most N findings; all are counted (default: the config's, "
                           "else %1)")
                .arg(guard::GuardConfig().maxFindings)},
           {QStringLiteral("fail-on"), QStringLiteral("SEVERITY"),
            QStringLiteral("exit 1 on findings at or above: critical, high, medium, low, info "
                           "or none (default high; any case)")},
           {QStringLiteral("threads"), QStringLiteral("N"),
            QStringLiteral("scanning threads (default: all cores)")},
           {QStringLiteral("baseline"), QStringLiteral("FILE"),
            QStringLiteral("run: report only findings not in FILE (from guard baseline create)")},
           {QStringLiteral("git-diff"), QStringLiteral("BASE"),
            QStringLiteral("run: scan only the lines added since the commit BASE (git diff)")},
           {QStringLiteral("output"), QStringLiteral("FILE"),
            QStringLiteral("baseline create: where the baseline is written")}}},
         QStringLiteral("scan for secrets, AI attribution and license headers; exit 1 on "
                        "findings at or above --fail-on (default high)"),
         {QStringLiteral("`guard baseline create --output FILE PATH...` writes every finding; "
                         "`guard run --baseline FILE` then reports only the new ones"),
          QStringLiteral("`guard run --git-diff BASE` judges only the lines added since the "
                         "commit BASE, in the current git working tree")},
         false,
         false,
         &Cli::guard},
        {{QStringLiteral("annotate"),
          {{QStringLiteral("comment|status|check-run|outbox"),
            QStringLiteral("what to post, or the outbox of what was not delivered")},
           {QStringLiteral("ARG"),
            QStringLiteral("INTEGRATION for comment, status and check-run; for outbox: list, "
                           "retry [ID...], export or discard ID..."),
            true, true}},
          {{QStringLiteral("repo"), QStringLiteral("OWNER/NAME"),
            QStringLiteral("the repository (GitLab: the project's full path)")},
           {QStringLiteral("pr"), QStringLiteral("N"),
            QStringLiteral("the pull request's number (GitLab: the merge request's IID)")},
           {QStringLiteral("sha"), QStringLiteral("SHA"),
            QStringLiteral("the commit of a status or check run")},
           {QStringLiteral("sarif"), QStringLiteral("FILE"),
            QStringLiteral("a SARIF 2.1.0 log (`guard run --format sarif`): check-run "
                           "annotations, or a comment's body (its summary)")},
           {QStringLiteral("body"), QStringLiteral("TEXT"),
            QStringLiteral("the comment (Markdown)")},
           {QStringLiteral("body-file"), QStringLiteral("FILE"),
            QStringLiteral("the comment, read from FILE")},
           {QStringLiteral("key"), QStringLiteral("K"),
            QStringLiteral("which of our comments this is: a rerun with the same key edits it "
                           "(default stella-ops)")},
           {QStringLiteral("state"), QStringLiteral("S"),
            QStringLiteral("status: pending, success, failure or error")},
           {QStringLiteral("context"), QStringLiteral("C"),
            QStringLiteral("status: its name on the commit (default stella-ops)")},
           {QStringLiteral("description"), QStringLiteral("TEXT"),
            QStringLiteral("status: one line")},
           {QStringLiteral("target-url"), QStringLiteral("URL"),
            QStringLiteral("status or check run: the link to the details")},
           {QStringLiteral("name"), QStringLiteral("N"),
            QStringLiteral("check run: its name (default AI Code Guard)")},
           {QStringLiteral("title"), QStringLiteral("T"),
            QStringLiteral("check run: its title (default from the SARIF findings)")},
           {QStringLiteral("integration"), QStringLiteral("INTEGRATION"),
            QStringLiteral("outbox: only this integration's entries")},
           {QStringLiteral("all"), {}, QStringLiteral("outbox list/export: delivered entries too")},
           {QStringLiteral("file"), QStringLiteral("F"),
            QStringLiteral("outbox export: write to F instead of stdout")}}},
         QStringLiteral("post PR comments, commit statuses and check runs (from SARIF); what "
                        "cannot be delivered waits in the outbox"),
         {QStringLiteral("A rerun of comment with the same --key edits the earlier comment."),
          QStringLiteral("Exit codes: 0 delivered; 5 provider unreachable or failing (5xx), "
                         "1 rate limited, 2/3 refused (invalid, not found): each kept in the "
                         "outbox with its entry id.")},
         true,
         true,
         &Cli::annotate},
        {{QStringLiteral("plugins"),
          {{QStringLiteral("list|discover"),
            QStringLiteral("list: the plugins loaded and refused, with reasons; discover: scan "
                           "the folders again and update plugin_metadata")}},
          {}},
         QStringLiteral("connector plugins: loaded, refused and why; discover records them"),
         {QStringLiteral("Folders, in order: %1, the user's %2, each --plugin-dir, then "
                         "STELLA_PLUGIN_PATH (colon-separated).")
              .arg(systemPluginFolder(), paths.pluginFolder)},
         false,
         false,
         &Cli::plugins},
        {{QStringLiteral("help"),
          {{QStringLiteral("COMMAND"), QStringLiteral("the command to explain"), true}},
          {}},
         QStringLiteral("this list, or one command's arguments and options"),
         {},
         false,
         false,
         &Cli::help},
        {{QStringLiteral("completion"),
          {{QStringLiteral("bash"), QStringLiteral("the shell")}},
          {}},
         QStringLiteral("print the shell's completion script"),
         {},
         false,
         false,
         &Cli::completion,
         true},
        {{QStringLiteral("manpage"), {}, {}},
         QStringLiteral("print the manual page, stella-integrations(1), in troff"),
         {},
         false,
         false,
         &Cli::manual,
         true},
    };
}

const Command *Cli::findCommand(const QList<Command> &all, const QString &name)
{
    for (const Command &c : all)
        if (c.name() == name)
            return &c;
    return nullptr;
}

Error Cli::unknownCommand(const QList<Command> &all, const QString &name)
{
    QStringList names;
    for (const Command &c : all)
        if (!c.hidden)
            names.append(c.name());
    return Error::invalidInput(QStringLiteral("unknown command '%1'").arg(name),
                               QStringLiteral("Commands: %1").arg(joined(names)));
}

Result<void> Cli::help(const Args &args)
{
    if (args.positionals().isEmpty()) {
        m_out->write(globalHelp(globalOptions(), commands()).toUtf8());
        return {};
    }
    const QList<Command> all = commands();
    const Command *command = findCommand(all, args.positionals().first());
    if (!command)
        return unknownCommand(all, args.positionals().first());
    m_out->write(commandHelp(globalOptions(), *command).toUtf8());
    return {};
}

Result<void> Cli::completion(const Args &args)
{
    const QString shell = args.positionals().value(0);
    if (shell != QLatin1String("bash"))
        return Error::invalidInput(
            QStringLiteral("no completion for the shell '%1'").arg(shell),
            QStringLiteral("Only bash is supported: stella-integrations completion bash"));
    m_out->write(bashCompletion(globalOptions(), commands()).toUtf8());
    return {};
}

Result<void> Cli::manual(const Args &)
{
    const UserPaths paths = UserPaths::documented();
    m_out->write(
        manPage(globalOptions(paths), commands(paths), QStringLiteral(STELLA_VERSION)).toUtf8());
    return {};
}

QString Cli::sandboxNote() const
{
    return m_sandbox ? QStringLiteral(" (sandbox: discarded at exit)") : QString();
}

int Cli::run(const QStringList &arguments)
{
    // Global options come before the command; everything after it belongs to the command.
    QStringList rest = arguments.mid(1);
    bool json = false;
    QString db = qEnvironmentVariable("STELLA_DB");
    QString problem;
    QString asked; // --help or --version: answered at once, whatever follows
    const GlobalOptions globals = globalOptions();
    while (problem.isEmpty() && !rest.isEmpty() && rest.first().startsWith(QLatin1String("--"))) {
        const QString opt = rest.takeFirst();
        const auto known = std::find_if(globals.options.begin(), globals.options.end(),
                                        [&](const OptionSpec &o) { return opt.mid(2) == o.name; });
        if (known == globals.options.end()) {
            problem = QStringLiteral("unknown global option %1").arg(opt);
            break;
        }
        QString value;
        if (!known->isFlag()) {
            if (rest.isEmpty()) {
                problem = QStringLiteral("%1 needs a value").arg(opt);
                break;
            }
            value = rest.takeFirst();
        }
        if (known->name == QLatin1String("help") || known->name == QLatin1String("version")) {
            asked = known->name;
            break;
        }
        if (known->name == QLatin1String("json"))
            json = true;
        else if (known->name == QLatin1String("sandbox"))
            m_sandbox = true;
        else if (known->name == QLatin1String("verbose"))
            enableVerboseLogging();
        else if (known->name == QLatin1String("db"))
            db = value;
        else if (known->name == QLatin1String("tenant"))
            m_ctx.tenantId = value;
        else if (known->name == QLatin1String("actor"))
            m_ctx.actor = value;
        else if (known->name == QLatin1String("plugin-dir"))
            m_pluginDirs.append(value);
    }
    m_out = std::make_unique<Output>(json);
    if (asked == QLatin1String("help")) {
        m_out->write(globalHelp(globals, commands()).toUtf8());
        return 0;
    }
    if (asked == QLatin1String("version")) {
        m_out->line(QStringLiteral("stella-integrations %1").arg(QStringLiteral(STELLA_VERSION)));
        return 0;
    }
    if (problem.isEmpty() && rest.isEmpty())
        problem = QStringLiteral("no command given");
    if (problem.isEmpty() &&
        (m_ctx.tenantId.trimmed().isEmpty() || m_ctx.actor.trimmed().isEmpty()))
        problem = QStringLiteral("--tenant and --actor must not be empty");
    if (!problem.isEmpty()) {
        m_out->error(Error::invalidInput(
            problem, QStringLiteral("Usage: stella-integrations %1 COMMAND ...; --help lists the "
                                    "commands")
                         .arg(globals.synopsis())));
        return 2;
    }

    // Before the command: a plugin's providers are as good as built-in ones to every command.
    loadPlugins();
    const QString name = rest.takeFirst();
    const QList<Command> all = commands();
    const Command *command = findCommand(all, name);
    if (!command) {
        m_out->error(unknownCommand(all, name));
        return 2;
    }
    auto args = Args::parse(rest, command->spec);
    if (!args) {
        m_out->error(args.error());
        return 2;
    }
    if (args->helpRequested()) {
        m_out->write(commandHelp(globals, *command).toUtf8());
        return 0;
    }
    if (m_sandbox) {
        m_dbUrl = DatabaseUrl::inMemory();
    } else if (db.isEmpty()) {
        m_dbUrl = DatabaseUrl::defaultCatalog();
    } else {
        auto url = DatabaseUrl::parse(db);
        if (!url) {
            m_out->error(url.error());
            return 2;
        }
        m_dbUrl = *url;
    }
    if (command->needsCatalog) {
        if (auto r = openCatalog(); !r) {
            m_out->error(r.error());
            return exitCodeFor(r.error().kind);
        }
    }
    auto result = command->handler(*this, *args);
    // With --json the document on stdout stays as it always was; the reminder goes to stderr.
    if (m_sandbox && command->changesCatalog && m_out->json())
        Output::progress(
            QStringLiteral("sandbox: nothing is kept, the catalog is discarded at exit"));
    if (!result) {
        m_out->error(result.error());
        return exitCodeFor(result.error().kind);
    }
    m_out->flush();
    return 0;
}

Result<void> Cli::openCatalog()
{
    if (m_session)
        return {};
    auto session = CatalogSession::open(m_dbUrl, m_registry, m_clock);
    if (!session)
        return session.error();
    m_session = std::move(session).value();
    // Each loaded plugin is recorded in plugin_metadata as the catalog is opened (§20.4).
    if (auto recorded = PluginMetadataStore(m_session->database()).record(m_plugins.loaded);
        !recorded)
        return recorded;
    if (m_sandbox)
        return SandboxSeeder::seed(*m_session, m_clock);
    return {};
}

IntegrationCatalog &Cli::catalog()
{
    return m_session->catalog();
}

Result<QJsonObject> Cli::readConfigArgument(const QString &value) const
{
    QByteArray bytes = value.toUtf8();
    QString source = QStringLiteral("--config");
    if (value.startsWith(QLatin1Char('@'))) {
        QFile file(value.mid(1));
        if (!file.open(QIODevice::ReadOnly))
            return Error::invalidInput(QStringLiteral("Cannot read the config file %1: %2")
                                           .arg(file.fileName(), file.errorString()),
                                       QStringLiteral("Check the path after '@'"));
        bytes = file.readAll();
        source = file.fileName();
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error::invalidInput(
            QStringLiteral("%1 is not valid JSON: %2 at offset %3")
                .arg(source, parseError.errorString())
                .arg(parseError.offset),
            QStringLiteral("Give a JSON object, e.g. --config '{\"project\": \"library\"}'"));
    if (!doc.isObject())
        return Error::invalidInput(
            QStringLiteral("%1 must be a JSON object").arg(source),
            QStringLiteral("Give a JSON object, e.g. --config '{\"project\": \"library\"}'"));
    return doc.object();
}

Result<Integration> Cli::findIntegration(const QString &idOrName)
{
    return IntegrationLookup(catalog(), m_ctx).find(idOrName);
}

} // namespace stella::cli
