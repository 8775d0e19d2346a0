// SPDX-License-Identifier: Apache-2.0
#include "HealthResultWriter.h"

#include "core/catalog/CatalogThread.h"
#include "core/catalog/IntegrationCatalog.h"
#include "core/common/FutureCallback.h"
#include "core/common/Logging.h"

namespace stella {

HealthResultWriter::HealthResultWriter(CatalogThread &catalog, qint64 retryMs, QObject *parent)
    : QObject(parent), m_catalog(catalog), m_retryMs(retryMs)
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] { writeNext(true); });
}

void HealthResultWriter::append(const QString &tenantId, const HealthCheckRecord &record)
{
    m_kept.append({tenantId, record, true});
    writeNext();
}

void HealthResultWriter::silenceKept()
{
    for (Kept &k : m_kept)
        k.announce = false;
}

// While the catalog is away only the retry timer writes, so an outage costs one attempt per
// retry interval rather than one per result.
void HealthResultWriter::writeNext(bool retrying)
{
    if (m_writing > 0 || m_kept.isEmpty())
        return;
    if (m_state == CatalogState::Unavailable && !retrying) {
        armRetry();
        return;
    }
    const QString tenant = m_kept.first().tenantId;
    QList<HealthCheckRecord> batch;
    for (const Kept &k : std::as_const(m_kept)) {
        if (k.tenantId != tenant || batch.size() >= kBatch)
            break;
        batch.append(k.record);
    }
    m_writing = int(batch.size());
    if (retrying)
        STELLA_LOG_DEBUG(lcHealth)
            << "writing" << m_writing << "of" << m_kept.size() << "kept results again";
    const RequestContext ctx{tenant, QStringLiteral("health-monitor")};
    onFinished(this, m_catalog.run([ctx, batch](IntegrationCatalog &c) {
        return c.recordHealthChecks(ctx, batch);
    }),
               [this, count = m_writing](const Result<QList<std::optional<HealthStatus>>> &r) {
                   written(count, r);
               });
}

void HealthResultWriter::written(int count,
                                 const Result<QList<std::optional<HealthStatus>>> &previous)
{
    m_writing = 0;
    if (!previous) {
        noteCatalogUnavailable(previous.error());
        armRetry();
        Q_EMIT batchAnswered();
        return;
    }
    const QList<Kept> done = m_kept.mid(0, count);
    m_kept.remove(0, count);
    for (qsizetype i = 0; i < done.size(); ++i) {
        const Kept &k = done[i];
        const std::optional<HealthStatus> before = previous->value(i);
        if (!before) {
            STELLA_LOG_DEBUG(lcHealth).noquote()
                << "integration" << k.record.integrationId.toString(QUuid::WithoutBraces)
                << "was removed while it was being checked; its result is dropped";
            Q_EMIT integrationGone(k.record.integrationId);
            continue;
        }
        if (!k.announce)
            continue;
        Q_EMIT recorded(k.tenantId, k.record);
        if (*before != k.record.status)
            Q_EMIT statusChanged(k.tenantId, k.record, *before);
    }
    noteCatalogAvailable();
    writeNext();
    Q_EMIT batchAnswered();
}

void HealthResultWriter::noteCatalogUnavailable(const Error &error)
{
    if (m_state == CatalogState::Unavailable)
        return;
    m_state = CatalogState::Unavailable;
    STELLA_LOG_WARNING(lcHealth).noquote()
        << "the catalog is unavailable:" << error.message << "-" << m_kept.size()
        << "results kept, written again every" << m_retryMs << "ms";
    // Results kept before the outage was noticed elsewhere are retried as well.
    if (!m_kept.isEmpty() && m_writing == 0)
        armRetry();
    Q_EMIT catalogUnavailable(error);
}

void HealthResultWriter::armRetry()
{
    if (!m_retryTimer.isActive())
        m_retryTimer.start(int(m_retryMs));
}

void HealthResultWriter::noteCatalogAvailable()
{
    if (m_state == CatalogState::Unavailable) {
        m_state = CatalogState::Restoring;
        STELLA_LOG_INFO(lcHealth) << "the catalog answers again;" << m_kept.size()
                                  << "kept results to write";
        writeNext(); // results kept during the outage go first
    }
    announceRestoredIfDone();
}

void HealthResultWriter::announceRestoredIfDone()
{
    if (m_state != CatalogState::Restoring || !m_kept.isEmpty())
        return;
    m_state = CatalogState::Available;
    STELLA_LOG_INFO(lcHealth) << "the catalog took every kept result";
    Q_EMIT catalogRestored();
}

} // namespace stella
