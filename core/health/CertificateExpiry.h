// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/model/Enums.h"

#include <QDateTime>
#include <QString>
#include <optional>

namespace stella {

// What a server's TLS certificate expiry means for the integration's health
// (docs/contracts.md §7): expired is Unhealthy (Qt refuses such a certificate, so this is seen
// only with verification off, and said), expiring within 30 days is Degraded, later is fine.
// `now` comes from the injected Clock.
class CertificateExpiry
{
public:
    static constexpr int kWarningDays = 30;

    struct Verdict
    {
        HealthStatus health = HealthStatus::Healthy;
        QString message; // "certificate expires in 12 days"; empty when nothing is wrong
    };
    static Verdict judge(const QDateTime &expiry, const QDateTime &now, bool verified = true);

    // For the list, the detail pane, `show` and `health`: "expires in 12 days",
    // "expired 3 days ago", "valid for 89 days"; "—" when no certificate was read.
    static QString describe(const QDateTime &expiry, const QDateTime &now);
};

} // namespace stella
