// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QStringList>
#include <utility>
#include <variant>

namespace stella {

// What went wrong, in the categories the CLI maps to exit codes (docs/contracts.md §12.6) and the
// console maps to message boxes. Every error carries what was wrong and what to do about it.
enum class ErrorKind
{
    OperationFailed,    // the operation ran and failed (exit 1)
    InvalidInput,       // usage or invalid input (exit 2)
    NotFound,           // exit 3
    Conflict,           // version conflict or duplicate (exit 4)
    BackendUnavailable, // database, keychain, vault unavailable (exit 5)
    Cancelled,          // the operator cancelled (exit 1)
};

struct Error
{
    ErrorKind kind = ErrorKind::OperationFailed;
    QString message;     // what was wrong, one sentence
    QString hint;        // what to do about it
    QStringList details; // one line per problem, for errors that collect several

    static Error invalidInput(QString message, QString hint = {});
    static Error notFound(QString message, QString hint = {});
    static Error conflict(QString message, QString hint = {});
    static Error backend(QString message, QString hint = {});
    static Error failed(QString message, QString hint = {});
    static Error cancelled(QString message = {});

    // "message. hint" plus the details, one per line: what the CLI prints after "error: ".
    QString toText() const;
};

int exitCodeFor(ErrorKind kind);
QString errorKindName(ErrorKind kind);

// A value or the Error that prevented it. Small on purpose: std::expected is C++23.
template <typename T> class [[nodiscard]] Result
{
public:
    Result(T value) : m_state(std::move(value)) {}
    Result(Error error) : m_state(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<T>(m_state); }
    T &value() & { return std::get<T>(m_state); }
    T &&value() && { return std::get<T>(std::move(m_state)); }
    const T *operator->() const { return &std::get<T>(m_state); }
    const T &operator*() const { return value(); }

    const Error &error() const { return std::get<Error>(m_state); }

private:
    std::variant<T, Error> m_state;
};

template <> class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_ok(false) {}

    bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const Error &error() const { return m_error; }

private:
    Error m_error;
    bool m_ok = true;
};

} // namespace stella
