// SPDX-License-Identifier: Apache-2.0
#include "FeedFreshness.h"

#include "connectors/http/HttpSession.h"
#include "core/providers/ConfigSchema.h"

#include <QCoreApplication>

namespace stella {

namespace {
struct FeedFreshnessText
{
    Q_DECLARE_TR_FUNCTIONS(stella::FeedFreshness)
};
} // namespace

FeedFreshness FeedFreshness::fromConfig(const HttpSession &session)
{
    FeedFreshness f;
    if (auto ms = parseDurationMs(session.configString(QStringLiteral("maxAge"))); ms && *ms > 0)
        f.maxAgeMs = *ms;
    return f;
}

QString FeedFreshness::ageText(qint64 ageMs)
{
    constexpr qint64 minute = 60 * 1000;
    constexpr qint64 hour = 60 * minute;
    constexpr qint64 day = 24 * hour;
    const auto plural = [](qint64 n, const QString &one, const QString &many) {
        return (n == 1 ? one : many).arg(n);
    };
    if (ageMs >= 2 * day)
        return plural(ageMs / day, FeedFreshnessText::tr("%1 day"),
                      FeedFreshnessText::tr("%1 days"));
    if (ageMs >= hour)
        return plural(ageMs / hour, FeedFreshnessText::tr("%1 hour"),
                      FeedFreshnessText::tr("%1 hours"));
    if (ageMs >= minute)
        return plural(ageMs / minute, FeedFreshnessText::tr("%1 minute"),
                      FeedFreshnessText::tr("%1 minutes"));
    return FeedFreshnessText::tr("under a minute");
}

FeedFreshness::Verdict FeedFreshness::judge(const QString &what, const QDateTime &newest,
                                            const QDateTime &now) const
{
    const qint64 age = std::max<qint64>(0, newest.msecsTo(now));
    const QString ago = age < 60 * 1000 ? FeedFreshnessText::tr("just now")
                                        : FeedFreshnessText::tr("%1 ago").arg(ageText(age));
    if (age <= maxAgeMs)
        return {HealthStatus::Healthy, FeedFreshnessText::tr("%1 %2").arg(what, ago)};
    return {HealthStatus::Degraded,
            FeedFreshnessText::tr("%1 %2, older than the %3 allowed (maxAge)")
                .arg(what, ago, ageText(maxAgeMs))};
}

} // namespace stella
