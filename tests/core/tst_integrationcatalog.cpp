// SPDX-License-Identifier: Apache-2.0
// The catalog's rules, on a real SQLite file and on a real PostgreSQL server alike.
#include "TestSupport.h"
#include "core/catalog/CatalogSession.h"
#include "core/catalog/IntegrationCatalog.h"
#include "core/storage/CatalogStore.h"
#include "core/storage/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <optional>

using namespace stella;

class TestIntegrationCatalog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::optional<test::ScratchPostgres> m_pg;
    DatabaseUrl m_url;
    ManualClock m_clock{test::fixedNow()};
    std::unique_ptr<CatalogSession> m_session;
    const RequestContext m_alice{QStringLiteral("tenant-a"), QStringLiteral("alice")};
    const RequestContext m_bob{QStringLiteral("tenant-b"), QStringLiteral("bob")};

    IntegrationCatalog &catalog() { return m_session->catalog(); }

    static IntegrationDraft harbor(const QString &name = QStringLiteral("Harbor prod"))
    {
        IntegrationDraft d;
        d.provider = QStringLiteral("Harbor");
        d.name = name;
        d.endpoint = QStringLiteral("https://harbor.example.com");
        d.config = {{QStringLiteral("project"), QStringLiteral("library")}};
        d.authRefUri = QStringLiteral("authref://keychain/harbor-prod#token");
        return d;
    }

    int rowCount(const QString &sql)
    {
        QSqlQuery q = m_session->database().query();
        if (!q.exec(sql) || !q.next())
            return -1;
        return q.value(0).toInt();
    }

