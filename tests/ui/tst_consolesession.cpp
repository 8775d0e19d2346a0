// SPDX-License-Identifier: Apache-2.0
// ConsoleSession without a widget in sight: this suite links stella-console-session (and so
// stella-core) only and runs under a QCoreApplication.
#include "TestSupport.h"
#include "UiTestSupport.h"
#include "core/health/HealthMonitor.h"
#include "ui/session/ConsoleServices.h"

#include <QCoreApplication>
#include <QFile>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>

using namespace stella;
using namespace stella::ui;

class TestConsoleSession : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ManualClock m_clock{test::fixedNow()};
    std::unique_ptr<CatalogThread> m_catalog;
    std::unique_ptr<ConsoleServices> m_services;
    DatabaseUrl m_url;
    const RequestContext m_ctx{QStringLiteral("default"), QStringLiteral("tester")};
    const RequestContext m_acme{QStringLiteral("acme"), QStringLiteral("tester")};
    int m_n = 0;

    ConsoleSession &session() { return m_services->session; }

    // Opens a catalog and waits for its list, then says the list is on screen, as the window
    // does once it has settled.
    QList<Integration> openAndShow(const DatabaseUrl &url)
    {
        return showAfter([this, url] { session().openCatalog(url); });
    }
    QList<Integration> openSandboxAndShow()
    {
        return showAfter([this] { session().openSandbox(); });
    }
    QList<Integration> showAfter(const std::function<void()> &open)
    {
        QSignalSpy loaded(&session(), &ConsoleSession::integrationsLoaded);
        open();
        if (!loaded.wait(10'000))
            qFatal("the catalog's list never came");
        session().startPendingMonitor();
        return loaded.first().at(0).value<QList<Integration>>();
    }

    QString junkFile()
    {
        const QString junk = m_dir.filePath(QStringLiteral("junk-%1.db").arg(m_n));
        QFile file(junk);
        if (!file.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(junk));
        file.write(QByteArray("not a SQLite database, only text that is long enough").repeated(20));
        return junk;
    }

private Q_SLOTS:
    void init()
    {
        m_catalog = std::make_unique<CatalogThread>(test::registry(), m_clock);
        m_url = DatabaseUrl::sqliteFile(m_dir.filePath(QStringLiteral("session-%1.db").arg(++m_n)));
        QVERIFY(test::waitFor(m_catalog->open(m_url)).ok());
        // InMemory integrations: the monitors these tests start check them without a network.
        test::addVia(*m_catalog, m_ctx,
                     test::draft(QStringLiteral("InMemory"), QStringLiteral("Registry"),
                                 QStringLiteral("https://registry.sandbox.invalid")));
        test::addVia(*m_catalog, m_ctx,
                     test::draft(QStringLiteral("InMemory"), QStringLiteral("Secrets"),
                                 QStringLiteral("https://secrets.sandbox.invalid")));
        test::addVia(*m_catalog, m_acme,
                     test::draft(QStringLiteral("InMemory"), QStringLiteral("Acme GitLab"),
                                 QStringLiteral("https://gitlab.acme.sandbox.invalid")));
        m_services =
            std::make_unique<ConsoleServices>(*m_catalog, test::registry(), m_clock, m_ctx);
    }

    void cleanup()
    {
        m_services.reset();
        m_catalog.reset();
    }

    void aNewSessionHasNothingOpenAndRunsNoMonitor()
    {
        QVERIFY(!session().hasCatalog());
        QVERIFY(!session().isSandbox());
        QCOMPARE(session().tenant(), QStringLiteral("default"));
        QVERIFY(session().isMonitorEnabled());
        session().startPendingMonitor(); // nothing is pending without a catalog
        QVERIFY(!session().monitor());
    }

    void opensACatalogListsItsTenantsAndStartsTheMonitorOnceShown()
    {
        QSignalSpy opened(&session(), &ConsoleSession::opened);
        QSignalSpy tenants(&session(), &ConsoleSession::tenantsLoaded);
        QSignalSpy monitors(&session(), &ConsoleSession::monitorChanged);
        QSignalSpy loaded(&session(), &ConsoleSession::integrationsLoaded);
        session().openCatalog(m_url);
        QVERIFY(loaded.wait(10'000));
        QCOMPARE(opened.size(), 1);
        QVERIFY(session().hasCatalog());
        QCOMPARE(session().url().path, m_url.path);
        QVERIFY(!session().isSandbox());
        QVERIFY(!m_services->credentials.isSandbox());
        QCOMPARE(loaded.first().at(0).value<QList<Integration>>().size(), 2);
        QTRY_COMPARE(tenants.size(), 1);
        QCOMPARE(tenants.first().at(0).toStringList(),
                 (QStringList{QStringLiteral("acme"), QStringLiteral("default")}));

        // Not before the list is on screen: the monitor's own read must not delay it.
        QVERIFY(!session().monitor());
        session().startPendingMonitor();
        HealthMonitor *monitor = session().monitor();
        QVERIFY(monitor);
        QVERIFY(monitor->isRunning());
        QCOMPARE(monitor->tenants(), QStringList{QStringLiteral("default")});
        QCOMPARE(monitors.size(), 1);
        QCOMPARE(monitors.first().at(0).value<HealthMonitor *>(), monitor);
        // Once: a second "shown" starts no second monitor.
        session().startPendingMonitor();
        QCOMPARE(session().monitor(), monitor);
    }

    void aFailedOpenKeepsThePreviousCatalogAndItsMonitor()
    {
        openAndShow(m_url);
        QPointer<HealthMonitor> before = session().monitor();
        QVERIFY(before);

        QSignalSpy failed(&session(), &ConsoleSession::openFailed);
        const QString junk = junkFile();
        session().openCatalog(DatabaseUrl::sqliteFile(junk));
        QVERIFY(failed.wait(10'000));
        const QString lead = failed.first().at(1).toString();
        QVERIFY2(lead.contains(QStringLiteral("still on")), qPrintable(lead));
        QVERIFY2(lead.contains(m_url.displayString()), qPrintable(lead));
        QVERIFY(session().hasCatalog());
        QCOMPARE(session().url().path, m_url.path);
        QCOMPARE(m_catalog->url().path, m_url.path);
        // The old catalog is watched again, by a fresh monitor.
        QVERIFY(before.isNull());
        QVERIFY(session().monitor());
        QVERIFY(session().monitor()->isRunning());

        // And it still answers.
        QSignalSpy loaded(&session(), &ConsoleSession::integrationsLoaded);
        session().reload();
        QVERIFY(loaded.wait(10'000));
        QCOMPARE(loaded.first().at(0).value<QList<Integration>>().size(), 2);
    }

    void aFailedFirstOpenLeavesNothingOpen()
    {
        QSignalSpy failed(&session(), &ConsoleSession::openFailed);
        session().openCatalog(DatabaseUrl::sqliteFile(junkFile()));
        QVERIFY(failed.wait(10'000));
        QVERIFY(!failed.first().at(1).toString().contains(QStringLiteral("still on")));
        QVERIFY(!session().hasCatalog());
        QVERIFY(!session().monitor());
    }

    void aTenantSwitchRestartsTheMonitorForThatTenant()
    {
        openAndShow(m_url);
        QPointer<HealthMonitor> before = session().monitor();
        QVERIFY(before);

        QSignalSpy changed(&session(), &ConsoleSession::tenantChanged);
        QSignalSpy loaded(&session(), &ConsoleSession::integrationsLoaded);
        QVERIFY(session().setTenant(QStringLiteral("  acme ")).ok());
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).toString(), QStringLiteral("acme"));
        QCOMPARE(session().tenant(), QStringLiteral("acme"));
        // The previous tenant's monitor is gone at once; the next waits for the new list.
        QVERIFY(before.isNull());
        QVERIFY(!session().monitor());
        QVERIFY(loaded.wait(10'000));
        const auto acme = loaded.first().at(0).value<QList<Integration>>();
        QCOMPARE(acme.size(), 1);
        QCOMPARE(acme.first().name, QStringLiteral("Acme GitLab"));
        session().startPendingMonitor();
        QVERIFY(session().monitor());
        QCOMPARE(session().monitor()->tenants(), QStringList{QStringLiteral("acme")});

        // The same tenant again changes nothing.
        QVERIFY(session().setTenant(QStringLiteral("acme")).ok());
        QCOMPARE(changed.size(), 1);
    }

    void anEmptyTenantIsRefusedWithWhatToDo()
    {
        openAndShow(m_url);
        QSignalSpy changed(&session(), &ConsoleSession::tenantChanged);
        const Result<void> set = session().setTenant(QStringLiteral("   "));
        QVERIFY(!set.ok());
        QCOMPARE(int(set.error().kind), int(ErrorKind::InvalidInput));
        QVERIFY(!set.error().hint.isEmpty());
        QCOMPARE(session().tenant(), QStringLiteral("default"));
        QCOMPARE(changed.size(), 0);
        QVERIFY(session().monitor()); // still watching the tenant it was on
    }

    void opensTheSandbox()
    {
        const QList<Integration> listed = openSandboxAndShow();
        QVERIFY(session().isSandbox());
        QVERIFY(session().url().isInMemory());
        QVERIFY(m_services->credentials.isSandbox()); // inmemory AuthRefs: sandbox only
        QCOMPARE(listed.size(), 12);
        QVERIFY(session().monitor());

        // Back on a real catalog, the resolver follows.
        openAndShow(m_url);
        QVERIFY(!session().isSandbox());
        QVERIFY(!m_services->credentials.isSandbox());
    }

    void closeStopsTheMonitorAndNothingRestartsIt()
    {
        openAndShow(m_url);
        QPointer<HealthMonitor> monitor = session().monitor();
        QVERIFY(monitor);
        QSignalSpy monitors(&session(), &ConsoleSession::monitorChanged);
        session().close();
        QVERIFY(monitor.isNull());
        QVERIFY(!session().monitor());
        QCOMPARE(monitors.size(), 1);
        QCOMPARE(monitors.first().at(0).value<HealthMonitor *>(), nullptr);
        session().startPendingMonitor();
        QVERIFY(!session().monitor());
    }

    void aDisabledMonitorIsNeverStarted()
    {
        session().setMonitorEnabled(false);
        openAndShow(m_url);
        QVERIFY(!session().monitor());
        session().setMonitorEnabled(true); // switched on with a catalog open: starts now
        QVERIFY(session().monitor());
        session().setMonitorEnabled(false);
        QVERIFY(!session().monitor());
    }

    void aListForAnEarlierTenantIsDropped()
    {
        openAndShow(m_url);
        QSignalSpy loaded(&session(), &ConsoleSession::integrationsLoaded);
        session().reload(); // for "default", answered after the switch below asks for "acme"
        QVERIFY(session().setTenant(QStringLiteral("acme")).ok());
        QVERIFY(loaded.wait(10'000));
        // The catalog thread answers in order: both answers are in once a later request is.
        test::listVia(*m_catalog, m_acme);
        QCoreApplication::processEvents();
        QCOMPARE(loaded.size(), 1);
        QCOMPARE(loaded.first().at(0).value<QList<Integration>>().first().name,
                 QStringLiteral("Acme GitLab"));
    }
};

QTEST_GUILESS_MAIN(TestConsoleSession)
#include "tst_consolesession.moc"
