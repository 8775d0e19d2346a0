// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"
#include "core/credentials/AuthRef.h"
#include "core/credentials/SecretValue.h"

#include <QHash>
#include <QObject>
#include <functional>

namespace stella {

using SecretCallback = std::function<void(Result<SecretValue>)>;
using DoneCallback = std::function<void(Result<void>)>;

// Where the values of one kind of AuthRef live. Every call answers exactly once through its
// callback, on the caller's thread, and never blocks it: a keychain may show a prompt and a
// Vault may be across a network. Errors name the AuthRef, never the value, and say what to do.
class SecretStore : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    virtual AuthRef::Store kind() const = 0;
    virtual void read(const AuthRef &ref, SecretCallback done) = 0;
    virtual void write(const AuthRef &ref, const SecretValue &value, DoneCallback done) = 0;
    virtual void remove(const AuthRef &ref, DoneCallback done) = 0;
};

// authref://env/NAME: the environment variable NAME, for CI and headless use. Read-only.
class EnvSecretStore final : public SecretStore
{
    Q_OBJECT

public:
    using SecretStore::SecretStore;
    AuthRef::Store kind() const override { return AuthRef::Store::Env; }
    void read(const AuthRef &ref, SecretCallback done) override;
    void write(const AuthRef &ref, const SecretValue &value, DoneCallback done) override;
    void remove(const AuthRef &ref, DoneCallback done) override;
};

// authref://inmemory/...: the sandbox's secrets, gone when the process ends.
class InMemorySecretStore final : public SecretStore
{
    Q_OBJECT

public:
    using SecretStore::SecretStore;
    AuthRef::Store kind() const override { return AuthRef::Store::InMemory; }
    void read(const AuthRef &ref, SecretCallback done) override;
    void write(const AuthRef &ref, const SecretValue &value, DoneCallback done) override;
    void remove(const AuthRef &ref, DoneCallback done) override;

private:
    QHash<QString, SecretValue> m_values; // by canonical URI
};

} // namespace stella
