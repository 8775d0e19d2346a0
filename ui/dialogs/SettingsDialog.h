// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLineEdit;
class QListWidget;
class QSpinBox;

namespace stella::ui {

class ConsoleSettings;
class MessageWidget;

// Edit → Settings… ("settingsDialog"): the preferences of ConsoleSettings. OK writes them and
// emits applied(); the window applies what it can at once (monitor on/off, concurrency,
// interval, notifications) and the dialog says which ones take effect at the next start (the
// default catalog, start in the tray, the language).
//
// Widgets: defaultCatalogEdit, recentCatalogsList, clearRecentButton, monitorCheck,
// concurrencySpin, intervalEdit, notificationsCheck, startInTrayCheck, languageCombo, restartNote,
// settingsError, buttons.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    SettingsDialog(ConsoleSettings &settings, QWidget *parent = nullptr);

    // What OK would store is valid (the default catalog parses, the interval is a duration of
    // at least 10s).
    bool isValid() const;

Q_SIGNALS:
    void applied();

private:
    void load();
    void revalidate();
    void save();

    ConsoleSettings &m_settings;
    QLineEdit *m_defaultCatalog;
    QListWidget *m_recent;
    QCheckBox *m_monitor;
    QSpinBox *m_concurrency;
    QLineEdit *m_interval;
    QCheckBox *m_notifications;
    QCheckBox *m_startInTray;
    QComboBox *m_language;
    MessageWidget *m_error;
    QDialogButtonBox *m_buttons;
    bool m_clearRecent = false;
};

} // namespace stella::ui
