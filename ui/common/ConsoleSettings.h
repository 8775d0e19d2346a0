// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/health/HealthPolicy.h"
#include "core/storage/DatabaseUrl.h"
#include "ui/common/ConsoleLanguage.h"

#include <QByteArray>
#include <QSettings>
#include <QStringList>
#include <memory>

namespace stella::ui {

// The console's preferences and remembered state, typed, over QSettings. The keys are listed in
// docs/architecture.md ("Console settings"). No secret is ever stored: a catalog is kept as its
// display string, which drops a PostgreSQL URL's password (the password comes from PGPASSWORD
// or ~/.pgpass when it is opened again).
//
// Preferences (Edit → Settings…): the default catalog, the monitor on or off, its concurrency
// and default interval, notifications, start in the tray, the language. Remembered state: the
// window's geometry and dock/toolbar state, the list's column widths and sort, the last catalog
// and the recent catalogs.
class ConsoleSettings
{
public:
    static constexpr int kMaxRecentCatalogs = 10;

    // The user's settings: QSettings for the application's organisation and name.
    ConsoleSettings();
    // Settings in the INI file at `path` (tests; a portable install).
    explicit ConsoleSettings(const QString &path);
    Q_DISABLE_COPY_MOVE(ConsoleSettings)

    // Empty: none chosen (the last catalog, else DatabaseUrl::defaultCatalog(), is opened).
    QString defaultCatalog() const;
    void setDefaultCatalog(const QString &catalog);
    // Newest first, never a password, at most kMaxRecentCatalogs.
    QStringList recentCatalogs() const;
    void addRecentCatalog(const DatabaseUrl &url);
    void clearRecentCatalogs();
    QString lastCatalog() const;
    void setLastCatalog(const DatabaseUrl &url);
    // What to open at start without --db or $STELLA_DB: the default catalog if one is set,
    // else the last one opened, else DatabaseUrl::defaultCatalog(). A stored value that no
    // longer parses falls back the same way.
    DatabaseUrl startupCatalog() const;

    bool monitorEnabled() const;
    void setMonitorEnabled(bool enabled);
    // Clamped to what MonitorSettings::validate() accepts.
    int monitorConcurrency() const;
    void setMonitorConcurrency(int concurrency);
    qint64 defaultIntervalMs() const;
    void setDefaultIntervalMs(qint64 ms);
    // The monitor's settings with this console's concurrency and default interval.
    MonitorSettings monitorSettings() const;

    bool notificationsEnabled() const;
    void setNotificationsEnabled(bool enabled);
    bool startInTray() const;
    void setStartInTray(bool enabled);
    // Read once at start (installConsoleTranslations): a change shows at the next start.
    ConsoleLanguage language() const;
    void setLanguage(ConsoleLanguage language);

    QByteArray windowGeometry() const;
    QByteArray windowState() const;
    void setWindow(const QByteArray &geometry, const QByteArray &state);
    // QHeaderView::saveState() of the integration list: column widths, order and sort.
    QByteArray listHeaderState() const;
    void setListHeaderState(const QByteArray &state);

    void sync();
    QString fileName() const;

private:
    static QString storedCatalog(const DatabaseUrl &url);

    std::unique_ptr<QSettings> m_settings;
};

} // namespace stella::ui
