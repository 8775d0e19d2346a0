// SPDX-License-Identifier: Apache-2.0
// The guard's YAML config: both spellings of every key, defaults, and every kind of bad input
// rejected with the key and the line.
#include "guard/GuardConfigLoader.h"

#include <QTemporaryDir>
#include <QTest>

using namespace stella;
using namespace stella::guard;

class TestGuardConfig : public QObject
{
    Q_OBJECT

    static Result<GuardConfig> parse(const char *yaml)
    {
        return GuardConfigLoader::parse(QByteArray(yaml), QStringLiteral("guard.yaml"));
    }

private Q_SLOTS:
    void emptyMeansDefaults()
    {
        for (const char *yaml : {"", "# only a comment\n", "---\n"}) {
            auto c = parse(yaml);
            QVERIFY2(c.ok(), qPrintable(c.ok() ? QString() : c.error().toText()));
            QVERIFY(c->secrets && c->attribution && c->license);
            QCOMPARE(c->maxFindings, 1000);
            QVERIFY(c->allowedLicenses.isEmpty());
            QVERIFY(c->customSecretPatterns.isEmpty());
            QCOMPARE(c->maxFileSize, qint64(2 * 1024 * 1024));
        }
    }

    void canonicalSpelling()
    {
        auto c = parse("secrets: false\n"
                       "attribution: no\n"
                       "license: true\n"
                       "maxFindings: 25\n"
                       "allowedSpdxLicenses: [mit, Apache-2.0, LicenseRef-Acme]\n"
                       "customSecretPatterns:\n"
                       "  - id: acme-key\n"
                       "    pattern: 'acme_[0-9a-f]{32}'\n"
                       "    severity: critical\n"
                       "    description: ACME API key\n"
                       "  - 'int_[0-9]{8}'\n"
                       "allowPaths: ['tests/fixtures/**', '*.min.js']\n"
                       "attributionMarkers: ['made by robot']\n"
                       "maxFileSize: 1048576\n");
        QVERIFY2(c.ok(), qPrintable(c.ok() ? QString() : c.error().toText()));
        QVERIFY(!c->secrets);
        QVERIFY(!c->attribution);
        QVERIFY(c->license);
        QCOMPARE(c->maxFindings, 25);
        // Listed spelling, whatever the case written.
        QCOMPARE(c->allowedLicenses,
                 (QStringList{QStringLiteral("MIT"), QStringLiteral("Apache-2.0"),
                              QStringLiteral("LicenseRef-Acme")}));
        QCOMPARE(c->customSecretPatterns.size(), 2);
        QCOMPARE(c->customSecretPatterns[0].id, QStringLiteral("acme-key"));
        QCOMPARE(c->customSecretPatterns[0].severity, Severity::Critical);
        QCOMPARE(c->customSecretPatterns[0].description, QStringLiteral("ACME API key"));
        QCOMPARE(c->customSecretPatterns[0].line, 7);
        QCOMPARE(c->customSecretPatterns[1].id, QStringLiteral("custom-2"));
        QCOMPARE(c->customSecretPatterns[1].severity, Severity::High);
        QCOMPARE(c->allowPaths.size(), 2);
        QCOMPARE(c->attributionMarkers.size(), 1);
        QCOMPARE(c->attributionMarkers[0].severity, Severity::Low);
        QCOMPARE(c->maxFileSize, qint64(1048576));
    }

