// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "LoopbackHttpServer.h"

#include <QSet>

namespace stella::test {

// S3's REST API as AWS documents it, on loopback, for what a real S3-compatible server cannot
// be made to do: a wrong region (AuthorizationHeaderMalformed naming the server's region; a
// bucket elsewhere answering 301 PermanentRedirect with x-amz-bucket-region and its
// Endpoint), SlowDown, an HTML page, a JSON API, malformed XML. Every signed request's SigV4
// signature is checked against the one key pair, as S3 does; anonymous GET / is refused with
// AccessDenied. The bucket operations are HeadBucket (HEAD, no body) and ListObjectsV2.
class FakeS3
{
public:
    enum class Mode
    {
        S3,
        HtmlPage,     // every answer is a web page
        JsonApi,      // every answer is another service's JSON
        MalformedXml, // ListBuckets answers XML that does not parse
        SlowDown,     // bucket requests answer 503 SlowDown
        TruncatedXml, // ListObjectsV2 answers half its XML
    };

    FakeS3(QByteArray accessKeyId, QByteArray secret);

    Mode mode = Mode::S3;
    QByteArray serverRegion = "us-east-1";
    // bucket -> its region; a bucket in another region than the server's is redirected.
    QHash<QByteArray, QByteArray> buckets;
    // Buckets the key may not read (403 AccessDenied / a bare 403 to HEAD).
    QSet<QByteArray> forbidden;
    QByteArray sessionToken; // when set, signed requests must carry it

    LoopbackHttpServer &server() { return m_server; }
    QUrl url() const { return m_server.url(); }
    int signedRequests() const { return m_signed; }
    // What the last signed request carried.
    LoopbackHttpServer::Request lastSigned() const { return m_lastSigned; }

    static LoopbackHttpServer::Response error(int status, const QByteArray &code,
                                              const QByteArray &message,
                                              const QByteArray &extra = {});

private:
    LoopbackHttpServer::Response answer(const LoopbackHttpServer::Request &request);
    LoopbackHttpServer::Response bucketAnswer(const LoopbackHttpServer::Request &request,
                                              const QByteArray &bucket);
    // Empty when the signature is right; else S3's refusal.
    std::optional<LoopbackHttpServer::Response>
    checkSignature(const LoopbackHttpServer::Request &request);

    QByteArray m_accessKeyId;
    QByteArray m_secret;
    int m_signed = 0;
    LoopbackHttpServer::Request m_lastSigned;
    LoopbackHttpServer m_server;
};

} // namespace stella::test
