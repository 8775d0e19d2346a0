// SPDX-License-Identifier: Apache-2.0
#pragma once

// Secrets for the guard tests, built at run time from a prefix and deterministic pseudo-random
// characters, so the repository never holds a literal realistic secret (push protection, and
// other scanners, stay quiet) while every test sees the real token shapes.

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QList>
#include <QString>
#include <QStringList>
#include <cstdint>

namespace stella::test::guard {

inline const char *const kAlnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
inline const char *const kUpperDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
inline const char *const kBase64 =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
inline const char *const kDigits = "0123456789";

// `count` characters of `alphabet`, the same for the same seed (splitmix64).
inline QString randomChars(const char *alphabet, int count, std::uint64_t seed)
{
    const QByteArray a(alphabet);
    QString out;
    std::uint64_t x = seed * 0x9E3779B97F4A7C15ull + 0x1234567ull;
    for (int i = 0; i < count; ++i) {
        x += 0x9E3779B97F4A7C15ull;
        std::uint64_t z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        z ^= z >> 31;
        out += QLatin1Char(a.at(qsizetype(z % std::uint64_t(a.size()))));
    }
    return out;
}

inline QString piece(const char *a, const char *b)
{
    return QString::fromLatin1(a) + QString::fromLatin1(b);
}

// One sample line per secret family: the rule it must raise, the text, and the secret itself.
struct SecretSample
{
    QString rule;
    QString line;
    QString secret; // what must never appear in full in any output
};

inline QList<SecretSample> secretSamples(std::uint64_t seed = 1)
{
    auto r = [&](const char *alphabet, int n) { return randomChars(alphabet, n, seed++); };
    QList<SecretSample> s;
    auto add = [&](const char *rule, const QString &before, const QString &secret,
                   const QString &after = QString()) {
        s.append({QString::fromLatin1(rule), before + secret + after, secret});
    };
    add("aws-access-key-id", QStringLiteral("aws_key_id = \""),
        piece("AK", "IA") + r(kUpperDigits, 16), QStringLiteral("\""));
    add("aws-secret-access-key", QStringLiteral("aws_secret_access_key = \""), r(kBase64, 40),
        QStringLiteral("\""));
    add("github-pat", QStringLiteral("token: "), piece("gh", "p_") + r(kAlnum, 36));
    add("github-fine-grained-pat", QStringLiteral("GH_TOKEN="),
        piece("github", "_pat_") + r(kAlnum, 22) + QLatin1Char('_') + r(kAlnum, 59));
    add("github-oauth-token", QStringLiteral("oauth = '"), piece("gh", "o_") + r(kAlnum, 36),
        QStringLiteral("'"));
    add("github-app-token", QStringLiteral("installation: "), piece("gh", "s_") + r(kAlnum, 36));
    add("gitlab-pat", QStringLiteral("GITLAB="), piece("glp", "at-") + r(kAlnum, 20));
    add("gitlab-deploy-token", QStringLiteral("deploy: "), piece("gld", "t-") + r(kAlnum, 24));
    add("gitlab-runner-token", QStringLiteral("runner_auth = \""),
        piece("glr", "t-") + r(kAlnum, 24), QStringLiteral("\""));
    add("slack-token", QStringLiteral("SLACK_BOT="),
        piece("xo", "xb-") + r(kDigits, 11) + QLatin1Char('-') + r(kDigits, 12) + QLatin1Char('-') +
            r(kAlnum, 24));
    add("slack-webhook-url", QStringLiteral("url: https://hooks.slack.com/services/"),
        QLatin1Char('T') + r(kUpperDigits, 9) + QStringLiteral("/B") + r(kUpperDigits, 9) +
            QLatin1Char('/') + r(kAlnum, 24));
    add("stripe-secret-key", QStringLiteral("stripe.api_key = \""),
        piece("sk_", "live_") + r(kAlnum, 24), QStringLiteral("\""));
    add("google-api-key", QStringLiteral("const mapsKey = \""), piece("AI", "za") + r(kAlnum, 35),
        QStringLiteral("\";"));
    add("azure-storage-key",
        QStringLiteral("conn = \"DefaultEndpointsProtocol=https;AccountName=acct;AccountKey="),
        r(kBase64, 86) + QStringLiteral("=="), QStringLiteral(";\""));
    add("npm-token", QStringLiteral("//registry.npmjs.org/:_authToken="),
        piece("np", "m_") + r(kAlnum, 36));
    add("pypi-token", QStringLiteral("password = "),
        piece("pypi-AgEIcHlw", "aS5vcmc") + r(kAlnum, 60));
    add("openai-api-key", QStringLiteral("OPENAI_API_KEY="), piece("sk-", "proj-") + r(kAlnum, 48));
    add("anthropic-api-key", QStringLiteral("ANTHROPIC_API_KEY="),
        piece("sk-", "ant-api03-") + r(kAlnum, 93) + QStringLiteral("AA"));
    add("jwt", QStringLiteral("Authorization: Bearer "),
        piece("ey", "J") + r(kAlnum, 30) + piece(".e", "yJ") + r(kAlnum, 40) + QLatin1Char('.') +
            r(kAlnum, 43));
    add("basic-auth-url", QStringLiteral("DATABASE_URL=postgres://admin:"), r(kAlnum, 14),
        QStringLiteral("@db.internal:5432/app"));
    add("generic-secret", QStringLiteral("db_password = \""), r(kAlnum, 20), QStringLiteral("\""));
    return s;
}

// A PEM private key block (multi-line), and its first body line (the masked secret).
inline QString privateKeyBlock(QString *body = nullptr, std::uint64_t seed = 99)
{
    QStringList lines{piece("-----BEGIN RSA PRI", "VATE KEY-----")};
    for (int i = 0; i < 4; ++i)
        lines.append(randomChars(kBase64, 64, seed + std::uint64_t(i)));
    if (body)
        *body = lines.at(1);
    lines.append(piece("-----END RSA PRI", "VATE KEY-----"));
    return lines.join(QLatin1Char('\n'));
}

// Lines that look like secrets but are not: placeholders, documented examples, public keys,
// values read from the environment. Each must give no secret finding.
inline QStringList decoyLines()
{
    return {
        QStringLiteral("aws_key_id = \"") + piece("AKIA", "IOSFODNN7") +
            QStringLiteral("EXAMPLE\""),
        QStringLiteral("aws_secret_access_key = \"") + piece("wJalrXUtnFEMI/K7MDENG/", "bPxRfiCY") +
            QStringLiteral("EXAMPLEKEY\""),
        QStringLiteral("token: ") + piece("gh", "p_") + QString(36, QLatin1Char('x')),
        QStringLiteral("token: ") + piece("gh", "p_") + QStringLiteral("<your-token-here>"),
        QStringLiteral("GITLAB=") + piece("glp", "at-") + QStringLiteral("xxxxxxxxxxxxxxxxxxxx"),
        QStringLiteral("url: https://hooks.slack.com/services/T00000000/B00000000/") +
            QString(24, QLatin1Char('X')),
        QStringLiteral("stripe.publishable = \"") + piece("pk_", "live_") +
            randomChars(kAlnum, 24, 7) + QStringLiteral("\""),
        QStringLiteral("stripe.api_key = \"") + piece("sk_test_4eC39Hq", "LyjWDarjtT1zdp7dc") +
            QStringLiteral("\""),
        QStringLiteral("conn = \"AccountName=devstoreaccount1;AccountKey=") +
            piece("Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/",
                  "K1SZFPTOtr/KBHBeksoGMGw==") +
            QStringLiteral(";\""),
        QStringLiteral("OPENAI_API_KEY=") + piece("sk-", "proj-") +
            QStringLiteral("your-api-key-goes-here-replace-me-with-the-real-one"),
        QStringLiteral("jwt = \"") +
            piece("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6",
                  "IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_"
                  "adQssw5c") +
            QStringLiteral("\""),
        QStringLiteral("DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app"),
        QStringLiteral("// `postgresql://user[:password]@host[:port]/dbname`"),
        QStringLiteral("token = \"") + piece("ghp_16C7e42F292c6912", "E7710c838347Ae178B4a") +
            QStringLiteral("\""),
        QStringLiteral("token_file=/var/run/secrets/kubernetes.io/serviceaccount/token"),
        QStringLiteral("secret_store = ./deploy/secrets/store-2024.db"),
        QStringLiteral("see https://user:password@example.com/path"),
        QStringLiteral("db_password = os.environ[\"DB_PASSWORD\"]"),
        QStringLiteral("api_token = os.getenv(\"API_TOKEN\")"),
        QStringLiteral("db_password = \"changeme\""),
        QStringLiteral("password: \"<your-password>\""),
        QStringLiteral("ssh-ed25519 ") + randomChars(kBase64, 68, 11) + QStringLiteral(" op@host"),
        piece("-----BEGIN PUBLIC", " KEY-----"),
        randomChars(kBase64, 64, 12),
        piece("-----END PUBLIC", " KEY-----"),
        piece("-----BEGIN PRI", "VATE KEY-----"),
        QStringLiteral("..."),
        piece("-----END PRI", "VATE KEY-----"),
    };
}

inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace stella::test::guard

#include "guard/GuardReports.h"
#include "guard/GuardScanner.h"

namespace stella::test::guard {

// Scans `roots` with `config` on `engine` and `threads`; fails the test on an error.
inline stella::guard::ScanResult scanOrFail(const QStringList &roots,
                                            const stella::guard::GuardConfig &config,
                                            stella::guard::Engine engine, int threads = 2)
{
    stella::guard::GuardScanner::Options options;
    options.engine = engine;
    options.threads = threads;
    auto scanner = stella::guard::GuardScanner::create(config, options);
    if (!scanner) {
        qWarning("%s", qPrintable(scanner.error().toText()));
        return {};
    }
    auto result = (*scanner)->scan(roots);
    if (!result) {
        qWarning("%s", qPrintable(result.error().toText()));
        return {};
    }
    return *result;
}

// The engines this build has: PCRE2 always, Hyperscan when built in.
inline QList<stella::guard::Engine> engines()
{
    QList<stella::guard::Engine> list{stella::guard::Engine::Pcre2};
    if (stella::guard::Matcher::hyperscanAvailable())
        list.append(stella::guard::Engine::Hyperscan);
    return list;
}

inline QString engineLabel(stella::guard::Engine e)
{
    return e == stella::guard::Engine::Hyperscan ? QStringLiteral("hyperscan")
                                                 : QStringLiteral("pcre2");
}

} // namespace stella::test::guard
