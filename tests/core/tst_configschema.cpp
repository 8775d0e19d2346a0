// SPDX-License-Identifier: Apache-2.0
#include "TestSupport.h"
#include "core/providers/ConfigSchema.h"
#include "core/providers/ProviderRegistry.h"

#include <QTest>

using namespace stella;

class TestConfigSchema : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void durations_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("ms");
        QTest::newRow("ms") << QStringLiteral("250ms") << qint64(250);
        QTest::newRow("s") << QStringLiteral("30s") << qint64(30'000);
        QTest::newRow("m") << QStringLiteral("5m") << qint64(300'000);
        QTest::newRow("h") << QStringLiteral("2h") << qint64(7'200'000);
        QTest::newRow("d") << QStringLiteral("1d") << qint64(86'400'000);
        QTest::newRow("zero") << QStringLiteral("0s") << qint64(0);
        QTest::newRow("no unit") << QStringLiteral("30") << qint64(-1);
        QTest::newRow("negative") << QStringLiteral("-5s") << qint64(-1);
        QTest::newRow("fraction") << QStringLiteral("1.5s") << qint64(-1);
        QTest::newRow("unknown unit") << QStringLiteral("5w") << qint64(-1);
        QTest::newRow("empty") << QString() << qint64(-1);
    }
    void durations()
    {
        QFETCH(QString, text);
        QFETCH(qint64, ms);
        const auto parsed = parseDurationMs(text);
        QCOMPARE(parsed.value_or(-1), ms);
    }

    void urls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("problemContains");
        QTest::newRow("https") << QStringLiteral("https://harbor.example.com") << QString();
        QTest::newRow("http port path") << QStringLiteral("http://10.0.0.5:8080/api") << QString();
        QTest::newRow("no scheme")
            << QStringLiteral("harbor.example.com") << QStringLiteral("no scheme");
        QTest::newRow("ftp") << QStringLiteral("ftp://x.example.com")
                             << QStringLiteral("only http and https");
        QTest::newRow("spaces") << QStringLiteral("https://a b.com") << QStringLiteral("spaces");
        QTest::newRow("empty") << QString() << QStringLiteral("empty");
        QTest::newRow("no host") << QStringLiteral("https:///path") << QStringLiteral("host");
    }
    void urls()
    {
        QFETCH(QString, url);
        QFETCH(QString, problemContains);
        const QString problem = validateHttpUrl(url);
        if (problemContains.isEmpty())
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        else
            QVERIFY2(problem.contains(problemContains), qPrintable(problem));
    }

    void validatesEachKind()
    {
        const ProviderDefinition *inMemory = test::registry().find(QStringLiteral("InMemory"));
        QVERIFY(inMemory);
        const ConfigSchema &schema = inMemory->configSchema;
        QVERIFY(schema.validate({}).isEmpty());
        QVERIFY(schema
                    .validate({{QStringLiteral("scenario"), QStringLiteral("slow")},
                               {QStringLiteral("latency"), QStringLiteral("5ms")},
                               {QStringLiteral("resourceCount"), 10}})
                    .isEmpty());

        const QStringList problems =
            schema.validate({{QStringLiteral("scenario"), QStringLiteral("broken")},
                             {QStringLiteral("latency"), 5},
                             {QStringLiteral("resourceCount"), 2.5},
                             {QStringLiteral("pageSize"), 0},
                             {QStringLiteral("bogus"), true}});
        QCOMPARE(problems.size(), 5);
        QVERIFY(problems.join(QLatin1Char('\n'))
                    .contains(QStringLiteral("config.scenario must be one of healthy")));
        QVERIFY(problems.join(QLatin1Char('\n'))
                    .contains(QStringLiteral("config.latency must be a duration")));
        QVERIFY(problems.join(QLatin1Char('\n'))
                    .contains(QStringLiteral("config.resourceCount must be a whole number")));
        QVERIFY(problems.join(QLatin1Char('\n'))
                    .contains(QStringLiteral("config.pageSize must be between 1 and 10000")));
        QVERIFY(problems.last().contains(QStringLiteral("config.bogus is not a setting")));
    }

    void requiredFieldAndBool()
    {
        const ProviderDefinition *s3 = test::registry().find(QStringLiteral("S3Compatible"));
        QVERIFY(s3);
        QStringList problems = s3->configSchema.validate({});
        QCOMPARE(problems.size(), 1);
        QVERIFY(problems.first().contains(QStringLiteral("config.bucket (Bucket) is required")));
        problems =
            s3->configSchema.validate({{QStringLiteral("bucket"), QStringLiteral("evidence")},
                                       {QStringLiteral("pathStyle"), QStringLiteral("yes")}});
        QCOMPARE(problems, QStringList{QStringLiteral("config.pathStyle must be true or false")});
    }

    void defaultsFillOnlyMissingKeys()
    {
        const ProviderDefinition *vault = test::registry().find(QStringLiteral("Vault"));
        QVERIFY(vault);
        const QJsonObject effective =
            vault->configSchema.withDefaults({{QStringLiteral("kvMount"), QStringLiteral("kv")}});
        QCOMPARE(effective.value(QStringLiteral("kvMount")).toString(), QStringLiteral("kv"));
        QCOMPARE(effective.value(QStringLiteral("timeout")).toString(), QStringLiteral("30s"));
        QCOMPARE(effective.value(QStringLiteral("insecureSkipTlsVerify")).toBool(true), false);
        QVERIFY(!effective.contains(QStringLiteral("namespace")));
    }
};

QTEST_GUILESS_MAIN(TestConfigSchema)
#include "tst_configschema.moc"