private Q_SLOTS:
    void initTestCase_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgres") << QStringLiteral("postgres");
    }

    void init()
    {
        QFETCH_GLOBAL(QString, backend);
        m_clock.set(test::fixedNow());
        if (backend == QLatin1String("postgres")) {
            STELLA_REQUIRE_POSTGRES();
            m_pg.emplace(QStringLiteral("catalog"));
            QVERIFY2(m_pg->isValid(), qPrintable(m_pg->error()));
            m_url = *DatabaseUrl::parse(m_pg->url());
        } else {
            m_url = DatabaseUrl::sqliteFile(m_dir.filePath(
                QStringLiteral("%1.db").arg(QLatin1String(QTest::currentTestFunction()))));
        }
        m_session = test::openOrFail(m_url, m_clock);
        QVERIFY(m_session);
    }

    void cleanup()
    {
        m_session.reset();
        m_pg.reset();
    }

    void addAndGet()
    {
        QSignalSpy changed(&catalog(), &IntegrationCatalog::integrationChanged);
        auto added = catalog().add(m_alice, harbor());
        QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().toText()));
        QCOMPARE(added->version, 1);
        STELLA_COMPARE_ENUM(added->status, HealthStatus::Unknown);
        STELLA_COMPARE_ENUM(added->type, IntegrationType::Registry);
        QCOMPARE(added->createdAt, test::fixedNow());
        QCOMPARE(changed.count(), 1);

        auto got = catalog().get(m_alice, added->id);
        QVERIFY(got.ok());
        QCOMPARE(got->name, QStringLiteral("Harbor prod"));
        QCOMPARE(got->endpoint, QStringLiteral("https://harbor.example.com"));
        QCOMPARE(got->config.value(QStringLiteral("project")).toString(),
                 QStringLiteral("library"));
        QCOMPARE(got->authRefUri, QStringLiteral("authref://keychain/harbor-prod#token"));
        QCOMPARE(got->tenantId, m_alice.tenantId);
        QCOMPARE(got->createdAt, test::fixedNow());

        auto audit = catalog().audit(m_alice);
        QVERIFY(audit.ok());
        QCOMPARE(audit->size(), 1);
        QCOMPARE(audit->first().action, QStringLiteral("create"));
        QCOMPARE(audit->first().actor, QStringLiteral("alice"));
        QCOMPARE(audit->first().integrationId, added->id);
    }

    void invalidInputLeavesCatalogUnchanged_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown provider")
            << QStringLiteral("provider") << QStringLiteral("Artifactory")
            << QStringLiteral("Unknown provider 'Artifactory'");
        QTest::newRow("no endpoint") << QStringLiteral("endpoint") << QStringLiteral("")
                                     << QStringLiteral("endpoint is required");
        QTest::newRow("malformed url")
            << QStringLiteral("endpoint") << QStringLiteral("harbor.example.com")
            << QStringLiteral("has no scheme");
        QTest::newRow("bad authref")
            << QStringLiteral("authRefUri") << QStringLiteral("keychain:harbor")
            << QStringLiteral("Invalid AuthRef");
        QTest::newRow("empty name")
            << QStringLiteral("name") << QStringLiteral("") << QStringLiteral("name is required");
        QTest::newRow("type mismatch")
            << QStringLiteral("type") << QStringLiteral("Scm")
            << QStringLiteral("type Scm is not a type of provider Harbor");
        QTest::newRow("unknown config key") << QStringLiteral("config") << QStringLiteral("token")
                                            << QStringLiteral("config.token is not a setting");
    }
    void invalidInputLeavesCatalogUnchanged()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        IntegrationDraft d = harbor();
        if (field == QLatin1String("provider"))
            d.provider = value;
        else if (field == QLatin1String("endpoint"))
            d.endpoint = value;
        else if (field == QLatin1String("authRefUri"))
            d.authRefUri = value;
        else if (field == QLatin1String("name"))
            d.name = value;
        else if (field == QLatin1String("type"))
            d.type = integrationTypeFromString(value);
        else
            d.config.insert(value, QStringLiteral("glpat-not-a-setting"));
        auto added = catalog().add(m_alice, d);
        QVERIFY(!added.ok());
        QCOMPARE(added.error().kind, ErrorKind::InvalidInput);
        QVERIFY2(added.error().toText().contains(expected), qPrintable(added.error().toText()));
        QVERIFY(!added.error().hint.isEmpty());
        QCOMPARE(rowCount(QStringLiteral("SELECT COUNT(*) FROM integrations")), 0);
        QCOMPARE(rowCount(QStringLiteral("SELECT COUNT(*) FROM audit_logs")), 0);
    }

    void requiredConfigField()
    {
        IntegrationDraft d;
        d.provider = QStringLiteral("S3Compatible");
        d.name = QStringLiteral("evidence");
        d.endpoint = QStringLiteral("https://minio.example.com");
        d.authRefUri = QStringLiteral("authref://env/S3_KEYS");
        auto added = catalog().add(m_alice, d);
        QVERIFY(!added.ok());
        QVERIFY(
            added.error().toText().contains(QStringLiteral("config.bucket (Bucket) is required")));
        d.config.insert(QStringLiteral("bucket"), QStringLiteral("evidence"));
        QVERIFY(catalog().add(m_alice, d).ok());
    }

    void duplicateNameIsAConflict()
    {
        QVERIFY(catalog().add(m_alice, harbor()).ok());
        auto again = catalog().add(m_alice, harbor());
        QVERIFY(!again.ok());
        QCOMPARE(again.error().kind, ErrorKind::Conflict);
        // Names are per tenant.
        QVERIFY(catalog().add(m_bob, harbor()).ok());
    }

    void tenantIsolation()
    {
        auto added = catalog().add(m_alice, harbor());
        QVERIFY(added.ok());
        const QUuid id = added->id;

        QCOMPARE(catalog().get(m_bob, id).error().kind, ErrorKind::NotFound);
        IntegrationPatch patch;
        patch.name = QStringLiteral("hijacked");
        QCOMPARE(catalog().update(m_bob, id, patch).error().kind, ErrorKind::NotFound);
        QCOMPARE(catalog().remove(m_bob, id).error().kind, ErrorKind::NotFound);
        HealthCheckRecord record{id, m_clock.now(), HealthStatus::Unhealthy, 5, {}};
        QCOMPARE(catalog().recordHealthCheck(m_bob, record).error().kind, ErrorKind::NotFound);
        QCOMPARE(catalog().healthHistory(m_bob, id, 10).error().kind, ErrorKind::NotFound);
        QVERIFY(catalog().list(m_bob)->isEmpty());
        QVERIFY(catalog().audit(m_bob)->isEmpty());

        auto still = catalog().get(m_alice, id);
        QVERIFY(still.ok());
        QCOMPARE(still->name, QStringLiteral("Harbor prod"));
        QCOMPARE(still->version, 1);
        STELLA_COMPARE_ENUM(still->status, HealthStatus::Unknown);
    }

    void updateBumpsVersionAndAuditsFieldNamesOnly()
    {
        auto added = catalog().add(m_alice, harbor());
        QVERIFY(added.ok());
        m_clock.advanceMs(60'000);
        IntegrationPatch patch;
        patch.config =
            QJsonObject{{QStringLiteral("project"), QStringLiteral("secret-project-name")}};
        patch.endpoint = QStringLiteral("https://harbor2.example.com");
        auto updated = catalog().update(m_alice, added->id, patch);
        QVERIFY(updated.ok());
        QCOMPARE(updated->version, 2);
        QCOMPARE(updated->updatedAt, test::fixedNow().addSecs(60));
        QCOMPARE(updated->createdAt, test::fixedNow());

        auto audit = catalog().audit(m_alice, added->id);
        QVERIFY(audit.ok());
        QCOMPARE(audit->size(), 2);
        QCOMPARE(audit->first().action, QStringLiteral("update"));
        const QJsonArray changed =
            audit->first().details.value(QStringLiteral("changed")).toArray();
        QCOMPARE(changed,
                 (QJsonArray{QStringLiteral("endpoint"), QStringLiteral("config.project")}));
        QVERIFY(!QJsonDocument(audit->first().details).toJson().contains("secret-project-name"));

        // The same values again: no new version, no audit noise.
        auto same = catalog().update(m_alice, added->id, patch);
        QVERIFY(same.ok());
        QCOMPARE(same->version, 2);
        QCOMPARE(catalog().audit(m_alice, added->id)->size(), 2);
    }

    void invalidUpdateIsRejected()
    {
        auto added = catalog().add(m_alice, harbor());
        QVERIFY(added.ok());
        IntegrationPatch patch;
        patch.endpoint = QStringLiteral("not a url");
        auto updated = catalog().update(m_alice, added->id, patch);
        QCOMPARE(updated.error().kind, ErrorKind::InvalidInput);
        QCOMPARE(catalog().get(m_alice, added->id)->endpoint,
                 QStringLiteral("https://harbor.example.com"));
    }

    void twoWritersSecondGetsConflict()
    {
        auto added = catalog().add(m_alice, harbor());
        QVERIFY(added.ok());
        // A second, independent connection: another console or CLI on the same catalog.
        auto other = test::openOrFail(m_url, m_clock);
        QVERIFY(other);
        const int seenByBoth = added->version;

        IntegrationPatch first;
        first.name = QStringLiteral("renamed by alice");
        IntegrationPatch second;
        second.name = QStringLiteral("renamed by carol");
        auto a = catalog().update(m_alice, added->id, first, seenByBoth);
        QVERIFY(a.ok());
        auto b = other->catalog().update(m_alice, added->id, second, seenByBoth);
        QVERIFY(!b.ok());
        QCOMPARE(b.error().kind, ErrorKind::Conflict);
        QVERIFY(b.error().message.contains(QStringLiteral("changed by someone else")));
        QVERIFY(b.error().hint.contains(QStringLiteral("Reload")));

        auto final = other->catalog().get(m_alice, added->id);
        QCOMPARE(final->name, QStringLiteral("renamed by alice"));
        QCOMPARE(final->version, 2);
        // A stale remove is refused too.
        QCOMPARE(other->catalog().remove(m_alice, added->id, seenByBoth).error().kind,
                 ErrorKind::Conflict);
        QVERIFY(catalog().get(m_alice, added->id).ok());
    }

    void softDelete()
    {
        auto added = catalog().add(m_alice, harbor());
        QVERIFY(added.ok());
        QSignalSpy changed(&catalog(), &IntegrationCatalog::integrationChanged);
        QVERIFY(catalog().remove(m_alice, added->id).ok());
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().at(0).value<ChangeKind>(), ChangeKind::Removed);
        QCOMPARE(catalog().get(m_alice, added->id).error().kind, ErrorKind::NotFound);
        QVERIFY(catalog().list(m_alice)->isEmpty());
        // Still in the table, marked deleted: history and audit keep their subject.
        QCOMPARE(rowCount(QStringLiteral(
                     "SELECT COUNT(*) FROM integrations WHERE deleted_at IS NOT NULL")),
                 1);
        QCOMPARE(catalog().audit(m_alice)->first().action, QStringLiteral("delete"));
        // The name is free again.
        QVERIFY(catalog().add(m_alice, harbor()).ok());
        // Removing twice: not found.
        QCOMPARE(catalog().remove(m_alice, added->id).error().kind, ErrorKind::NotFound);
    }

    void listFiltersAndOrder()
    {
        QVERIFY(catalog().add(m_alice, harbor(QStringLiteral("b-harbor"))).ok());
        QVERIFY(catalog().add(m_alice, harbor(QStringLiteral("B-harbor"))).ok());
        IntegrationDraft mem;
        mem.provider = QStringLiteral("InMemory");
        mem.type = IntegrationType::CiCd;
        mem.name = QStringLiteral("a-ci");
        QVERIFY(catalog().add(m_alice, mem).ok());
        auto all = catalog().list(m_alice);
        QVERIFY(all.ok());
        QCOMPARE(all->size(), 3);
        // Byte order on both backends: upper case before lower case.
        QCOMPARE(all->at(0).name, QStringLiteral("B-harbor"));
        QCOMPARE(all->at(1).name, QStringLiteral("a-ci"));
        QCOMPARE(all->at(2).name, QStringLiteral("b-harbor"));
        IntegrationFilter byType;
        byType.type = IntegrationType::CiCd;
        QCOMPARE(catalog().list(m_alice, byType)->size(), 1);
        IntegrationFilter byProvider;
        byProvider.provider = QStringLiteral("Harbor");
        QCOMPARE(catalog().list(m_alice, byProvider)->size(), 2);
        IntegrationFilter byStatus;
        byStatus.status = HealthStatus::Healthy;
        QCOMPARE(catalog().list(m_alice, byStatus)->size(), 0);
        QCOMPARE(*catalog().tenants(), QStringList{m_alice.tenantId});
    }

    void healthRecordsDoNotBumpVersion()
    {
        auto added = catalog().add(m_alice, harbor());
        QVERIFY(added.ok());
        QSignalSpy recorded(&catalog(), &IntegrationCatalog::healthRecorded);
        for (int n = 0; n < 3; ++n) {
            m_clock.advanceMs(300'000);
            HealthCheckRecord r{added->id, m_clock.now(),
                                n == 2 ? HealthStatus::Unhealthy : HealthStatus::Healthy, 30 + n,
                                n == 2 ? QStringLiteral("connection refused") : QString()};
            QVERIFY(catalog().recordHealthCheck(m_alice, r).ok());
        }
        QCOMPARE(recorded.count(), 3);
        auto got = catalog().get(m_alice, added->id);
        STELLA_COMPARE_ENUM(got->status, HealthStatus::Unhealthy);
        QCOMPARE(got->lastCheckedAt, test::fixedNow().addSecs(900));
        QCOMPARE(got->version, 1);
        auto history = catalog().healthHistory(m_alice, added->id, 2);
        QVERIFY(history.ok());
        QCOMPARE(history->size(), 2);
        STELLA_COMPARE_ENUM(history->first().status, HealthStatus::Unhealthy); // newest first
        QCOMPARE(history->first().errorMessage, QStringLiteral("connection refused"));
        QCOMPARE(history->first().latencyMs, qint64(32));
    }

    void importIsAllOrNothing()
    {
        QVERIFY(catalog().add(m_alice, harbor(QStringLiteral("existing"))).ok());
        QList<IntegrationDraft> drafts{harbor(QStringLiteral("one")), harbor(QStringLiteral("two")),
                                       harbor(QStringLiteral("existing")),
                                       harbor(QStringLiteral("one"))};
        drafts[1].endpoint = QStringLiteral("ftp://nope");
        auto result = catalog().addAll(m_alice, drafts, QStringLiteral("import"));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, ErrorKind::InvalidInput);
        const QString details = result.error().details.join(QLatin1Char('\n'));
        QVERIFY2(details.contains(QStringLiteral("integrations[1] ('two')")), qPrintable(details));
        QVERIFY(details.contains(QStringLiteral("'one' appears more than once")));
        QVERIFY(details.contains(
            QStringLiteral("'existing': an integration with this name already exists")));
        QCOMPARE(catalog().list(m_alice)->size(), 1);
        QCOMPARE(catalog().audit(m_alice)->size(), 1);

        drafts = {harbor(QStringLiteral("one")), harbor(QStringLiteral("two"))};
        QSignalSpy reset(&catalog(), &IntegrationCatalog::catalogReset);
        auto ok = catalog().addAll(m_alice, drafts, QStringLiteral("import"));
        QVERIFY(ok.ok());
        QCOMPARE(reset.count(), 1);
        QCOMPARE(catalog().list(m_alice)->size(), 3);
        QCOMPARE(
            catalog().audit(m_alice)->first().details.value(QStringLiteral("source")).toString(),
            QStringLiteral("import"));
    }

    void importKeepsFreeIdsAndRefusesTakenOnes()
    {
        IntegrationDraft d = harbor(QStringLiteral("with id"));
        d.id = QUuid::fromString(QStringLiteral("1b4e28ba-2fa1-11d2-883f-0016d3cca427"));
        QVERIFY(catalog().addAll(m_alice, {d}, QStringLiteral("import")).ok());
        QVERIFY(catalog().get(m_alice, d.id).ok());
        // Another tenant importing the same file cannot reuse the id.
        auto again = catalog().addAll(m_bob, {d}, QStringLiteral("import"));
        QVERIFY(!again.ok());
        QVERIFY(again.error().details.join(QString()).contains(QStringLiteral("already in use")));
    }
};

QTEST_GUILESS_MAIN(TestIntegrationCatalog)
#include "tst_integrationcatalog.moc"
