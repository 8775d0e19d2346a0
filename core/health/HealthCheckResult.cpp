// SPDX-License-Identifier: Apache-2.0
#include "HealthCheckResult.h"

#include "core/connectors/ConnectorOperation.h"
#include "core/health/CertificateExpiry.h"
#include "core/model/Enums.h"
#include "core/providers/ConfigSchema.h"

#include <QCoreApplication>

namespace stella {

namespace {
struct HealthCheckResultText
{
    Q_DECLARE_TR_FUNCTIONS(stella::HealthCheckResult)
};
} // namespace

HealthCheckRecord healthCheckRecordFor(const QUuid &integrationId, const QDateTime &checkedAt,
                                       const ConnectorOperation &op)
{
    HealthCheckRecord record;
    record.integrationId = integrationId;
    record.checkedAt = checkedAt;
    record.latencyMs = op.elapsedMs();
    const bool ran = op.outcome() == ConnectorOperation::Outcome::Succeeded;
    // A check that could not run (credential, transport) says the integration is unusable.
    record.status = ran ? op.healthStatus() : HealthStatus::Unhealthy;
    const QList<ConnectorStep> steps = op.steps();
    if (!ran)
        record.errorMessage = op.error().message;
    else if (!steps.isEmpty() && steps.last().state != ConnectorStep::State::Passed)
        record.errorMessage = steps.last().message;
    // Every HTTPS integration: a certificate near or past its expiry is part of the verdict,
    // whatever the connector thought of the server's answers.
    record.certificateExpiresAt = op.certificateExpiry();
    const CertificateExpiry::Verdict certificate =
        CertificateExpiry::judge(op.certificateExpiry(), checkedAt, op.certificateVerified());
    if (!certificate.message.isEmpty()) {
        if (severityRank(certificate.health) > severityRank(record.status))
            record.status = certificate.health;
        record.errorMessage =
            record.errorMessage.isEmpty()
                ? certificate.message
                : record.errorMessage + QStringLiteral("; ") + certificate.message;
    }
    return record;
}

HealthCheckRecord timedOutHealthCheck(const QUuid &integrationId, const QDateTime &checkedAt,
                                      qint64 timeoutMs)
{
    HealthCheckRecord record;
    record.integrationId = integrationId;
    record.checkedAt = checkedAt;
    record.latencyMs = timeoutMs;
    record.status = HealthStatus::Unhealthy;
    record.errorMessage =
        HealthCheckResultText::tr("No answer within %1: the health check timed out")
            .arg(formatDurationMs(timeoutMs));
    return record;
}

} // namespace stella
