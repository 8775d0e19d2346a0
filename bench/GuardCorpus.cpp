// SPDX-License-Identifier: Apache-2.0
// The AI Code Guard benchmark corpus: N MiB of source in several languages plus YAML and JSON,
// with planted secrets of every family, decoys (placeholders, documented example keys, public
// keys, environment reads), SPDX headers (some missing) and AI attribution markers.
// Deterministic from the seed. Writes, next to the corpus:
//   manifest.tsv   kind<TAB>path<TAB>line<TAB>rule   (kind: secret, decoy, attribution,
//                  license-missing; path relative to the corpus directory)
//   patterns.txt   the built-in secret patterns, one per line, for ripgrep (-f)
//
//   stella-guard-corpus OUTDIR MIB [SEED]
#include "GuardSamples.h"
#include "guard/SecretRules.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTextStream>
#include <cstdio>
#include <random>

using namespace stella::test::guard;

namespace {

struct Language
{
    const char *extension;
    const char *comment; // line comment
    bool code;           // needs an SPDX header
};

const Language kLanguages[] = {
    {"py", "#", true},   {"js", "//", true},  {"go", "//", true}, {"java", "//", true},
    {"cpp", "//", true}, {"ts", "//", true},  {"rs", "//", true}, {"yaml", "#", false},
    {"json", "", false}, {"env", "#", false},
};

class Corpus
{
public:
    Corpus(QString dir, std::uint64_t seed) : m_dir(std::move(dir)), m_rng(seed) {}

    QString word()
    {
        static const char *const words[] = {
            "account", "buffer", "client",  "config",  "data",    "entry",  "factory", "handler",
            "index",   "item",   "loader",  "manager", "message", "node",   "order",   "parser",
            "queue",   "record", "request", "result",  "service", "stream", "user",    "value",
            "widget",  "cache",  "channel", "event",   "metric",  "schema", "report",  "filter"};
        return QString::fromLatin1(words[m_rng() % (sizeof words / sizeof *words)]);
    }
    QString ident()
    {
        const QString first = word(), second = word();
        return first + second.at(0).toUpper() + second.mid(1);
    }
    int number(int max) { return int(m_rng() % unsigned(max)); }

    // One line of ordinary code in the file's language; no secrets, no keywords that matter.
    QString fillerLine(const Language &lang)
    {
        const QString a = ident(), b = ident(), c = word();
        const int n = number(1000);
        const QString ext = QString::fromLatin1(lang.extension);
        switch (number(8)) {
        case 0:
            return QString::fromLatin1(lang.comment) +
                   QStringLiteral(" Returns the %1 of the %2 after the %3 is loaded.").arg(c, a, b);
        case 1:
            if (ext == QLatin1String("py"))
                return QStringLiteral("def %1(self, %2):").arg(a, c);
            if (ext == QLatin1String("go"))
                return QStringLiteral("func (s *Server) %1(%2 int) error {").arg(a, c);
            return QStringLiteral("    public %1 %2(%3 %4) {").arg(b, a, c, c);
        case 2:
            return QStringLiteral("    %1 = %2.%3(%4, \"%5\")").arg(a, b, c).arg(n).arg(word());
        case 3:
            return QStringLiteral("    if %1 > %2 and not %3:").arg(c).arg(n).arg(a);
        case 4:
            return QStringLiteral("    log.info(\"%1 %2 processed in %3 ms\", %4)")
                .arg(a, c)
                .arg(n)
                .arg(b);
        case 5:
            return QStringLiteral("    return %1 + %2 * %3").arg(a, b).arg(n);
        case 6:
            return QStringLiteral("    url = \"https://api.%1.example.org/v%2/%3\"")
                .arg(c)
                .arg(n % 4)
                .arg(word());
        default:
            return QString();
        }
    }

    QString dataLine(bool yaml)
    {
        const QString k = word(), v = ident();
        const int n = number(10000);
        if (yaml)
            return number(2) ? QStringLiteral("  %1: %2").arg(k, v)
                             : QStringLiteral("  %1_count: %2").arg(k).arg(n);
        return QStringLiteral("  \"%1_%2\": \"%3\",").arg(k).arg(n).arg(v);
    }

