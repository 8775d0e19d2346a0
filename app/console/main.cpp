// SPDX-License-Identifier: Apache-2.0
// stella-console: the desktop shell over libstella-ui. Parses the command line, opens the
// catalog (or the offline sandbox) and shows the main window; everything else is in ui/.
#include "BuiltinProviders.h"
#include "catalog/CatalogThread.h"
#include "common/Clock.h"
#include "common/LogRedaction.h"
#include "mainwindow/MainWindow.h"
#include "models/IntegrationListModel.h"
#include "providers/ProviderRegistry.h"
#include "storage/DatabaseUrl.h"
#include "views/WindowScreenshot.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QTimer>
#include <cstdio>

using namespace stella;

namespace {
void printError(const QString &text)
{
    std::fprintf(stderr, "stella-console: %s\n", qPrintable(text));
}

// --screenshot: once the window has settled (list loaded, details shown), render it to a PNG.
// A catalog that never answers still gets a screenshot (of the wait) after a timeout.
void scheduleScreenshot(ui::MainWindow &window, const QString &file, bool quit,
                        const QElapsedTimer &sinceStart)
{
    auto take = [&window, file, quit, &sinceStart] {
        static bool taken = false;
        if (taken)
            return;
        taken = true;
        // Launch-to-painted time, for bench/ and for anyone wondering about a large catalog.
        std::fprintf(stderr, "stella-console: %d integrations shown %lld ms after start\n",
                     window.listModel()->totalCount(), sinceStart.elapsed());
        auto saved = ui::saveWindowScreenshot(&window, file);
        if (saved)
            std::fprintf(stderr, "stella-console: screenshot saved to %s\n", qPrintable(file));
        else
            printError(saved.error().toText());
        if (quit)
            QCoreApplication::exit(saved ? 0 : 1);
    };
    // Queued: the window paints the freshly loaded list before it is grabbed.
    QObject::connect(
        &window, &ui::MainWindow::settled, &window, [take] { QTimer::singleShot(0, take); },
        Qt::QueuedConnection);
    QTimer::singleShot(30'000, &window, take);
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
    QApplication::setApplicationDisplayName(QStringLiteral("Stella Ops Integrations Console"));
    QApplication::setApplicationVersion(QStringLiteral(STELLA_VERSION));
    QApplication::setOrganizationName(QStringLiteral("stella-ops"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Administer the Stella Ops integration catalog."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption sandbox(
        QStringLiteral("sandbox"),
        QStringLiteral("Use an in-memory catalog seeded with demo integrations and 30 "
                       "days of health history; nothing touches the network."));
    const QCommandLineOption db(
        QStringLiteral("db"),
        QStringLiteral("The catalog: sqlite:///path/catalog.db or "
                       "postgresql://user@host:port/dbname (also $STELLA_DB; default %1).")
            .arg(DatabaseUrl::defaultCatalog().displayString()),
        QStringLiteral("URL"));
    const QCommandLineOption tenant(QStringLiteral("tenant"),
                                    QStringLiteral("The tenant to show (default: default)."),
                                    QStringLiteral("ID"), QStringLiteral("default"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral("Once the list is shown, save the window as a PNG to FILE."),
        QStringLiteral("FILE"));
    const QCommandLineOption quitAfter(QStringLiteral("quit-after-screenshot"),
                                       QStringLiteral("Exit after saving the --screenshot."));
    parser.addOptions({sandbox, db, tenant, screenshot, quitAfter});
    parser.process(app);

    RequestContext ctx;
    ctx.tenantId = parser.value(tenant).trimmed();
    ctx.actor = qEnvironmentVariable("USER", QStringLiteral("operator"));
    if (ctx.tenantId.isEmpty()) {
        printError(QStringLiteral("--tenant must not be empty"));
        return 2;
    }
    if (parser.isSet(quitAfter) && !parser.isSet(screenshot)) {
        printError(QStringLiteral("--quit-after-screenshot needs --screenshot FILE"));
        return 2;
    }
    DatabaseUrl url = DatabaseUrl::defaultCatalog();
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
    const Clock &clock = SystemClock::instance();
    CatalogThread catalog(registry, clock);

    ui::MainWindow window(catalog, registry, clock, ctx);
    if (parser.isSet(screenshot))
        scheduleScreenshot(window, parser.value(screenshot), parser.isSet(quitAfter), sinceStart);
    window.show();
    if (parser.isSet(sandbox))
        window.openSandbox();
    else
        window.openCatalog(url);
    return app.exec();
}
