// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/Integration.h"

namespace stella {

class ConnectorOperation;

// What is recorded for a finished health-check operation, the same for the monitor, the
// console's "Check now" and the CLI's `check`: the connector's verdict when the check ran, and
// Unhealthy with the error when it could not (credential, transport, garbage answer).
HealthCheckRecord healthCheckRecordFor(const QUuid &integrationId, const QDateTime &checkedAt,
                                       const ConnectorOperation &operation);

// A check that gave no answer within the monitor's timeout: Unhealthy, saying so.
HealthCheckRecord timedOutHealthCheck(const QUuid &integrationId, const QDateTime &checkedAt,
                                      qint64 timeoutMs);

} // namespace stella
