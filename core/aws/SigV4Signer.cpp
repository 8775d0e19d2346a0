// SPDX-License-Identifier: Apache-2.0
#include "SigV4Signer.h"

#include <QCryptographicHash>
#include <QMap>
#include <QMessageAuthenticationCode>
#include <QSet>
#include <algorithm>

namespace stella {

namespace {

QByteArray hmac(const QByteArray &key, const QByteArray &message)
{
    return QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Sha256);
}

// Headers a proxy or the HTTP stack may add, change or drop on the way: signing them would
// break the signature for reasons no one could see (aws-c-auth skips the same ones).
bool isUnsignable(const QByteArray &lowerName)
{
    static const QSet<QByteArray> skipped{"authorization", "connection",      "expect",
                                          "user-agent",    "x-amzn-trace-id", "transfer-encoding",
                                          "upgrade",       "x-amz-user-agent"};
    return skipped.contains(lowerName) || lowerName.startsWith("sec-websocket-");
}

// "  a   b  " -> "a b": SigV4 trims a header value and folds runs of spaces into one.
QByteArray foldSpaces(const QByteArray &value)
{
    QByteArray out;
    out.reserve(value.size());
    bool space = false;
    for (const char c : value.trimmed()) {
        if (c == ' ' || c == '\t') {
            space = true;
            continue;
        }
        if (space)
            out.append(' ');
        space = false;
        out.append(c);
    }
    return out;
}

struct CanonicalHeaders
{
    QByteArray text;    // "name:value\n" per header, sorted by name
    QByteArray signed_; // "host;x-amz-date"
};

CanonicalHeaders canonicalHeaders(const HttpHeaders &headers)
{
    QMap<QByteArray, QByteArrayList> byName; // sorted by lower-case name
    for (const auto &[name, value] : headers) {
        const QByteArray lower = name.toLower();
        if (!isUnsignable(lower))
            byName[lower].append(foldSpaces(value));
    }
    CanonicalHeaders out;
    QByteArrayList names;
    for (auto it = byName.cbegin(); it != byName.cend(); ++it) {
        out.text += it.key() + ':' + it.value().join(',') + '\n';
        names.append(it.key());
    }
    out.signed_ = names.join(';');
    return out;
}

// RFC 3986 §5.2.4 without the scheme part: "." and ".." go, and so do empty segments.
QByteArray removeDotSegments(const QByteArray &path)
{
    QByteArrayList kept;
    const QByteArrayList segments = path.split('/');
    for (const QByteArray &segment : segments) {
        if (segment.isEmpty() || segment == ".")
            continue;
        if (segment == "..") {
            if (!kept.isEmpty())
                kept.removeLast();
            continue;
        }
        kept.append(segment);
    }
    QByteArray out = '/' + kept.join('/');
    if (path.endsWith('/') && out.size() > 1)
        out.append('/');
    return out;
}

QByteArray scopeOf(const QDateTime &when, const SigV4Options &options)
{
    return SigV4Signer::amzDate(when).left(8) + '/' + options.region + '/' + options.service +
           "/aws4_request";
}

QByteArray signingKey(const QByteArray &secret, const QDateTime &when, const SigV4Options &options)
{
    const QByteArray date = hmac("AWS4" + secret, SigV4Signer::amzDate(when).left(8));
    const QByteArray region = hmac(date, options.region);
    const QByteArray service = hmac(region, options.service);
    return hmac(service, "aws4_request");
}

// The canonical request, string to sign and signature for the given canonical parts.
void sign(SigV4Signature &out, const SigV4Request &request, const QByteArray &query,
          const CanonicalHeaders &headers, const AwsCredentials &credentials,
          const SigV4Options &options, const QDateTime &when)
{
    out.canonicalRequest = request.method + '\n' +
                           SigV4Signer::canonicalUri(request.path, options) + '\n' +
                           SigV4Signer::canonicalQuery(query) + '\n' + headers.text + '\n' +
                           headers.signed_ + '\n' + SigV4Signer::sha256Hex(request.body);
    out.stringToSign = QByteArray(SigV4Signer::kAlgorithm) + '\n' + SigV4Signer::amzDate(when) +
                       '\n' + scopeOf(when, options) + '\n' +
                       SigV4Signer::sha256Hex(out.canonicalRequest);
    out.signature =
        hmac(signingKey(credentials.secretAccessKey, when, options), out.stringToSign).toHex();
}

} // namespace

