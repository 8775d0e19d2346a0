// SPDX-License-Identifier: Apache-2.0
#include "TestDurationRecorder.h"

#include "core/catalog/CatalogThread.h"
#include "core/common/FutureCallback.h"

namespace stella::ui {

TestDurationRecorder::TestDurationRecorder(CatalogThread &catalog, QObject *parent)
    : QObject(parent), m_catalog(catalog)
{}

void TestDurationRecorder::record(const RequestContext &ctx, const QString &provider,
                                  qint64 durationMs)
{
    onFinished(this, m_catalog.run([ctx, provider, durationMs](IntegrationCatalog &c) {
        return c.recordTestConnection(ctx, provider, durationMs);
    }),
               [this, provider, durationMs](const Result<void> &r) {
                   // A metric that could not be written is not worth interrupting the
                   // operator for; the log says so.
                   if (!r) {
                       qWarning("stella-console: the test-connection duration was not "
                                "recorded: %s",
                                qPrintable(r.error().toText()));
                       return;
                   }
                   Q_EMIT recorded(provider, durationMs);
               });
}

} // namespace stella::ui
