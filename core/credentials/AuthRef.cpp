// SPDX-License-Identifier: Apache-2.0
#include "AuthRef.h"

#include <QCoreApplication>
#include <QUrl>

namespace stella {

namespace {
struct AuthRefText
{
    Q_DECLARE_TR_FUNCTIONS(stella::AuthRef)
};
} // namespace

namespace {
QString formatHint()
{
    return AuthRefText::tr(
        "Write it as authref://<store>/<path>[#<key>] with store keychain, vault, env or inmemory, "
        "e.g. authref://keychain/harbor-prod#token");
}

Error bad(const QString &why)
{
    return Error::invalidInput(AuthRefText::tr("Invalid AuthRef: %1").arg(why), formatHint());
}

bool hasControlCharacters(const QString &s)
{
    for (const QChar c : s)
        if (c.category() == QChar::Other_Control)
            return true;
    return false;
}

QString decode(const QString &segment)
{
    return QUrl::fromPercentEncoding(segment.toUtf8());
}

QString encode(const QString &segment)
{
    return QString::fromUtf8(QUrl::toPercentEncoding(segment));
}
} // namespace

QString toString(AuthRef::Store store)
{
    switch (store) {
    case AuthRef::Store::Keychain:
        return QStringLiteral("keychain");
    case AuthRef::Store::Vault:
        return QStringLiteral("vault");
    case AuthRef::Store::Env:
        return QStringLiteral("env");
    case AuthRef::Store::InMemory:
        return QStringLiteral("inmemory");
    }
    return {};
}

Result<AuthRef> AuthRef::parse(const QString &uri)
{
    if (uri.size() > kMaxLength)
        return bad(AuthRefText::tr("it is %1 characters long, more than the %2 allowed")
                       .arg(uri.size())
                       .arg(kMaxLength));
    if (hasControlCharacters(uri))
        return bad(AuthRefText::tr("it contains control characters"));
    const QString prefix = QStringLiteral("authref://");
    if (!uri.startsWith(prefix))
        // Not echoed: what an operator pastes where a reference belongs is often the secret itself.
        return bad(
            AuthRefText::tr(
                "the value (%1 characters, not shown in case it is a secret) does not start with "
                "authref://")
                .arg(uri.size()));
    QString rest = uri.mid(prefix.size());
    QString fragment;
    const qsizetype hash = rest.indexOf(QLatin1Char('#'));
    if (hash >= 0) {
        fragment = rest.mid(hash + 1);
        rest.truncate(hash);
    }
    const qsizetype slash = rest.indexOf(QLatin1Char('/'));
    const QString storeText = slash >= 0 ? rest.left(slash) : rest;
    const QString pathText = slash >= 0 ? rest.mid(slash + 1) : QString();

    AuthRef ref;
    if (storeText == QLatin1String("keychain"))
        ref.store = Store::Keychain;
    else if (storeText == QLatin1String("vault"))
        ref.store = Store::Vault;
    else if (storeText == QLatin1String("env"))
        ref.store = Store::Env;
    else if (storeText == QLatin1String("inmemory"))
        ref.store = Store::InMemory;
    else
        // Not echoed either: "authref://<pasted token>" puts the secret where the store goes.
        return bad(AuthRefText::tr("unknown store (the text after authref://, %1 characters, not "
                                   "shown); use keychain, vault, env or inmemory")
                       .arg(storeText.size()));

    if (pathText.isEmpty())
        return bad(AuthRefText::tr("the %1 AuthRef has an empty path").arg(storeText));
    QStringList segments;
    for (const QString &segment : pathText.split(QLatin1Char('/'))) {
        if (segment.isEmpty())
            return bad(
                AuthRefText::tr("the %1 AuthRef has an empty path segment ('//')").arg(storeText));
        const QString decoded = decode(segment);
        if (hasControlCharacters(decoded))
            return bad(AuthRefText::tr("a path segment decodes to control characters"));
        // The path keeps segments decoded and joined with '/', so an encoded slash is a
        // separator: one that makes an empty segment ("a%2F%2Fb", "%2Fa") would have no
        // canonical form that reads back.
        if (decoded.split(QLatin1Char('/')).contains(QString()))
            return bad(AuthRefText::tr("the %1 AuthRef has a path segment that decodes to an empty "
                                       "one (an encoded '/' at its start or end, or twice)")
                           .arg(storeText));
        segments.append(decoded);
    }
    ref.path = segments.join(QLatin1Char('/'));
    if (hash >= 0) {
        if (fragment.isEmpty())
            return bad(AuthRefText::tr("the %1 AuthRef has an empty key after '#'").arg(storeText));
        ref.key = decode(fragment);
        if (hasControlCharacters(ref.key))
            return bad(AuthRefText::tr("the key decodes to control characters"));
    }
    if (ref.store == Store::Env && (ref.path.contains(QLatin1Char('/')) || !ref.key.isEmpty()))
        return bad(AuthRefText::tr("an env AuthRef names one variable: authref://env/NAME"));
    // The catalog keeps the canonical form, which percent-encodes what this one wrote raw:
    // it must be within the limit too, or the stored reference would not read back.
    if (const qsizetype canonical = ref.toUri().size(); canonical > kMaxLength)
        return bad(AuthRefText::tr("written canonically (percent-encoded) it is %1 characters "
                                   "long, more than the %2 allowed")
                       .arg(canonical)
                       .arg(kMaxLength));
    return ref;
}

QString AuthRef::toUri() const
{
    QStringList segments;
    for (const QString &segment : path.split(QLatin1Char('/')))
        segments.append(encode(segment));
    QString uri = QStringLiteral("authref://") + toString(store) + QLatin1Char('/') +
                  segments.join(QLatin1Char('/'));
    if (!key.isEmpty())
        uri += QLatin1Char('#') + encode(key);
    return uri;
}

} // namespace stella
