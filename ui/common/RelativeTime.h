// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDateTime>
#include <QString>

namespace stella::ui {

// "just now", "5 min ago", "3 h ago", "2 days ago"; "never" for an invalid time. Operators
// scan a list for staleness, which a relative time answers at a glance; the exact UTC time
// goes in the tooltip (utcTooltip).
QString relativeTime(const QDateTime &then, const QDateTime &now);
QString utcTooltip(const QDateTime &time);
// A check's time as the Details and Health tabs show it: local time in the locale's short date
// and time format (QLocale()), seconds added when asked for.
QString localTimeText(const QDateTime &time, bool withSeconds = false);
// A time column's title, naming the zone the times are in: "Checked (local time, CET)". Both
// tabs say the same, so no one reads one in UTC and the other in local time.
QString localTimeColumnTitle();

} // namespace stella::ui
