// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>

namespace stella {

// A secret's value. It has no conversion to text, no QDebug operator and no JSON form, so it
// cannot be printed or logged by accident; the bytes leave it only through
// exposeForRequest(), at the place a request header or body is built (grep for it). Its
// memory is overwritten when it is destroyed.
class SecretValue
{
public:
    SecretValue() = default;
    explicit SecretValue(const QByteArray &bytes);
    SecretValue(const SecretValue &other);
    SecretValue &operator=(const SecretValue &other);
    SecretValue(SecretValue &&other) noexcept;
    SecretValue &operator=(SecretValue &&other) noexcept;
    ~SecretValue();

    bool isEmpty() const { return m_bytes.isEmpty(); }
    qsizetype size() const { return m_bytes.size(); }

    QByteArray exposeForRequest() const { return m_bytes; }

    // docs/contracts.md §2.1: a basic-auth secret is "username:password", split at the first ':'.
    bool isBasic() const { return m_bytes.contains(':'); }
    QString basicUsername() const; // the part before the first ':' (not secret)
    SecretValue basicPassword() const;

private:
    void wipe();
    QByteArray m_bytes;
};

} // namespace stella
