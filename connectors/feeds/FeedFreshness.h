// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/Enums.h"

#include <QDateTime>
#include <QString>

namespace stella {

class HttpSession;

// How old a feed may be before its health is Degraded: the integration's `maxAge` (a
// duration, docs/contracts.md §2.2), 48 h when unset or unreadable.
struct FeedFreshness
{
    static constexpr qint64 kDefaultMaxAgeMs = qint64(48) * 3600 * 1000;

    qint64 maxAgeMs = kDefaultMaxAgeMs;

    static FeedFreshness fromConfig(const HttpSession &session);

    // "7 days", "5 hours", "12 minutes", "under a minute": an age as an operator reads it.
    static QString ageText(qint64 ageMs);

    // Healthy while `newest` is at most maxAge before `now`; Degraded, saying how old, after.
    // A time in the future (a clock skew) counts as fresh.
    struct Verdict
    {
        HealthStatus health = HealthStatus::Unknown;
        QString message;
    };
    Verdict judge(const QString &what, const QDateTime &newest, const QDateTime &now) const;
};

} // namespace stella
