// SPDX-License-Identifier: Apache-2.0
#include "RelativeTime.h"

#include "core/common/Clock.h"

#include <QCoreApplication>

namespace stella::ui {

namespace {
// Free functions have no QObject to translate for them: their words get a context of their own.
struct RelativeTimeText
{
    Q_DECLARE_TR_FUNCTIONS(stella::ui::RelativeTime)
};
} // namespace

QString relativeTime(const QDateTime &then, const QDateTime &now)
{
    if (!then.isValid())
        return RelativeTimeText::tr("never");
    // A check stamped slightly in the future (clock skew between hosts) still reads "just now".
    const qint64 secs = qMax<qint64>(0, then.secsTo(now));
    if (secs < 60)
        return RelativeTimeText::tr("just now");
    const qint64 mins = secs / 60;
    if (mins < 60)
        return RelativeTimeText::tr("%1 min ago").arg(mins);
    const qint64 hours = mins / 60;
    if (hours < 48)
        return RelativeTimeText::tr("%1 h ago").arg(hours);
    const qint64 days = hours / 24;
    return RelativeTimeText::tr("%1 days ago").arg(days);
}

QString utcTooltip(const QDateTime &time)
{
    if (!time.isValid())
        return RelativeTimeText::tr("Never checked");
    return time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}

QString localTimeText(const QDateTime &time, bool withSeconds)
{
    return time.toLocalTime().toString(withSeconds ? QStringLiteral("yyyy-MM-dd HH:mm:ss")
                                                   : QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString localTimeColumnTitle()
{
    const QString zone = QDateTime::currentDateTime().timeZoneAbbreviation();
    return zone.isEmpty() ? RelativeTimeText::tr("Checked (local time)")
                          : RelativeTimeText::tr("Checked (local time, %1)").arg(zone);
}

} // namespace stella::ui
