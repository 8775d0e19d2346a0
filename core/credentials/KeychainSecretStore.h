// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/credentials/SecretStore.h"

namespace QKeychain {
class Job;
}

namespace stella {

// authref://keychain/<path>#<key>: the OS keychain through QtKeychain (Secret Service or
// KWallet on Linux, Keychain on macOS, Credential Store on Windows), service
// "stella-ops-integrations", entry "<path>#<key>". Never QtKeychain's plaintext fallback.
class KeychainSecretStore final : public SecretStore
{
    Q_OBJECT

public:
    enum class State
    {
        Unknown,
        Available,
        Locked,
        Unavailable
    };

    static const QString kService;
    // A keychain that shows an unlock prompt nobody answers would otherwise hang the caller.
    static constexpr int kDefaultTimeoutMs = 20000;

    explicit KeychainSecretStore(QObject *parent = nullptr, int timeoutMs = kDefaultTimeoutMs);

    AuthRef::Store kind() const override { return AuthRef::Store::Keychain; }
    void read(const AuthRef &ref, SecretCallback done) override;
    void write(const AuthRef &ref, const SecretValue &value, DoneCallback done) override;
    void remove(const AuthRef &ref, DoneCallback done) override;

    // Asks the keychain once whether it can be used: what the status bar and `secret check`
    // report at start-up. `detail` says what to do when it cannot.
    void probe(std::function<void(State state, QString detail)> done);

    static QString entryName(const AuthRef &ref);
    static QString toString(State state);

private:
    // Runs a write or delete job and answers `done` with its outcome.
    void runDoneJob(QKeychain::Job *job, const AuthRef &ref, DoneCallback done);

    int m_timeoutMs;
};

} // namespace stella
