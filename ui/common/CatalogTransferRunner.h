// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"
#include "core/model/Integration.h"

#include <QObject>

namespace stella {
class CatalogThread;
}

namespace stella::ui {

// File → Import… and Export… of the console: the export file of docs/contracts.md (the CLI's
// `export`/`import`, CatalogTransfer), read or written on the catalog thread so the window never
// waits on the disk or the database. An import is all or nothing (IntegrationCatalog::addAll):
// a malformed file or a refused entry saves nothing. One transfer at a time.
class CatalogTransferRunner : public QObject
{
    Q_OBJECT

public:
    CatalogTransferRunner(CatalogThread &catalog, QObject *parent = nullptr);

    bool isBusy() const { return m_busy; }
    // False (and nothing started) while another transfer runs.
    bool exportTo(const RequestContext &ctx, const QString &path);
    bool importFrom(const RequestContext &ctx, const QString &path);

Q_SIGNALS:
    void started(const QString &what);
    // count: the integrations exported or imported.
    void exported(const QString &path, int count);
    void imported(const QString &path, int count);
    void failed(const stella::Error &error, const QString &lead);

private:
    CatalogThread &m_catalog;
    bool m_busy = false;
};

} // namespace stella::ui
