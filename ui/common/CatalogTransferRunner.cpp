// SPDX-License-Identifier: Apache-2.0
#include "CatalogTransferRunner.h"

#include "core/catalog/CatalogThread.h"
#include "core/catalog/CatalogTransfer.h"
#include "core/catalog/IntegrationCatalog.h"
#include "core/common/FutureCallback.h"

#include <QFile>
#include <QSaveFile>

namespace stella::ui {

CatalogTransferRunner::CatalogTransferRunner(CatalogThread &catalog, QObject *parent)
    : QObject(parent), m_catalog(catalog)
{}

bool CatalogTransferRunner::exportTo(const RequestContext &ctx, const QString &path)
{
    if (m_busy)
        return false;
    m_busy = true;
    Q_EMIT started(tr("Exporting to %1…").arg(path));
    onFinished(this, m_catalog.run([ctx, path](IntegrationCatalog &c) -> Result<int> {
        auto integrations = c.list(ctx);
        if (!integrations)
            return integrations.error();
        const QByteArray document = CatalogTransfer::exportDocument(*integrations);
        // QSaveFile: a previous export stays intact unless the new one is complete.
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(document) != document.size() ||
            !file.commit())
            return Error::failed(
                QStringLiteral("Cannot write the export to %1: %2").arg(path, file.errorString()),
                QStringLiteral("Check the folder exists and is writable"));
        return int(integrations->size());
    }),
               [this, path](const Result<int> &result) {
                   m_busy = false;
                   if (result)
                       Q_EMIT exported(path, *result);
                   else
                       Q_EMIT failed(result.error(), tr("Nothing was exported to %1.").arg(path));
               });
    return true;
}

bool CatalogTransferRunner::importFrom(const RequestContext &ctx, const QString &path)
{
    if (m_busy)
        return false;
    m_busy = true;
    Q_EMIT started(tr("Importing %1…").arg(path));
    onFinished(this, m_catalog.run([ctx, path](IntegrationCatalog &c) -> Result<int> {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return Error::invalidInput(
                QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()),
                QStringLiteral("Check the path"));
        auto drafts = CatalogTransfer::parseImport(file.readAll());
        if (!drafts)
            return drafts.error();
        auto added = c.addAll(ctx, *drafts, QStringLiteral("import"));
        if (!added)
            return added.error();
        return int(added->size());
    }),
               [this, path](const Result<int> &result) {
                   m_busy = false;
                   if (result)
                       Q_EMIT imported(path, *result);
                   else
                       Q_EMIT failed(
                           result.error(),
                           tr("Nothing was imported from %1: the catalog is unchanged.").arg(path));
               });
    return true;
}

} // namespace stella::ui
