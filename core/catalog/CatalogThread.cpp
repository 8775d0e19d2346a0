// SPDX-License-Identifier: Apache-2.0
#include "CatalogThread.h"

#include "core/common/Clock.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <QMutexLocker>

namespace stella {

namespace {
struct CatalogThreadText
{
    Q_DECLARE_TR_FUNCTIONS(stella::CatalogThread)
};
} // namespace

CatalogThread::CatalogThread(const ProviderRegistry &registry, const Clock &clock, QObject *parent)
    : QObject(parent), m_registry(registry), m_clock(clock)
{
    qRegisterMetaType<stella::ChangeKind>("stella::ChangeKind");
    qRegisterMetaType<stella::HealthStatus>("stella::HealthStatus");
    m_thread.setObjectName(QStringLiteral("catalog"));
    m_worker = new QObject;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

CatalogThread::~CatalogThread()
{
    // The session's QtSql connection must be closed on the thread that opened it; quitting
    // from the outside could end the thread's loop before this posted work ran.
    post([this] {
        m_session.reset();
        m_thread.quit();
    });
    m_thread.wait();
}

void CatalogThread::post(std::function<void()> work)
{
    QMetaObject::invokeMethod(m_worker, std::move(work), Qt::QueuedConnection);
}

DatabaseUrl CatalogThread::url() const
{
    QMutexLocker lock(&m_urlMutex);
    return m_url;
}

Error CatalogThread::notOpenError()
{
    return Error::backend(CatalogThreadText::tr("No catalog is open"),
                          CatalogThreadText::tr("Open one with File → Open Catalog"));
}

QFuture<Result<void>> CatalogThread::open(const DatabaseUrl &url,
                                          std::function<Result<void>(CatalogSession &)> seed)
{
    auto promise = std::make_shared<QPromise<Result<void>>>();
    QFuture<Result<void>> future = promise->future();
    promise->start();
    post([this, promise, url, seed = std::move(seed)] {
        // The new catalog is opened and seeded before the current one is closed, so a catalog
        // that fails to open leaves the operator on the one they had.
        auto opened = CatalogSession::open(url, m_registry, m_clock);
        if (!opened) {
            promise->addResult(Result<void>(opened.error()));
            promise->finish();
            return;
        }
        std::unique_ptr<CatalogSession> session = std::move(opened).value();
        if (seed) {
            if (auto r = seed(*session); !r) {
                promise->addResult(r);
                promise->finish();
                return;
            }
        }
        IntegrationCatalog *catalog = &session->catalog();
        // Relayed signal-to-signal: emitted on the worker, delivered on this object's thread.
        connect(catalog, &IntegrationCatalog::integrationChanged, this,
                &CatalogThread::integrationChanged);
        connect(catalog, &IntegrationCatalog::catalogReset, this, &CatalogThread::catalogReset);
        connect(catalog, &IntegrationCatalog::healthRecorded, this, &CatalogThread::healthRecorded);
        connect(catalog, &IntegrationCatalog::healthChanged, this, &CatalogThread::healthChanged);
        m_session = std::move(session);
        {
            QMutexLocker lock(&m_urlMutex);
            m_url = url;
        }
        promise->addResult(Result<void>());
        promise->finish();
    });
    return future;
}

} // namespace stella
