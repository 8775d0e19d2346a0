// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/Enums.h"

#include <QObject>

class QMainWindow;
class QSystemTrayIcon;

namespace stella::ui {

// Shows a health notification: a tray balloon when the desktop has a system tray, the window's
// status bar otherwise (offscreen, minimal desktops). A click on the tray icon or the balloon
// brings the window forward. The tray icon is made on the first notification.
class NotificationPresenter : public QObject
{
    Q_OBJECT

public:
    explicit NotificationPresenter(QMainWindow &window);

    void show(HealthStatus status, const QString &title, const QString &message);
    // The window is closing: its tray icon goes with it.
    void hideTray();
    // Settings → start in the tray: the icon is shown without a window; false when the desktop
    // has no tray (the caller shows the window instead).
    bool showTrayOnly();

Q_SIGNALS:
    void shown(const QString &title, const QString &message);

private:
    QSystemTrayIcon *tray();
    void raiseWindow();

    QMainWindow &m_window;
    QSystemTrayIcon *m_tray = nullptr;
};

} // namespace stella::ui
