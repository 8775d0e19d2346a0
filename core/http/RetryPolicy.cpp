// SPDX-License-Identifier: Apache-2.0
#include "RetryPolicy.h"

#include "core/common/Clock.h"

#include <QLocale>
#include <algorithm>
#include <cmath>
#include <limits>

namespace stella {

QByteArray headerValue(const HttpHeaders &headers, const QByteArray &name)
{
    for (const auto &[key, value] : headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

bool RetryPolicy::isTransientStatus(int status)
{
    return status == 429 || status == 502 || status == 503 || status == 504;
}

bool RetryPolicy::isRateLimited(const HttpResponse &response)
{
    if (response.status != 403 && response.status != 429)
        return false;
    if (!response.header("Retry-After").trimmed().isEmpty())
        return true;
    QByteArray remaining = response.header("X-RateLimit-Remaining");
    if (remaining.isEmpty())
        remaining = response.header("RateLimit-Remaining");
    return remaining.trimmed() == "0";
}

std::optional<qint64> RetryPolicy::retryAfterMs(const QByteArray &value, const QDateTime &now)
{
    const QByteArray text = value.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 seconds = text.toLongLong(&ok);
    // A server may ask for any number of seconds; past what milliseconds can hold it is
    // "longer than anyone waits", not an overflow.
    constexpr qint64 kMaxSeconds = std::numeric_limits<qint64>::max() / 1000;
    if (ok)
        return seconds < 0 ? std::nullopt
                           : std::optional<qint64>(std::min(seconds, kMaxSeconds) * 1000);
    // IMF-fixdate (RFC 9110 §5.6.7), the only date form servers should send.
    QDateTime at = QLocale::c().toDateTime(QString::fromLatin1(text),
                                           QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!at.isValid())
        return std::nullopt;
    at = utcDateTime(at.date(), at.time()); // the text says GMT
    return std::max<qint64>(0, now.msecsTo(at));
}

std::optional<qint64> RetryPolicy::rateLimitResetMs(const HttpHeaders &headers,
                                                    const QDateTime &now)
{
    QByteArray remaining = headerValue(headers, "X-RateLimit-Remaining");
    if (remaining.isEmpty())
        remaining = headerValue(headers, "RateLimit-Remaining");
    if (remaining.trimmed() != "0")
        return std::nullopt;
    QByteArray reset = headerValue(headers, "X-RateLimit-Reset");
    if (reset.isEmpty())
        reset = headerValue(headers, "RateLimit-Reset");
    bool ok = false;
    const qint64 value = reset.trimmed().toLongLong(&ok);
    if (!ok || value < 0)
        return std::nullopt;
    // GitHub and GitLab send epoch seconds; the IETF draft sends seconds from now.
    constexpr qint64 kEpochThreshold = 1000000000;
    if (value >= kEpochThreshold)
        return std::max<qint64>(0, now.msecsTo(utcFromSecsSinceEpoch(value)));
    return value * 1000;
}

qint64 RetryPolicy::backoffMs(int retry, int baseMs, int capMs, double unitRandom)
{
    const double ceiling =
        std::min<double>(capMs, baseMs * std::pow(2.0, std::clamp(retry, 0, 30)));
    return qint64(ceiling * std::clamp(unitRandom, 0.0, 1.0));
}

qint64 RetryPolicy::delayBeforeRetryMs(const HttpResponse *response, int retry,
                                       const HttpPolicy &policy, const QDateTime &now,
                                       double unitRandom)
{
    if (response) {
        if (auto asked = retryAfterMs(response->header("Retry-After"), now))
            return *asked;
        if (auto reset = rateLimitResetMs(response->headers, now))
            return *reset;
    }
    return backoffMs(retry, policy.baseBackoffMs, policy.maxBackoffMs, unitRandom);
}

} // namespace stella
