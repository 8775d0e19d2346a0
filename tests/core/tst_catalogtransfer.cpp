// SPDX-License-Identifier: Apache-2.0
#include "TestSupport.h"
#include "core/catalog/CatalogTransfer.h"
#include "core/catalog/IntegrationCatalog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace stella;

class TestCatalogTransfer : public QObject
{
    Q_OBJECT

private:
    static Integration sample(const QString &name, const QString &id)
    {
        Integration i;
        i.id = QUuid::fromString(id);
        i.tenantId = QStringLiteral("default");
        i.provider = QStringLiteral("Harbor");
        i.name = name;
        i.endpoint = QStringLiteral("https://harbor.example.com");
        i.config = {{QStringLiteral("project"), QStringLiteral("library")}};
        i.authRefUri = QStringLiteral("authref://keychain/harbor#token");
        i.version = 3;
        i.createdAt = test::fixedNow();
        i.updatedAt = test::fixedNow();
        return i;
    }

    static QByteArray document(const QJsonArray &entries)
    {
        return QJsonDocument(QJsonObject{{QStringLiteral("format"), CatalogTransfer::kFormat},
                                         {QStringLiteral("formatVersion"), 1},
                                         {QStringLiteral("integrations"), entries}})
            .toJson();
    }

private Q_SLOTS:
    // Version 2 is what this build writes; version 1 files, with or without the organisation
    // fields (builds between schema 5 and the bump wrote them as 1), still read.
    void readsVersionOneAndTwo()
    {
        QJsonObject entry{{QStringLiteral("provider"), QStringLiteral("Harbor")},
                          {QStringLiteral("name"), QStringLiteral("a")},
                          {QStringLiteral("folder"), QStringLiteral("eu/prod")},
                          {QStringLiteral("tags"), QJsonArray{QStringLiteral("team:x")}}};
        for (const int version : {1, 2}) {
            const QByteArray bytes =
                QJsonDocument(QJsonObject{{QStringLiteral("format"), CatalogTransfer::kFormat},
                                          {QStringLiteral("formatVersion"), version},
                                          {QStringLiteral("integrations"), QJsonArray{entry}}})
                    .toJson();
            const auto drafts = CatalogTransfer::parseImport(bytes);
            QVERIFY2(drafts.ok(), qPrintable(drafts.ok() ? QString() : drafts.error().message));
            QCOMPARE(drafts->size(), 1);
            QCOMPARE(drafts->at(0).folder, QStringLiteral("eu/prod"));
        }
        QVERIFY(CatalogTransfer::exportDocument({}).contains("\"formatVersion\": 2"));
    }

    void exportIsDeterministicAndSorted()
    {
        const Integration b =
            sample(QStringLiteral("beta"), QStringLiteral("00000000-0000-0000-0000-000000000002"));
        const Integration a =
            sample(QStringLiteral("alpha"), QStringLiteral("00000000-0000-0000-0000-000000000001"));
        const QByteArray one = CatalogTransfer::exportDocument({b, a});
        const QByteArray two = CatalogTransfer::exportDocument({a, b});
        QCOMPARE(one, two);
        QVERIFY(one.indexOf("alpha") < one.indexOf("beta"));
        QVERIFY(one.contains("authref://keychain/harbor#token"));
        QVERIFY(!one.contains("tenantId"));
    }

    void roundTrip()
    {
        const Integration a =
            sample(QStringLiteral("alpha"), QStringLiteral("00000000-0000-0000-0000-000000000001"));
        auto drafts = CatalogTransfer::parseImport(CatalogTransfer::exportDocument({a}));
        QVERIFY2(drafts.ok(), qPrintable(drafts.ok() ? QString() : drafts.error().toText()));
        QCOMPARE(drafts->size(), 1);
        const IntegrationDraft &d = drafts->first();
        QCOMPARE(d.id, a.id);
        QCOMPARE(d.name, a.name);
        QCOMPARE(d.provider, a.provider);
        QCOMPARE(d.endpoint, a.endpoint);
        QCOMPARE(d.config, a.config);
        QCOMPARE(d.authRefUri, a.authRefUri);
        STELLA_COMPARE_ENUM(d.type.value(), IntegrationType::Registry);
    }

    void roundTripKeepsOrganisation()
    {
        Integration a =
            sample(QStringLiteral("alpha"), QStringLiteral("00000000-0000-0000-0000-000000000001"));
        a.folder = QStringLiteral("Team A/Registries");
        a.tags = {QStringLiteral("edge"), QStringLiteral("eu")};
        a.tier = EnvironmentTier::Staging;
        const QByteArray exported = CatalogTransfer::exportDocument({a});
        QVERIFY(exported.contains("\"tier\": \"staging\""));
        auto drafts = CatalogTransfer::parseImport(exported);
        QVERIFY2(drafts.ok(), qPrintable(drafts.ok() ? QString() : drafts.error().toText()));
        QCOMPARE(drafts->first().folder, a.folder);
        QCOMPARE(drafts->first().tags, a.tags);
        STELLA_COMPARE_ENUM(drafts->first().tier, EnvironmentTier::Staging);
    }

    // A file written before folders existed imports at the top level, untagged, without a tier.
    void fileWithoutOrganisationImports()
    {
        auto drafts = CatalogTransfer::parseImport(
            document({QJsonObject{{QStringLiteral("provider"), QStringLiteral("Harbor")},
                                  {QStringLiteral("name"), QStringLiteral("a")}}}));
        QVERIFY(drafts.ok());
        QCOMPARE(drafts->first().folder, QString());
        QVERIFY(drafts->first().tags.isEmpty());
        STELLA_COMPARE_ENUM(drafts->first().tier, EnvironmentTier::None);
    }

