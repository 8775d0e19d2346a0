// SPDX-License-Identifier: Apache-2.0
// S3's XML answers (bucket lists, errors) come from any S3-compatible server.
#include "FuzzTarget.h"
#include "connectors/storage/s3compatible/S3Xml.h"

STELLA_FUZZ_TARGET(s3xml)
{
    stella::HttpResponse response;
    response.status = 403;
    response.headers.append(
        {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/xml")});
    response.body = stella::fuzz::bytes(data, size);
    (void)stella::s3::readXml(response, QStringLiteral("GET /"));
    (void)stella::s3::readXml(response, QStringLiteral("GET /"),
                              QStringLiteral("ListAllMyBucketsResult"));
    (void)stella::s3::errorBody(response);
    (void)stella::s3::foreignBody(response);
    return 0;
}