    void aliasSpelling()
    {
        auto c = parse("enableSecretsScan: false\n"
                       "enableAttributionCheck: false\n"
                       "enableLicenseHygiene: false\n"
                       "licenseAllowList:\n  - BSD-3-Clause\n"
                       "secretPatterns:\n  - {id: x1, pattern: 'x1_[a-z]{9}'}\n"
                       "ignorePaths: [vendor/]\n");
        QVERIFY2(c.ok(), qPrintable(c.ok() ? QString() : c.error().toText()));
        QVERIFY(!c->secrets && !c->attribution && !c->license);
        QCOMPARE(c->allowedLicenses, QStringList{QStringLiteral("BSD-3-Clause")});
        QCOMPARE(c->customSecretPatterns.at(0).id, QStringLiteral("x1"));
        QCOMPARE(c->allowPaths, QStringList{QStringLiteral("vendor/")});
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("expected"); // must appear in the message
        QTest::newRow("invalid yaml")
            << QByteArray("secrets: [true\nlicense: false\n")
            << QStringLiteral("guard.yaml:2: '(document)' is not valid YAML");
        QTest::newRow("not a mapping")
            << QByteArray("- a\n- b\n")
            << QStringLiteral("guard.yaml:1: '(document)' must be a mapping");
        QTest::newRow("unknown key")
            << QByteArray("secrets: true\nmaxFinding: 3\n")
            << QStringLiteral("guard.yaml:2: 'maxFinding' is not a known key");
        QTest::newRow("both spellings")
            << QByteArray("secrets: true\nenableSecretsScan: false\n")
            << QStringLiteral("guard.yaml:2: 'enableSecretsScan' is given twice");
        QTest::newRow("bool wrong type")
            << QByteArray("license: maybe\n")
            << QStringLiteral("guard.yaml:1: 'license' must be true or false, not 'maybe'");
        QTest::newRow("quoted bool")
            << QByteArray("license: \"true\"\n")
            << QStringLiteral("guard.yaml:1: 'license' must be true or false");
        QTest::newRow("bool as list")
            << QByteArray("attribution: [true]\n")
            << QStringLiteral("guard.yaml:1: 'attribution' must be true or false, not a list");
        QTest::newRow("maxFindings zero")
            << QByteArray("maxFindings: 0\n")
            << QStringLiteral("guard.yaml:1: 'maxFindings' must be greater than 0, not 0");
        QTest::newRow("maxFindings negative")
            << QByteArray("\n\nmaxFindings: -5\n")
            << QStringLiteral("guard.yaml:3: 'maxFindings' must be greater than 0, not -5");
        QTest::newRow("maxFindings text")
            << QByteArray("maxFindings: lots\n")
            << QStringLiteral(
                   "guard.yaml:1: 'maxFindings' must be a whole number greater than 0, not 'lots'");
        QTest::newRow("maxFileSize zero")
            << QByteArray("maxFileSize: 0\n")
            << QStringLiteral("guard.yaml:1: 'maxFileSize' must be greater than 0");
        QTest::newRow("licenses not a list")
            << QByteArray("allowedSpdxLicenses: MIT\n")
            << QStringLiteral("guard.yaml:1: 'allowedSpdxLicenses' must be a list, not 'MIT'");
        QTest::newRow("unknown spdx id")
            << QByteArray("licenseAllowList:\n  - MIT\n  - Apache-2\n")
            << QStringLiteral("guard.yaml:3: 'licenseAllowList' lists 'Apache-2', which is not an "
                              "SPDX license id");
        QTest::newRow("invalid regex")
            << QByteArray("customSecretPatterns:\n  - id: bad\n    pattern: 'abc(['\n")
            << QStringLiteral("guard.yaml:3: 'customSecretPatterns.pattern' is not a valid regular "
                              "expression");
        QTest::newRow("invalid plain regex")
            << QByteArray("secretPatterns:\n  - '(unclosed'\n")
            << QStringLiteral(
                   "guard.yaml:2: 'secretPatterns.pattern' is not a valid regular expression");
        QTest::newRow("duplicate ids")
            << QByteArray("customSecretPatterns:\n  - {id: a, pattern: 'aaa[0-9]+'}\n  - {id: a, "
                          "pattern: 'bbb[0-9]+'}\n")
            << QStringLiteral("guard.yaml:3: 'customSecretPatterns.id' 'a' is used twice");
        QTest::newRow("id of a built-in rule")
            << QByteArray("customSecretPatterns:\n  - {id: github-pat, pattern: 'x[0-9]+'}\n")
            << QStringLiteral("guard.yaml:2: 'customSecretPatterns.id' 'github-pat' is used twice");
        QTest::newRow("duplicate across lists")
            << QByteArray("customSecretPatterns:\n  - {id: m, pattern: "
                          "'x[0-9]+'}\nattributionMarkers:\n  - {id: m, pattern: 'robot'}\n")
            << QStringLiteral("guard.yaml:4: 'attributionMarkers.id' 'm' is used twice");
        QTest::newRow("pattern key unknown")
            << QByteArray("customSecretPatterns:\n  - id: a\n    regex: 'x'\n")
            << QStringLiteral("guard.yaml:3: 'customSecretPatterns.regex' is not a known key");
        QTest::newRow("pattern missing")
            << QByteArray("customSecretPatterns:\n  - id: a\n")
            << QStringLiteral("guard.yaml:2: 'customSecretPatterns.pattern' is missing");
        QTest::newRow("severity invalid")
            << QByteArray("customSecretPatterns:\n  - id: a\n    pattern: 'x[0-9]'\n    severity: "
                          "urgent\n")
            << QStringLiteral("guard.yaml:4: 'customSecretPatterns.severity' must be one of "
                              "critical, high, medium, low, info, not 'urgent'");
        QTest::newRow("pattern item wrong type")
            << QByteArray("customSecretPatterns:\n  - [a, b]\n")
            << QStringLiteral(
                   "guard.yaml:2: 'customSecretPatterns' items must be a regex or {id, pattern");
        QTest::newRow("id shape")
            << QByteArray("customSecretPatterns:\n  - {id: 'a b', pattern: 'x'}\n")
            << QStringLiteral("guard.yaml:2: 'customSecretPatterns.id' must be letters");
        QTest::newRow("allowFindings not an id")
            << QByteArray("allowFindings:\n  - 0123456789abcdef\n  - src/main.py\n")
            << QStringLiteral("guard.yaml:3: 'allowFindings' lists 'src/main.py', which is not a "
                              "finding id");
        QTest::newRow("allowFindings not a list")
            << QByteArray("allowFindings: 0123456789abcdef\n")
            << QStringLiteral("guard.yaml:1: 'allowFindings' must be a list");
    }

