// SPDX-License-Identifier: Apache-2.0
#include "VaultSecretStore.h"

#include "core/common/Logging.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace stella {

namespace {
struct VaultSecretStoreText
{
    Q_DECLARE_TR_FUNCTIONS(stella::VaultSecretStore)
};
} // namespace

namespace {
QString secretPath(const VaultTarget &target, const AuthRef &ref)
{
    return QStringLiteral("%1/data/%2").arg(target.kvMount, ref.path);
}

Error needsField(const AuthRef &ref)
{
    return Error::invalidInput(
        VaultSecretStoreText::tr("%1 names no field of the Vault secret").arg(ref.toUri()),
        VaultSecretStoreText::tr("Add the field after '#', e.g. authref://vault/%1#token")
            .arg(ref.path));
}

} // namespace

QString VaultSecretStore::errorsIn(const QByteArray &body)
{
    // Vault answers {"errors": ["..."]}; an empty list is common for 404.
    const QJsonArray errors =
        QJsonDocument::fromJson(body).object().value(QStringLiteral("errors")).toArray();
    QStringList texts;
    for (const QJsonValue &e : errors)
        texts.append(e.toString());
    return texts.join(QStringLiteral("; "));
}

VaultSecretStore::VaultSecretStore(QNetworkAccessManager &network, TargetLocator locator,
                                   QObject *parent)
    : SecretStore(parent), m_network(network), m_locator(std::move(locator))
{}

Error VaultSecretStore::httpError(const VaultTarget &target, const AuthRef &ref, int status,
                                  const QByteArray &body, const QString &networkError)
{
    Error error = describeHttpError(target, ref, status, body, networkError);
    logging::logError(lcVault(), error);
    return error;
}

Error VaultSecretStore::describeHttpError(const VaultTarget &target, const AuthRef &ref, int status,
                                          const QByteArray &body, const QString &networkError)
{
    const QString uri = ref.toUri();
    const QString where = VaultSecretStoreText::tr("Vault '%1' (%2)")
                              .arg(target.integrationName, target.address.toString());
    const QString said = errorsIn(body);
    const QString detail = said.isEmpty() ? QString() : QStringLiteral(": %1").arg(said);
    switch (status) {
    case 0:
        return Error::backend(
            VaultSecretStoreText::tr("%1: cannot reach %2: %3").arg(uri, where, networkError),
            VaultSecretStoreText::tr(
                "Check the Vault integration's address and that Vault is running"));
    case 403:
        return Error::failed(
            VaultSecretStoreText::tr("%1: permission denied by %2%3").arg(uri, where, detail),
            VaultSecretStoreText::tr(
                "Grant the Vault token's policy read on %1, or check that the token has "
                "not expired")
                .arg(secretPath(target, ref)));
    case 404:
        return Error::notFound(
            VaultSecretStoreText::tr("%1: %2 has no secret at %3")
                .arg(uri, where, secretPath(target, ref)),
            VaultSecretStoreText::tr(
                "Check the path and the integration's kvMount, or write the secret first"));
    case 503:
        return Error::backend(
            VaultSecretStoreText::tr("%1: %2 is sealed or unavailable%3").arg(uri, where, detail),
            VaultSecretStoreText::tr("Unseal Vault (vault operator unseal) and try again"));
    default:
        return Error::backend(
            VaultSecretStoreText::tr("%1: %2 answered HTTP %3%4")
                .arg(uri, where)
                .arg(status)
                .arg(detail),
            VaultSecretStoreText::tr("Check Vault's logs; the request was GET/PATCH /v1/%1")
                .arg(secretPath(target, ref)));
    }
}

