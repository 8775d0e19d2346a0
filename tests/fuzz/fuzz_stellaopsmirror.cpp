// SPDX-License-Identifier: Apache-2.0
// A Stella Ops mirror's index.json and manifest.json, from whatever host the feed points at.
#include "FuzzTarget.h"
#include "connectors/feeds/stellaopsmirror/StellaOpsMirrorDocuments.h"

STELLA_FUZZ_TARGET(stellaopsmirror)
{
    stella::HttpResponse response;
    response.status = 200;
    response.headers = {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}};
    response.body = stella::fuzz::bytes(data, size);
    const QString endpoint = QStringLiteral("https://mirror.example.test");
    int schema = 0;
    (void)stella::mirror::readIndex(response, QStringLiteral("GET /concelier/exports/index.json"),
                                    endpoint, &schema);
    (void)stella::mirror::readManifest(
        response, QStringLiteral("GET /concelier/exports/mirror/primary/manifest.json"), endpoint,
        QStringLiteral("primary"));
    return 0;
}
