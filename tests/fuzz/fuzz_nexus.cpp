// SPDX-License-Identifier: Apache-2.0
// Nexus Repository's /repositories and /components answers.
#include "FuzzTarget.h"
#include "connectors/http/HttpAnswers.h"
#include "connectors/registry/nexus/NexusDocuments.h"

STELLA_FUZZ_TARGET(nexus)
{
    stella::HttpResponse response;
    response.status = 200;
    response.headers = {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}};
    response.body = stella::fuzz::bytes(data, size);
    if (auto repositories =
            stella::http::jsonArray(response, QStringLiteral("GET /repositories"))) {
        (void)stella::nexus::dockerRepositoriesFrom(*repositories, QString());
        (void)stella::nexus::dockerRepositoriesFrom(*repositories, QStringLiteral("docker-hosted"));
    }
    (void)stella::nexus::readComponents(response, QStringLiteral("GET /components"));
    return 0;
}
