// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"
#include "core/credentials/SecretValue.h"

#include <QDateTime>
#include <memory>

namespace stella {

// A GitHub App's RSA private key and the JWTs it signs (RS256, OpenSSL libcrypto), as GitHub's
// "Generating a JSON Web Token (JWT) for a GitHub App" asks: header {"alg":"RS256","typ":"JWT"},
// iat 60 s in the past (clock drift), exp at most 10 minutes after iat, iss the app's id,
// base64url without padding. The key lives in OpenSSL's memory only; neither it nor a JWT is
// ever logged.
class GitHubAppJwt
{
public:
    static constexpr qint64 kBackdateSeconds = 60;
    static constexpr qint64 kLifetimeSeconds = 600; // exp - iat: GitHub's maximum

    // The key of a PEM: an RSA private key (PKCS#1 or PKCS#8). An encrypted PEM, an EC or
    // other key, a public key, an OpenSSH key or garbage each get their own message.
    static Result<GitHubAppJwt> fromPem(const SecretValue &pem);

    // "RSA 2048-bit private key", for the credential step.
    QString description() const;
    // SHA-256 of the public key: tells two keys apart without holding either.
    QByteArray publicKeyFingerprint() const { return m_fingerprint; }

    // A JWT for `appId` issued at `now` (minus the backdate).
    Result<QByteArray> sign(const QString &appId, const QDateTime &now) const;

private:
    struct Key;
    explicit GitHubAppJwt(std::shared_ptr<Key> key);
    std::shared_ptr<Key> m_key;
    QByteArray m_fingerprint;
};

} // namespace stella
