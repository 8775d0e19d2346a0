// SPDX-License-Identifier: Apache-2.0
#include "GitHubAppJwt.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace stella {

namespace {
struct GitHubAppJwtText
{
    Q_DECLARE_TR_FUNCTIONS(stella::GitHubAppJwt)
};

QByteArray base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// OpenSSL asks for a passphrase when the PEM is encrypted: there is none to give, and saying
// so (returning -1) makes the read fail at once instead of prompting on a terminal.
int noPassphrase(char *, int, int, void *)
{
    return -1;
}

Error keyError(const QString &message, const QString &hint)
{
    return Error::invalidInput(message, hint);
}

QString storeHint()
{
    return GitHubAppJwtText::tr(
        "Store the app's private key as GitHub generated it (the .pem file from the app's "
        "settings, -----BEGIN RSA PRIVATE KEY-----)");
}
} // namespace

struct GitHubAppJwt::Key
{
    EVP_PKEY *pkey = nullptr;
    ~Key() { EVP_PKEY_free(pkey); }
};

GitHubAppJwt::GitHubAppJwt(std::shared_ptr<Key> key) : m_key(std::move(key))
{
    unsigned char *der = nullptr;
    const int length = i2d_PUBKEY(m_key->pkey, &der);
    if (length > 0)
        m_fingerprint = QCryptographicHash::hash(
            QByteArray(reinterpret_cast<const char *>(der), length), QCryptographicHash::Sha256);
    OPENSSL_free(der);
}

Result<GitHubAppJwt> GitHubAppJwt::fromPem(const SecretValue &pem)
{
    const QByteArray bytes = pem.exposeForRequest();
    // What the PEM says it is, before OpenSSL reads it: the precise message for each mistake.
    if (!bytes.contains("-----BEGIN "))
        return keyError(
            GitHubAppJwtText::tr("The app private key is not a PEM (no -----BEGIN line)"),
            storeHint());
    if (bytes.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") ||
        bytes.contains("Proc-Type: 4,ENCRYPTED"))
        return keyError(
            GitHubAppJwtText::tr("The app private key is encrypted with a passphrase, which the "
                                 "connector cannot type"),
            GitHubAppJwtText::tr("Store it unencrypted: openssl pkey -in key.pem -out plain.pem "
                                 "(GitHub's own .pem is not encrypted)"));
    if (bytes.contains("-----BEGIN OPENSSH PRIVATE KEY-----"))
        return keyError(GitHubAppJwtText::tr(
                            "The app private key is an OpenSSH key, not the PEM GitHub generates"),
                        storeHint());
    if (bytes.contains("-----BEGIN PUBLIC KEY-----") ||
        bytes.contains("-----BEGIN RSA PUBLIC KEY-----") ||
        bytes.contains("-----BEGIN CERTIFICATE-----"))
        if (!bytes.contains("PRIVATE KEY-----"))
            return keyError(
                GitHubAppJwtText::tr("The app private key holds a public key or a certificate, not "
                                     "the private key"),
                storeHint());
    if (bytes.contains("-----BEGIN EC PRIVATE KEY-----"))
        return keyError(GitHubAppJwtText::tr(
                            "The app private key is an EC key; GitHub Apps sign with RSA (RS256)"),
                        storeHint());

    ERR_clear_error();
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(
        BIO_new_mem_buf(bytes.constData(), int(bytes.size())), &BIO_free);
    auto key = std::make_shared<Key>();
    key->pkey = bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, &noPassphrase, nullptr) : nullptr;
    ERR_clear_error(); // OpenSSL's reasons name no secret, but they say nothing useful either
    if (!key->pkey)
        return keyError(GitHubAppJwtText::tr(
                            "The app private key cannot be read: its PEM is damaged or is not a "
                            "private key"),
                        storeHint());
    const int type = EVP_PKEY_get_base_id(key->pkey);
    if (type != EVP_PKEY_RSA) {
        const QString kind = type == EVP_PKEY_EC        ? QStringLiteral("EC")
                             : type == EVP_PKEY_ED25519 ? QStringLiteral("Ed25519")
                                                        : QStringLiteral("non-RSA");
        return keyError(GitHubAppJwtText::tr(
                            "The app private key is an %1 key; GitHub Apps sign with RSA (RS256)")
                            .arg(kind),
                        storeHint());
    }
    return GitHubAppJwt(std::move(key));
}

QString GitHubAppJwt::description() const
{
    return GitHubAppJwtText::tr("RSA %1-bit private key").arg(EVP_PKEY_get_bits(m_key->pkey));
}

Result<QByteArray> GitHubAppJwt::sign(const QString &appId, const QDateTime &now) const
{
    const qint64 iat = now.toSecsSinceEpoch() - kBackdateSeconds;
    const QByteArray header = R"({"alg":"RS256","typ":"JWT"})";
    const QJsonObject claims{{QStringLiteral("iat"), iat},
                             {QStringLiteral("exp"), iat + kLifetimeSeconds},
                             {QStringLiteral("iss"), appId}};
    const QByteArray input =
        base64Url(header) + '.' + base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));

    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    size_t length = 0;
    const auto *data = reinterpret_cast<const unsigned char *>(input.constData());
    bool ok = ctx &&
              EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, m_key->pkey) == 1 &&
              EVP_DigestSign(ctx.get(), nullptr, &length, data, size_t(input.size())) == 1;
    QByteArray signature(qsizetype(length), Qt::Uninitialized);
    ok = ok && EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()),
                              &length, data, size_t(input.size())) == 1;
    ERR_clear_error();
    if (!ok)
        return Error::failed(
            GitHubAppJwtText::tr("Signing the GitHub App JWT with the private key failed"),
            storeHint());
    signature.resize(qsizetype(length));
    return input + '.' + base64Url(signature);
}

} // namespace stella
