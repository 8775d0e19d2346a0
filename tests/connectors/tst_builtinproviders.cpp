// SPDX-License-Identifier: Apache-2.0
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
            {"Harbor", "Registry"},         {"DockerRegistry", "Registry"}, {"GitLabContainerRegistry", "Registry"},
            {"Nexus", "Registry"},          {"GitHubApp", "Scm"},           {"Gitea", "Scm"},
            {"GitLabServer", "Scm"},        {"GitLabCi", "CiCd"},           {"Jenkins", "CiCd"},
            {"Vault", "SecretsManager"},    {"Consul", "RuntimeHost"},      {"EbpfAgent", "RuntimeHost"},
            {"S3Compatible", "ObjectStorage"}, {"StellaOpsMirror", "FeedMirror"}, {"NvdMirror", "FeedMirror"},
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
};

QTEST_GUILESS_MAIN(TestBuiltinProviders)
#include "tst_builtinproviders.moc"
