// SPDX-License-Identifier: Apache-2.0
#include "S3Errors.h"

#include "S3Xml.h"
#include "core/common/LogRedaction.h"

#include <QCoreApplication>

namespace stella::s3 {

namespace {
struct S3ErrorsText
{
    Q_DECLARE_TR_FUNCTIONS(stella::S3CompatibleConnector)
};
} // namespace

namespace {

QString said(const ErrorBody &body)
{
    const QString message = redactSecrets(body.message.simplified());
    return message.size() > 200 ? message.left(200) + QStringLiteral("…") : message;
}

QString attempts(const HttpResponse &response)
{
    return response.attempts > 1
               ? S3ErrorsText::tr(", still after %1 attempts").arg(response.attempts)
               : QString();
}

Error wrongRegion(const HttpResponse &response, const QString &what, const ErrorContext &context,
                  const QString &code, const QString &endpoint)
{
    const QString region = namedRegion(response);
    const QString status = QStringLiteral("%1 %2").arg(response.status).arg(code);
    if (region.isEmpty())
        return Error::failed(
            S3ErrorsText::tr("%1: bucket '%2' must be addressed at another endpoint%3 (%4)")
                .arg(what, context.bucket,
                     endpoint.isEmpty() ? QString() : QStringLiteral(", %1").arg(endpoint), status),
            S3ErrorsText::tr("Set the integration's endpoint (and region) to the bucket's own"));
    return Error::failed(
        S3ErrorsText::tr(
            "%1: bucket '%2' is in region %3, and the request was signed for region %4 "
            "(%5%6)")
            .arg(what, context.bucket, region, context.region, status,
                 endpoint.isEmpty() ? QString()
                                    : S3ErrorsText::tr(", S3 names endpoint %1").arg(endpoint)),
        S3ErrorsText::tr("Set the integration's region to %1 (and for AWS its endpoint to "
                         "https://s3.%1.amazonaws.com)")
            .arg(region));
}

Error fromCode(const HttpResponse &response, const QString &what, const ErrorContext &context,
               const ErrorBody &body)
{
    const QString &code = body.code;
    const QString status = QStringLiteral("%1 %2").arg(response.status).arg(code);
    const QString storedAs =
        S3ErrorsText::tr("stored at %1 as ACCESS_KEY_ID:SECRET_ACCESS_KEY").arg(context.authRef);
    if (code == QLatin1String("SignatureDoesNotMatch"))
        return Error::failed(
            S3ErrorsText::tr("%1: the server rejected the request's signature (%2): the secret "
                             "access key does not belong to access key id %3")
                .arg(what, status, body.xml.text(QStringLiteral("AWSAccessKeyId"))),
            S3ErrorsText::tr(
                "Check the secret access key %1; a proxy that rewrites the Host header "
                "or the path breaks signatures too")
                .arg(storedAs));
    if (code == QLatin1String("InvalidAccessKeyId"))
        return Error::failed(
            S3ErrorsText::tr("%1: the server knows no access key id %2 (%3)")
                .arg(what, body.xml.text(QStringLiteral("AWSAccessKeyId")), status),
            S3ErrorsText::tr("Check the access key id %1: it must be a key of this endpoint's "
                             "account, not of another S3 service or a deleted key")
                .arg(storedAs));
    if (code == QLatin1String("AccessDenied") || code == QLatin1String("AllAccessDisabled"))
        return Error::failed(
            S3ErrorsText::tr("%1: authenticated, but not allowed (%2: %3)")
                .arg(what, status, said(body)),
            S3ErrorsText::tr("Grant the key behind %1 %2 (IAM policy or bucket policy)")
                .arg(context.authRef, context.permission));
    if (code == QLatin1String("NoSuchBucket"))
        return Error::notFound(
            S3ErrorsText::tr("%1: there is no bucket '%2' on this server (%3)")
                .arg(what, context.bucket, status),
            S3ErrorsText::tr("Check the bucket in the integration's config, or create the bucket"));
    if (code == QLatin1String("SlowDown") || code == QLatin1String("ServiceUnavailable"))
        return Error::failed(
            S3ErrorsText::tr("%1: S3 asks for fewer requests (%2%3): %4")
                .arg(what, status, attempts(response), said(body)),
            S3ErrorsText::tr("Lengthen this integration's health-check interval or lower other "
                             "traffic to the bucket; S3 raises a prefix's request rate gradually"));
    if (code == QLatin1String("PermanentRedirect") || code == QLatin1String("TemporaryRedirect"))
        return wrongRegion(response, what, context, code,
                           body.xml.text(QStringLiteral("Endpoint")));
    if (code == QLatin1String("AuthorizationHeaderMalformed") && !namedRegion(response).isEmpty())
        return wrongRegion(response, what, context, code, {});
    if (code == QLatin1String("RequestTimeTooSkewed"))
        return Error::failed(
            S3ErrorsText::tr("%1: this machine's clock and the server's differ by more than 15 "
                             "minutes (%2)")
                .arg(what, status),
            S3ErrorsText::tr(
                "Synchronise this machine's clock (NTP): a SigV4 signature carries the "
                "time it was made"));
    if (code == QLatin1String("ExpiredToken") || code == QLatin1String("InvalidToken") ||
        code == QLatin1String("TokenRefreshRequired"))
        return Error::failed(
            S3ErrorsText::tr("%1: the session token is expired or invalid (%2)").arg(what, status),
            S3ErrorsText::tr("Store fresh temporary credentials at %1 as "
                             "ACCESS_KEY_ID:SECRET_ACCESS_KEY:SESSION_TOKEN")
                .arg(context.authRef));
    return Error::failed(QStringLiteral("%1: S3 error %2: %3").arg(what, status, said(body)),
                         S3ErrorsText::tr("Look up %1 in the S3 error code reference").arg(code));
}

// A HEAD answer carries no body: its status (and x-amz-bucket-region) is all there is.
Error fromStatus(const HttpResponse &response, const QString &what, const ErrorContext &context)
{
    if (const QString foreign = foreignBody(response);
        !foreign.isEmpty() && !response.body.isEmpty())
        return Error::failed(
            S3ErrorsText::tr("%1: HTTP %2 with %3").arg(what).arg(response.status).arg(foreign),
            S3ErrorsText::tr("Check that the endpoint is the S3 API's address, not a console, a "
                             "proxy's page or another service"));
    if (!namedRegion(response).isEmpty() &&
        (response.status == 301 || response.status == 307 || response.status == 400))
        return wrongRegion(response, what, context, QStringLiteral("Moved"), {});
    switch (response.status) {
    case 403:
        return Error::failed(
            S3ErrorsText::tr("%1: 403 Forbidden, without a reason (a HEAD answer has no body): the "
                             "key lacks %2 on bucket '%3', or its secret is wrong")
                .arg(what, context.permission, context.bucket),
            S3ErrorsText::tr("Grant the key behind %1 %2 on the bucket; test the connection to see "
                             "whether ListBuckets accepts the secret")
                .arg(context.authRef, context.permission));
    case 404:
        return Error::notFound(
            S3ErrorsText::tr("%1: there is no bucket '%2' on this server (404 Not Found)")
                .arg(what, context.bucket),
            S3ErrorsText::tr("Check the bucket in the integration's config, or create the bucket"));
    case 503:
        return Error::failed(
            S3ErrorsText::tr("%1: the server is unavailable or asks for fewer "
                             "requests (503%2)")
                .arg(what, attempts(response)),
            S3ErrorsText::tr("Try again later; lengthen the health-check interval"));
    default:
        break;
    }
    return Error::failed(S3ErrorsText::tr("%1: HTTP %2 from %3")
                             .arg(what)
                             .arg(response.status)
                             .arg(response.url.path()),
                         S3ErrorsText::tr("Check the server's logs"));
}

} // namespace

QString namedRegion(const HttpResponse &response)
{
    const QString header = QString::fromLatin1(response.header("x-amz-bucket-region")).trimmed();
    if (!header.isEmpty())
        return header.left(64);
    if (const auto body = errorBody(response))
        return body->xml.text(QStringLiteral("Region")).trimmed().left(64);
    return {};
}

Error explain(const HttpResponse &response, const QString &what, const ErrorContext &context)
{
    if (const auto body = errorBody(response))
        return fromCode(response, what, context, *body);
    return fromStatus(response, what, context);
}

} // namespace stella::s3
