// SPDX-License-Identifier: Apache-2.0
#include "ConsoleSettings.h"

namespace stella::ui {

namespace {
// The keys of docs/architecture.md, "Console settings".
const QString kDefaultCatalog = QStringLiteral("catalog/default");
const QString kRecentCatalogs = QStringLiteral("catalog/recent");
const QString kLastCatalog = QStringLiteral("catalog/last");
const QString kMonitorEnabled = QStringLiteral("monitor/enabled");
const QString kMonitorConcurrency = QStringLiteral("monitor/concurrency");
const QString kMonitorInterval = QStringLiteral("monitor/defaultIntervalMs");
const QString kNotifications = QStringLiteral("notifications/enabled");
const QString kStartInTray = QStringLiteral("window/startInTray");
const QString kLanguage = QStringLiteral("console/language");
const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");
const QString kListHeader = QStringLiteral("list/headerState");

constexpr int kMinConcurrency = 1;
constexpr int kMaxConcurrency = 256;
constexpr qint64 kMaxIntervalMs = 30LL * 86'400'000;
} // namespace

ConsoleSettings::ConsoleSettings() : m_settings(std::make_unique<QSettings>()) {}

ConsoleSettings::ConsoleSettings(const QString &path)
    : m_settings(std::make_unique<QSettings>(path, QSettings::IniFormat))
{}

QString ConsoleSettings::storedCatalog(const DatabaseUrl &url)
{
    // displayString() never carries the password.
    return url.displayString();
}

QString ConsoleSettings::defaultCatalog() const
{
    return m_settings->value(kDefaultCatalog).toString();
}

void ConsoleSettings::setDefaultCatalog(const QString &catalog)
{
    const QString text = catalog.trimmed();
    if (text.isEmpty()) {
        m_settings->remove(kDefaultCatalog);
        return;
    }
    // Parsed first, so a password typed into the URL is dropped rather than stored.
    auto url = DatabaseUrl::parse(text);
    m_settings->setValue(kDefaultCatalog, url ? storedCatalog(*url) : text);
}

QStringList ConsoleSettings::recentCatalogs() const
{
    return m_settings->value(kRecentCatalogs).toStringList();
}

void ConsoleSettings::addRecentCatalog(const DatabaseUrl &url)
{
    if (url.isInMemory())
        return;
    QStringList recent = recentCatalogs();
    const QString entry = storedCatalog(url);
    recent.removeAll(entry);
    recent.prepend(entry);
    while (recent.size() > kMaxRecentCatalogs)
        recent.removeLast();
    m_settings->setValue(kRecentCatalogs, recent);
}

void ConsoleSettings::clearRecentCatalogs()
{
    m_settings->remove(kRecentCatalogs);
}

QString ConsoleSettings::lastCatalog() const
{
    return m_settings->value(kLastCatalog).toString();
}

void ConsoleSettings::setLastCatalog(const DatabaseUrl &url)
{
    if (url.isInMemory())
        return;
    m_settings->setValue(kLastCatalog, storedCatalog(url));
    addRecentCatalog(url);
}

DatabaseUrl ConsoleSettings::startupCatalog() const
{
    for (const QString &stored : {defaultCatalog(), lastCatalog()}) {
        if (stored.isEmpty())
            continue;
        if (auto url = DatabaseUrl::parse(stored); url && !url->isInMemory())
            return *url;
    }
    return DatabaseUrl::defaultCatalog();
}

bool ConsoleSettings::monitorEnabled() const
{
    return m_settings->value(kMonitorEnabled, true).toBool();
}

void ConsoleSettings::setMonitorEnabled(bool enabled)
{
    m_settings->setValue(kMonitorEnabled, enabled);
}

int ConsoleSettings::monitorConcurrency() const
{
    const int stored =
        m_settings->value(kMonitorConcurrency, MonitorSettings{}.concurrency).toInt();
    return qBound(kMinConcurrency, stored, kMaxConcurrency);
}

void ConsoleSettings::setMonitorConcurrency(int concurrency)
{
    m_settings->setValue(kMonitorConcurrency,
                         qBound(kMinConcurrency, concurrency, kMaxConcurrency));
}

qint64 ConsoleSettings::defaultIntervalMs() const
{
    const qint64 stored =
        m_settings->value(kMonitorInterval, MonitorSettings::kDefaultIntervalMs).toLongLong();
    return qBound(MonitorSettings::kMinimumIntervalMs, stored, kMaxIntervalMs);
}

void ConsoleSettings::setDefaultIntervalMs(qint64 ms)
{
    m_settings->setValue(kMonitorInterval,
                         qBound(MonitorSettings::kMinimumIntervalMs, ms, kMaxIntervalMs));
}

MonitorSettings ConsoleSettings::monitorSettings() const
{
    MonitorSettings settings;
    settings.concurrency = monitorConcurrency();
    settings.defaultIntervalMs = defaultIntervalMs();
    return settings;
}

bool ConsoleSettings::notificationsEnabled() const
{
    return m_settings->value(kNotifications, true).toBool();
}

void ConsoleSettings::setNotificationsEnabled(bool enabled)
{
    m_settings->setValue(kNotifications, enabled);
}

bool ConsoleSettings::startInTray() const
{
    return m_settings->value(kStartInTray, false).toBool();
}

void ConsoleSettings::setStartInTray(bool enabled)
{
    m_settings->setValue(kStartInTray, enabled);
}

ConsoleLanguage ConsoleSettings::language() const
{
    return languageFromKey(m_settings->value(kLanguage).toString());
}

void ConsoleSettings::setLanguage(ConsoleLanguage language)
{
    if (language == ConsoleLanguage::System)
        m_settings->remove(kLanguage);
    else
        m_settings->setValue(kLanguage, languageKey(language));
}

QByteArray ConsoleSettings::windowGeometry() const
{
    return m_settings->value(kGeometry).toByteArray();
}

QByteArray ConsoleSettings::windowState() const
{
    return m_settings->value(kState).toByteArray();
}

void ConsoleSettings::setWindow(const QByteArray &geometry, const QByteArray &state)
{
    m_settings->setValue(kGeometry, geometry);
    m_settings->setValue(kState, state);
}

QByteArray ConsoleSettings::listHeaderState() const
{
    return m_settings->value(kListHeader).toByteArray();
}

void ConsoleSettings::setListHeaderState(const QByteArray &state)
{
    m_settings->setValue(kListHeader, state);
}

void ConsoleSettings::sync()
{
    m_settings->sync();
}

QString ConsoleSettings::fileName() const
{
    return m_settings->fileName();
}

} // namespace stella::ui