    void rejectsMalformedFiles_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << QByteArray("{\n  \"format\": \n")
                                  << QStringLiteral("not valid JSON");
        QTest::newRow("array") << QByteArray("[]") << QStringLiteral("must hold a JSON object");
        QTest::newRow("wrong format")
            << QByteArray(R"({"format":"x","formatVersion":1,"integrations":[]})")
            << QStringLiteral("\"format\" must be");
        QTest::newRow("future version")
            << QByteArray(
                   R"({"format":"stella-integrations-export","formatVersion":3,"integrations":[]})")
            << QStringLiteral("\"formatVersion\" must be 1 to 2 (this build reads versions 1 to "
                              "2; a newer file needs a newer build)");
        QTest::newRow("version 0")
            << QByteArray(
                   R"({"format":"stella-integrations-export","formatVersion":0,"integrations":[]})")
            << QStringLiteral("\"formatVersion\" must be 1 to 2");
        QTest::newRow("version as text")
            << QByteArray(
                   R"({"format":"stella-integrations-export","formatVersion":"2","integrations":[]})")
            << QStringLiteral("\"formatVersion\" must be 1 to 2");
        QTest::newRow("unknown top key")
            << QByteArray(
                   R"({"format":"stella-integrations-export","formatVersion":1,"integrations":[],"x":1})")
            << QStringLiteral("unknown top-level key \"x\"");
        QTest::newRow("unknown field")
            << document({QJsonObject{{QStringLiteral("provider"), QStringLiteral("Harbor")},
                                     {QStringLiteral("name"), QStringLiteral("a")},
                                     {QStringLiteral("password"), QStringLiteral("hunter2")}}})
            << QStringLiteral("integrations[0]: unknown field \"password\"");
        QTest::newRow("missing name")
            << document({QJsonObject{{QStringLiteral("provider"), QStringLiteral("Harbor")}}})
            << QStringLiteral("integrations[0]: \"name\" is required");
        QTest::newRow("bad type") << document({QJsonObject{
                                         {QStringLiteral("provider"), QStringLiteral("Harbor")},
                                         {QStringLiteral("name"), QStringLiteral("a")},
                                         {QStringLiteral("type"), QStringLiteral("Registryy")}}})
                                  << QStringLiteral("\"type\" 'Registryy' is not one of");
        QTest::newRow("config not object")
            << document({QJsonObject{{QStringLiteral("provider"), QStringLiteral("Harbor")},
                                     {QStringLiteral("name"), QStringLiteral("a")},
                                     {QStringLiteral("config"), QStringLiteral("x")}}})
            << QStringLiteral("\"config\" must be an object");
        QTest::newRow("bad id") << document({QJsonObject{
                                       {QStringLiteral("provider"), QStringLiteral("Harbor")},
                                       {QStringLiteral("name"), QStringLiteral("a")},
                                       {QStringLiteral("id"), QStringLiteral("42")}}})
                                << QStringLiteral("is not a UUID");
        auto entry = [](const char *key, const QJsonValue &value) {
            return document({QJsonObject{{QStringLiteral("provider"), QStringLiteral("Harbor")},
                                         {QStringLiteral("name"), QStringLiteral("edge")},
                                         {QLatin1String(key), value}}});
        };
        QTest::newRow("folder slash") << entry("folder", QStringLiteral("/Team A"))
                                      << QStringLiteral("integrations[0] ('edge'): folder '/Team "
                                                        "A' starts or ends with '/'");
        QTest::newRow("folder empty level")
            << entry("folder", QStringLiteral("a//b")) << QStringLiteral("has an empty level");
        QTest::newRow("folder not string")
            << entry("folder", 7) << QStringLiteral("\"folder\" must be a string");
        QTest::newRow("tag comma")
            << entry("tags", QJsonArray{QStringLiteral("a,b")})
            << QStringLiteral("integrations[0] ('edge'): tag 'a,b' contains a comma");
        QTest::newRow("tag empty")
            << entry("tags", QJsonArray{QStringLiteral("")}) << QStringLiteral("a tag is empty");
        QTest::newRow("tags not array")
            << entry("tags", QStringLiteral("a")) << QStringLiteral("must be an array of strings");
        QTest::newRow("tag not string")
            << entry("tags", QJsonArray{1}) << QStringLiteral("must hold strings only");
        QTest::newRow("unknown tier")
            << entry("tier", QStringLiteral("production"))
            << QStringLiteral("integrations[0] ('edge'): \"tier\" 'production' is not one of "
                              "dev, test, staging, prod");
    }
    void rejectsMalformedFiles()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        auto drafts = CatalogTransfer::parseImport(bytes);
        QVERIFY(!drafts.ok());
        QCOMPARE(drafts.error().kind, ErrorKind::InvalidInput);
        QVERIFY2(drafts.error().toText().contains(expected),
                 qPrintable(drafts.ok() ? QString() : drafts.error().toText()));
        QVERIFY(drafts.error().hint.contains(QStringLiteral("Nothing was written")));
    }

    void reportsLineOfSyntaxError()
    {
        auto drafts =
            CatalogTransfer::parseImport("{\n\"format\": \"x\",\n\"integrations\": [,]\n}");
        QVERIFY(!drafts.ok());
        QVERIFY2(drafts.error().message.contains(QStringLiteral("line 3")),
                 qPrintable(drafts.error().message));
    }
};

QTEST_GUILESS_MAIN(TestCatalogTransfer)
#include "tst_catalogtransfer.moc"
