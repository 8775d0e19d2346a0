// SPDX-License-Identifier: Apache-2.0
#include "FakeS3.h"

#include "core/aws/SigV4Signer.h"
#include "core/common/Clock.h"

#include <QRegularExpression>

namespace stella::test {

using Request = LoopbackHttpServer::Request;
using Response = LoopbackHttpServer::Response;

namespace {
const QByteArray kXml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

Response xml(int status, const QByteArray &body)
{
    return Response{status,
                    {{"Content-Type", "application/xml"},
                     {"Server", "AmazonS3"},
                     {"x-amz-request-id", "4442587FB7D0A2F9"}},
                    kXml + body};
}
} // namespace

FakeS3::FakeS3(QByteArray accessKeyId, QByteArray secret)
    : m_accessKeyId(std::move(accessKeyId)), m_secret(std::move(secret)),
      m_server([this](const Request &r) { return answer(r); })
{}

Response FakeS3::error(int status, const QByteArray &code, const QByteArray &message,
                       const QByteArray &extra)
{
    return xml(status, "<Error><Code>" + code + "</Code><Message>" + message + "</Message>" +
                           extra + "<RequestId>4442587FB7D0A2F9</RequestId></Error>");
}

std::optional<Response> FakeS3::checkSignature(const Request &request)
{
    static const QRegularExpression authorization(
        QStringLiteral("^AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/s3/aws4_request, "
                       "SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$"));
    const auto match = authorization.match(QString::fromLatin1(request.header("Authorization")));
    if (!match.hasMatch())
        return error(400, "AuthorizationHeaderMalformed", "The authorization header is malformed");
    const QByteArray key = match.captured(1).toLatin1();
    const QByteArray region = match.captured(3).toLatin1();
    if (key != m_accessKeyId)
        return error(403, "InvalidAccessKeyId",
                     "The AWS Access Key Id you provided does not exist in our records.",
                     "<AWSAccessKeyId>" + key + "</AWSAccessKeyId>");
    if (region != serverRegion)
        return error(400, "AuthorizationHeaderMalformed",
                     "The authorization header is malformed; the region '" + region +
                         "' is wrong; expecting '" + serverRegion + "'",
                     "<Region>" + serverRegion + "</Region>");
    if (request.header("x-amz-content-sha256") != SigV4Signer::sha256Hex(request.body))
        return error(400, "XAmzContentSHA256Mismatch",
                     "The provided 'x-amz-content-sha256' header does not match what was "
                     "computed.");
    if (!sessionToken.isEmpty() && request.header("x-amz-security-token") != sessionToken)
        return error(403, "InvalidToken", "The provided token is malformed or otherwise invalid.");
    // Recompute the signature from what arrived: Host as received, the date it names.
    SigV4Request received;
    received.method = request.method;
    const qsizetype q = request.target.indexOf('?');
    received.path = q < 0 ? request.target : request.target.left(q);
    received.query = q < 0 ? QByteArray() : request.target.mid(q + 1);
    received.headers = {{"host", request.header("Host")}};
    received.body = request.body;
    SigV4Options options;
    options.region = region;
    options.signBody = true;
    options.normalizePath = false;
    options.doubleEncodePath = false;
    const QDateTime when = QDateTime::fromString(QString::fromLatin1(request.header("x-amz-date")),
                                                 QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    const QDateTime utc = utcDateTime(when.date(), when.time());
    const SigV4Signature expected = SigV4Signer::signHeaders(
        received, {m_accessKeyId, m_secret, request.header("x-amz-security-token")}, options, utc);
    if (expected.addedHeaders.last().second != request.header("Authorization"))
        return error(403, "SignatureDoesNotMatch",
                     "The request signature we calculated does not match the signature you "
                     "provided. Check your key and signing method.",
                     "<AWSAccessKeyId>" + key + "</AWSAccessKeyId>");
    return std::nullopt;
}

Response FakeS3::answer(const Request &request)
{
    if (mode == Mode::HtmlPage)
        return Response{200,
                        {{"Content-Type", "text/html; charset=utf-8"}},
                        "<!DOCTYPE html><html><head><title>Storage console</title></head>"
                        "<body><form action=\"/login\">Sign in</form></body></html>"};
    if (mode == Mode::JsonApi)
        return Response::json(404, R"({"message":"Not Found","documentation_url":"/docs"})");
    if (request.header("Authorization").isEmpty())
        return error(403, "AccessDenied", "Access Denied");
    if (auto refused = checkSignature(request))
        return *refused;
    ++m_signed;
    m_lastSigned = request;
    const QByteArray path = request.path();
    if (path == "/") {
        if (mode == Mode::MalformedXml)
            return xml(200, "<ListAllMyBucketsResult><Buckets><Bucket><Name>a</Nam></Bucket>");
        QByteArray list;
        for (auto it = buckets.cbegin(); it != buckets.cend(); ++it)
            list += "<Bucket><Name>" + it.key() +
                    "</Name><CreationDate>2026-01-02T03:04:05.000Z</CreationDate></Bucket>";
        return xml(200,
                   "<ListAllMyBucketsResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                   "<Owner><ID>75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a"
                   "</ID><DisplayName>stella-ci</DisplayName></Owner><Buckets>" +
                       list + "</Buckets></ListAllMyBucketsResult>");
    }
    const QByteArrayList parts = path.mid(1).split('/');
    return bucketAnswer(request, parts.first());
}

Response FakeS3::bucketAnswer(const Request &request, const QByteArray &bucket)
{
    // A HEAD gets the GET answer; the loopback server sends its length and not its body.
    const bool head = request.method == "HEAD";
    if (mode == Mode::SlowDown)
        return error(503, "SlowDown", "Please reduce your request rate.");
    if (!buckets.contains(bucket))
        return error(404, "NoSuchBucket", "The specified bucket does not exist",
                     "<BucketName>" + bucket + "</BucketName>");
    const QByteArray region = buckets.value(bucket);
    if (region != serverRegion) {
        Response moved = error(301, "PermanentRedirect",
                               "The bucket you are attempting to access must be addressed using "
                               "the specified endpoint. Please send all future requests to this "
                               "endpoint.",
                               "<Endpoint>" + bucket + ".s3." + region +
                                   ".amazonaws.com</Endpoint><Bucket>" + bucket + "</Bucket>");
        moved.headers.append({"x-amz-bucket-region", region});
        return moved;
    }
    if (forbidden.contains(bucket))
        return error(403, "AccessDenied", "Access Denied");
    if (head)
        return Response{200, {{"x-amz-bucket-region", region}, {"Server", "AmazonS3"}}, {}};
    Response listing = xml(
        200, "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>" + bucket +
                 "</Name><Prefix></Prefix><KeyCount>1</KeyCount><MaxKeys>1</MaxKeys>"
                 "<IsTruncated>true</IsTruncated><Contents><Key>evidence/0001.json</Key>"
                 "<Size>512</Size></Contents></ListBucketResult>");
    if (mode == Mode::TruncatedXml)
        listing.body.truncate(listing.body.size() / 2);
    return listing;
}

} // namespace stella::test
