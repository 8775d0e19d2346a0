// SPDX-License-Identifier: Apache-2.0
// Vault's sys/health and lookup-self answers, from whatever server the integration names.
#include "FuzzTarget.h"
#include "connectors/secrets/vault/VaultAnswers.h"

STELLA_FUZZ_TARGET(vault)
{
    stella::HttpResponse response;
    response.headers = {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}};
    response.body = stella::fuzz::bytes(data, size);
    // Each of sys/health's documented status codes, and one it does not document.
    for (int status : {200, 429, 472, 473, 474, 501, 503, 530, 418}) {
        response.status = status;
        (void)stella::vault::readHealth(response,
                                        QStringLiteral("https://vault.example.test:8200"));
    }
    response.status = 200;
    (void)stella::vault::readTokenFields(response);
    return 0;
}
