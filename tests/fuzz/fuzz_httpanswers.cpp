// SPDX-License-Identifier: Apache-2.0
// Every HTTP connector reads its answers through connectors/http/HttpAnswers: JSON bodies, the
// server's own error words, the hint for a body that is not what was asked for.
#include "FuzzTarget.h"
#include "connectors/http/HttpAnswers.h"

STELLA_FUZZ_TARGET(httpanswers)
{
    stella::HttpResponse response;
    response.status = 400;
    response.url = QUrl(QStringLiteral("https://api.example.test/v1/items"));
    response.body = stella::fuzz::bytes(data, size);
    for (const QByteArray &type :
         {QByteArrayLiteral("application/json"), QByteArrayLiteral("text/html")}) {
        response.headers = {{QByteArrayLiteral("Content-Type"), type}};
        (void)stella::http::jsonObject(response, QStringLiteral("GET /v1/items"));
        (void)stella::http::jsonArray(response, QStringLiteral("GET /v1/items"));
        (void)stella::http::serverMessage(response);
        (void)stella::http::bodyHint(response);
        (void)stella::http::statusVerdict(response);
    }
    return 0;
}
