// SPDX-License-Identifier: Apache-2.0
#include "KeychainSecretStore.h"

#include "core/common/Logging.h"

#include <QCoreApplication>
#include <QPointer>
#include <QTimer>
#include <qt6keychain/keychain.h>

namespace stella {

namespace {
struct KeychainText
{
    Q_DECLARE_TR_FUNCTIONS(stella::KeychainSecretStore)
};
} // namespace

const QString KeychainSecretStore::kService = QStringLiteral("stella-ops-integrations");

namespace {
QString unavailableHint()
{
    return KeychainText::tr("Start a Secret Service provider (gnome-keyring or KWallet) in your "
                            "desktop session, or use an "
                            "authref://env/NAME AuthRef for headless use");
}
QString lockedHint()
{
    return KeychainText::tr(
        "Unlock your login keyring (for instance by logging in to the desktop) and try again");
}

// Maps a finished job to an operator's error, naming the AuthRef, never a value.
Error keychainError(const QKeychain::Job &job, const QString &uri)
{
    switch (job.error()) {
    case QKeychain::EntryNotFound:
        return Error::notFound(
            KeychainText::tr("%1: the keychain has no such secret").arg(uri),
            KeychainText::tr("Store it with: stella-integrations secret set %1").arg(uri));
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return Error::backend(
            KeychainText::tr("%1: the keychain refused access (%2)").arg(uri, job.errorString()),
            lockedHint());
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return Error::backend(
            KeychainText::tr("%1: no keychain is available (%2)").arg(uri, job.errorString()),
            unavailableHint());
    default:
        if (job.errorString().contains(QLatin1String("locked"), Qt::CaseInsensitive))
            return Error::backend(KeychainText::tr("%1: the keychain is locked").arg(uri),
                                  lockedHint());
        return Error::backend(
            KeychainText::tr("%1: the keychain failed (%2)").arg(uri, job.errorString()),
            unavailableHint());
    }
}

// Runs a job with a deadline; `finished` is called exactly once, with nullptr on timeout.
void runJob(QKeychain::Job *job, int timeoutMs, QObject *context,
            std::function<void(QKeychain::Job *)> finished)
{
    auto answered = std::make_shared<bool>(false);
    auto *timer = new QTimer(context);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, context, [=] {
        timer->deleteLater();
        if (std::exchange(*answered, true))
            return;
        finished(nullptr);
    });
    QObject::connect(job, &QKeychain::Job::finished, context, [=](QKeychain::Job *j) {
        timer->stop();
        timer->deleteLater();
        if (std::exchange(*answered, true))
            return;
        finished(j);
    });
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never a plaintext file
    timer->start(timeoutMs);
    job->start();
}

Error timeoutError(const QString &uri, int timeoutMs)
{
    return Error::backend(
        KeychainText::tr("%1: the keychain did not answer within %2 s")
            .arg(uri)
            .arg(timeoutMs / 1000),
        KeychainText::tr(
            "It may be locked and waiting for a password prompt; unlock it and try again"));
}
// The error names the AuthRef, never a value.
Error logged(Error error)
{
    logging::logError(lcKeychain(), error);
    return error;
}
} // namespace

KeychainSecretStore::KeychainSecretStore(QObject *parent, int timeoutMs)
    : SecretStore(parent), m_timeoutMs(timeoutMs)
{}

QString KeychainSecretStore::entryName(const AuthRef &ref)
{
    return ref.key.isEmpty() ? ref.path : ref.path + QLatin1Char('#') + ref.key;
}

QString KeychainSecretStore::toString(State state)
{
    switch (state) {
    case State::Available:
        return QStringLiteral("available");
    case State::Locked:
        return QStringLiteral("locked");
    case State::Unavailable:
        return QStringLiteral("unavailable");
    case State::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

void KeychainSecretStore::read(const AuthRef &ref, SecretCallback done)
{
    auto *job = new QKeychain::ReadPasswordJob(kService);
    job->setKey(entryName(ref));
    const QString uri = ref.toUri();
    STELLA_LOG_DEBUG(lcKeychain).noquote() << "reading" << uri;
    runJob(job, m_timeoutMs, this,
           [done = std::move(done), uri, timeout = m_timeoutMs](QKeychain::Job *j) {
               if (!j)
                   return done(logged(timeoutError(uri, timeout)));
               if (j->error() != QKeychain::NoError)
                   return done(logged(keychainError(*j, uri)));
               SecretValue value(static_cast<QKeychain::ReadPasswordJob *>(j)->binaryData());
               if (value.isEmpty())
                   return done(Error::invalidInput(
                       KeychainText::tr("%1: the stored secret is empty").arg(uri),
                       KeychainText::tr("Store the value again: stella-integrations secret set %1")
                           .arg(uri)));
               done(std::move(value));
           });
}

void KeychainSecretStore::write(const AuthRef &ref, const SecretValue &value, DoneCallback done)
{
    auto *job = new QKeychain::WritePasswordJob(kService);
    job->setKey(entryName(ref));
    job->setBinaryData(value.exposeForRequest());
    runDoneJob(job, ref, std::move(done));
}

void KeychainSecretStore::remove(const AuthRef &ref, DoneCallback done)
{
    auto *job = new QKeychain::DeletePasswordJob(kService);
    job->setKey(entryName(ref));
    runDoneJob(job, ref, std::move(done));
}

void KeychainSecretStore::runDoneJob(QKeychain::Job *job, const AuthRef &ref, DoneCallback done)
{
    const QString uri = ref.toUri();
    const char *action = qobject_cast<QKeychain::DeletePasswordJob *>(job) ? "removing" : "writing";
    STELLA_LOG_DEBUG(lcKeychain).noquote() << action << uri;
    runJob(job, m_timeoutMs, this,
           [done = std::move(done), uri, timeout = m_timeoutMs](QKeychain::Job *j) {
               if (!j)
                   return done(logged(timeoutError(uri, timeout)));
               if (j->error() != QKeychain::NoError)
                   return done(logged(keychainError(*j, uri)));
               done({});
           });
}

void KeychainSecretStore::probe(std::function<void(State, QString)> done)
{
    // Reading an entry that does not exist touches the backend without needing a secret.
    auto *job = new QKeychain::ReadPasswordJob(kService);
    job->setKey(QStringLiteral("stella-keychain-probe"));
    // The probe's answer, logged once: what the status bar and `secret` errors will say.
    auto answer = [done = std::move(done)](State state, const QString &detail) {
        if (state == State::Available)
            STELLA_LOG_INFO(lcKeychain) << "the keychain is available";
        else
            STELLA_LOG_WARNING(lcKeychain).noquote()
                << "the keychain is" << toString(state) << "-" << detail;
        done(state, detail);
    };
    runJob(job, m_timeoutMs, this, [done = std::move(answer)](QKeychain::Job *j) {
        if (!j)
            return done(
                State::Locked,
                KeychainText::tr("The keychain did not answer: it may be locked and waiting for a "
                                 "password prompt. ") +
                    lockedHint());
        switch (j->error()) {
        case QKeychain::NoError:
        case QKeychain::EntryNotFound:
            return done(State::Available, QString());
        case QKeychain::AccessDenied:
        case QKeychain::AccessDeniedByUser:
            return done(State::Locked, lockedHint());
        default:
            if (j->errorString().contains(QLatin1String("locked"), Qt::CaseInsensitive))
                return done(State::Locked, lockedHint());
            return done(State::Unavailable,
                        j->errorString() + QStringLiteral(". ") + unavailableHint());
        }
    });
}

} // namespace stella
