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

namespace {
// Recall on code written the way real projects write it (item 9 of issue 14): the placeholder
// @VALUE@ in each line is replaced by a secret built at run time.
struct RecallCase
{
    const char *rule;
    const char *file;
    const char *line;
};

// A 16-character mixed-case password, different for each seed.
QString mixedCasePassword(std::uint64_t seed)
{
    return QStringLiteral("Kq7") + randomChars(kAlnum, 13, seed);
}

// A JWT with the standard HS256 header every HS256 token shares, a real JSON payload and a
// random 32-byte signature: only jwt.io's published token is an example.
QString hs256Token(std::uint64_t seed)
{
    const QByteArray payload = QByteArrayLiteral("{\"sub\":\"user-") +
                               randomChars(kDigits, 6, seed).toLatin1() +
                               QByteArrayLiteral("\",\"role\":\"admin\",\"iat\":1733011200}");
    return piece("eyJhbGciOiJIUzI1NiIsInR5cCI6", "IkpXVCJ9") + QLatin1Char('.') +
           QString::fromLatin1(
               payload.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)) +
           QLatin1Char('.') +
           randomChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", 43,
                       seed + 1);
}

const RecallCase kRecallCases[] = {
    {"jwt", "client.js", "const token = \"@VALUE@\";"},
    {"jwt", "curl.sh", "curl -H \"Authorization: Bearer @VALUE@\" https://api.internal/v1/me"},
    {"jwt", "values.yaml", "serviceToken: @VALUE@"},
    {"jwt", "test_api.py", "HEADERS = {\"Authorization\": \"Bearer @VALUE@\"}"},
    {"env-fallback-secret", "settings.py",
     "DB_PASSWORD = os.environ.get(\"DB_PASSWORD\", \"@VALUE@\")"},
    {"env-fallback-secret", "config.py", "password = os.getenv('POSTGRES_PASSWORD', '@VALUE@')"},
    {"env-fallback-secret", "config.py", "secret = os.getenv(\"APP_SECRET\") or \"@VALUE@\""},
    {"env-fallback-secret", "db.js", "const password = process.env.DB_PASSWORD || \"@VALUE@\";"},
    {"env-fallback-secret", "db.ts", "  apiKey: process.env[\"STRIPE_API_KEY\"] ?? '@VALUE@',"},
    {"env-fallback-secret", "Db.java",
     "String password = System.getenv().getOrDefault(\"DB_PASSWORD\", \"@VALUE@\");"},
    {"env-fallback-secret", "Auth.java",
     "String token = Optional.ofNullable(System.getenv(\"API_TOKEN\")).orElse(\"@VALUE@\");"},
    {"env-fallback-secret", "App.kt", "val secret = System.getenv(\"JWT_SECRET\") ?: \"@VALUE@\""},
    {"env-fallback-secret", "main.go",
     "password := cmp.Or(os.Getenv(\"DB_PASSWORD\"), \"@VALUE@\")"},
    {"env-fallback-secret", "database.rb",
     "  password: ENV.fetch(\"DATABASE_PASSWORD\", \"@VALUE@\"),"},
    {"env-fallback-secret", "secrets.rb",
     "SECRET_KEY_BASE = ENV[\"SECRET_KEY_BASE\"] || \"@VALUE@\""},
    {"env-fallback-secret", "database.php", "'password' => env('DB_PASSWORD', '@VALUE@'),"},
    {"env-fallback-secret", "Mail.cs",
     "var pwd = Environment.GetEnvironmentVariable(\"SMTP_PASSWORD\") ?? \"@VALUE@\";"},
    {"env-fallback-secret", "main.rs",
     "let token = env::var(\"API_TOKEN\").unwrap_or(\"@VALUE@\".to_string());"},
    {"env-fallback-secret", "auth.rs",
     "let token = env::var(\"API_TOKEN\").unwrap_or_else(|_| \"@VALUE@\".into());"},
    {"env-fallback-secret", "entrypoint.sh", "export DB_PASSWORD=\"${DB_PASSWORD:-@VALUE@}\""},
    {"env-fallback-secret", "docker-compose.yml",
     "      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-@VALUE@}"},
    {"env-fallback-secret", "application.properties",
     "spring.datasource.password=${DB_PASSWORD:@VALUE@}"},
    {"generic-secret", "Settings.cs", "    private const string Password = \"@VALUE@\";"},
    {"generic-secret", "Db.java", "    public static final String DB_PASSWORD = \"@VALUE@\";"},
    {"generic-secret", "config.go", "const defaultPassword = \"@VALUE@\""},
    {"generic-secret", "settings.py", "PASSWORD = '@VALUE@'"},
    {"generic-secret", "login.ts", "const password: string = \"@VALUE@\";"},
    {"generic-secret", "Login.kt", "val password: String = \"@VALUE@\""},
    {"generic-secret", "client.cpp", "constexpr char kPassword[] = \"@VALUE@\";"},
    {"generic-secret", "wp-config.php", "define( 'DB_PASSWORD', '@VALUE@' );"},
    {"generic-secret", "Repo.cs",
     "var conn = \"Server=db;Database=app;User Id=sa;Password=@VALUE@;\";"},
    {"generic-secret", "app.config", "<add key=\"Password\" value=\"@VALUE@\" />"},
    {"generic-secret", "settings.xml", "<password>@VALUE@</password>"},
    {"generic-secret", "config.json", "  \"Password\": \"@VALUE@\","},
    {"generic-secret", "values.yaml", "password: @VALUE@"},
};

