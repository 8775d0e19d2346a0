// SPDX-License-Identifier: Apache-2.0
#include "SettingsDialog.h"

#include "core/providers/ConfigSchema.h"
#include "core/storage/DatabaseUrl.h"
#include "ui/common/ConsoleSettings.h"
#include "ui/views/MessageWidget.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace stella::ui {

SettingsDialog::SettingsDialog(ConsoleSettings &settings, QWidget *parent)
    : QDialog(parent), m_settings(settings), m_defaultCatalog(new QLineEdit(this)),
      m_recent(new QListWidget(this)), m_monitor(new QCheckBox(tr("&Monitor health"), this)),
      m_concurrency(new QSpinBox(this)), m_interval(new QLineEdit(this)),
      m_notifications(new QCheckBox(tr("Show &notifications when a status changes"), this)),
      m_startInTray(new QCheckBox(tr("Start in the system &tray"), this)),
      m_language(new QComboBox(this)),
      m_error(MessageWidget::problem(QStringLiteral("settingsError"), this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    setMinimumWidth(520);

    m_defaultCatalog->setObjectName(QStringLiteral("defaultCatalogEdit"));
    m_defaultCatalog->setPlaceholderText(tr("Empty: the catalog opened last (default %1)")
                                             .arg(DatabaseUrl::defaultCatalog().displayString()));
    m_defaultCatalog->setToolTip(tr("A SQLite path or sqlite:// URL, or a PostgreSQL URL; a "
                                    "password in it is never stored"));
    m_recent->setObjectName(QStringLiteral("recentCatalogsList"));
    m_recent->setAccessibleName(tr("Recent catalogs"));
    m_recent->setMaximumHeight(m_recent->fontMetrics().height() * 6);
    auto *clearRecent = new QPushButton(tr("C&lear recent catalogs"), this);
    clearRecent->setObjectName(QStringLiteral("clearRecentButton"));
    m_monitor->setObjectName(QStringLiteral("monitorCheck"));
    m_monitor->setToolTip(tr("Check every integration on its schedule while the console is open"));
    m_concurrency->setObjectName(QStringLiteral("concurrencySpin"));
    m_concurrency->setRange(1, 256);
    m_interval->setObjectName(QStringLiteral("intervalEdit"));
    m_interval->setPlaceholderText(tr("e.g. 30s, 5m, 1h (at least 10s)"));
    m_notifications->setObjectName(QStringLiteral("notificationsCheck"));
    m_startInTray->setObjectName(QStringLiteral("startInTrayCheck"));
    m_language->setObjectName(QStringLiteral("languageCombo"));
    // Each language in its own name, so an operator who cannot read the current one finds theirs.
    m_language->addItem(tr("System language"), int(ConsoleLanguage::System));
    m_language->addItem(QStringLiteral("English"), int(ConsoleLanguage::English));
    m_language->addItem(QStringLiteral("Deutsch"), int(ConsoleLanguage::German));
    m_buttons->setObjectName(QStringLiteral("buttons"));

    auto *catalogBox = new QGroupBox(tr("Catalog"), this);
    auto *catalogForm = new QFormLayout(catalogBox);
    auto *defaultLabel = new QLabel(tr("&Default catalog:"), catalogBox);
    defaultLabel->setBuddy(m_defaultCatalog);
    catalogForm->addRow(defaultLabel, m_defaultCatalog);
    auto *recentLabel = new QLabel(tr("&Recent catalogs:"), catalogBox);
    recentLabel->setBuddy(m_recent);
    catalogForm->addRow(recentLabel, m_recent);
    catalogForm->addRow(QString(), clearRecent);

    auto *monitorBox = new QGroupBox(tr("Health monitor"), this);
    auto *monitorForm = new QFormLayout(monitorBox);
    monitorForm->addRow(m_monitor);
    auto *concurrencyLabel = new QLabel(tr("&Checks at a time:"), monitorBox);
    concurrencyLabel->setBuddy(m_concurrency);
    monitorForm->addRow(concurrencyLabel, m_concurrency);
    auto *intervalLabel = new QLabel(tr("Default &interval:"), monitorBox);
    intervalLabel->setBuddy(m_interval);
    monitorForm->addRow(intervalLabel, m_interval);
    monitorForm->addRow(m_notifications);

    auto *startBox = new QGroupBox(tr("At the next start"), this);
    auto *startForm = new QFormLayout(startBox);
    startForm->addRow(m_startInTray);
    auto *languageLabel = new QLabel(tr("&Language:"), startBox);
    languageLabel->setBuddy(m_language);
    startForm->addRow(languageLabel, m_language);
    auto *restartNote = new QLabel(tr("The default catalog, the tray and the language take effect "
                                      "when the console is started again; the rest at once."),
                                   startBox);
    restartNote->setObjectName(QStringLiteral("restartNote"));
    restartNote->setWordWrap(true);
    startForm->addRow(restartNote);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(catalogBox);
    layout->addWidget(monitorBox);
    layout->addWidget(startBox);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    connect(clearRecent, &QPushButton::clicked, this, [this] {
        m_clearRecent = true;
        m_recent->clear();
    });
    connect(m_monitor, &QCheckBox::toggled, m_concurrency, &QWidget::setEnabled);
    connect(m_monitor, &QCheckBox::toggled, m_interval, &QWidget::setEnabled);
    connect(m_defaultCatalog, &QLineEdit::textChanged, this, &SettingsDialog::revalidate);
    connect(m_interval, &QLineEdit::textChanged, this, &SettingsDialog::revalidate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (!isValid())
            return;
        save();
        accept();
        Q_EMIT applied();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    load();
    revalidate();
}

void SettingsDialog::load()
{
    m_defaultCatalog->setText(m_settings.defaultCatalog());
    m_recent->addItems(m_settings.recentCatalogs());
    m_monitor->setChecked(m_settings.monitorEnabled());
    m_concurrency->setValue(m_settings.monitorConcurrency());
    m_concurrency->setEnabled(m_monitor->isChecked());
    m_interval->setText(formatDurationMs(m_settings.defaultIntervalMs()));
    m_interval->setEnabled(m_monitor->isChecked());
    m_notifications->setChecked(m_settings.notificationsEnabled());
    m_startInTray->setChecked(m_settings.startInTray());
    m_language->setCurrentIndex(m_language->findData(int(m_settings.language())));
}

bool SettingsDialog::isValid() const
{
    return m_error->text().isEmpty();
}

void SettingsDialog::revalidate()
{
    QString problem;
    const QString catalog = m_defaultCatalog->text().trimmed();
    if (!catalog.isEmpty()) {
        const auto url = DatabaseUrl::parse(catalog);
        if (!url)
            problem = tr("Default catalog: %1").arg(url.error().toText());
        else if (url->isInMemory())
            problem = tr("Default catalog: an in-memory catalog is gone when the console "
                         "closes; give a file or a PostgreSQL URL");
    }
    const auto interval = parseDurationMs(m_interval->text().trimmed());
    if (problem.isEmpty() && (!interval || *interval < MonitorSettings::kMinimumIntervalMs))
        problem = tr("Default interval: “%1” is not a duration of at least 10s (e.g. 30s, 5m, 1h)")
                      .arg(m_interval->text().trimmed());
    m_error->setText(problem);
    m_error->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

void SettingsDialog::save()
{
    m_settings.setDefaultCatalog(m_defaultCatalog->text());
    if (m_clearRecent)
        m_settings.clearRecentCatalogs();
    m_settings.setMonitorEnabled(m_monitor->isChecked());
    m_settings.setMonitorConcurrency(m_concurrency->value());
    if (const auto interval = parseDurationMs(m_interval->text().trimmed()))
        m_settings.setDefaultIntervalMs(*interval);
    m_settings.setNotificationsEnabled(m_notifications->isChecked());
    m_settings.setStartInTray(m_startInTray->isChecked());
    m_settings.setLanguage(ConsoleLanguage(m_language->currentData().toInt()));
    m_settings.sync();
}

} // namespace stella::ui
