// SPDX-License-Identifier: Apache-2.0
// Retry-After and the rate-limit headers decide how long the client waits: a server controls them.
#include "FuzzTarget.h"
#include "core/common/Clock.h"
#include "core/http/RetryPolicy.h"

#include <cstdlib>

STELLA_FUZZ_TARGET(retryafter)
{
    const QByteArray input = stella::fuzz::bytes(data, size);
    const QDateTime now = stella::utcFromSecsSinceEpoch(1793000000);
    (void)stella::RetryPolicy::retryAfterMs(input, now);

    // The input as a header block: "Name: value" lines.
    stella::HttpResponse response;
    for (const QByteArray &line : input.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            response.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    (void)stella::RetryPolicy::rateLimitResetMs(response.headers, now);
    const stella::HttpPolicy policy;
    for (int status : {403, 429, 503}) {
        response.status = status;
        (void)stella::RetryPolicy::isRateLimited(response);
        // Whatever the server says, the wait stays within the policy's bounds.
        const qint64 delay =
            stella::RetryPolicy::delayBeforeRetryMs(&response, 2, policy, now, 0.5);
        if (delay < 0)
            std::abort();
    }
    return 0;
}
