// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"

#include <QDebug>
#include <QLoggingCategory>
#include <QString>
#include <optional>

namespace stella {

// The product's logging categories, one per module, declared in this one place
// (docs/architecture.md, "Logging"). Warnings are on by default; info (lifecycle) and debug
// (per-item detail) are turned on with QT_LOGGING_RULES, e.g. "stella.health.debug=true" or
// "stella.*.info=true".
Q_DECLARE_LOGGING_CATEGORY(lcCatalog)     // stella.catalog: sessions, the catalog thread
Q_DECLARE_LOGGING_CATEGORY(lcStorage)     // stella.storage: connections, migrations, SQL errors
Q_DECLARE_LOGGING_CATEGORY(lcHealth)      // stella.health: the monitor's sweeps, outages, pruning
Q_DECLARE_LOGGING_CATEGORY(lcKeychain)    // stella.keychain: the OS keychain store
Q_DECLARE_LOGGING_CATEGORY(lcVault)       // stella.vault: the Vault KV v2 store
Q_DECLARE_LOGGING_CATEGORY(lcCredentials) // stella.credentials: the resolver
Q_DECLARE_LOGGING_CATEGORY(lcHttp)        // stella.http: requests, retries, redirects
Q_DECLARE_LOGGING_CATEGORY(lcConnectors)  // stella.connectors: providers' connectors
Q_DECLARE_LOGGING_CATEGORY(lcGuard)       // stella.guard: the AI Code Guard engine
Q_DECLARE_LOGGING_CATEGORY(lcSandbox)     // stella.sandbox: the demo catalog
Q_DECLARE_LOGGING_CATEGORY(lcUi)          // stella.ui: the console's widgets
Q_DECLARE_LOGGING_CATEGORY(lcCli)         // stella.cli: stella-integrations

namespace logging {

// Every category above, for tests and for documentation that must not drift.
QList<const QLoggingCategory *> allCategories();

// Logs an error that is also returned to the caller: at info when the caller's input explains
// it (not found, invalid input, conflict, cancelled), at warning when something failed.
void logError(const QLoggingCategory &category, const Error &error);

// One log line. What is streamed into it is collected, passed through redactSecrets() and
// only then handed to Qt's message handler, so a secret never reaches a handler, whichever is
// installed (a test's, a library's, or none of ours). Use it through the STELLA_LOG_* macros.
class RedactedLine
{
public:
    RedactedLine(QtMsgType type, const QLoggingCategory &category, const char *file, int line,
                 const char *function);
    ~RedactedLine();
    RedactedLine(const RedactedLine &) = delete;
    RedactedLine &operator=(const RedactedLine &) = delete;

    QDebug &stream() { return *m_stream; }

private:
    QtMsgType m_type;
    const char *m_category;
    const char *m_file;
    int m_line;
    const char *m_function;
    QString m_text;
    std::optional<QDebug> m_stream;
};

} // namespace logging
} // namespace stella

// Like qCDebug/qCInfo/qCWarning: nothing is evaluated when the category's level is off, so
// per-item debug lines cost a check at 100,000 integrations.
#define STELLA_LOG_LINE(category, enabled, type)                                                   \
    for (bool stellaLogOn = (category)().enabled(); stellaLogOn; stellaLogOn = false)              \
    ::stella::logging::RedactedLine(type, (category)(), QT_MESSAGELOG_FILE, QT_MESSAGELOG_LINE,    \
                                    QT_MESSAGELOG_FUNC)                                            \
        .stream()

#define STELLA_LOG_DEBUG(category) STELLA_LOG_LINE(category, isDebugEnabled, QtDebugMsg)
#define STELLA_LOG_INFO(category) STELLA_LOG_LINE(category, isInfoEnabled, QtInfoMsg)
#define STELLA_LOG_WARNING(category) STELLA_LOG_LINE(category, isWarningEnabled, QtWarningMsg)
