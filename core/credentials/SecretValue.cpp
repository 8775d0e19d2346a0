// SPDX-License-Identifier: Apache-2.0
#include "SecretValue.h"

#include <cstring>

namespace stella {

namespace {
// Writes through a volatile pointer so the compiler cannot drop the "dead" stores.
void overwrite(char *data, qsizetype size)
{
    volatile char *p = data;
    for (qsizetype n = 0; n < size; ++n)
        p[n] = 0;
}

QByteArray ownCopy(const QByteArray &bytes)
{
    // A deep copy: the value must not share storage with a QByteArray we cannot wipe.
    return QByteArray(bytes.constData(), bytes.size());
}
} // namespace

SecretValue::SecretValue(const QByteArray &bytes) : m_bytes(ownCopy(bytes)) {}

SecretValue::SecretValue(const SecretValue &other) : m_bytes(ownCopy(other.m_bytes)) {}

SecretValue &SecretValue::operator=(const SecretValue &other)
{
    if (this != &other) {
        wipe();
        m_bytes = ownCopy(other.m_bytes);
    }
    return *this;
}

SecretValue::SecretValue(SecretValue &&other) noexcept : m_bytes(std::move(other.m_bytes)) {}

SecretValue &SecretValue::operator=(SecretValue &&other) noexcept
{
    if (this != &other) {
        wipe();
        m_bytes = std::move(other.m_bytes);
    }
    return *this;
}

SecretValue::~SecretValue()
{
    wipe();
}

void SecretValue::wipe()
{
    // Only storage this value owns alone; a shared buffer belongs to a copy still in use.
    if (!m_bytes.isEmpty() && m_bytes.isDetached())
        overwrite(m_bytes.data(), m_bytes.size());
    m_bytes.clear();
}

QString SecretValue::basicUsername() const
{
    const qsizetype colon = m_bytes.indexOf(':');
    return colon < 0 ? QString() : QString::fromUtf8(m_bytes.left(colon));
}

SecretValue SecretValue::basicPassword() const
{
    const qsizetype colon = m_bytes.indexOf(':');
    return colon < 0 ? *this : SecretValue(m_bytes.mid(colon + 1));
}

} // namespace stella
