// SPDX-License-Identifier: Apache-2.0
// Every secret and attribution rule family, positive and negative, on both engines; the checks
// behind the negatives (placeholders, examples, entropy, env reads) one by one.
#include "GuardSamples.h"
#include "guard/RuleChecks.h"
#include "guard/SecretRules.h"

#include <QTemporaryDir>
#include <QTest>

using namespace stella::guard;
using namespace stella::test::guard;

Q_DECLARE_METATYPE(stella::guard::Engine)

class TestGuardSecretRules : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_counter = 0;

    // Writes `content` to a fresh directory as `name` and scans it with secrets/attribution on.
    ScanResult scanText(const QString &name, const QString &content, Engine engine,
                        GuardConfig config = {})
    {
        config.license = false;
        const QString root = m_dir.filePath(QString::number(++m_counter));
        writeFile(root + QLatin1Char('/') + name, content.toUtf8());
        return scanOrFail({root}, config, engine);
    }

    static QStringList ruleIds(const ScanResult &r)
    {
        QStringList ids;
        for (const Finding &f : r.findings)
            ids.append(f.ruleId);
        return ids;
    }

    void addEngineColumn() { QTest::addColumn<Engine>("engine"); }

private Q_SLOTS:
    void builtinRulesAreWellFormed()
    {
        QSet<QString> ids;
        for (const GuardRule &r : SecretRules::builtin() + AttributionRules::builtin()) {
            QVERIFY2(!ids.contains(r.id), qPrintable(r.id));
            ids.insert(r.id);
            QVERIFY2(QRegularExpression(r.pattern).isValid(), qPrintable(r.id));
            QVERIFY2(!r.keywords.isEmpty(), qPrintable(r.id));
            for (const QString &k : r.keywords)
                QCOMPARE(k, k.toLower());
        }
        QVERIFY(ids.size() >= 20);
    }

    void positives_data()
    {
        addEngineColumn();
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("secret");
        for (const Engine e : engines()) {
            for (const SecretSample &s : secretSamples()) {
                QTest::addRow("%s/%s", qPrintable(engineLabel(e)), qPrintable(s.rule))
                    << e << s.rule << s.line << s.secret;
            }
        }
    }
    void positives()
    {
        QFETCH(Engine, engine);
        QFETCH(QString, rule);
        QFETCH(QString, line);
        QFETCH(QString, secret);
        // A config file: unquoted values are data there.
        const ScanResult r =
            scanText(QStringLiteral("settings.env"),
                     QStringLiteral("# config\n") + line + QLatin1Char('\n'), engine);
        QCOMPARE(ruleIds(r), QStringList{rule});
        const Finding &f = r.findings.first();
        QCOMPARE(f.line, 2);
        QCOMPARE(f.snippet, secret.left(4) + QStringLiteral("****"));
        QCOMPARE(f.column, int(line.indexOf(secret) + 1));
        QCOMPARE(f.id.size(), 16);
    }

    void privateKey_data()
    {
        addEngineColumn();
        for (const Engine e : engines())
            QTest::newRow(qPrintable(engineLabel(e))) << e;
    }
    void privateKey()
    {
        QFETCH(Engine, engine);
        QString body;
        const QString block = privateKeyBlock(&body);
        ScanResult r = scanText(QStringLiteral("id_rsa"), block + QLatin1Char('\n'), engine);
        QCOMPARE(ruleIds(r), QStringList{QStringLiteral("private-key")});
        QCOMPARE(r.findings.first().snippet, body.left(4) + QStringLiteral("****"));
        // Inside a string with \n escapes, as in code.
        QString escaped = block;
        escaped.replace(QLatin1Char('\n'), QStringLiteral("\\n"));
        r = scanText(QStringLiteral("key.json"),
                     QStringLiteral("{\"key\": \"") + escaped + QStringLiteral("\"}\n"), engine);
        QCOMPARE(ruleIds(r), QStringList{QStringLiteral("private-key")});
    }

    void decoys_data()
    {
        addEngineColumn();
        QTest::addColumn<QString>("line");
        for (const Engine e : engines()) {
            int i = 0;
            for (const QString &line : decoyLines())
                QTest::addRow("%s/%d", qPrintable(engineLabel(e)), i++) << e << line;
        }
    }
    void decoys()
    {
        QFETCH(Engine, engine);
        QFETCH(QString, line);
        const ScanResult r =
            scanText(QStringLiteral("settings.env"), line + QLatin1Char('\n'), engine);
        QVERIFY2(r.findings.isEmpty(), qPrintable(ruleIds(r).join(QLatin1Char(','))));
    }

    void decoyFileAsAWhole()
    {
        // The decoys together (the public key and the "..." private key as blocks).
        for (const Engine e : engines()) {
            const ScanResult r =
                scanText(QStringLiteral("all.env"), decoyLines().join(QLatin1Char('\n')), e);
            QVERIFY2(r.findings.isEmpty(), qPrintable(ruleIds(r).join(QLatin1Char(','))));
        }
    }

    void codeReferencesAreNotSecrets()
    {
        for (const Engine e : engines()) {
            const QString code = QStringLiteral("password = get_password_from_vault()\n"
                                                "token = request.headers.authorizationToken\n"
                                                "const secret: string = props.secretValue;\n"
                                                "QString token = QStringLiteral(\"x\");\n"
                                                "if (password == other.password) {}\n");
            const ScanResult r = scanText(QStringLiteral("code.py"), code, e);
            QVERIFY2(r.findings.isEmpty(), qPrintable(ruleIds(r).join(QLatin1Char(','))));
            // The same unquoted value in YAML is data, hence a finding.
            const ScanResult y = scanText(
                QStringLiteral("values.yaml"),
                QStringLiteral("password: ") + randomChars(kAlnum, 18, 5) + QLatin1Char('\n'), e);
            QCOMPARE(ruleIds(y), QStringList{QStringLiteral("generic-secret")});
        }
    }

    void shellValuesAreLiterals()
    {
        // In a shell script an unquoted value is a literal; variables and commands are not.
        for (const Engine e : engines()) {
            for (const char *name : {"run", "deploy.sh"}) {
                const ScanResult r = scanText(
                    QString::fromLatin1(name),
                    QStringLiteral("#!/usr/bin/env bash\ntoken=$(cat x)\nsecret=$VAULT_SECRET\n"
                                   "secretlint=/opt/secretlint/bin/secretlint\npassword=") +
                        randomChars(kAlnum, 16, 9) + QStringLiteral("\n"),
                    e);
                QCOMPARE(ruleIds(r), QStringList{QStringLiteral("generic-secret")});
                QCOMPARE(r.findings.first().line, 5);
            }
        }
    }

    void lowEntropyGenericIsQuiet()
    {
        for (const Engine e : engines()) {
            const ScanResult r =
                scanText(QStringLiteral("a.py"), QStringLiteral("password = \"aaaabbbb\"\n"), e);
            QVERIFY(r.findings.isEmpty());
        }
    }

    void inlineAllow()
    {
        const SecretSample s = secretSamples().at(2); // github-pat
        for (const Engine e : engines()) {
            ScanResult r =
                scanText(QStringLiteral("a.env"),
                         s.line + QStringLiteral("  # stella-guard:allow github-pat\n"), e);
            QVERIFY(r.findings.isEmpty());
            r = scanText(QStringLiteral("a.env"),
                         QStringLiteral("# stella-guard:allow github-pat,jwt\n") + s.line +
                             QLatin1Char('\n'),
                         e);
            QVERIFY(r.findings.isEmpty());
            // Another rule's allow does not hide this one.
            r = scanText(QStringLiteral("a.env"),
                         s.line + QStringLiteral("  # stella-guard:allow jwt\n"), e);
            QCOMPARE(r.findings.size(), 1);
        }
    }

    void customPatterns()
    {
        GuardConfig config;
        config.customSecretPatterns.append({QStringLiteral("acme-key"),
                                            QStringLiteral("acme_[0-9a-f]{32}"), Severity::Critical,
                                            QStringLiteral("ACME key"), 1});
        // Look-ahead: Hyperscan needs its prefilter mode for this one.
        config.customSecretPatterns.append({QStringLiteral("internal-id"),
                                            QStringLiteral("INT-(?=[0-9]{6}\\b)[0-9]+"),
                                            Severity::Low, QString(), 2});
        const QString key = QStringLiteral("acme_") + randomChars("0123456789abcdef", 32, 3);
        for (const Engine e : engines()) {
            const ScanResult r = scanText(
                QStringLiteral("c.txt"),
                QStringLiteral("k=") + key + QStringLiteral("\nid INT-123456 INT-12\n"), e, config);
            QCOMPARE(ruleIds(r),
                     (QStringList{QStringLiteral("acme-key"), QStringLiteral("internal-id")}));
            QCOMPARE(r.findings.at(0).severity, Severity::Critical);
            QCOMPARE(r.findings.at(0).message, QStringLiteral("ACME key"));
        }
    }

    void attribution_data()
    {
        addEngineColumn();
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("rule"); // empty: not a finding
        const QList<std::pair<QString, QString>> cases{
            {QStringLiteral("# Generated by ChatGPT"), QStringLiteral("ai-generated-by")},
            {QStringLiteral("// written with GitHub Copilot"), QStringLiteral("ai-generated-by")},
            {QStringLiteral("/* This code was created by Claude */"),
             QStringLiteral("ai-generated-by")},
            {QStringLiteral("// AI-generated; reviewed by a human"),
             QStringLiteral("ai-generated-label")},
            {QStringLiteral("Co-authored-by: Claude <noreply@anthropic.com>"),
             QStringLiteral("ai-coauthor")},
            {QStringLiteral("// @generated by sqlc"), QStringLiteral("generated-tag")},
            {QStringLiteral("// Talks to the Copilot API"), QString()},
            {QStringLiteral("// generated by protoc from foo.proto"), QString()},
            {QStringLiteral("// Claude Shannon's entropy"), QString()},
        };
        for (const Engine e : engines()) {
            int i = 0;
            for (const auto &[line, rule] : cases)
                QTest::addRow("%s/%d", qPrintable(engineLabel(e)), i++) << e << line << rule;
        }
    }
    void attribution()
    {
        QFETCH(Engine, engine);
        QFETCH(QString, line);
        QFETCH(QString, rule);
        const ScanResult r = scanText(QStringLiteral("m.cpp"), line + QLatin1Char('\n'), engine);
        QCOMPARE(ruleIds(r), rule.isEmpty() ? QStringList{} : QStringList{rule});
    }

    void attributionMarkersReplaceDefaults()
    {
        GuardConfig config;
        config.attributionMarkers.append({QStringLiteral("made-by-bot"),
                                          QStringLiteral("made by robot"), Severity::Medium,
                                          QString(), 1});
        for (const Engine e : engines()) {
            const ScanResult r =
                scanText(QStringLiteral("m.cpp"),
                         QStringLiteral("// Made by Robot\n// Generated by ChatGPT\n"), e, config);
            QCOMPARE(ruleIds(r), QStringList{QStringLiteral("made-by-bot")});
        }
    }

    void familiesCanBeSwitchedOff()
    {
        GuardConfig config;
        config.secrets = false;
        config.attribution = false;
        const SecretSample s = secretSamples().first();
        for (const Engine e : engines()) {
            const ScanResult r =
                scanText(QStringLiteral("x.env"),
                         s.line + QStringLiteral("\n# Generated by ChatGPT\n"), e, config);
            QVERIFY(r.findings.isEmpty());
        }
    }

    void checks()
    {
        QVERIFY(RuleChecks::isPlaceholder(QStringLiteral("<your-token>")));
        QVERIFY(RuleChecks::isPlaceholder(QStringLiteral("${GITHUB_TOKEN}")));
        QVERIFY(RuleChecks::isPlaceholder(QStringLiteral("xxxxxxxxxxxxxxxx")));
        QVERIFY(RuleChecks::isPlaceholder(QStringLiteral("00000000")));
        QVERIFY(!RuleChecks::isPlaceholder(randomChars(kAlnum, 36, 1)));
        QVERIFY(RuleChecks::isWellKnownExample(piece("AKIAIOSFODNN7", "EXAMPLE")));
        QVERIFY(!RuleChecks::isWellKnownExample(randomChars(kAlnum, 20, 2)));
        QVERIFY(RuleChecks::shannonEntropy(QStringLiteral("aaaa")) < 0.01);
        QCOMPARE(RuleChecks::shannonEntropy(QStringLiteral("abcd")), 2.0);
        QVERIFY(RuleChecks::readsEnvironment(QStringLiteral("x = os.getenv('A')")));
        QVERIFY(RuleChecks::readsEnvironment(QStringLiteral("token: ${{ secrets.TOKEN }}")));
        QVERIFY(RuleChecks::readsEnvironment(QStringLiteral("const t = process.env.TOKEN")));
        QVERIFY(!RuleChecks::readsEnvironment(QStringLiteral("password = \"abc\"")));
        QVERIFY(RuleChecks::isCodeFile(QStringLiteral("src/a.cpp")));
        QVERIFY(RuleChecks::isCodeFile(QStringLiteral("A.PY")));
        QVERIFY(!RuleChecks::isCodeFile(QStringLiteral("config.yaml")));
        QVERIFY(!RuleChecks::isCodeFile(QStringLiteral(".bashrc")));
        QVERIFY(RuleChecks::allowsRule(QStringLiteral("x # stella-guard:allow jwt"),
                                       QStringLiteral("jwt")));
        QVERIFY(RuleChecks::allowsRule(QStringLiteral("// stella-guard:allow all"),
                                       QStringLiteral("jwt")));
        QVERIFY(!RuleChecks::allowsRule(QStringLiteral("// stella-guard:allow jwt2"),
                                        QStringLiteral("jwt")));
    }

    void masking()
    {
        QCOMPARE(maskSecret(QStringLiteral("abcdefghijkl")), QStringLiteral("abcd****"));
        QCOMPARE(maskSecret(QStringLiteral("abcdef")), QStringLiteral("abc****"));
        QCOMPARE(maskSecret(QStringLiteral("ab")), QStringLiteral("a****"));
    }
};

QTEST_GUILESS_MAIN(TestGuardSecretRules)
#include "tst_guardsecretrules.moc"
