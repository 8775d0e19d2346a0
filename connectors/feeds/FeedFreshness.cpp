// SPDX-License-Identifier: Apache-2.0
#include "FeedFreshness.h"

#include "connectors/http/HttpSession.h"
#include "core/providers/ConfigSchema.h"

#include <QCoreApplication>

namespace stella {

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
    const auto plural = [](qint64 n, const char *one, const char *many) {
        return QCoreApplication::translate("FeedFreshness", n == 1 ? one : many).arg(n);
    };
    if (ageMs >= 2 * day)
        return plural(ageMs / day, "%1 day", "%1 days");
    if (ageMs >= hour)
        return plural(ageMs / hour, "%1 hour", "%1 hours");
    if (ageMs >= minute)
        return plural(ageMs / minute, "%1 minute", "%1 minutes");
    return QCoreApplication::translate("FeedFreshness", "under a minute");
}

FeedFreshness::Verdict FeedFreshness::judge(const QString &what, const QDateTime &newest,
                                            const QDateTime &now) const
{
    const qint64 age = std::max<qint64>(0, newest.msecsTo(now));
    const QString ago =
        age < 60 * 1000 ? QCoreApplication::translate("FeedFreshness", "just now")
                        : QCoreApplication::translate("FeedFreshness", "%1 ago").arg(ageText(age));
    if (age <= maxAgeMs)
        return {HealthStatus::Healthy,
                QCoreApplication::translate("FeedFreshness", "%1 %2").arg(what, ago)};
    return {
        HealthStatus::Degraded,
        QCoreApplication::translate("FeedFreshness", "%1 %2, older than the %3 allowed (maxAge)")
            .arg(what, ago, ageText(maxAgeMs))};
}

} // namespace stella
