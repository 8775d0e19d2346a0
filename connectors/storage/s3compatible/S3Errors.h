// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"
#include "core/http/HttpTypes.h"

namespace stella::s3 {

// What an explanation may name: where the secret is, the bucket and region configured.
struct ErrorContext
{
    QString authRef;
    QString bucket;
    QString region;
    // What the key needs for the refused call, e.g. "s3:ListAllMyBuckets".
    QString permission;
};

// A refused or failed S3 call explained: S3's own error code (AccessDenied,
// SignatureDoesNotMatch, InvalidAccessKeyId, NoSuchBucket, SlowDown, PermanentRedirect,
// AuthorizationHeaderMalformed, RequestTimeTooSkewed, ExpiredToken...) each with its own
// message and hint, the region S3 names for a bucket elsewhere, and for a body-less HEAD
// answer what its status means. `what` names the call ("ListBuckets (GET /)").
Error explain(const HttpResponse &response, const QString &what, const ErrorContext &context);

// The region S3 names for the bucket: x-amz-bucket-region, else the error's <Region>.
QString namedRegion(const HttpResponse &response);

} // namespace stella::s3
