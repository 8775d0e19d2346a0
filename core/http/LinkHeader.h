// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/http/HttpTypes.h"

#include <QHash>
#include <QStringList>
#include <QUrl>

namespace stella {

// One link of an RFC 8288 Link header.
struct WebLink
{
    QUrl target;                    // resolved against the request URL
    QStringList rels;               // lower-case; "rel" may hold several
    QHash<QString, QString> params; // lower-case names, unquoted values
};

// RFC 8288 Link header parsing: several links per header and several headers, several rels
// per link, quoted parameters (with commas and semicolons inside), relative targets, commas
// inside the <URI>, and Harbor's " , " between links.
class LinkHeader
{
public:
    static QList<WebLink> parse(const QByteArray &value, const QUrl &base);
    // Every Link header of a response, in order.
    static QList<WebLink> parse(const HttpHeaders &headers, const QUrl &base);
    // The target of the first link with the rel, if any.
    static std::optional<QUrl> find(const HttpHeaders &headers, const QUrl &base,
                                    const QString &rel);
};

} // namespace stella
