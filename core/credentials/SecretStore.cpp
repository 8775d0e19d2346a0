// SPDX-License-Identifier: Apache-2.0
#include "SecretStore.h"

#include <QCoreApplication>
#include <QMetaObject>

namespace stella {

namespace {
struct SecretStoreText
{
    Q_DECLARE_TR_FUNCTIONS(stella::SecretStore)
};
} // namespace

namespace {
// Answers on the next event-loop turn, so callers see the same order whatever the store.
template <typename R> void answerLater(QObject *context, std::function<void(R)> done, R result)
{
    QMetaObject::invokeMethod(
        context,
        [done = std::move(done), result = std::move(result)]() mutable { done(std::move(result)); },
        Qt::QueuedConnection);
}
} // namespace

void EnvSecretStore::read(const AuthRef &ref, SecretCallback done)
{
    const QByteArray name = ref.path.toLocal8Bit();
    if (!qEnvironmentVariableIsSet(name.constData())) {
        answerLater<Result<SecretValue>>(
            this, std::move(done),
            Error::notFound(
                SecretStoreText::tr("%1: the environment variable %2 is not set")
                    .arg(ref.toUri(), ref.path),
                SecretStoreText::tr("Set it before starting, e.g. export %1=...").arg(ref.path)));
        return;
    }
    SecretValue value(qgetenv(name.constData()));
    if (value.isEmpty()) {
        answerLater<Result<SecretValue>>(
            this, std::move(done),
            Error::invalidInput(SecretStoreText::tr("%1: the environment variable %2 is empty")
                                    .arg(ref.toUri(), ref.path),
                                SecretStoreText::tr("Give it the secret's value")));
        return;
    }
    answerLater<Result<SecretValue>>(this, std::move(done), std::move(value));
}

void EnvSecretStore::write(const AuthRef &ref, const SecretValue &, DoneCallback done)
{
    answerLater<Result<void>>(
        this, std::move(done),
        Error::invalidInput(
            SecretStoreText::tr("%1 is read from the environment and cannot be stored")
                .arg(ref.toUri()),
            SecretStoreText::tr(
                "Set the variable in the environment of the console or the CLI, or use "
                "a keychain AuthRef such as authref://keychain/%1")
                .arg(ref.path.toLower())));
}

void EnvSecretStore::remove(const AuthRef &ref, DoneCallback done)
{
    write(ref, {}, std::move(done));
}

void InMemorySecretStore::read(const AuthRef &ref, SecretCallback done)
{
    const auto it = m_values.constFind(ref.toUri());
    if (it == m_values.cend()) {
        answerLater<Result<SecretValue>>(
            this, std::move(done),
            Error::notFound(
                SecretStoreText::tr("%1 holds no secret in this sandbox").arg(ref.toUri()),
                SecretStoreText::tr("Store one first (secret set)")));
        return;
    }
    answerLater<Result<SecretValue>>(this, std::move(done), it.value());
}

void InMemorySecretStore::write(const AuthRef &ref, const SecretValue &value, DoneCallback done)
{
    m_values.insert(ref.toUri(), value);
    answerLater<Result<void>>(this, std::move(done), Result<void>());
}

void InMemorySecretStore::remove(const AuthRef &ref, DoneCallback done)
{
    m_values.remove(ref.toUri());
    answerLater<Result<void>>(this, std::move(done), Result<void>());
}

} // namespace stella
