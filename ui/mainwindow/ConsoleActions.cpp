// SPDX-License-Identifier: Apache-2.0
#include "ConsoleActions.h"

#include "ui/common/IconSet.h"

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QStyle>
#include <QToolBar>

namespace stella::ui {

ConsoleActions::ConsoleActions(QWidget &window) : QObject(&window), m_window(window)
{
    add = make("actionAdd", tr("&Add…"), ConsoleIcon::Add,
               QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N),
               tr("Register a new integration in one form"));
    // Ctrl+N is the guided way in: the onboarding wizard.
    newIntegration = make("actionNewIntegration", tr("&New integration…"), QStyle::SP_FileIcon,
                          QKeySequence::New,
                          tr("Add an integration step by step: type, provider, endpoint, "
                             "credential, live test"));
    edit = make("actionEdit", tr("&Edit…"), ConsoleIcon::Edit, QKeySequence(Qt::CTRL | Qt::Key_E),
                tr("Edit the selected integration"));
    remove = make("actionDelete", tr("&Delete…"), ConsoleIcon::Delete, QKeySequence::Delete,
                  tr("Remove the selected integration"));
    refresh = make("actionRefresh", tr("&Refresh"), ConsoleIcon::Refresh, QKeySequence::Refresh,
                   tr("Reload the list from the catalog"));
    openCatalog =
        make("actionOpenCatalog", tr("&Open catalog…"), ConsoleIcon::Folder, QKeySequence::Open,
             tr("Open a SQLite catalog file or a PostgreSQL catalog"));
    quit = make("actionQuit", tr("&Quit"), QStyle::SP_DialogCloseButton, QKeySequence::Quit,
                tr("Quit the console"));
    quit->setMenuRole(QAction::QuitRole);
    test = make("actionTest", tr("&Test connection…"), ConsoleIcon::Test,
                QKeySequence(Qt::CTRL | Qt::Key_T),
                tr("Test the selected integration's connection, live"));
    checkNow = make("actionCheckNow", tr("Check &now"), ConsoleIcon::CheckNow,
                    QKeySequence(Qt::CTRL | Qt::Key_K), tr("Run a health check now and record it"));
    discover =
        make("actionDiscover", tr("D&iscover…"), ConsoleIcon::Discover,
             QKeySequence(Qt::CTRL | Qt::Key_D), tr("List the selected integration's resources"));
    health = make("actionHealth", tr("&Health history"), ConsoleIcon::Health,
                  QKeySequence(Qt::CTRL | Qt::Key_H),
                  tr("Show the selected integration's health history"));
    outbox = make("actionOutbox", tr("Annotation &outbox…"), QStyle::SP_DirIcon,
                  QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O),
                  tr("The SCM annotations not delivered yet: retry, export or discard them"));
    plugins = new QAction(tr("&Plugins…"), &window);
    plugins->setObjectName(QStringLiteral("actionPlugins"));
    plugins->setToolTip(tr("The connector plugins loaded and refused at start-up"));
    newTenant = new QAction(tr("New &tenant…"), &window);
    newTenant->setObjectName(QStringLiteral("actionNewTenant"));
    newTenant->setToolTip(tr("Start a tenant of its own, with an empty list"));
    about = new QAction(tr("&About the Integrations Console"), &window);
    about->setObjectName(QStringLiteral("actionAbout"));
    about->setMenuRole(QAction::AboutRole);
    aboutQt = new QAction(tr("About &Qt"), &window);
    aboutQt->setObjectName(QStringLiteral("actionAboutQt"));
    aboutQt->setMenuRole(QAction::AboutQtRole);
    settings = make("actionSettings", tr("&Settings…"), ConsoleIcon::Settings,
                    QKeySequence(Qt::CTRL | Qt::Key_Comma),
                    tr("Default catalog, monitor, notifications and language"));
    settings->setMenuRole(QAction::PreferencesRole);
    importCatalog = new QAction(tr("&Import…"), &window);
    importCatalog->setObjectName(QStringLiteral("actionImport"));
    importCatalog->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    importCatalog->setToolTip(tr("Add the integrations of an export file, all or nothing"));
    exportCatalog = new QAction(tr("E&xport…"), &window);
    exportCatalog->setObjectName(QStringLiteral("actionExport"));
    exportCatalog->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    exportCatalog->setToolTip(tr("Write the tenant's integrations (AuthRefs, never secrets) to a "
                                 "file"));
    guard = make("actionGuard", tr("AI Code &Guard…"), ConsoleIcon::Guard,
                 QKeySequence(Qt::CTRL | Qt::Key_G),
                 tr("Preview AI Code Guard findings on a source tree and tune its config"));
    importCatalog->setIcon(IconSet::icon(ConsoleIcon::Import, window.palette()));
    exportCatalog->setIcon(IconSet::icon(ConsoleIcon::Export, window.palette()));
}

