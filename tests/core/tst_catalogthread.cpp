// SPDX-License-Identifier: Apache-2.0
#include "TestSupport.h"
#include "core/catalog/CatalogThread.h"

#include <QFutureWatcher>
#include <QSignalSpy>
#include <QTest>

using namespace stella;

namespace {
template <typename T> T waitFor(QFuture<T> future)
{
    QFutureWatcher<T> watcher;
    QSignalSpy done(&watcher, &QFutureWatcher<T>::finished);
    watcher.setFuture(future);
    if (!future.isFinished())
        done.wait(10'000);
    return future.result();
}
} // namespace

class TestCatalogThread : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ManualClock m_clock{test::fixedNow()};

private Q_SLOTS:
    void runsOnItsOwnThread()
    {
        CatalogThread thread(test::registry(), m_clock);
        auto opened =
            waitFor(thread.open(DatabaseUrl::sqliteFile(m_dir.filePath(QStringLiteral("a.db")))));
        QVERIFY(opened.ok());
        auto where = waitFor(thread.run(
            [](IntegrationCatalog &) { return Result<QThread *>(QThread::currentThread()); }));
        QVERIFY(where.ok());
        QVERIFY(*where != QThread::currentThread());
    }

    void relaysChangeSignalsToTheCallersThread()
    {
        CatalogThread thread(test::registry(), m_clock);
        QVERIFY(
            waitFor(thread.open(DatabaseUrl::sqliteFile(m_dir.filePath(QStringLiteral("b.db")))))
                .ok());
        QSignalSpy changed(&thread, &CatalogThread::integrationChanged);
        auto added = waitFor(thread.run([](IntegrationCatalog &c) {
            IntegrationDraft d;
            d.provider = QStringLiteral("InMemory");
            d.name = QStringLiteral("relay");
            return c.add({}, d);
        }));
        QVERIFY(added.ok());
        QTRY_COMPARE(changed.count(), 1);
        QCOMPARE(changed.first().at(2).toUuid(), added->id);
    }

    void reportsWhenNothingIsOpen()
    {
        CatalogThread thread(test::registry(), m_clock);
        auto listed = waitFor(thread.run([](IntegrationCatalog &c) { return c.list({}); }));
        QVERIFY(!listed.ok());
        QCOMPARE(listed.error().kind, ErrorKind::BackendUnavailable);
    }

    void failedOpenIsAnError()
    {
        CatalogThread thread(test::registry(), m_clock);
        auto opened = waitFor(thread.open(*DatabaseUrl::parse(
            QStringLiteral("postgresql://nobody@127.0.0.1:1/x?connect_timeout=1"))));
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().kind, ErrorKind::BackendUnavailable);
    }
};

QTEST_GUILESS_MAIN(TestCatalogThread)
#include "tst_catalogthread.moc"
