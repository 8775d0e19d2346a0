// SPDX-License-Identifier: Apache-2.0
#include "RelativeTime.h"

#include "core/common/Clock.h"

namespace stella::ui {

QString relativeTime(const QDateTime &then, const QDateTime &now)
{
    if (!then.isValid())
        return QStringLiteral("never");
    // A check stamped slightly in the future (clock skew between hosts) still reads "just now".
    const qint64 secs = qMax<qint64>(0, then.secsTo(now));
    if (secs < 60)
        return QStringLiteral("just now");
    const qint64 mins = secs / 60;
    if (mins < 60)
        return QStringLiteral("%1 min ago").arg(mins);
    const qint64 hours = mins / 60;
    if (hours < 48)
        return QStringLiteral("%1 h ago").arg(hours);
    const qint64 days = hours / 24;
    return QStringLiteral("%1 days ago").arg(days);
}

QString utcTooltip(const QDateTime &time)
{
    if (!time.isValid())
        return QStringLiteral("Never checked");
    return time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}

} // namespace stella::ui