QAction *ConsoleActions::make(const char *name, const QString &text, ConsoleIcon icon,
                              const QKeySequence &key, const QString &tip)
{
    auto *a = new QAction(IconSet::icon(icon, m_window.palette()), text, &m_window);
    a->setObjectName(QLatin1String(name));
    a->setShortcut(key);
    a->setToolTip(tr("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
    return a;
}

QAction *ConsoleActions::make(const char *name, const QString &text, QStyle::StandardPixmap icon,
                              const QKeySequence &key, const QString &tip)
{
    // The actions resources/icons has no icon for keep the style's.
    auto *a = new QAction(m_window.style()->standardIcon(icon), text, &m_window);
    a->setObjectName(QLatin1String(name));
    a->setShortcut(key);
    a->setToolTip(tr("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
    return a;
}

void ConsoleActions::addToMenuBar(QMenuBar &menuBar)
{
    QMenu *file = menuBar.addMenu(tr("&File"));
    file->addAction(newIntegration);
    file->addSeparator();
    file->addAction(openCatalog);
    recentCatalogs = file->addMenu(tr("Open &recent"));
    recentCatalogs->setObjectName(QStringLiteral("recentCatalogsMenu"));
    file->addAction(newTenant);
    file->addSeparator();
    file->addActions({importCatalog, exportCatalog});
    file->addSeparator();
    file->addAction(quit);
    QMenu *editMenu = menuBar.addMenu(tr("&Edit"));
    editMenu->addAction(settings);
    QMenu *integration = menuBar.addMenu(tr("&Integration"));
    integration->addActions({add, edit, remove});
    integration->addSeparator();
    integration->addActions({test, checkNow, health, discover});
    integration->addSeparator();
    integration->addAction(refresh);
    integration->addSeparator();
    integration->addAction(outbox);
    QMenu *tools = menuBar.addMenu(tr("&Tools"));
    tools->addAction(guard);
    QMenu *help = menuBar.addMenu(tr("&Help"));
    help->addAction(plugins);
    help->addSeparator();
    help->addActions({about, aboutQt});
}

void ConsoleActions::addToToolBar(QToolBar &toolBar) const
{
    toolBar.addActions({add, edit, remove});
    toolBar.addSeparator();
    toolBar.addActions({test, checkNow});
    toolBar.addSeparator();
    toolBar.addAction(refresh);
}

void ConsoleActions::update(bool hasCatalog, bool selected, bool checkingSelected)
{
    add->setEnabled(hasCatalog);
    newIntegration->setEnabled(hasCatalog);
    refresh->setEnabled(hasCatalog);
    outbox->setEnabled(hasCatalog);
    importCatalog->setEnabled(hasCatalog);
    exportCatalog->setEnabled(hasCatalog);
    for (QAction *a : {edit, remove, test, discover, health})
        a->setEnabled(selected);
    checkNow->setEnabled(selected && !checkingSelected);
}

} // namespace stella::ui
