// SPDX-License-Identifier: Apache-2.0
// The OCI distribution API's answers (catalog, tags, token), from any registry.
#include "FuzzTarget.h"
#include "connectors/registry/dockerregistry/OciDocuments.h"

STELLA_FUZZ_TARGET(oci)
{
    stella::HttpResponse response;
    response.status = 200;
    response.headers = {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}};
    response.body = stella::fuzz::bytes(data, size);
    (void)stella::oci::readCatalog(response);
    (void)stella::oci::readTags(response, QStringLiteral("library/nginx"));
    (void)stella::oci::readToken(response, QStringLiteral("auth.example.test"));
    return 0;
}