    void write(qint64 targetBytes)
    {
        QFile manifestFile(m_dir + QStringLiteral("/../manifest.tsv"));
        manifestFile.open(QIODevice::WriteOnly);
        QTextStream manifest(&manifestFile);
        qint64 written = 0;
        int fileIndex = 0;
        std::uint64_t secretSeed = 1000;
        const auto samples = [&] { return secretSamples(secretSeed++); };
        const QStringList decoys = decoyLines();
        int plant = 0;
        while (written < targetBytes) {
            const Language &lang = kLanguages[number(sizeof kLanguages / sizeof *kLanguages)];
            const QString ext = QString::fromLatin1(lang.extension);
            const QString rel = QStringLiteral("repo%1/src/%2/%3_%4.%5")
                                    .arg(fileIndex / 2000)
                                    .arg((fileIndex / 100) % 20)
                                    .arg(word())
                                    .arg(fileIndex)
                                    .arg(ext);
            ++fileIndex;
            const bool json = ext == QLatin1String("json");
            const bool yaml = ext == QLatin1String("yaml") || ext == QLatin1String("env");
            QStringList lines;
            auto mark = [&](const char *kind, const QString &rule) {
                manifest << kind << '\t' << rel << '\t' << lines.size() << '\t' << rule << '\n';
            };
            if (lang.code) {
                if (number(20) != 0) {
                    static const char *const licenses[] = {"Apache-2.0", "MIT", "BSD-3-Clause",
                                                           "Apache-2.0 OR MIT"};
                    lines.append(QString::fromLatin1(lang.comment) +
                                 QStringLiteral(" SPDX-License-Identifier: ") +
                                 QString::fromLatin1(licenses[number(4)]));
                } else {
                    lines.append(QString::fromLatin1(lang.comment) +
                                 QStringLiteral(" Copyright the %1 authors").arg(word()));
                    mark("license-missing", QStringLiteral("license-missing"));
                }
                if (number(40) == 0) {
                    static const char *const markers[] = {
                        " Generated by ChatGPT", " This file was AI-generated",
                        " Written with GitHub Copilot", " Code produced by Claude"};
                    lines.append(QString::fromLatin1(lang.comment) +
                                 QString::fromLatin1(markers[number(4)]));
                    mark("attribution", QStringLiteral("ai"));
                }
            }
            if (json)
                lines.append(QStringLiteral("{"));
            const int size = 200 + number(600); // lines
            for (int i = 0; i < size; ++i) {
                const int roll = number(1000);
                if (!json && roll < 1) {
                    // A planted secret of the next family in turn.
                    const auto all = samples();
                    const SecretSample &s = all.at(plant++ % all.size());
                    if (plant % 23 == 0) {
                        QString body;
                        const QStringList block =
                            privateKeyBlock(&body, secretSeed++).split(QLatin1Char('\n'));
                        lines.append(block.first());
                        mark("secret", QStringLiteral("private-key"));
                        lines += block.mid(1);
                        continue;
                    }
                    lines.append(s.line);
                    mark("secret", s.rule);
                } else if (!json && roll < 2) {
                    // PEM-looking decoys stay whole blocks (header, body, footer).
                    const int d = number(int(decoys.size()));
                    const int count = decoys.at(d).startsWith(QLatin1String("-----BEGIN")) ? 3 : 1;
                    for (int k = 0; k < count && d + k < decoys.size(); ++k) {
                        lines.append(decoys.at(d + k));
                        mark("decoy", QStringLiteral("decoy"));
                    }
                } else if (json || yaml) {
                    lines.append(dataLine(yaml));
                } else {
                    lines.append(fillerLine(lang));
                }
            }
            if (json)
                lines.append(QStringLiteral("  \"end\": true\n}"));
            const QByteArray bytes = lines.join(QLatin1Char('\n')).toUtf8() + '\n';
            writeFile(m_dir + QLatin1Char('/') + rel, bytes);
            written += bytes.size();
        }
        std::printf("%d files, %.1f MiB, %d planted secrets\n", fileIndex,
                    double(written) / (1 << 20), plant);
    }

private:
    QString m_dir;
    std::mt19937_64 m_rng;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3) {
        std::fprintf(stderr, "usage: stella-guard-corpus OUTDIR MIB [SEED]\n");
        return 2;
    }
    const QString out = args.at(1);
    const qint64 mib = args.at(2).toLongLong();
    const std::uint64_t seed = args.size() > 3 ? args.at(3).toULongLong() : 42;
    QDir().mkpath(out + QStringLiteral("/corpus"));
    QFile patterns(out + QStringLiteral("/patterns.txt"));
    patterns.open(QIODevice::WriteOnly);
    for (const auto &rule : stella::guard::SecretRules::builtin())
        patterns.write(
            ((rule.caseless ? QStringLiteral("(?i)") : QString()) + rule.pattern).toUtf8() + '\n');
    patterns.close();
    Corpus(out + QStringLiteral("/corpus"), seed).write(mib << 20);
    return 0;
}
