// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/http/HttpTypes.h"

#include <QDateTime>

namespace stella {

// The keys a request is signed with. The secret and the session token are secrets: they never
// appear in a SigV4Signature except inside the X-Amz-Security-Token header or query item.
struct AwsCredentials
{
    QByteArray accessKeyId;
    QByteArray secretAccessKey;
    QByteArray sessionToken; // temporary (STS) credentials only
};

// One request as the signer sees it: the path and query exactly as they go on the wire
// (percent-encoded), the headers that will be sent (Host among them) and the payload.
struct SigV4Request
{
    QByteArray method = "GET";
    QByteArray path = "/";
    QByteArray query; // without '?'
    HttpHeaders headers;
    QByteArray body;
};

struct SigV4Options
{
    QByteArray region = "us-east-1";
    QByteArray service = "s3";
    // Adds x-amz-content-sha256 (S3 requires it on every request).
    bool signBody = false;
    // Removes "." and ".." segments from the path before signing. S3 signs the path as sent.
    bool normalizePath = true;
    // Encodes the already-encoded path once more, as every service but S3 wants.
    bool doubleEncodePath = true;
    // For presigned URLs: how long the signature is valid.
    qint64 expiresSeconds = 3600;
};

// What signing produced: the intermediate texts (for tests and for explaining a
// SignatureDoesNotMatch) and what to add to the request.
struct SigV4Signature
{
    QByteArray canonicalRequest;
    QByteArray stringToSign;
    QByteArray signature; // lower-case hex
    // Header signing: X-Amz-Security-Token, X-Amz-Date, X-Amz-Content-Sha256 and
    // Authorization, in that order, to append to the request's headers.
    HttpHeaders addedHeaders;
    // Query signing: the items to append to the request's query (X-Amz-Signature last),
    // already encoded, joined with '&'.
    QByteArray addedQuery;
};

// AWS Signature Version 4 (docs.aws.amazon.com, "Create a signed AWS API request"), as the
// AWS SDKs' aws-c-auth computes it: canonical request, string to sign, the derived signing
// key, HMAC-SHA256. Pure: the time is given, nothing is read from the environment.
class SigV4Signer
{
public:
    static SigV4Signature signHeaders(const SigV4Request &request,
                                      const AwsCredentials &credentials,
                                      const SigV4Options &options, const QDateTime &when);
    static SigV4Signature presign(const SigV4Request &request, const AwsCredentials &credentials,
                                  const SigV4Options &options, const QDateTime &when);

    // Building blocks, public for tests.
    static QByteArray uriEncode(const QByteArray &bytes, bool keepSlash);
    static QByteArray canonicalUri(const QByteArray &path, const SigV4Options &options);
    static QByteArray canonicalQuery(const QByteArray &query);
    static QByteArray sha256Hex(const QByteArray &bytes);
    static QByteArray amzDate(const QDateTime &when); // 20150830T123600Z
    // "host:port" as HTTP/1.1 sends it: the port only when it is not the scheme's default.
    static QByteArray hostHeader(const QUrl &url);
    // The path and query of a URL as they go on the wire.
    static SigV4Request requestFor(const QByteArray &method, const QUrl &url);

    static constexpr const char *kAlgorithm = "AWS4-HMAC-SHA256";
    static constexpr const char *kEmptyPayloadSha256 =
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
};

} // namespace stella
