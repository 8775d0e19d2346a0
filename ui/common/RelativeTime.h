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

} // namespace stella::ui
