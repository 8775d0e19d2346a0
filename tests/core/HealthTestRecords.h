// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/Integration.h"

namespace stella::test {

// A check's result as the monitor hands it on: who, when, what it found.
inline HealthCheckRecord checkResult(const QUuid &id, const QDateTime &at, HealthStatus status)
{
    HealthCheckRecord r;
    r.integrationId = id;
    r.checkedAt = at;
    r.status = status;
    return r;
}

} // namespace stella::test
