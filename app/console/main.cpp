// SPDX-License-Identifier: Apache-2.0
// stella-console: the desktop shell over libstella-ui. Parses the command line, opens the
// catalog (or the offline sandbox) and shows the main window; everything else is in ui/.
#include "connectors/BuiltinProviders.h"
#include "core/catalog/CatalogSession.h"
#include "core/catalog/CatalogThread.h"
#include "core/common/Clock.h"
#include "core/common/FutureCallback.h"
#include "core/common/LogRedaction.h"
#include "core/common/Logging.h"
#include "core/health/HealthMonitor.h"
#include "core/plugins/PluginLoader.h"
#include "core/plugins/PluginMetadataStore.h"
#include "core/providers/ProviderRegistry.h"
#include "core/storage/DatabaseUrl.h"
#include "ui/common/ConsoleLanguage.h"
#include "ui/common/ConsoleSettings.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/models/IntegrationListModel.h"
#include "ui/session/ConsoleServices.h"
#include "ui/views/HealthPane.h"
#include "ui/views/WindowScreenshot.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QIcon>
#include <QLocale>
#include <QTimer>
#include <cstdio>
#include <memory>
#include <utility>

using namespace stella;

namespace {
// main() and its helpers are no QObject: their words get a translation context of their own.
struct ConsoleText
{
    Q_DECLARE_TR_FUNCTIONS(stella::console)
};

void printError(const QString &text)
{
    std::fprintf(stderr, "stella-console: %s\n", qPrintable(text));
}

// What --show-health asks for: an integration's Health tab over a range.
struct HealthShot
{
    QString name; // empty: the window as it opens
    ui::HealthPane::Range range = ui::HealthPane::Range::Day;
    bool wizard = false; // --show-wizard: the onboarding wizard's first page instead
};

// --screenshot: once the window has settled (list loaded, details shown), render it to a PNG.
// With --show-health, first select that integration's Health tab and wait for its history and
// for the monitor's first sweep, so the picture shows charted history and fresh statuses.
// A catalog that never answers still gets a screenshot (of the wait) after a timeout.
void scheduleScreenshot(ui::MainWindow &window, CatalogThread &catalog, const QString &file,
                        bool quit, const QElapsedTimer &sinceStart, const HealthShot &health)
{
    auto take = [&window, file, quit, &sinceStart] {
        static bool taken = false;
        if (taken)
            return;
        taken = true;
        // Launch-to-painted time, for bench/ and for anyone wondering about a large catalog.
        std::fprintf(stderr, "stella-console: %d integrations shown %lld ms after start\n",
                     window.listModel()->totalCount(), sinceStart.elapsed());
        QWidget *shown = &window;
        if (QWidget *wizard = window.findChild<QWidget *>(QStringLiteral("onboardingWizard")))
            shown = wizard;
        auto saved = ui::saveWindowScreenshot(shown, file);
        if (saved)
            std::fprintf(stderr, "stella-console: screenshot saved to %s\n", qPrintable(file));
        else
            printError(saved.error().toText());
        if (quit)
            QCoreApplication::exit(saved ? 0 : 1);
    };
    QTimer::singleShot(30'000, &window, take);
    if (health.wizard) {
        auto opened = std::make_shared<bool>(false);
        QObject::connect(
            &window, &ui::MainWindow::settled, &window,
            [&window, take, opened] {
                if (std::exchange(*opened, true))
                    return;
                window.newIntegration();
                QTimer::singleShot(200, take); // the wizard's pages lay out and paint first
            },
            Qt::QueuedConnection);
        return;
    }
    if (health.name.isEmpty()) {
        // Queued: the window paints the freshly loaded list before it is grabbed.
        QObject::connect(
            &window, &ui::MainWindow::settled, &window, [take] { QTimer::singleShot(0, take); },
            Qt::QueuedConnection);
        return;
    }
    auto shown = std::make_shared<bool>(false);
    QObject::connect(
        &window, &ui::MainWindow::settled, &window,
        [&window, &catalog, take, health, shown] {
            if (*shown)
                return;
            *shown = true;
            const ui::IntegrationListModel *model = window.listModel();
            QUuid id;
            for (int row = 0; row < model->rowCount() && id.isNull(); ++row)
                if (model->integrationAt(row)->name == health.name)
                    id = model->integrationAt(row)->id;
            if (id.isNull()) {
                printError(ConsoleText::tr("--show-health: no integration named “%1” in this "
                                           "tenant; the screenshot shows the window as it opened")
                               .arg(health.name));
                QTimer::singleShot(0, take);
                return;
            }
            // Two things to wait for: the chart's history, and the monitor's first sweep (the
            // list's statuses are stale until then).
            auto waiting = std::make_shared<int>(window.healthMonitor() ? 2 : 1);
            auto oneDone = [&window, &catalog, take, waiting] {
                if (--*waiting != 0)
                    return;
                // The list refreshes each checked row with its own catalog read: one more round
                // trip through the catalog thread, and every one of those has been answered.
                onFinished(&window,
                           catalog.run([](IntegrationCatalog &) { return Result<void>(); }),
                           [take](const Result<void> &) { QTimer::singleShot(0, take); });
            };
            ui::HealthPane *pane = window.healthPane();
            auto loaded = std::make_shared<QMetaObject::Connection>();
            *loaded = QObject::connect(pane, &ui::HealthPane::loaded, pane, [loaded, oneDone] {
                QObject::disconnect(*loaded);
                oneDone();
            });
            if (HealthMonitor *monitor = window.healthMonitor()) {
                auto swept = std::make_shared<QMetaObject::Connection>();
                *swept = QObject::connect(monitor, &HealthMonitor::sweepFinished, monitor,
                                          [swept, oneDone] {
                                              QObject::disconnect(*swept);
                                              oneDone();
                                          });
            }
            window.selectIntegration(id);
            pane->setRange(health.range);
            window.showHealth();
        },
        Qt::QueuedConnection);
}
} // namespace

namespace {

// Each loaded plugin in plugin_metadata (docs/contracts.md §20.4), before the window opens the
// catalog; a catalog that cannot take them is the window's to report, so here it is only logged.
void recordPlugins(const DatabaseUrl &url, const ProviderRegistry &registry, const Clock &clock,
                   const PluginScan &plugins)
{
    if (plugins.loaded.isEmpty())
        return;
    auto session = CatalogSession::open(url, registry, clock);
    if (!session) {
        STELLA_LOG_WARNING(lcConnectors) << "plugins not recorded:" << session.error().message;
        return;
    }
    if (auto r = PluginMetadataStore((*session)->database()).record(plugins.loaded); !r)
        STELLA_LOG_WARNING(lcConnectors) << "plugins not recorded:" << r.error().message;
}

} // namespace

int main(int argc, char *argv[])
{
    // Before anything can log (Qt's platform plugins log during QApplication's construction).
    installRedactingMessageHandler();
    QElapsedTimer sinceStart;
    sinceStart.start();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("stella-console"));
    QApplication::setOrganizationName(QStringLiteral("stella-ops"));
    // Before the first translated word: the language of Settings, else the system's.
    ui::ConsoleSettings settings;
    ui::installConsoleTranslations(app, settings.language(), QLocale::system().uiLanguages());
    QApplication::setApplicationDisplayName(ConsoleText::tr("Stella Ops Integrations Console"));
    QApplication::setApplicationVersion(QStringLiteral(STELLA_VERSION));
    // The menu entry's id (packaging/): lets a Wayland compositor match the window to it, and
    // the icon theme find the installed icon.
    QGuiApplication::setDesktopFileName(QStringLiteral("org.stellaops.IntegrationsConsole"));
    QApplication::setWindowIcon(
        QIcon::fromTheme(QStringLiteral("org.stellaops.IntegrationsConsole")));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        ConsoleText::tr("Administer the Stella Ops integration catalog."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption sandbox(
        QStringLiteral("sandbox"),
        ConsoleText::tr("Use an in-memory catalog seeded with demo integrations and 30 "
                        "days of health history; nothing touches the network."));
    const QCommandLineOption db(
        QStringLiteral("db"),
        ConsoleText::tr("The catalog: sqlite:///path/catalog.db or "
                        "postgresql://user@host:port/dbname (also $STELLA_DB; default %1).")
            .arg(DatabaseUrl::defaultCatalog().displayString()),
        QStringLiteral("URL"));
    const QCommandLineOption tenant(QStringLiteral("tenant"),
                                    ConsoleText::tr("The tenant to show (default: default)."),
                                    QStringLiteral("ID"), QStringLiteral("default"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        ConsoleText::tr("Once the list is shown, save the window as a PNG to FILE."),
        QStringLiteral("FILE"));
    const QCommandLineOption quitAfter(QStringLiteral("quit-after-screenshot"),
                                       ConsoleText::tr("Exit after saving the --screenshot."));
    const QCommandLineOption showHealth(
        QStringLiteral("show-health"),
        ConsoleText::tr("With --screenshot: select the integration NAME and show its Health tab."),
        QStringLiteral("NAME"));
    const QCommandLineOption showWizard(
        QStringLiteral("show-wizard"),
        ConsoleText::tr("With --screenshot: open the onboarding wizard and save it instead."));
    const QCommandLineOption healthRange(
        QStringLiteral("health-range"),
        ConsoleText::tr("The Health tab's range for --show-health: 24h, 7d or 30d (default 24h)."),
        QStringLiteral("RANGE"), QStringLiteral("24h"));
    const QCommandLineOption pluginDir(
        QStringLiteral("plugin-dir"),
        ConsoleText::tr("Also load connector plugins from DIR (repeatable; after the system and "
                        "user folders, before $STELLA_PLUGIN_PATH)."),
        QStringLiteral("DIR"));
    parser.addOptions({sandbox, db, tenant, screenshot, quitAfter, showHealth, showWizard,
                       healthRange, pluginDir});
    parser.process(app);

    RequestContext ctx;
    ctx.tenantId = parser.value(tenant).trimmed();
    ctx.actor = qEnvironmentVariable("USER", QStringLiteral("operator"));
    if (ctx.tenantId.isEmpty()) {
        printError(ConsoleText::tr("--tenant must not be empty"));
        return 2;
    }
    if (parser.isSet(quitAfter) && !parser.isSet(screenshot)) {
        printError(ConsoleText::tr("--quit-after-screenshot needs --screenshot FILE"));
        return 2;
    }
    HealthShot health;
    health.name = parser.value(showHealth).trimmed();
    health.wizard = parser.isSet(showWizard);
    if (health.wizard && !parser.isSet(screenshot)) {
        printError(ConsoleText::tr("--show-wizard needs --screenshot FILE"));
        return 2;
    }
    if (parser.isSet(showHealth) && !parser.isSet(screenshot)) {
        printError(ConsoleText::tr("--show-health needs --screenshot FILE"));
        return 2;
    }
    const QString range = parser.value(healthRange);
    if (range == QLatin1String("24h"))
        health.range = ui::HealthPane::Range::Day;
    else if (range == QLatin1String("7d"))
        health.range = ui::HealthPane::Range::Week;
    else if (range == QLatin1String("30d"))
        health.range = ui::HealthPane::Range::Month;
    else {
        printError(ConsoleText::tr("--health-range must be 24h, 7d or 30d, not “%1”").arg(range));
        return 2;
    }
    // Without --db or $STELLA_DB: the default catalog of Settings, else the one opened last.
    DatabaseUrl url = settings.startupCatalog();
    const QString dbText = parser.isSet(db) ? parser.value(db) : qEnvironmentVariable("STELLA_DB");
    if (!parser.isSet(sandbox) && !dbText.isEmpty()) {
        auto parsed = DatabaseUrl::parse(dbText);
        if (!parsed) {
            printError(parsed.error().toText());
            return 2;
        }
        url = *parsed;
    }

    ProviderRegistry registry;
    registerBuiltinProviders(registry);
    const QList<PluginFolder> pluginFolderList = pluginFolders(parser.values(pluginDir));
    const PluginScan plugins =
        PluginLoader(registry, PluginTrust::fromSettings()).load(pluginFolderList);
    const Clock &clock = SystemClock::instance();
    if (!parser.isSet(sandbox))
        recordPlugins(url, registry, clock, plugins);
    CatalogThread catalog(registry, clock);

    // The services first, the window after them: the window (its dialogs, discovery and checks)
    // is destroyed before the resolver, launcher and session it uses (ConsoleServices).
    ui::ConsoleServices services(catalog, registry, clock, ctx);
    services.plugins = plugins;
    services.pluginFolders = pluginFolderList;
    ui::MainWindow window(services);
    window.setSettings(&settings);
    if (parser.isSet(screenshot))
        scheduleScreenshot(window, catalog, parser.value(screenshot), parser.isSet(quitAfter),
                           sinceStart, health);
    if (parser.isSet(screenshot) || !settings.startInTray() || !window.showInTrayOnly())
        window.show();
    if (parser.isSet(sandbox))
        window.openSandbox();
    else
        window.openCatalog(url);
    return app.exec();
}
