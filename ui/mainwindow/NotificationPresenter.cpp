// SPDX-License-Identifier: Apache-2.0
#include "NotificationPresenter.h"

#include "ui/views/StatusIcon.h"

#include <QMainWindow>
#include <QStatusBar>
#include <QSystemTrayIcon>

namespace stella::ui {

namespace {
constexpr int kShownMs = 15'000;
}

NotificationPresenter::NotificationPresenter(QMainWindow &window)
    : QObject(&window), m_window(window)
{}

void NotificationPresenter::show(HealthStatus status, const QString &title, const QString &message)
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        QSystemTrayIcon *icon = tray();
        icon->show();
        icon->showMessage(title, message,
                          status == HealthStatus::Unhealthy ? QSystemTrayIcon::Warning
                                                            : QSystemTrayIcon::Information,
                          kShownMs);
    } else {
        m_window.statusBar()->showMessage(message, kShownMs);
    }
    Q_EMIT shown(title, message);
}

void NotificationPresenter::hideTray()
{
    if (m_tray)
        m_tray->hide();
}

bool NotificationPresenter::showTrayOnly()
{
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return false;
    tray()->show();
    return true;
}

QSystemTrayIcon *NotificationPresenter::tray()
{
    if (m_tray)
        return m_tray;
    m_tray = new QSystemTrayIcon(StatusIcon::icon(HealthStatus::Healthy), this);
    m_tray->setObjectName(QStringLiteral("trayIcon"));
    m_tray->setToolTip(tr("Stella Ops Integrations Console"));
    connect(m_tray, &QSystemTrayIcon::activated, this, &NotificationPresenter::raiseWindow);
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, &NotificationPresenter::raiseWindow);
    return m_tray;
}

void NotificationPresenter::raiseWindow()
{
    m_window.showNormal();
    m_window.raise();
    m_window.activateWindow();
}

} // namespace stella::ui
