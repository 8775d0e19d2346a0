// SPDX-License-Identifier: Apache-2.0
#include "TestSupport.h"
#include "connectors/BuiltinProviders.h"
#include "core/model/ResourceTypes.h"
#include "core/providers/ProviderRegistry.h"

#include <QTest>

using namespace stella;

class TestBuiltinProviders : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixedIdsAndTypes_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("type");
        const char *rows[][2] = {
            {"Harbor", "Registry"},
            {"DockerRegistry", "Registry"},
            {"GitLabContainerRegistry", "Registry"},
            {"Nexus", "Registry"},
            {"GitHubApp", "Scm"},
            {"Gitea", "Scm"},
            {"GitLabServer", "Scm"},
            {"GitLabCi", "CiCd"},
            {"Jenkins", "CiCd"},
            {"Vault", "SecretsManager"},
            {"Consul", "RuntimeHost"},
            {"EbpfAgent", "RuntimeHost"},
            {"S3Compatible", "ObjectStorage"},
            {"StellaOpsMirror", "FeedMirror"},
            {"NvdMirror", "FeedMirror"},
            {"OsvMirror", "FeedMirror"},
        };
        for (const auto &row : rows)
            QTest::newRow(row[0]) << QString::fromLatin1(row[0]) << QString::fromLatin1(row[1]);
    }
    void fixedIdsAndTypes()
    {
        QFETCH(QString, id);
        QFETCH(QString, type);
        ProviderRegistry registry;
        registerBuiltinProviders(registry);
        const ProviderDefinition *p = registry.find(id);
        QVERIFY(p);
        QCOMPARE(toString(p->type), type);
        QVERIFY(!p->isTestOnly);
        QCOMPARE(p->supportedResourceTypes, resourceTypesFor(p->type));
        QVERIFY(!p->displayName.isEmpty());
        QVERIFY(!p->endpointHelp.isEmpty());
        // Every HTTP provider carries the TLS settings; verification is on unless switched off.
        const ConfigField *skip = p->configSchema.field(QStringLiteral("insecureSkipTlsVerify"));
        QVERIFY(skip);
        QCOMPARE(skip->defaultValue.toBool(true), false);
    }

    void testOnlyProviderIsHiddenByDefault()
    {
        ProviderRegistry registry;
        registerBuiltinProviders(registry);
        QCOMPARE(registry.ids().size(), 16);
        QVERIFY(!registry.ids().contains(QStringLiteral("InMemory")));
        QVERIFY(registry.ids(true).contains(QStringLiteral("InMemory")));
        QVERIFY(registry.find(QStringLiteral("InMemory"))->isTestOnly);
        QVERIFY(!registry.add(*registry.find(QStringLiteral("Harbor")))); // duplicate id refused
    }

    // InMemory is built with ProviderBuilder like every provider: the schema the sandbox, the
    // forms and validation rely on, field by field.
    void inMemoryDefinition()
    {
        ProviderRegistry registry;
        registerBuiltinProviders(registry);
        const ProviderDefinition *p = registry.find(QStringLiteral("InMemory"));
        QVERIFY(p);
        QVERIFY(p->isTestOnly);
        QVERIFY(!p->endpointRequired);
        QVERIFY(p->hasConnector());
        QVERIFY(p->allowedTypes == allIntegrationTypes());
        QCOMPARE(
            p->supportedResourceTypes,
            (QStringList{ResourceType::Repositories, ResourceType::Tags, ResourceType::Projects,
                         ResourceType::Jobs, ResourceType::Pipelines}));
        // The registry adds the health monitor's own fields after the provider's.
        QCOMPARE(p->configSchema.keys().mid(0, 7),
                 (QStringList{QStringLiteral("scenario"), QStringLiteral("latency"),
                              QStringLiteral("slowLatency"), QStringLiteral("flakyEvery"),
                              QStringLiteral("resourceCount"), QStringLiteral("pageSize"),
                              QStringLiteral("resourcePrefix")}));
        const ConfigField *scenario = p->configSchema.field(QStringLiteral("scenario"));
        STELLA_COMPARE_ENUM(scenario->kind, ConfigField::Kind::Enum);
        QCOMPARE(scenario->enumValues,
                 (QStringList{QStringLiteral("healthy"), QStringLiteral("degraded"),
                              QStringLiteral("unhealthy"), QStringLiteral("flaky"),
                              QStringLiteral("slow")}));
        QCOMPARE(scenario->defaultValue.toString(), QStringLiteral("healthy"));
        const ConfigField *flaky = p->configSchema.field(QStringLiteral("flakyEvery"));
        QCOMPARE(flaky->defaultValue.toInt(), 3);
        QCOMPARE(flaky->minimum, 2);
        QCOMPARE(flaky->maximum, 1440);
        const ConfigField *count = p->configSchema.field(QStringLiteral("resourceCount"));
        QCOMPARE(count->defaultValue.toInt(), 50);
        QCOMPARE(count->maximum, 10'000'000);
        const ConfigField *pageSize = p->configSchema.field(QStringLiteral("pageSize"));
        QCOMPARE(pageSize->defaultValue.toInt(), 100);
        QCOMPARE(pageSize->minimum, 1);
        QCOMPARE(p->configSchema.field(QStringLiteral("latency"))->defaultValue.toString(),
                 QStringLiteral("20ms"));
        for (const ConfigField &f : p->configSchema.fields)
            QVERIFY2(!f.required, qPrintable(f.key));
        QCOMPARE(p->credentialSlots.size(), 1);
        QCOMPARE(p->credentialSlots.first().id, QStringLiteral("token"));
        QVERIFY(!p->credentialSlots.first().required);
    }
};

QTEST_GUILESS_MAIN(TestBuiltinProviders)
#include "tst_builtinproviders.moc"
