// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/common/IconSet.h"

#include <QObject>
#include <QStyle>

class QAction;
class QKeySequence;
class QMenu;
class QMenuBar;
class QToolBar;
class QWidget;

namespace stella::ui {

// The console's actions with their names, shortcuts and tooltips, the menus and the toolbar
// that show them, and when each is enabled. The window connects them to its handlers.
//
// Object names (for tests and accessibility): actionAdd, actionEdit, actionDelete,
// actionRefresh, actionOpenCatalog, actionQuit, actionTest, actionCheckNow, actionDiscover,
// actionHealth, actionOutbox, actionPlugins, actionNewTenant, actionAbout, actionAboutQt,
// actionSettings, actionImport, actionExport, actionNewIntegration, actionGuard.
class ConsoleActions : public QObject
{
    Q_OBJECT

public:
    // The actions are the window's children: their shortcuts work wherever the window has focus.
    explicit ConsoleActions(QWidget &window);

    // Also makes recentCatalogs, File → Open recent (filled by the window).
    void addToMenuBar(QMenuBar &menuBar);
    void addToToolBar(QToolBar &toolBar) const;
    // What can be done: with a catalog open, with an integration selected, and Check now only
    // while that integration is not being checked already.
    void update(bool hasCatalog, bool selected, bool checkingSelected);

    QAction *add = nullptr;
    QAction *edit = nullptr;
    QAction *remove = nullptr;
    QAction *refresh = nullptr;
    QAction *openCatalog = nullptr;
    QAction *quit = nullptr;
    QAction *test = nullptr;
    QAction *checkNow = nullptr;
    QAction *discover = nullptr;
    QAction *health = nullptr;
    QAction *outbox = nullptr;    // the SCM annotation outbox, tenant-wide
    QAction *plugins = nullptr;   // Help → Plugins
    QAction *newTenant = nullptr; // next to the tenant box: the only way to create a tenant
    QAction *about = nullptr;
    QAction *aboutQt = nullptr;
    QAction *settings = nullptr;       // Edit → Settings…
    QAction *importCatalog = nullptr;  // File → Import…
    QAction *exportCatalog = nullptr;  // File → Export…
    QMenu *recentCatalogs = nullptr;   // File → Open recent ("recentCatalogsMenu")
    QAction *newIntegration = nullptr; // File → New integration…: the onboarding wizard
    QAction *guard = nullptr;          // Tools → AI Code Guard: needs no catalog

private:
    QAction *make(const char *name, const QString &text, ConsoleIcon icon, const QKeySequence &key,
                  const QString &tip);
    QAction *make(const char *name, const QString &text, QStyle::StandardPixmap icon,
                  const QKeySequence &key, const QString &tip);

    QWidget &m_window;
};

} // namespace stella::ui
