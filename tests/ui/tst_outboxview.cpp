// SPDX-License-Identifier: Apache-2.0
// The console's annotation outbox: it lists what was kept and why, Retry delivers through the
// integration's annotation client (off the GUI thread for the catalog), Discard asks first,
// Export writes the JSON the CLI writes.
#include "FakeScmAnnotationServers.h"
#include "TestSupport.h"
#include "UiTestSupport.h"
#include "core/credentials/CredentialResolver.h"
#include "core/scm/AnnotationOutbox.h"
#include "core/storage/CatalogStore.h"
#include "ui/views/OutboxView.h"

#include <QApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>

using namespace stella;
using namespace stella::test;
using stella::ui::OutboxView;

namespace {
const QString kSha = QStringLiteral("0123456789abcdef0123456789abcdef01234567");
}

class TestOutboxView : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    ManualClock m_clock{fixedNow()};
    std::unique_ptr<CatalogThread> m_catalog;
    QNetworkAccessManager m_network;
    CredentialResolver m_credentials{m_network, {}, {}};
    FakeGitHubAnnotations m_server;
    RequestContext m_ctx;
    Integration m_github;
    int m_n = 0;

    qint64 keep(const AnnotationRequest &request, DeliveryOutcome outcome, const QString &why)
    {
        const QString tenant = m_ctx.tenantId;
        const QUuid id = m_github.id;
        const Clock *clock = &m_clock;
        auto kept = waitFor(m_catalog->run([=](IntegrationCatalog &c) -> Result<qint64> {
            AnnotationOutbox outbox(c.store().database(), *clock);
            auto entry = outbox.open(tenant, id, QStringLiteral("GitHubApp"), request);
            if (!entry)
                return entry.error();
            if (auto r = outbox.keep(*entry, outcome, why, {}); !r)
                return r.error();
            return *entry;
        }));
        return kept ? *kept : 0;
    }

    AnnotationRequest status()
    {
        AnnotationRequest r;
        r.kind = AnnotationKind::Status;
        r.target.repository = QStringLiteral("acme/app");
        r.target.sha = kSha;
        r.status.state = CommitState::Success;
        return r;
    }

    QMessageBox *confirmation(OutboxView &view)
    {
        return view.findChild<QMessageBox *>(QStringLiteral("confirmDiscard"));
    }

    void select(OutboxView &view, int row)
    {
        view.table()->clearSelection();
        view.table()->selectRow(row);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        qputenv("OUTBOX_TEST_TOKEN", m_server.token);
    }

    void init()
    {
        m_catalog = std::make_unique<CatalogThread>(test::registry(), m_clock);
        QVERIFY(waitFor(m_catalog->open(DatabaseUrl::sqliteFile(
                            m_dir.filePath(QStringLiteral("outbox-%1.db").arg(++m_n)))))
                    .ok());
        IntegrationDraft d =
            draft(QStringLiteral("GitHubApp"), QStringLiteral("GitHub"), m_server.url().toString(),
                  QJsonObject{{QStringLiteral("appId"), 1}});
        d.authRefUri = QStringLiteral("authref://env/OUTBOX_TEST_TOKEN");
        m_github = addVia(*m_catalog, m_ctx, d);
        m_server.statuses.clear();
    }

    void listsWhatWasKeptAndWhy()
    {
        keep(status(), DeliveryOutcome::Offline,
             QStringLiteral("Cannot connect: connection refused"));
        AnnotationRequest run = status();
        run.kind = AnnotationKind::CheckRun;
        run.checkRun.annotations.resize(3);
        keep(run, DeliveryOutcome::Transient, QStringLiteral("rate limited until 11:00 UTC"));
        OutboxView view(*m_catalog, test::registry(), m_clock, m_credentials);
        QSignalSpy reloaded(&view, &OutboxView::reloaded);
        view.setTenant(m_ctx.tenantId);
        QVERIFY(reloaded.wait(10000));
        QCOMPARE(view.table()->rowCount(), 2);
        QCOMPARE(view.table()->item(0, 2)->text(), QStringLiteral("status"));
        QCOMPARE(view.table()->item(0, 6)->text(), QStringLiteral("unreachable"));
        QCOMPARE(view.table()->item(0, 7)->text(),
                 QStringLiteral("Cannot connect: connection refused"));
        QCOMPARE(view.table()->item(1, 4)->text(), QStringLiteral("0 of 3 annotations"));
        QCOMPARE(view.table()->item(1, 6)->text(), QStringLiteral("temporary failure"));
        auto *retry = view.findChild<QPushButton *>(QStringLiteral("outboxRetry"));
        QVERIFY(!retry->isEnabled()); // nothing selected
        select(view, 0);
        QVERIFY(retry->isEnabled());
    }

    void retryDeliversAndTheEntryLeaves()
    {
        const qint64 id = keep(status(), DeliveryOutcome::Offline, QStringLiteral("refused"));
        OutboxView view(*m_catalog, test::registry(), m_clock, m_credentials);
        QSignalSpy reloaded(&view, &OutboxView::reloaded);
        view.setTenant(m_ctx.tenantId);
        QVERIFY(reloaded.wait(10000));
        select(view, 0);
        QSignalSpy finished(&view, &OutboxView::retryFinished);
        view.findChild<QPushButton *>(QStringLiteral("outboxRetry"))->click();
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().at(0).toLongLong(), id);
        QVERIFY2(finished.first().at(1).toBool(),
                 qPrintable(view.findChild<QLabel *>(QStringLiteral("outboxStatus"))->text()));
        QCOMPARE(m_server.statuses.size(), 1);
        QTRY_COMPARE(view.table()->rowCount(), 0);
        QVERIFY(view.findChild<QLabel *>(QStringLiteral("outboxStatus"))
                    ->text()
                    .contains(QStringLiteral("Nothing is waiting")));
    }

    void discardAsksFirst()
    {
        keep(status(), DeliveryOutcome::Permanent, QStringLiteral("404"));
        OutboxView view(*m_catalog, test::registry(), m_clock, m_credentials);
        QSignalSpy reloaded(&view, &OutboxView::reloaded);
        view.setTenant(m_ctx.tenantId);
        QVERIFY(reloaded.wait(10000));
        select(view, 0);
        view.discardSelected();
        QTRY_VERIFY(confirmation(view));
        confirmation(view)->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!confirmation(view));
        QCOMPARE(view.table()->rowCount(), 1);
        select(view, 0);
        view.discardSelected();
        QTRY_VERIFY(confirmation(view));
        reloaded.clear();
        confirmation(view)->button(QMessageBox::Discard)->click();
        QVERIFY(reloaded.wait(10000));
        QCOMPARE(view.table()->rowCount(), 0);
        QVERIFY(m_server.statuses.isEmpty());
    }

    void exportWritesTheEntries()
    {
        keep(status(), DeliveryOutcome::Offline, QStringLiteral("refused"));
        keep(status(), DeliveryOutcome::Offline, QStringLiteral("refused again"));
        OutboxView view(*m_catalog, test::registry(), m_clock, m_credentials);
        QSignalSpy reloaded(&view, &OutboxView::reloaded);
        view.setTenant(m_ctx.tenantId);
        QVERIFY(reloaded.wait(10000));
        const QString path = m_dir.filePath(QStringLiteral("export-%1.json").arg(m_n));
        QSignalSpy exported(&view, &OutboxView::exported);
        view.exportTo(path);
        QCOMPARE(exported.count(), 1);
        QVERIFY(exported.first().at(1).toBool());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject doc = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(doc.value(QStringLiteral("entries")).toArray().size(), 2);
        QCOMPARE(doc.value(QStringLiteral("entries"))
                     .toArray()
                     .at(1)
                     .toObject()
                     .value(QStringLiteral("reason"))
                     .toString(),
                 QStringLiteral("refused again"));
        // Only the selection, when there is one.
        select(view, 1);
        view.exportTo(path);
        QFile again(path);
        QVERIFY(again.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(again.readAll())
                     .object()
                     .value(QStringLiteral("entries"))
                     .toArray()
                     .size(),
                 1);
    }
};

QTEST_MAIN(TestOutboxView)
#include "tst_outboxview.moc"
