// SPDX-License-Identifier: Apache-2.0
#include "Cli.h"

#include "connectors/BuiltinProviders.h"
#include "core/catalog/IntegrationCatalog.h"
#include "core/sandbox/SandboxSeeder.h"

#include <QFile>
#include <QJsonDocument>
#include <limits>

namespace stella::cli {

namespace {
const QString kGlobalUsage = QStringLiteral("Usage: stella-integrations [--db URL] [--tenant ID] "
                                            "[--actor NAME] [--json] [--sandbox] COMMAND ...");

ArgSpec spec(QString usage, QSet<QString> values = {}, QSet<QString> flags = {}, int minPos = 0,
             int maxPos = 0)
{
    return ArgSpec{std::move(values), std::move(flags), minPos, maxPos, std::move(usage)};
}
} // namespace

Cli::Cli() : m_clock(SystemClock::instance())
{
    registerBuiltinProviders(m_registry);
}

Cli::~Cli() = default;

QList<Cli::Command> Cli::commands() const
{
    using S = QSet<QString>;
    return {
        {QStringLiteral("providers"),
         spec(QStringLiteral("providers [--include-test-only]"), {},
              S{QStringLiteral("include-test-only")}),
         false, &Cli::providers, QStringLiteral("list the providers and their settings")},
        {QStringLiteral("list"),
         spec(QStringLiteral("list [--type T] [--provider P] [--status S]"),
              S{QStringLiteral("type"), QStringLiteral("provider"), QStringLiteral("status")}),
         true, &Cli::list, QStringLiteral("list the tenant's integrations")},
        {QStringLiteral("show"), spec(QStringLiteral("show ID"), {}, {}, 1, 1), true, &Cli::show,
         QStringLiteral("show one integration")},
        {QStringLiteral("add"),
         spec(QStringLiteral("add --provider P --name N [--type T] [--endpoint URL] [--config "
                             "JSON|@FILE] [--authref URI]"),
              S{QStringLiteral("provider"), QStringLiteral("name"), QStringLiteral("type"),
                QStringLiteral("endpoint"), QStringLiteral("config"), QStringLiteral("authref")}),
         true, &Cli::add, QStringLiteral("register an integration")},
        {QStringLiteral("update"),
         spec(QStringLiteral("update ID [--name N] [--endpoint URL] [--config JSON|@FILE] "
                             "[--authref URI] [--expect-version V]"),
              S{QStringLiteral("name"), QStringLiteral("endpoint"), QStringLiteral("config"),
                QStringLiteral("authref"), QStringLiteral("expect-version")},
              {}, 1, 1),
         true, &Cli::update, QStringLiteral("change an integration")},
        {QStringLiteral("remove"),
         spec(QStringLiteral("remove ID [--expect-version V]"), S{QStringLiteral("expect-version")},
              {}, 1, 1),
         true, &Cli::remove, QStringLiteral("remove an integration")},
        {QStringLiteral("test"), spec(QStringLiteral("test ID"), {}, {}, 1, 1), true, &Cli::test,
         QStringLiteral("run test-connection, steps live on stderr")},
        {QStringLiteral("check"), spec(QStringLiteral("check ID"), {}, {}, 1, 1), true, &Cli::check,
         QStringLiteral("run a health check and record it")},
        {QStringLiteral("health"),
         spec(QStringLiteral("health ID [--range DUR | --from T [--to T]] [--points N] [--last N]"),
              S{QStringLiteral("last"), QStringLiteral("range"), QStringLiteral("from"),
                QStringLiteral("to"), QStringLiteral("points")},
              {}, 1, 1),
         true, &Cli::health,
         QStringLiteral("uptime and downsampled history (default: last 24h), latest checks")},
        {QStringLiteral("monitor"),
         spec(QStringLiteral("monitor [--once] [--interval DUR] [--concurrency N] [--timeout DUR] "
                             "[--retention DUR]"),
              S{QStringLiteral("interval"), QStringLiteral("concurrency"),
                QStringLiteral("timeout"), QStringLiteral("retention")},
              S{QStringLiteral("once")}),
         false, &Cli::monitor,
         QStringLiteral("check the tenant's integrations on their schedule (--once: one sweep)")},
        {QStringLiteral("metrics"), spec(QStringLiteral("metrics")), true, &Cli::metrics,
         QStringLiteral("print the catalog's metrics in the Prometheus text format")},
        {QStringLiteral("discover"),
         spec(QStringLiteral("discover ID --resource-type T [--name-pattern GLOB] [--limit N]"),
              S{QStringLiteral("resource-type"), QStringLiteral("name-pattern"),
                QStringLiteral("limit")},
              {}, 1, 1),
         true, &Cli::discover,
         QStringLiteral("list repositories, tags, projects, jobs or pipelines")},
        {QStringLiteral("audit"),
         spec(QStringLiteral("audit [--integration ID] [--limit N]"),
              S{QStringLiteral("integration"), QStringLiteral("limit")}),
         true, &Cli::audit, QStringLiteral("show the audit log")},
        {QStringLiteral("export"),
         spec(QStringLiteral("export [--file F]"), S{QStringLiteral("file")}), true,
         &Cli::exportCatalog,
         QStringLiteral("write the tenant's integrations as JSON (AuthRefs, never secrets)")},
        {QStringLiteral("import"),
         spec(QStringLiteral("import --file F"), S{QStringLiteral("file")}), true,
         &Cli::importCatalog,
         QStringLiteral("add the integrations of an export file, all or nothing")},
        {QStringLiteral("secret"),
         spec(QStringLiteral("secret set|delete|check AUTHREF"), {}, {}, 2, 2), false, &Cli::secret,
         QStringLiteral("store (value on stdin), delete or check a secret; never prints it")},
        {QStringLiteral("guard"),
         spec(QStringLiteral("guard run [--config FILE] [--format text|json|sarif] "
                             "[--max-findings N] [--fail-on SEVERITY] [--threads N] PATH..."),
              S{QStringLiteral("config"), QStringLiteral("format"), QStringLiteral("max-findings"),
                QStringLiteral("fail-on"), QStringLiteral("threads")},
              {}, 1, std::numeric_limits<int>::max()),
         false, &Cli::guard,
         QStringLiteral("scan for secrets, AI attribution and license headers; exit 1 on "
                        "findings at or above --fail-on (default high)")},
    };
}

void Cli::printUsage() const
{
    QString text = kGlobalUsage + QStringLiteral("\n\nCommands:\n");
    for (const Command &c : commands())
        text += QStringLiteral("  %1  %2\n").arg(c.spec.usage.leftJustified(48), c.summary);
    text += QStringLiteral("\n--db also comes from STELLA_DB (sqlite:///path/catalog.db or "
                           "postgresql://user@host:port/dbname);\n"
                           "the default is %1.\n"
                           "Exit codes: 0 success, 1 failed, 2 usage or invalid input, 3 not "
                           "found, 4 conflict, 5 backend unavailable.\n")
                .arg(DatabaseUrl::defaultCatalog().displayString());
    std::fputs(text.toLocal8Bit().constData(), stdout);
}

int Cli::run(const QStringList &arguments)
{
    // Global options come before the command; everything after it belongs to the command.
    QStringList rest = arguments.mid(1);
    bool json = false;
    QString db = qEnvironmentVariable("STELLA_DB");
    QString problem;
    while (!rest.isEmpty() && rest.first().startsWith(QLatin1String("--"))) {
        const QString opt = rest.takeFirst();
        auto takeValue = [&](QString &target) {
            if (rest.isEmpty())
                problem = QStringLiteral("%1 needs a value").arg(opt);
            else
                target = rest.takeFirst();
        };
        if (opt == QLatin1String("--json"))
            json = true;
        else if (opt == QLatin1String("--sandbox"))
            m_sandbox = true;
        else if (opt == QLatin1String("--db"))
            takeValue(db);
        else if (opt == QLatin1String("--tenant"))
            takeValue(m_ctx.tenantId);
        else if (opt == QLatin1String("--actor"))
            takeValue(m_ctx.actor);
        else if (opt == QLatin1String("--help")) {
            printUsage();
            return 0;
        } else
            problem = QStringLiteral("unknown global option %1").arg(opt);
        if (!problem.isEmpty())
            break;
    }
    m_out = std::make_unique<Output>(json);
    if (problem.isEmpty() && rest.isEmpty())
        problem = QStringLiteral("no command given");
    if (problem.isEmpty() &&
        (m_ctx.tenantId.trimmed().isEmpty() || m_ctx.actor.trimmed().isEmpty()))
        problem = QStringLiteral("--tenant and --actor must not be empty");
    if (!problem.isEmpty()) {
        m_out->error(Error::invalidInput(
            problem, kGlobalUsage + QStringLiteral("; --help lists the commands")));
        return 2;
    }

    const QString name = rest.takeFirst();
    if (name == QLatin1String("help")) {
        printUsage();
        return 0;
    }
    const QList<Command> all = commands();
    const auto command =
        std::find_if(all.begin(), all.end(), [&](const Command &c) { return c.name == name; });
    if (command == all.end()) {
        QStringList names;
        for (const Command &c : all)
            names.append(c.name);
        m_out->error(Error::invalidInput(
            QStringLiteral("unknown command '%1'").arg(name),
            QStringLiteral("Commands: %1").arg(names.join(QStringLiteral(", ")))));
        return 2;
    }
    auto args = Args::parse(rest, command->spec);
    if (!args) {
        m_out->error(args.error());
        return 2;
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

Result<Integration> Cli::findIntegration(const QString &idText)
{
    auto id = IntegrationCatalog::parseId(idText);
    if (!id)
        return id.error();
    return catalog().get(m_ctx, *id);
}

} // namespace stella::cli
