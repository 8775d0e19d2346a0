// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/catalog/CatalogSession.h"
#include "core/catalog/IntegrationCatalog.h"
#include "core/common/Result.h"
#include "core/storage/DatabaseUrl.h"

#include <QFuture>
#include <QMutex>
#include <QObject>
#include <QPromise>
#include <QThread>
#include <functional>
#include <memory>
#include <type_traits>

namespace stella {

class Clock;
class ProviderRegistry;

// The catalog on a thread of its own, so the GUI thread never waits on the database (a
// PostgreSQL catalog may be across a network). Work is posted as functions that run against
// the open IntegrationCatalog and come back as QFutures; catalog signals are relayed to the
// thread that owns this object.
class CatalogThread : public QObject
{
    Q_OBJECT

public:
    CatalogThread(const ProviderRegistry &registry, const Clock &clock, QObject *parent = nullptr);
    ~CatalogThread() override;

    // Closes the current catalog (if any) and opens another. `seed` runs once on the worker
    // right after opening (the sandbox fills its in-memory catalog with it).
    QFuture<Result<void>> open(const DatabaseUrl &url,
                               std::function<Result<void>(CatalogSession &)> seed = {});

    // Runs f(IntegrationCatalog&) on the catalog's thread. f must return a Result<T>; if no
    // catalog is open, the future carries a BackendUnavailable error instead.
    template <typename F> auto run(F f) -> QFuture<std::invoke_result_t<F, IntegrationCatalog &>>
    {
        using R = std::invoke_result_t<F, IntegrationCatalog &>;
        auto promise = std::make_shared<QPromise<R>>();
        QFuture<R> future = promise->future();
        promise->start();
        post([this, promise, f = std::move(f)]() mutable {
            if (!m_session)
                promise->addResult(R(notOpenError()));
            else
                promise->addResult(f(m_session->catalog()));
            promise->finish();
        });
        return future;
    }

    // The catalog that is open: unchanged by an open() that fails.
    DatabaseUrl url() const;

Q_SIGNALS:
    void integrationChanged(stella::ChangeKind kind, const QString &tenantId, const QUuid &id);
    void catalogReset(const QString &tenantId);
    void healthRecorded(const QString &tenantId, const QUuid &id, stella::HealthStatus status);
    void healthChanged(const QString &tenantId, const QUuid &id, stella::HealthStatus previous,
                       stella::HealthStatus current);

private:
    void post(std::function<void()> work);
    static Error notOpenError();

    const ProviderRegistry &m_registry;
    const Clock &m_clock;
    QThread m_thread;
    QObject *m_worker = nullptr;               // lives on m_thread; work is posted to it
    std::unique_ptr<CatalogSession> m_session; // touched only on m_thread
    mutable QMutex m_urlMutex; // m_url is written on the worker, read on the owner's thread
    DatabaseUrl m_url;
};

} // namespace stella
