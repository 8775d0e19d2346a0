// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"
#include "core/http/HttpTypes.h"

#include <QHash>
#include <QString>

namespace stella::s3 {

// An S3 answer read as XML (S3's REST API answers XML only): the root element, the text of
// the first element of each name, and how many elements of each name there are. Enough for
// ListAllMyBucketsResult, ListBucketResult and Error, without keeping a tree.
struct XmlAnswer
{
    QString root;
    QHash<QString, QString> firstText;
    QHash<QString, int> counts;

    QString text(const QString &element) const { return firstText.value(element); }
    int count(const QString &element) const { return counts.value(element); }
};

// The most of an answer that is read as XML, and the deepest nesting: S3 answers are small and
// flat, so anything bigger is not one of them.
constexpr qsizetype kMaxXmlBytes = 8 << 20;
constexpr int kMaxXmlDepth = 16;

// The body as S3 XML with `expectedRoot` (empty: any root), or why it is not: an HTML page, a
// JSON API, truncated or malformed XML, another document. `what` names the request.
Result<XmlAnswer> readXml(const HttpResponse &response, const QString &what,
                          const QString &expectedRoot = {});

// S3's <Error>: Code, Message and the fields some codes add (Region, Endpoint, Bucket...).
struct ErrorBody
{
    QString code;
    QString message;
    XmlAnswer xml;
};
// The answer's S3 error body, if it has one.
std::optional<ErrorBody> errorBody(const HttpResponse &response);

// What kind of non-S3 body this is, for messages: "an HTML page (a login page or a proxy?)",
// "JSON (another API)", "an empty answer"; empty when it could be XML.
QString foreignBody(const HttpResponse &response);

} // namespace stella::s3
