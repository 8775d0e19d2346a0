// SPDX-License-Identifier: Apache-2.0
// GitLab's /version answer and the project and group paths an operator types into the config.
#include "FuzzTarget.h"
#include "connectors/gitlab/GitLabRest.h"
#include "connectors/http/HttpAnswers.h"

STELLA_FUZZ_TARGET(gitlab)
{
    const QByteArray input = stella::fuzz::bytes(data, size);
    const QString text = QString::fromUtf8(input);
    if (auto path = stella::gitlab::configuredPath(text, QStringLiteral("project")))
        (void)stella::gitlab::pathId(*path);
    stella::HttpResponse response;
    response.status = 200;
    response.headers = {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}};
    response.body = input;
    if (auto version = stella::http::jsonObject(response, QStringLiteral("GET /api/v4/version")))
        (void)stella::gitlab::versionText(*version);
    return 0;
}
