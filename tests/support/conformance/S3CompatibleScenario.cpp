// SPDX-License-Identifier: Apache-2.0
// S3 as AWS documents its REST API: ListBuckets (GET /), HeadBucket (HEAD /bucket, no body),
// ListObjectsV2 (GET /bucket?list-type=2), XML answers and <Error> bodies, every request
// signed with SigV4 (Authorization: AWS4-HMAC-SHA256 Credential=KEY/..., x-amz-date,
// x-amz-content-sha256). S3 refuses a wrong secret with 403 SignatureDoesNotMatch and a
// missing permission with 403 AccessDenied. It has no discovery: the faults hit the health
// check's read, ListObjectsV2 of the bucket.
#include "ConnectorTestSupport.h"
#include "conformance/ConnectorScenario.h"

namespace stella::test::conformance {

namespace {
const QByteArray kKey = "AKIDSTELLACONFORMANCE";
const QByteArray kBucket = "stella-evidence";

class S3CompatibleScenario final : public HttpScenario
{
public:
    S3CompatibleScenario()
        : HttpScenario("STELLA_CONFORMANCE_S3", kKey + ":c0nformance/S3+secretKEY0123456789")
    {}

    Integration integration() const override
    {
        Integration i = integrationFor(QStringLiteral("S3Compatible"),
                                       {{QStringLiteral("bucket"), QString::fromLatin1(kBucket)},
                                        {QStringLiteral("region"), QStringLiteral("us-east-1")},
                                        {QStringLiteral("pathStyle"), true}});
        return i;
    }

    QStringList expectedNames(const QString &) const override { return {}; }

protected:
    bool isListing(const Request &request) const override
    {
        return request.method == "GET" && request.path() == '/' + kBucket;
    }

    Response refusal(int status) const override
    {
        return status == 401
                   ? error(403, "SignatureDoesNotMatch",
                           "The request signature we calculated does not match the signature you "
                           "provided. Check your key and signing method.",
                           "<AWSAccessKeyId>" + kKey + "</AWSAccessKeyId>")
                   : error(403, "AccessDenied", "Access Denied");
    }

    Response answer(const Request &request) override
    {
        const bool signedByKey = request.header("Authorization")
                                     .startsWith("AWS4-HMAC-SHA256 Credential=" + kKey + '/') &&
                                 !request.header("x-amz-date").isEmpty() &&
                                 !request.header("x-amz-content-sha256").isEmpty();
        if (!signedByKey)
            return error(403, "AccessDenied", "Access Denied");
        const QByteArray path = request.path();
        if (path == "/")
            return xml("<ListAllMyBucketsResult><Owner><ID>1</ID><DisplayName>stella</DisplayName>"
                       "</Owner><Buckets><Bucket><Name>" +
                       kBucket + "</Name></Bucket></Buckets></ListAllMyBucketsResult>");
        if (path != '/' + kBucket)
            return error(404, "NoSuchBucket", "The specified bucket does not exist");
        if (request.method == "HEAD")
            return Response{200, {{"x-amz-bucket-region", "us-east-1"}}, {}};
        return xml("<ListBucketResult><Name>" + kBucket +
                   "</Name><KeyCount>1</KeyCount><MaxKeys>1</MaxKeys><IsTruncated>true"
                   "</IsTruncated><Contents><Key>evidence/0001.json</Key><Size>512</Size>"
                   "</Contents></ListBucketResult>");
    }

private:
    static Response xml(const QByteArray &body)
    {
        return Response{200,
                        {{"Content-Type", "application/xml"}, {"Server", "AmazonS3"}},
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + body};
    }
    static Response error(int status, const QByteArray &code, const QByteArray &message,
                          const QByteArray &extra = {})
    {
        Response r = xml("<Error><Code>" + code + "</Code><Message>" + message + "</Message>" +
                         extra + "</Error>");
        r.status = status;
        return r;
    }
};
} // namespace

std::unique_ptr<ConnectorScenario> s3CompatibleScenario()
{
    return std::make_unique<S3CompatibleScenario>();
}

} // namespace stella::test::conformance
