// SPDX-License-Identifier: Apache-2.0
#include "Logging.h"

#include "core/common/LogRedaction.h"

namespace stella {

// Warnings and above by default: the CLI's stderr carries its own messages, and lifecycle
// lines there would be noise (docs/architecture.md, "Logging").
Q_LOGGING_CATEGORY(lcCatalog, "stella.catalog", QtWarningMsg)
Q_LOGGING_CATEGORY(lcStorage, "stella.storage", QtWarningMsg)
Q_LOGGING_CATEGORY(lcHealth, "stella.health", QtWarningMsg)
Q_LOGGING_CATEGORY(lcKeychain, "stella.keychain", QtWarningMsg)
Q_LOGGING_CATEGORY(lcVault, "stella.vault", QtWarningMsg)
Q_LOGGING_CATEGORY(lcCredentials, "stella.credentials", QtWarningMsg)
Q_LOGGING_CATEGORY(lcHttp, "stella.http", QtWarningMsg)
Q_LOGGING_CATEGORY(lcConnectors, "stella.connectors", QtWarningMsg)
Q_LOGGING_CATEGORY(lcGuard, "stella.guard", QtWarningMsg)
Q_LOGGING_CATEGORY(lcSandbox, "stella.sandbox", QtWarningMsg)
Q_LOGGING_CATEGORY(lcUi, "stella.ui", QtWarningMsg)
Q_LOGGING_CATEGORY(lcCli, "stella.cli", QtWarningMsg)

namespace logging {

QList<const QLoggingCategory *> allCategories()
{
    return {&lcCatalog(), &lcStorage(),    &lcHealth(), &lcKeychain(), &lcVault(), &lcCredentials(),
            &lcHttp(),    &lcConnectors(), &lcGuard(),  &lcSandbox(),  &lcUi(),    &lcCli()};
}

void logError(const QLoggingCategory &category, const Error &error)
{
    const bool expected = error.kind == ErrorKind::NotFound ||
                          error.kind == ErrorKind::InvalidInput ||
                          error.kind == ErrorKind::Conflict || error.kind == ErrorKind::Cancelled;
    const QtMsgType type = expected ? QtInfoMsg : QtWarningMsg;
    if (category.isEnabled(type))
        RedactedLine(type, category, nullptr, 0, nullptr).stream().noquote() << error.message;
}

RedactedLine::RedactedLine(QtMsgType type, const QLoggingCategory &category, const char *file,
                           int line, const char *function)
    : m_type(type), m_category(category.categoryName()), m_file(file), m_line(line),
      m_function(function)
{
    m_stream.emplace(&m_text);
}

RedactedLine::~RedactedLine()
{
    const bool spaced = m_stream->autoInsertSpaces();
    m_stream.reset(); // flushes into m_text
    // QDebug leaves a space after the last item; Qt's own message output drops it too.
    if (spaced && m_text.endsWith(QLatin1Char(' ')))
        m_text.chop(1);
    const QMessageLogContext context(m_file, m_line, m_function, m_category);
    qt_message_output(m_type, context, redactSecrets(m_text));
}

} // namespace logging
} // namespace stella