QByteArray SigV4Signer::uriEncode(const QByteArray &bytes, bool keepSlash)
{
    static const char hex[] = "0123456789ABCDEF";
    QByteArray out;
    out.reserve(bytes.size() * 3);
    for (const char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                                (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
                                c == '~';
        if (unreserved || (keepSlash && c == '/')) {
            out.append(ch);
        } else {
            out.append('%');
            out.append(hex[c >> 4]);
            out.append(hex[c & 0xF]);
        }
    }
    return out;
}

QByteArray SigV4Signer::canonicalUri(const QByteArray &path, const SigV4Options &options)
{
    QByteArray p = path.isEmpty() ? QByteArray("/") : path;
    if (options.normalizePath)
        p = removeDotSegments(p);
    // Double encoding encodes what is on the wire (a '%' becomes %25); single encoding
    // re-encodes the decoded path, so "a b" and "a%20b" sign alike.
    return uriEncode(options.doubleEncodePath ? p : QByteArray::fromPercentEncoding(p), true);
}

QByteArray SigV4Signer::canonicalQuery(const QByteArray &query)
{
    QList<QPair<QByteArray, QByteArray>> items;
    for (const QByteArray &item : query.split('&')) {
        if (item.isEmpty())
            continue;
        const qsizetype eq = item.indexOf('=');
        const QByteArray key = eq < 0 ? item : item.left(eq);
        const QByteArray value = eq < 0 ? QByteArray() : item.mid(eq + 1);
        items.append({uriEncode(QByteArray::fromPercentEncoding(key), false),
                      uriEncode(QByteArray::fromPercentEncoding(value), false)});
    }
    std::sort(items.begin(), items.end());
    QByteArrayList joined;
    for (const auto &[key, value] : items)
        joined.append(key + '=' + value);
    return joined.join('&');
}

QByteArray SigV4Signer::sha256Hex(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

QByteArray SigV4Signer::amzDate(const QDateTime &when)
{
    return when.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")).toLatin1();
}

QByteArray SigV4Signer::hostHeader(const QUrl &url)
{
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']';
    const int defaultPort = url.scheme() == QLatin1String("https") ? 443 : 80;
    if (url.port() != -1 && url.port() != defaultPort)
        host += ':' + QByteArray::number(url.port());
    return host;
}

SigV4Request SigV4Signer::requestFor(const QByteArray &method, const QUrl &url)
{
    SigV4Request request;
    request.method = method;
    request.path = url.path(QUrl::FullyEncoded).toLatin1();
    if (request.path.isEmpty())
        request.path = "/";
    request.query = url.query(QUrl::FullyEncoded).toLatin1();
    request.headers = {{"Host", hostHeader(url)}};
    return request;
}

SigV4Signature SigV4Signer::signHeaders(const SigV4Request &request,
                                        const AwsCredentials &credentials,
                                        const SigV4Options &options, const QDateTime &when)
{
    SigV4Signature out;
    if (!credentials.sessionToken.isEmpty())
        out.addedHeaders.append({"X-Amz-Security-Token", credentials.sessionToken});
    out.addedHeaders.append({"X-Amz-Date", amzDate(when)});
    if (options.signBody)
        out.addedHeaders.append({"X-Amz-Content-Sha256", sha256Hex(request.body)});
    const CanonicalHeaders headers = canonicalHeaders(request.headers + out.addedHeaders);
    sign(out, request, request.query, headers, credentials, options, when);
    out.addedHeaders.append(
        {"Authorization", QByteArray(kAlgorithm) + " Credential=" + credentials.accessKeyId + '/' +
                              scopeOf(when, options) + ", SignedHeaders=" + headers.signed_ +
                              ", Signature=" + out.signature});
    return out;
}

SigV4Signature SigV4Signer::presign(const SigV4Request &request, const AwsCredentials &credentials,
                                    const SigV4Options &options, const QDateTime &when)
{
    SigV4Signature out;
    const CanonicalHeaders headers = canonicalHeaders(request.headers);
    QByteArrayList added{
        QByteArray("X-Amz-Algorithm=") + kAlgorithm,
        "X-Amz-Credential=" +
            uriEncode(credentials.accessKeyId + '/' + scopeOf(when, options), false),
        "X-Amz-Date=" + amzDate(when), "X-Amz-SignedHeaders=" + uriEncode(headers.signed_, false),
        "X-Amz-Expires=" + QByteArray::number(options.expiresSeconds)};
    if (!credentials.sessionToken.isEmpty())
        added.append("X-Amz-Security-Token=" + uriEncode(credentials.sessionToken, false));
    const QByteArray addedQuery = added.join('&');
    sign(out, request, request.query.isEmpty() ? addedQuery : request.query + '&' + addedQuery,
         headers, credentials, options, when);
    out.addedQuery = addedQuery + "&X-Amz-Signature=" + out.signature;
    return out;
}

} // namespace stella