// Reads without a literal, placeholders, names that hold no secret, documentation examples.
const RecallCase kRecallDecoys[] = {
    {"", "a.py", "password = os.environ.get(\"DB_PASSWORD\")"},
    {"", "a.py", "password = os.getenv(\"DB_PASSWORD\", \"\")"},
    {"", "a.py", "password = os.environ.get(\"DB_PASSWORD\", \"changeme\")"},
    {"", "a.py", "password = os.getenv(\"DB_PASSWORD\", default_password)"},
    {"", "a.py", "token = os.environ.get(\"API_TOKEN\", \"your-api-token-here\")"},
    {"", "a.py", "level = os.getenv(\"LOG_LEVEL\", \"DebugVerbose2x\")"},
    {"", "a.py", "# Example: os.environ.get(\"DB_PASSWORD\", \"example-password-1\")"},
    {"", "a.js", "const password = process.env.DB_PASSWORD || \"<password>\";"},
    {"", "a.js", "const port = process.env.PORT || \"8080\";"},
    {"", "a.ts", "const password: string = process.env.DB_PASSWORD ?? \"\";"},
    {"", "a.ts", "const password: string = props.password;"},
    {"", "a.sh", "export DB_PASSWORD=\"${DB_PASSWORD:-${FALLBACK_PASSWORD}}\""},
    {"", "a.sh", ": \"${DB_PASSWORD:?DB_PASSWORD must be set}\""},
    {"", "a.sh", "DB_PASSWORD=${DB_PASSWORD:-xxx}"},
    {"", "a.rb", "password = ENV.fetch(\"DB_PASSWORD\") { raise \"DB_PASSWORD missing\" }"},
    {"", "a.php", "'password' => env('DB_PASSWORD', null),"},
    {"", "a.php", "define('DB_PASSWORD', getenv('DB_PASSWORD'));"},
    {"", "a.yml", "password: ${PASSWORD}"},
    {"", "a.py", "password = \"changeme\""},
    {"", "a.cs", "Password = \"<password>\";"},
    {"", "a.cs", "var conn = \"Server=db;User Id=sa;Password=\" + password + \";\";"},
    {"", "a.py", "password = \"xxxxxxxxxxxxxxxx\""},
    {"", "a.xml", "<password>${DB_PASSWORD}</password>"},
    {"", "a.md", "Set `password: <your-password>` in values.yaml."},
};
} // namespace

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

    void recallOnRealCode_data()
    {
        addEngineColumn();
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("secret");
        for (const Engine e : engines()) {
            std::uint64_t seed = 500;
            for (const RecallCase &c : kRecallCases) {
                const QString rule = QString::fromLatin1(c.rule);
                const QString secret =
                    rule == QLatin1String("jwt") ? hs256Token(seed) : mixedCasePassword(seed);
                ++seed;
                QString line = QString::fromLatin1(c.line);
                line.replace(QLatin1String("@VALUE@"), secret);
                QTest::addRow("%s/%s/%d", qPrintable(engineLabel(e)), c.file, int(seed - 500))
                    << e << rule << QString::fromLatin1(c.file) << line << secret;
            }
        }
    }
    void recallOnRealCode()
    {
        QFETCH(Engine, engine);
        QFETCH(QString, rule);
        QFETCH(QString, file);
        QFETCH(QString, line);
        QFETCH(QString, secret);
        const ScanResult r =
            scanText(file, QStringLiteral("\n") + line + QLatin1Char('\n'), engine);
        QVERIFY2(ruleIds(r) == QStringList{rule},
                 qPrintable(ruleIds(r).join(QLatin1Char(',')) + QStringLiteral(" for ") + line));
        QCOMPARE(r.findings.first().line, 2);
        QCOMPARE(r.findings.first().column, int(line.indexOf(secret) + 1));
        QCOMPARE(r.findings.first().snippet, secret.left(4) + QStringLiteral("****"));
    }

    // Every HS256 token starts with the same header; only jwt.io's published token (header,
    // payload and signature) is an example. Its header and payload with another signature is
    // a token someone signed.
    void jwtOnlyThePublishedExampleIsAnExample()
    {
        const QString published =
            piece("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6",
                  "IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_"
                  "adQssw5c");
        const QString resigned = published.section(QLatin1Char('.'), 0, 1) + QLatin1Char('.') +
                                 randomChars(kAlnum, 43, 4242);
        for (const Engine e : engines()) {
            QVERIFY(scanText(QStringLiteral("a.js"),
                             QStringLiteral("const t = \"") + published + QStringLiteral("\";\n"),
                             e)
                        .findings.isEmpty());
            QCOMPARE(ruleIds(scanText(
                         QStringLiteral("a.js"),
                         QStringLiteral("const t = \"") + resigned + QStringLiteral("\";\n"), e)),
                     QStringList{QStringLiteral("jwt")});
        }
    }

    void recallDecoysStayQuiet_data()
    {
        addEngineColumn();
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("line");
        for (const Engine e : engines()) {
            int i = 0;
            for (const RecallCase &c : kRecallDecoys)
                QTest::addRow("%s/%d", qPrintable(engineLabel(e)), i++)
                    << e << QString::fromLatin1(c.file) << QString::fromLatin1(c.line);
        }
    }
    void recallDecoysStayQuiet()
    {
        QFETCH(Engine, engine);
        QFETCH(QString, file);
        QFETCH(QString, line);
        const ScanResult r = scanText(file, line + QLatin1Char('\n'), engine);
        QVERIFY2(r.findings.isEmpty(),
                 qPrintable(ruleIds(r).join(QLatin1Char(',')) + QStringLiteral(" for ") + line));
    }

    // The id does not hash the line: lines added above a finding keep its id; a second copy
    // of the same secret in the file gets its own.
    void idsSurviveMovedLines()
    {
        const SecretSample s = secretSamples(77).at(2);
        const QString root = m_dir.filePath(QStringLiteral("moved"));
        GuardConfig config;
        config.license = false;
        for (const Engine e : engines()) {
            QVERIFY(writeFile(root + QStringLiteral("/a.env"), s.line.toUtf8() + '\n'));
            const ScanResult before = scanOrFail({root}, config, e);
            QVERIFY(writeFile(root + QStringLiteral("/a.env"), "# one\n# two\n" + s.line.toUtf8() +
                                                                   "\ncopy " + s.secret.toUtf8() +
                                                                   '\n'));
            const ScanResult after = scanOrFail({root}, config, e);
            QCOMPARE(before.findings.size(), 1);
            QCOMPARE(after.findings.size(), 2);
            QCOMPARE(after.findings.at(0).line, 3);
            QCOMPARE(after.findings.at(0).id, before.findings.at(0).id);
            QVERIFY(after.findings.at(1).id != before.findings.at(0).id);
            // `./x` and `x` name the same file.
            QCOMPARE(findingId(s.rule, QStringLiteral("x/a.env"), 0, s.secret),
                     findingId(s.rule, QStringLiteral("./x/a.env"), 0, s.secret));
        }
    }

    void privateKeySpansItsBody()
    {
        QString body;
        const ScanResult r = scanText(
            QStringLiteral("id_rsa"),
            QStringLiteral("x\n") + privateKeyBlock(&body) + QLatin1Char('\n'), engines().first());
        QCOMPARE(r.findings.size(), 1);
        QCOMPARE(r.findings.first().line, 2);
        QCOMPARE(r.findings.first().lastLine(), 3); // the body's first line
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
