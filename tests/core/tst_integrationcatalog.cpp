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
#include <algorithm>
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
        QVERIFY2(added.error().toText().contains(expected),
                 qPrintable(added.ok() ? QString() : added.error().toText()));
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
    // docs/contracts.md §25: folder, tags and tier are stored, normalised and audited.
    void organisationIsStoredAndAudited()
    {
        IntegrationDraft d = harbor();
        d.folder = QStringLiteral("Team A/Registries");
        d.tags = {QStringLiteral("edge"), QStringLiteral("blue"), QStringLiteral("edge")};
        d.tier = EnvironmentTier::Prod;
        auto added = catalog().add(m_alice, d);
        QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().toText()));
        auto got = catalog().get(m_alice, added->id);
        QVERIFY(got.ok());
        QCOMPARE(got->folder, QStringLiteral("Team A/Registries"));
        QCOMPARE(got->tags, (QStringList{QStringLiteral("blue"), QStringLiteral("edge")}));
        STELLA_COMPARE_ENUM(got->tier, EnvironmentTier::Prod);
        QCOMPARE(got->toJson().value(QStringLiteral("tier")).toString(), QStringLiteral("prod"));
        QCOMPARE(got->toJson().value(QStringLiteral("tags")).toArray().size(), 2);

        IntegrationPatch patch;
        patch.folder = QString();
        patch.tags = QStringList{QStringLiteral("zeta")};
        patch.tier = EnvironmentTier::None;
        auto updated = catalog().update(m_alice, added->id, patch);
        QVERIFY2(updated.ok(), qPrintable(updated.ok() ? QString() : updated.error().toText()));
        got = catalog().get(m_alice, added->id);
        QCOMPARE(got->folder, QString());
        QCOMPARE(got->tags, QStringList{QStringLiteral("zeta")});
        STELLA_COMPARE_ENUM(got->tier, EnvironmentTier::None);
        QVERIFY(got->toJson().value(QStringLiteral("tier")).isNull());
        QCOMPARE(got->version, 2);
        const QJsonArray changed =
            catalog().audit(m_alice)->first().details.value(QStringLiteral("changed")).toArray();
        QCOMPARE(changed, (QJsonArray{QStringLiteral("folder"), QStringLiteral("tags"),
                                      QStringLiteral("tier")}));
    }

    void organisationFilters()
    {
        auto add = [this](const QString &name, const QString &folder, const QStringList &tags,
                          EnvironmentTier tier) {
            IntegrationDraft d = harbor(name);
            d.folder = folder;
            d.tags = tags;
            d.tier = tier;
            auto r = catalog().add(m_alice, d);
            QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toText()));
        };
        add(QStringLiteral("top"), QString(), {}, EnvironmentTier::None);
        add(QStringLiteral("a"), QStringLiteral("Team A"), {QStringLiteral("edge")},
            EnvironmentTier::Prod);
        add(QStringLiteral("a-reg"), QStringLiteral("Team A/Registries"),
            {QStringLiteral("edge"), QStringLiteral("eu")}, EnvironmentTier::Dev);
        // A sibling whose name starts like the folder is not inside it.
        add(QStringLiteral("ab"), QStringLiteral("Team AB"), {QStringLiteral("edge-x")},
            EnvironmentTier::Prod);
        // LIKE wildcards in names mean themselves.
        add(QStringLiteral("pct"), QStringLiteral("100%/x_y"), {QStringLiteral("e_u")},
            EnvironmentTier::Test);

        auto names = [this](const IntegrationFilter &f) {
            QStringList out;
            const QList<Integration> listed = catalog().list(m_alice, f).value();
            for (const Integration &i : listed)
                out.append(i.name);
            return out;
        };
        IntegrationFilter f;
        f.folder = QStringLiteral("Team A");
        QCOMPARE(names(f), (QStringList{QStringLiteral("a"), QStringLiteral("a-reg")}));
        f.folder = QStringLiteral("Team A/Registries");
        QCOMPARE(names(f), QStringList{QStringLiteral("a-reg")});
        f.folder = QStringLiteral("100%");
        QCOMPARE(names(f), QStringList{QStringLiteral("pct")});
        f.folder = QStringLiteral("100");
        QCOMPARE(names(f), QStringList());

        IntegrationFilter t;
        t.tags = {QStringLiteral("edge")};
        QCOMPARE(names(t), (QStringList{QStringLiteral("a"), QStringLiteral("a-reg")}));
        t.tags = {QStringLiteral("edge"), QStringLiteral("eu")};
        QCOMPARE(names(t), QStringList{QStringLiteral("a-reg")});
        t.tags = {QStringLiteral("e")};
        QCOMPARE(names(t), QStringList());
        t.tags = {QStringLiteral("e_u")};
        QCOMPARE(names(t), QStringList{QStringLiteral("pct")});

        IntegrationFilter tier;
        tier.tier = EnvironmentTier::Prod;
        QCOMPARE(names(tier), (QStringList{QStringLiteral("a"), QStringLiteral("ab")}));
        tier.tier = EnvironmentTier::None;
        QCOMPARE(names(tier), QStringList{QStringLiteral("top")});
    }

    void invalidOrganisationIsRefused_data()
    {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QStringList>("tags");
        QTest::addColumn<QString>("expected");
        const QStringList none;
        QTest::newRow("leading slash")
            << QStringLiteral("/Team A") << none << QStringLiteral("starts or ends with '/'");
        QTest::newRow("trailing slash")
            << QStringLiteral("Team A/") << none << QStringLiteral("starts or ends with '/'");
        QTest::newRow("empty level")
            << QStringLiteral("Team A//x") << none << QStringLiteral("empty level");
        QTest::newRow("blank level")
            << QStringLiteral("Team A/ /x") << none << QStringLiteral("empty level");
        QTest::newRow("level too long")
            << QString(65, QLatin1Char('x')) << none << QStringLiteral("longer than 64 characters");
        QTest::newRow("path too long")
            << QStringList(8, QString(40, QLatin1Char('y'))).join(QLatin1Char('/')) << none
            << QStringLiteral("longer than 255 characters");
        QTest::newRow("tag with comma") << QString() << QStringList{QStringLiteral("a,b")}
                                        << QStringLiteral("contains a comma");
        QTest::newRow("empty tag")
            << QString() << QStringList{QString()} << QStringLiteral("a tag is empty");
        QTest::newRow("tag too long") << QString() << QStringList{QString(65, QLatin1Char('t'))}
                                      << QStringLiteral("longer than 64 characters");
    }

    void invalidOrganisationIsRefused()
    {
        QFETCH(QString, folder);
        QFETCH(QStringList, tags);
        QFETCH(QString, expected);
        // The rows share one catalog file: count, and name each row's integration apart.
        const qsizetype before = catalog().list(m_alice)->size();
        IntegrationDraft d =
            harbor(QStringLiteral("refused %1").arg(QLatin1String(QTest::currentDataTag())));
        d.folder = folder;
        d.tags = tags;
        auto refused = catalog().add(m_alice, d);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, ErrorKind::InvalidInput);
        QVERIFY2(refused.error().toText().contains(expected), qPrintable(refused.error().toText()));
        QCOMPARE(catalog().list(m_alice)->size(), before);
        // The same through an update: nothing changes.
        auto added = catalog().add(
            m_alice, harbor(QStringLiteral("kept %1").arg(QLatin1String(QTest::currentDataTag()))));
        QVERIFY(added.ok());
        IntegrationPatch patch;
        patch.folder = folder;
        patch.tags = tags;
        QVERIFY(!catalog().update(m_alice, added->id, patch).ok());
        QCOMPARE(catalog().get(m_alice, added->id)->version, 1);
    }

    void bulkChangeIsAllOrNothing()
    {
        QList<QUuid> ids;
        for (int n = 0; n < 5; ++n) {
            auto added = catalog().add(m_alice, harbor(QStringLiteral("h%1").arg(n)));
            QVERIFY(added.ok());
            ids.append(added->id);
        }
        // An id of another tenant among them: nothing moves.
        auto foreign = catalog().add(m_bob, harbor(QStringLiteral("bobs")));
        QVERIFY(foreign.ok());
        IntegrationCatalog::BulkChange move;
        move.folder = QStringLiteral("Team A/Registries");
        auto refused = catalog().changeMany(m_alice, ids + QList<QUuid>{foreign->id}, move);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, ErrorKind::NotFound);
        IntegrationFilter inFolder;
        inFolder.folder = QStringLiteral("Team A");
        QVERIFY(catalog().list(m_alice, inFolder)->isEmpty());

        QSignalSpy reset(&catalog(), &IntegrationCatalog::catalogReset);
        auto moved = catalog().changeMany(m_alice, ids, move);
        QVERIFY2(moved.ok(), qPrintable(moved.ok() ? QString() : moved.error().toText()));
        QCOMPARE(moved->size(), 5);
        QCOMPARE(reset.count(), 1);
        QCOMPARE(catalog().list(m_alice, inFolder)->size(), 5);
        QCOMPARE(catalog().get(m_alice, ids.first())->version, 2);
        // Already there: nothing changes, no new version.
        QCOMPARE(catalog().changeMany(m_alice, ids, move)->size(), 0);

        IntegrationCatalog::BulkChange tag;
        tag.addTags = {QStringLiteral("edge")};
        tag.tier = EnvironmentTier::Prod;
        QVERIFY(catalog().changeMany(m_alice, ids.mid(0, 2), tag).ok());
        QCOMPARE(catalog().get(m_alice, ids.first())->tags, QStringList{QStringLiteral("edge")});
        IntegrationCatalog::BulkChange untag;
        untag.removeTags = {QStringLiteral("edge")};
        QVERIFY(catalog().changeMany(m_alice, ids.mid(0, 1), untag).ok());
        QVERIFY(catalog().get(m_alice, ids.first())->tags.isEmpty());
        IntegrationCatalog::BulkChange badTag;
        badTag.addTags = {QStringLiteral("a,b")};
        auto badTagged = catalog().changeMany(m_alice, ids, badTag);
        QVERIFY(!badTagged.ok());
        QVERIFY(badTagged.error().message.contains(QStringLiteral("comma")));

        QCOMPARE(*catalog().removeMany(m_alice, ids.mid(0, 3)), 3);
        QCOMPARE(catalog().list(m_alice)->size(), 2);
        QVERIFY(!catalog().removeMany(m_alice, {ids.at(3), foreign->id}).ok());
        QCOMPARE(catalog().list(m_alice)->size(), 2);
    }

    // A bulk change reads its integrations a few hundred per statement: more than one chunk,
    // with an id given twice, still changes each once, with one version and one audit row each.
    void bulkChangeSpanningSeveralReads()
    {
        QList<IntegrationDraft> drafts;
        for (int n = 0; n < 1203; ++n)
            drafts.append(harbor(QStringLiteral("bulk-%1").arg(n, 4, 10, QLatin1Char('0'))));
        auto added = catalog().addAll(m_alice, drafts, QStringLiteral("test"));
        QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().toText()));
        QList<QUuid> ids;
        for (const Integration &i : std::as_const(*added))
            ids.append(i.id);
        IntegrationCatalog::BulkChange move;
        move.folder = QStringLiteral("Bulk/Moved");
        auto moved = catalog().changeMany(m_alice, ids + ids.mid(700, 3), move);
        QVERIFY2(moved.ok(), qPrintable(moved.ok() ? QString() : moved.error().toText()));
        QCOMPARE(moved->size(), ids.size());
        IntegrationFilter inFolder;
        inFolder.folder = QStringLiteral("Bulk");
        QCOMPARE(catalog().list(m_alice, inFolder)->size(), ids.size());
        for (const QUuid &id : {ids.first(), ids.at(501), ids.last()}) {
            QCOMPARE(catalog().get(m_alice, id)->version, 2);
            auto trail = catalog().audit(m_alice, id);
            QVERIFY(trail.ok());
            QCOMPARE(trail->size(), 2); // create, then the one bulk update
            QCOMPARE(trail->first().action, QStringLiteral("update"));
        }
        // One unknown id past the first chunk: nothing moves back.
        IntegrationCatalog::BulkChange back;
        back.folder = QStringLiteral("Elsewhere");
        auto refused = catalog().changeMany(m_alice, ids + QList<QUuid>{QUuid::createUuid()}, back);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, ErrorKind::NotFound);
        QCOMPARE(catalog().list(m_alice, inFolder)->size(), ids.size());
    }

    // A bulk change is written set-based: integrations read at different versions, and given
    // different tags, still each get exactly their own new version and one audit row naming
    // what changed, their name and that version.
    void bulkChangeAuditsEachIntegrationOnce()
    {
        QList<QUuid> ids;
        for (int n = 0; n < 4; ++n) {
            IntegrationDraft d = harbor(QStringLiteral("o'brien \"%1\"").arg(n));
            if (n == 0)
                d.tags = {QStringLiteral("edge")};
            auto added = catalog().add(m_alice, d);
            QVERIFY(added.ok());
            ids.append(added->id);
        }
        IntegrationPatch rename;
        rename.endpoint = QStringLiteral("https://harbor-1.example.com");
        QVERIFY(catalog().update(m_alice, ids.at(1), rename).ok()); // now at version 2
        IntegrationCatalog::BulkChange change;
        change.folder = QStringLiteral("Team A");
        change.addTags = {QStringLiteral("eu")};
        auto changed = catalog().changeMany(m_alice, ids, change);
        QVERIFY2(changed.ok(), qPrintable(changed.ok() ? QString() : changed.error().toText()));
        QCOMPARE(changed->size(), 4);
        for (int n = 0; n < ids.size(); ++n) {
            auto stored = catalog().get(m_alice, ids.at(n));
            QVERIFY(stored.ok());
            const int version = n == 1 ? 3 : 2;
            QCOMPARE(stored->version, version);
            QCOMPARE(stored->folder, QStringLiteral("Team A"));
            QCOMPARE(stored->tags, n == 0
                                       ? QStringList({QStringLiteral("edge"), QStringLiteral("eu")})
                                       : QStringList{QStringLiteral("eu")});
            QCOMPARE(stored->updatedAt, m_clock.now());
            const auto result = std::find_if(changed->cbegin(), changed->cend(),
                                             [&](const Integration &i) { return i.id == ids[n]; });
            QVERIFY(result != changed->cend());
            QCOMPARE(result->version, version);
            auto trail = catalog().audit(m_alice, ids.at(n));
            QVERIFY(trail.ok());
            QCOMPARE(trail->size(), n == 1 ? 3 : 2);
            const AuditEntry &entry = trail->first();
            QCOMPARE(entry.action, QStringLiteral("update"));
            QCOMPARE(entry.actor, m_alice.actor);
            QCOMPARE(entry.timestamp, m_clock.now());
            QCOMPARE(entry.details.value(QStringLiteral("bulk")).toBool(), true);
            QCOMPARE(entry.details.value(QStringLiteral("name")).toString(), stored->name);
            QCOMPARE(entry.details.value(QStringLiteral("version")).toInt(), version);
            QCOMPARE(entry.details.value(QStringLiteral("changed")).toArray(),
                     QJsonArray({QStringLiteral("folder"), QStringLiteral("tags")}));
        }
        QCOMPARE(
            rowCount(QStringLiteral("SELECT COUNT(*) FROM audit_logs WHERE action = 'update'")), 5);
    }

    // The set-based write keeps optimistic concurrency: a row no longer at the version read
    // is not written, and the catalog refuses the whole change.
    void bulkWriteSkipsARowAtAnotherVersion()
    {
        auto a = catalog().add(m_alice, harbor(QStringLiteral("a")));
        auto b = catalog().add(m_alice, harbor(QStringLiteral("b")));
        QVERIFY(a.ok() && b.ok());
        IntegrationPatch patch;
        patch.endpoint = QStringLiteral("https://b.example.com");
        QVERIFY(catalog().update(m_alice, b->id, patch).ok());
        CatalogStore store(m_session->database());
        CatalogStore::Organisation values;
        values.folder = QStringLiteral("Moved");
        auto written =
            store.updateOrganisation(m_alice.tenantId, {a->id, b->id}, 1, values, m_clock.now());
        QVERIFY(written.ok());
        QCOMPARE(*written, 1);
        QCOMPARE(catalog().get(m_alice, a->id)->version, 2);
        QCOMPARE(catalog().get(m_alice, b->id)->version, 2);
        QCOMPARE(catalog().get(m_alice, b->id)->folder, QString());
        // Another tenant's rows are not touched either.
        QCOMPARE(*store.updateOrganisation(m_bob.tenantId, {a->id}, 2, values, m_clock.now()), 0);
    }

    void renameFolderKeepsSubfolders()
    {
        auto add = [this](const QString &name, const QString &folder) {
            IntegrationDraft d = harbor(name);
            d.folder = folder;
            QVERIFY(catalog().add(m_alice, d).ok());
        };
        add(QStringLiteral("a"), QStringLiteral("Old"));
        add(QStringLiteral("b"), QStringLiteral("Old/Sub"));
        add(QStringLiteral("c"), QStringLiteral("Older"));
        auto moved =
            catalog().renameFolder(m_alice, QStringLiteral("Old"), QStringLiteral("New/X"));
        QVERIFY2(moved.ok(), qPrintable(moved.ok() ? QString() : moved.error().toText()));
        QCOMPARE(moved->size(), 2);
        QMap<QString, QString> folders;
        const QList<Integration> listed = catalog().list(m_alice).value();
        for (const Integration &i : listed)
            folders.insert(i.name, i.folder);
        QCOMPARE(folders.value(QStringLiteral("a")), QStringLiteral("New/X"));
        QCOMPARE(folders.value(QStringLiteral("b")), QStringLiteral("New/X/Sub"));
        QCOMPARE(folders.value(QStringLiteral("c")), QStringLiteral("Older"));
        QVERIFY(catalog().renameFolder(m_alice, QStringLiteral("New"), QString()).ok());
        QCOMPARE(catalog().get(m_alice, catalog().list(m_alice)->at(1).id)->folder,
                 QStringLiteral("X/Sub"));
        QVERIFY(!catalog().renameFolder(m_alice, QStringLiteral("X"), QStringLiteral("/bad")).ok());
    }
};

QTEST_GUILESS_MAIN(TestIntegrationCatalog)
#include "tst_integrationcatalog.moc"
