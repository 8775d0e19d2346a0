// SPDX-License-Identifier: Apache-2.0
// OSV's /v1/query, /v1/querybatch and /v1/vulns answers, from OSV or a mirror.
#include "FuzzTarget.h"
#include "connectors/feeds/osvmirror/OsvAnswers.h"
#include "connectors/http/HttpAnswers.h"

STELLA_FUZZ_TARGET(osv)
{
    stella::HttpResponse response;
    response.status = 200;
    response.headers = {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}};
    response.body = stella::fuzz::bytes(data, size);
    const QString what = QStringLiteral("POST /v1/query");
    auto answer = stella::http::jsonObject(response, what);
    if (!answer)
        return 0;
    (void)stella::osv::readVulns(*answer, what);
    (void)stella::osv::recordProblem(*answer);
    for (const QJsonValue &result : answer->value(QStringLiteral("results")).toArray())
        (void)stella::osv::readVulns(result.toObject(), QStringLiteral("POST /v1/querybatch"));
    return 0;
}
