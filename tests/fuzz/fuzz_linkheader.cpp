// SPDX-License-Identifier: Apache-2.0
// RFC 8288 Link headers come from every paginating server (GitHub, Gitea, Harbor, registries).
#include "FuzzTarget.h"
#include "core/http/LinkHeader.h"

STELLA_FUZZ_TARGET(linkheader)
{
    const QByteArray input = stella::fuzz::bytes(data, size);
    const QUrl base(QStringLiteral("https://registry.example.test/v2/_catalog?n=100"));
    (void)stella::LinkHeader::parse(input, base);
    // The same bytes as several Link headers of one response, one a line.
    stella::HttpHeaders headers;
    for (const QByteArray &line : input.split('\n'))
        headers.append({QByteArrayLiteral("Link"), line});
    (void)stella::LinkHeader::find(headers, base, QStringLiteral("next"));
    return 0;
}