    void allowFindings()
    {
        auto c = GuardConfigLoader::parse("allowFindings:\n  - 0123456789ABCDEF\n  - "
                                          "fedcba9876543210\n  - 0123456789abcdef\n",
                                          QStringLiteral("guard.yaml"));
        QVERIFY2(c.ok(), c.ok() ? "" : qPrintable(c.error().message));
        // Lower-cased as the reports write ids; a repeated id is kept once.
        QCOMPARE(c->allowFindings, (QStringList{QStringLiteral("0123456789abcdef"),
                                                QStringLiteral("fedcba9876543210")}));
        QVERIFY(GuardConfigLoader::parse("", QStringLiteral("g"))->allowFindings.isEmpty());
    }

    void errorLine()
    {
        auto c =
            GuardConfigLoader::parse("secrets: true\n\nbogus: 1\n", QStringLiteral("a:b.yaml"));
        QVERIFY(!c.ok());
        QCOMPARE(GuardConfigLoader::errorLine(c.error(), QStringLiteral("a:b.yaml")), 3);
        QCOMPARE(GuardConfigLoader::errorLine(Error::invalidInput(QStringLiteral("x")),
                                              QStringLiteral("a:b.yaml")),
                 0);
    }
    void errors()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, expected);
        auto c = GuardConfigLoader::parse(yaml, QStringLiteral("guard.yaml"));
        QVERIFY(!c.ok());
        QCOMPARE(c.error().kind, ErrorKind::InvalidInput);
        QVERIFY2(c.error().message.startsWith(expected), qPrintable(c.error().message));
        QVERIFY(!c.error().hint.isEmpty());
    }

    void missingFile()
    {
        auto c = GuardConfigLoader::loadFile(QStringLiteral("/nonexistent/guard.yaml"));
        QVERIFY(!c.ok());
        QCOMPARE(c.error().kind, ErrorKind::InvalidInput);
        QVERIFY(c.error().message.contains(QStringLiteral("/nonexistent/guard.yaml")));
    }

    void fileNameInMessages()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("g.yml"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("maxFindings: 0\n");
        f.close();
        auto c = GuardConfigLoader::loadFile(path);
        QVERIFY(!c.ok());
        QVERIFY(c.error().message.startsWith(path + QStringLiteral(":1: 'maxFindings'")));
    }
};

QTEST_GUILESS_MAIN(TestGuardConfig)
#include "tst_guardconfig.moc"
