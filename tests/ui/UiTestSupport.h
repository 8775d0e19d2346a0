// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/catalog/CatalogThread.h"
#include "core/model/Integration.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QSignalSpy>
#include <QTest>

namespace stella::test {

// The catalog's answer, waiting on the watcher's signal (never a sleep). Tests only: the
// console itself never waits on a future.
template <typename T> T waitFor(QFuture<T> future)
{
    QFutureWatcher<T> watcher;
    QSignalSpy done(&watcher, &QFutureWatcher<T>::finished);
    watcher.setFuture(future);
    if (!future.isFinished())
        done.wait(10'000);
    return future.result();
}

inline IntegrationDraft draft(const QString &provider, const QString &name, const QString &endpoint,
                              const QJsonObject &config = {})
{
    IntegrationDraft d;
    d.provider = provider;
    d.name = name;
    d.endpoint = endpoint;
    d.config = config;
    return d;
}

// Adds through the catalog thread, as another console or the CLI would.
inline Integration addVia(CatalogThread &catalog, const RequestContext &ctx,
                          const IntegrationDraft &d)
{
    auto added = waitFor(catalog.run([ctx, d](IntegrationCatalog &c) { return c.add(ctx, d); }));
    if (!added)
        qFatal("adding %s failed: %s", qPrintable(d.name), qPrintable(added.error().toText()));
    return *added;
}

inline QList<Integration> listVia(CatalogThread &catalog, const RequestContext &ctx)
{
    auto listed = waitFor(catalog.run([ctx](IntegrationCatalog &c) { return c.list(ctx); }));
    return listed ? *listed : QList<Integration>();
}

} // namespace stella::test
