// SPDX-License-Identifier: Apache-2.0
// Harbor's v2.0 answers: repository and artifact pages, /health.
#include "FuzzTarget.h"
#include "connectors/http/HttpAnswers.h"
#include "connectors/registry/harbor/HarborDocuments.h"

STELLA_FUZZ_TARGET(harbor)
{
    stella::HttpResponse response;
    response.status = 200;
    response.headers = {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}};
    response.body = stella::fuzz::bytes(data, size);
    const QString what = QStringLiteral("GET /api/v2.0/repositories");
    if (auto page = stella::http::jsonArray(response, what)) {
        (void)stella::harbor::repositoriesFrom(*page);
        (void)stella::harbor::tagsFrom(*page);
    }
    if (auto health = stella::http::jsonObject(response, what)) {
        bool essential = false;
        (void)stella::harbor::unhealthyComponents(*health, &essential);
    }
    return 0;
}
