// SPDX-License-Identifier: Apache-2.0
#include "CertificateExpiry.h"

#include <QCoreApplication>

namespace stella {

namespace {
struct CertificateExpiryText
{
    Q_DECLARE_TR_FUNCTIONS(stella::CertificateExpiry)
};

// Whole days, rounded down, with "today" for less than one.
QString days(qint64 ms)
{
    const qint64 n = ms / (24 * 3600 * 1000LL);
    if (n == 0)
        return CertificateExpiryText::tr("less than a day");
    return (n == 1 ? CertificateExpiryText::tr("%1 day") : CertificateExpiryText::tr("%1 days"))
        .arg(n);
}
} // namespace

CertificateExpiry::Verdict CertificateExpiry::judge(const QDateTime &expiry, const QDateTime &now,
                                                    bool verified)
{
    if (!expiry.isValid())
        return {};
    const qint64 left = now.msecsTo(expiry);
    if (left <= 0)
        return {HealthStatus::Unhealthy,
                verified ? CertificateExpiryText::tr("certificate expired %1 ago").arg(days(-left))
                         : CertificateExpiryText::tr(
                               "certificate expired %1 ago (accepted only because TLS "
                               "verification is off for this integration)")
                               .arg(days(-left))};
    if (left <= qint64(kWarningDays) * 24 * 3600 * 1000)
        return {HealthStatus::Degraded,
                CertificateExpiryText::tr("certificate expires in %1").arg(days(left))};
    return {};
}

QString CertificateExpiry::describe(const QDateTime &expiry, const QDateTime &now)
{
    if (!expiry.isValid())
        return QStringLiteral("—");
    const qint64 left = now.msecsTo(expiry);
    if (left <= 0)
        return CertificateExpiryText::tr("expired %1 ago").arg(days(-left));
    if (left <= qint64(kWarningDays) * 24 * 3600 * 1000)
        return CertificateExpiryText::tr("expires in %1").arg(days(left));
    return CertificateExpiryText::tr("valid for %1").arg(days(left));
}

} // namespace stella
