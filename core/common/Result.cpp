// SPDX-License-Identifier: Apache-2.0
#include "Result.h"

#include <QCoreApplication>

namespace stella {

namespace {
struct ErrorText
{
    Q_DECLARE_TR_FUNCTIONS(stella::Error)
};
} // namespace

namespace {
Error make(ErrorKind kind, QString message, QString hint)
{
    Error e;
    e.kind = kind;
    e.message = std::move(message);
    e.hint = std::move(hint);
    return e;
}
} // namespace

Error Error::invalidInput(QString message, QString hint)
{
    return make(ErrorKind::InvalidInput, std::move(message), std::move(hint));
}
Error Error::notFound(QString message, QString hint)
{
    return make(ErrorKind::NotFound, std::move(message), std::move(hint));
}
Error Error::conflict(QString message, QString hint)
{
    return make(ErrorKind::Conflict, std::move(message), std::move(hint));
}
Error Error::backend(QString message, QString hint)
{
    return make(ErrorKind::BackendUnavailable, std::move(message), std::move(hint));
}
Error Error::failed(QString message, QString hint)
{
    return make(ErrorKind::OperationFailed, std::move(message), std::move(hint));
}
Error Error::cancelled(QString message)
{
    return make(ErrorKind::Cancelled,
                message.isEmpty() ? ErrorText::tr("Cancelled by the operator") : message, {});
}

QString Error::toText() const
{
    QString text = message;
    if (!hint.isEmpty()) {
        if (!text.endsWith(QLatin1Char('.')))
            text += QLatin1Char('.');
        text += QLatin1Char(' ') + hint;
    }
    for (const QString &line : details)
        text += QStringLiteral("\n  - ") + line;
    return text;
}

int exitCodeFor(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::OperationFailed:
    case ErrorKind::Cancelled:
        return 1;
    case ErrorKind::InvalidInput:
        return 2;
    case ErrorKind::NotFound:
        return 3;
    case ErrorKind::Conflict:
        return 4;
    case ErrorKind::BackendUnavailable:
        return 5;
    }
    return 1;
}

QString errorKindName(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::OperationFailed:
        return QStringLiteral("operationFailed");
    case ErrorKind::InvalidInput:
        return QStringLiteral("invalidInput");
    case ErrorKind::NotFound:
        return QStringLiteral("notFound");
    case ErrorKind::Conflict:
        return QStringLiteral("conflict");
    case ErrorKind::BackendUnavailable:
        return QStringLiteral("backendUnavailable");
    case ErrorKind::Cancelled:
        return QStringLiteral("cancelled");
    }
    return QStringLiteral("operationFailed");
}

} // namespace stella
