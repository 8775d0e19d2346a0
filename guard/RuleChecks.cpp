// SPDX-License-Identifier: Apache-2.0
#include "RuleChecks.h"

#include <QHash>
#include <QSet>
#include <cmath>
#include <string>
#include <string_view>

namespace stella::guard::RuleChecks {

double shannonEntropy(QStringView value)
{
    if (value.isEmpty())
        return 0;
    QHash<char16_t, int> counts;
    for (const QChar c : value)
        ++counts[c.unicode()];
    double entropy = 0;
    const double n = double(value.size());
    for (const int count : std::as_const(counts)) {
        const double p = count / n;
        entropy -= p * std::log2(p);
    }
    return entropy;
}

bool isPlaceholder(QStringView value)
{
    // Every word is ASCII, so the value is compared as lower-cased bytes (any other character
    // becomes a byte no word holds); it runs for each candidate secret, so no QString is made.
    constexpr qsizetype kStack = 256;
    char stackBuffer[kStack];
    std::string heapBuffer;
    char *lower = stackBuffer;
    if (value.size() > kStack) {
        heapBuffer.resize(size_t(value.size()));
        lower = heapBuffer.data();
    }
    for (qsizetype i = 0; i < value.size(); ++i) {
        const char16_t c = value[i].unicode();
        lower[i] = c < 0x80 ? char(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c) : char(0x80);
    }
    const std::string_view text(lower, size_t(value.size()));
    // Words of five letters or more, so a random token practically never contains one.
    static constexpr std::string_view words[] = {
        "example", "placeholder", "your_",     "your-",     "yourtoken", "yourkey",  "yourpass",
        "xxxxx",   "changeme",    "change_me", "change-me", "dummy",     "redacted", "sample",
        "replace", "insert",      "${",        "{{",        "$(",        "%(",       "<",
        ">",       "****",        "....",      "12345678",  "abcdefgh"};
    for (const std::string_view w : words) {
        if (text.find(w) != std::string_view::npos)
            return true;
    }
    // A run of six identical characters: "000000", "aaaaaa".
    int run = 1;
    for (qsizetype i = 1; i < value.size(); ++i) {
        run = value[i] == value[i - 1] ? run + 1 : 1;
        if (run >= 6)
            return true;
    }
    return false;
}

bool isWellKnownExample(QStringView value)
{
    // Published in vendor documentation; real keys of these services never end in EXAMPLE.
    if (value.contains(QLatin1String("EXAMPLE")))
        return true;
    static const QSet<QString> known{
        // Stripe's documented test keys
        QStringLiteral("sk_test_4eC39HqLyjWDarjtT1zdp7dc"),
        QStringLiteral("sk_test_BQokikJOvBiI2HlWgH4olfQ2"),
        // Azurite / Azure Storage Emulator development account key
        QStringLiteral("Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/"
                       "K1SZFPTOtr/KBHBeksoGMGw=="),
        // GitHub's documentation example of a classic personal access token
        QStringLiteral("ghp_16C7e42F292c6912E7710c838347Ae178B4a"),
        // jwt.io's sample token
        QStringLiteral("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6"
                       "IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_"
                       "adQssw5c"),
    };
    return known.contains(value.toString());
}

bool isCodeFile(QStringView path)
{
    static const QSet<QString> extensions{
        QStringLiteral("c"),   QStringLiteral("cc"),    QStringLiteral("cpp"),
        QStringLiteral("cxx"), QStringLiteral("h"),     QStringLiteral("hh"),
        QStringLiteral("hpp"), QStringLiteral("hxx"),   QStringLiteral("m"),
        QStringLiteral("mm"),  QStringLiteral("py"),    QStringLiteral("js"),
        QStringLiteral("jsx"), QStringLiteral("mjs"),   QStringLiteral("cjs"),
        QStringLiteral("ts"),  QStringLiteral("tsx"),   QStringLiteral("go"),
        QStringLiteral("rs"),  QStringLiteral("java"),  QStringLiteral("kt"),
        QStringLiteral("kts"), QStringLiteral("scala"), QStringLiteral("cs"),
        QStringLiteral("rb"),  QStringLiteral("php"),   QStringLiteral("swift"),
        QStringLiteral("sh"),  QStringLiteral("bash"),  QStringLiteral("pl"),
        QStringLiteral("lua"), QStringLiteral("dart"),  QStringLiteral("qml"),
    };
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    const qsizetype dot = path.lastIndexOf(QLatin1Char('.'));
    if (dot <= slash + 1) // no extension, or a dot file
        return false;
    return extensions.contains(path.mid(dot + 1).toString().toLower());
}

bool unquotedIsExpression(QStringView path)
{
    if (!isCodeFile(path))
        return false;
    return !(path.endsWith(QLatin1String(".sh"), Qt::CaseInsensitive) ||
             path.endsWith(QLatin1String(".bash"), Qt::CaseInsensitive));
}

bool insideStringLiteral(QStringView line, qsizetype position)
{
    bool inside = false;
    for (qsizetype i = 0; i < position && i < line.size(); ++i) {
        if (line[i] == QLatin1Char('\\'))
            ++i;
        else if (line[i] == QLatin1Char('"'))
            inside = !inside;
    }
    return inside;
}

bool readsEnvironment(QStringView line)
{
    static const char *const markers[] = {
        "getenv",
        "environ",
        "process.env",
        "env[",
        "env.fetch",
        "env(",
        "getenvironmentvariable",
        "${{",
        "secretkeyref",
        "valuefrom",
        "keyring.get",
        "vault.read",
    };
    const QString lower = line.toString().toLower();
    for (const char *m : markers) {
        if (lower.contains(QLatin1String(m)))
            return true;
    }
    return false;
}

bool allowsRule(QStringView line, QStringView ruleId)
{
    static const QLatin1String tag("stella-guard:allow");
    const qsizetype at = line.indexOf(tag);
    if (at < 0)
        return false;
    QStringView rest = line.mid(at + tag.size()).trimmed();
    qsizetype end = 0;
    while (end < rest.size() && !rest[end].isSpace())
        ++end;
    for (QStringView id : rest.left(end).split(QLatin1Char(','))) {
        if (id == ruleId || id == QLatin1String("all"))
            return true;
    }
    return false;
}

} // namespace stella::guard::RuleChecks
