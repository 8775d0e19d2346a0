// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/http/HttpTypes.h"

#include <QDateTime>
#include <optional>

namespace stella {

// When to try a request again and how long to wait first. Pure functions of their inputs, so
// every rule is tested without a server or a clock.
class RetryPolicy
{
public:
    // 429 and 502/503/504 are worth another try; every other status is the answer.
    static bool isTransientStatus(int status);
    // A 403 or 429 that says it is a rate limit (Retry-After, or X-RateLimit-Remaining: 0):
    // GitHub refuses an exhausted primary limit and its secondary limits with 403, which is
    // worth another try once the wait is over; any other 403 is the answer.
    static bool isRateLimited(const HttpResponse &response);

    // Retry-After in either form: delay-seconds ("120") or an HTTP-date
    // ("Wed, 21 Oct 2026 07:28:00 GMT"), relative to `now`. Nothing when absent or unreadable.
    static std::optional<qint64> retryAfterMs(const QByteArray &value, const QDateTime &now);

    // Rate-limit headers (X-RateLimit-Remaining: 0 with X-RateLimit-Reset / RateLimit-Reset as
    // epoch seconds or seconds from now): how long until the window resets.
    static std::optional<qint64> rateLimitResetMs(const HttpHeaders &headers, const QDateTime &now);

    // Exponential backoff with full jitter: uniform in [0, min(cap, base * 2^retry)], where
    // `unitRandom` is in [0, 1). retry counts from 0.
    static qint64 backoffMs(int retry, int baseMs, int capMs, double unitRandom);

    // What the server asked for (Retry-After, then rate-limit reset), else the backoff.
    static qint64 delayBeforeRetryMs(const HttpResponse *response, int retry,
                                     const HttpPolicy &policy, const QDateTime &now,
                                     double unitRandom);
};

} // namespace stella