void VaultSecretStore::send(const VaultTarget &target, const QByteArray &verb, const AuthRef &ref,
                            const QByteArray &body, const QByteArray &contentType,
                            ReplyHandler handler)
{
    QUrl url = target.address;
    QString base = url.path();
    if (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    // Each segment of the path is encoded; '/' between them stays a separator.
    QStringList segments;
    for (const QString &s :
         QStringList{target.kvMount, QStringLiteral("data")} + ref.path.split(QLatin1Char('/')))
        segments.append(QString::fromUtf8(QUrl::toPercentEncoding(s)));
    url.setPath(base + QStringLiteral("/v1/") + segments.join(QLatin1Char('/')),
                QUrl::TolerantMode);
    QNetworkRequest request(url);
    request.setRawHeader("X-Vault-Token", target.token.exposeForRequest());
    if (!target.vaultNamespace.isEmpty())
        request.setRawHeader("X-Vault-Namespace", target.vaultNamespace.toUtf8());
    if (!contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    request.setTransferTimeout(kRequestTimeoutMs);
    // A token must never follow a redirect to somewhere else.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = m_network.sendCustomRequest(request, verb, body);
    const QString shown = url.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
    connect(
        reply, &QNetworkReply::finished, this, [reply, verb, shown, handler = std::move(handler)] {
            reply->deleteLater();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            STELLA_LOG_DEBUG(lcVault).noquote() << verb << shown << "->" << status;
            const bool transportFailed = status == 0 && reply->error() != QNetworkReply::NoError;
            handler(status, reply->readAll(), transportFailed ? reply->errorString() : QString());
        });
}

void VaultSecretStore::read(const AuthRef &ref, SecretCallback done)
{
    if (ref.key.isEmpty())
        return done(needsField(ref));
    m_locator([this, ref, done = std::move(done)](Result<VaultTarget> target) mutable {
        if (!target)
            return done(target.error());
        const VaultTarget t = *target;
        send(t, "GET", ref, {}, {},
             [t, ref, done = std::move(done)](int status, const QByteArray &body,
                                              const QString &netError) {
                 if (status != 200)
                     return done(httpError(t, ref, status, body, netError));
                 QJsonParseError parseError;
                 const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
                 const QJsonObject data = doc.object()
                                              .value(QStringLiteral("data"))
                                              .toObject()
                                              .value(QStringLiteral("data"))
                                              .toObject();
                 if (parseError.error != QJsonParseError::NoError || !doc.isObject())
                     return done(Error::backend(
                         VaultSecretStoreText::tr(
                             "%1: Vault '%2' answered something that is not a KV v2 secret")
                             .arg(ref.toUri(), t.integrationName),
                         VaultSecretStoreText::tr("Check that %1 is a KV version 2 mount")
                             .arg(t.kvMount)));
                 const QJsonValue field = data.value(ref.key);
                 if (field.isUndefined() || field.isNull()) {
                     QStringList fields = data.keys();
                     return done(Error::notFound(
                         VaultSecretStoreText::tr("%1: the secret at %2 has no field '%3'")
                             .arg(ref.toUri(), secretPath(t, ref), ref.key),
                         fields.isEmpty() ? VaultSecretStoreText::tr(
                                                "The secret has no fields; write the value first")
                                          : VaultSecretStoreText::tr("Its fields are: %1")
                                                .arg(fields.join(QStringLiteral(", ")))));
                 }
                 if (!field.isString() || field.toString().isEmpty())
                     return done(Error::invalidInput(
                         VaultSecretStoreText::tr("%1: the field '%2' is empty or not a string")
                             .arg(ref.toUri(), ref.key),
                         VaultSecretStoreText::tr("Store the secret's value as a string")));
                 done(SecretValue(field.toString().toUtf8()));
             });
    });
}

void VaultSecretStore::patchField(const AuthRef &ref, const QJsonValue &value, DoneCallback done)
{
    if (ref.key.isEmpty())
        return done(needsField(ref));
    m_locator([this, ref, value, done = std::move(done)](Result<VaultTarget> target) mutable {
        if (!target)
            return done(target.error());
        const VaultTarget t = *target;
        const QByteArray body =
            QJsonDocument(QJsonObject{{QStringLiteral("data"), QJsonObject{{ref.key, value}}}})
                .toJson(QJsonDocument::Compact);
        send(t, "PATCH", ref, body, "application/merge-patch+json",
             [this, t, ref, body, value, done = std::move(done)](
                 int status, const QByteArray &reply, const QString &netError) {
                 if (status == 200 || status == 204)
                     return done({});
                 // A PATCH needs an existing secret: create it, unless we were removing.
                 if (status == 404 && !value.isNull()) {
                     send(t, "POST", ref, body, "application/json",
                          [t, ref, done](int s, const QByteArray &b, const QString &e) {
                              done(s == 200 || s == 204 ? Result<void>()
                                                        : Result<void>(httpError(t, ref, s, b, e)));
                          });
                     return;
                 }
                 done(httpError(t, ref, status, reply, netError));
             });
    });
}

void VaultSecretStore::write(const AuthRef &ref, const SecretValue &value, DoneCallback done)
{
    patchField(ref, QString::fromUtf8(value.exposeForRequest()), std::move(done));
}

void VaultSecretStore::remove(const AuthRef &ref, DoneCallback done)
{
    patchField(ref, QJsonValue(QJsonValue::Null), std::move(done));
}

} // namespace stella
