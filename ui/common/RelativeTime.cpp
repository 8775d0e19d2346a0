// SPDX-License-Identifier: Apache-2.0
#include "RelativeTime.h"

#include "core/common/Clock.h"

#include <QCoreApplication>
#include <QLocale>

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
        return RelativeTimeText::tr("%L1 min ago").arg(mins);
    const qint64 hours = mins / 60;
    if (hours < 48)
        return RelativeTimeText::tr("%L1 h ago").arg(hours);
    // Two days at least, so English needs no singular; other languages inflect with %n.
    const int days = int(hours / 24);
    return RelativeTimeText::tr("%Ln days ago", nullptr, days);
}

QString utcTooltip(const QDateTime &time)
{
    if (!time.isValid())
        return RelativeTimeText::tr("Never checked");
    return time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}

QString localTimeText(const QDateTime &time, bool withSeconds)
{
    const QLocale locale;
    const QDateTime local = time.toLocalTime();
    QString timeFormat = locale.timeFormat(QLocale::ShortFormat);
    // The short format has no seconds; a check's exact second matters in a table of checks.
    if (withSeconds && !timeFormat.contains(QLatin1Char('s')))
        timeFormat.replace(QLatin1String("mm"), QLatin1String("mm:ss"));
    return locale.toString(local.date(), QLocale::ShortFormat) + QLatin1Char(' ') +
           locale.toString(local.time(), timeFormat);
}

QString localTimeColumnTitle()
{
    const QString zone = QDateTime::currentDateTime().timeZoneAbbreviation();
    return zone.isEmpty() ? RelativeTimeText::tr("Checked (local time)")
                          : RelativeTimeText::tr("Checked (local time, %1)").arg(zone);
}

} // namespace stella::ui
