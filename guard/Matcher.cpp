// SPDX-License-Identifier: Apache-2.0
#include "Matcher.h"

#include "KeywordMatcher.h"
#ifdef STELLA_HAVE_HYPERSCAN
#include "HyperscanMatcher.h"
#endif

#include <QMap>

namespace stella::guard {

KeywordTable KeywordTable::of(const QList<CompiledRule> &rules)
{
    KeywordTable table;
    QMap<QByteArray, std::vector<int>> byKeyword; // ordered: a fixed table layout
    for (int i = 0; i < rules.size(); ++i) {
        if (rules[i].rule.keywords.isEmpty()) {
            table.unfiltered.push_back(i);
            continue;
        }
        for (const QString &k : rules[i].rule.keywords) {
            if (k.isEmpty()) {
                // An empty keyword is in every text: the rule cannot be prefiltered.
                table.unfiltered.push_back(i);
                break;
            }
            byKeyword[k.toLower().toUtf8()].push_back(i);
        }
    }
    for (auto it = byKeyword.begin(); it != byKeyword.end(); ++it)
        table.keywords.push_back({it.key(), it.value()});
    return table;
}

bool Matcher::hyperscanAvailable()
{
#ifdef STELLA_HAVE_HYPERSCAN
    return true;
#else
    return false;
#endif
}

Result<std::unique_ptr<Matcher>> Matcher::create(const QList<CompiledRule> &rules, Engine engine)
{
    if (engine == Engine::Auto) {
        const QString forced = qEnvironmentVariable("STELLA_GUARD_ENGINE").toLower();
        if (forced == QLatin1String("pcre2"))
            engine = Engine::Pcre2;
        else if (forced == QLatin1String("hyperscan"))
            engine = Engine::Hyperscan;
        else if (!forced.isEmpty())
            return Error::invalidInput(
                QStringLiteral("STELLA_GUARD_ENGINE must be hyperscan or pcre2, not '%1'")
                    .arg(forced));
    }
#ifdef STELLA_HAVE_HYPERSCAN
    if (engine != Engine::Pcre2) {
        auto hs = HyperscanMatcher::create(rules);
        if (hs || engine == Engine::Hyperscan)
            return hs;
        // Auto on a CPU Hyperscan refuses: the portable engine gives the same findings.
    }
#else
    if (engine == Engine::Hyperscan)
        return Error::invalidInput(
            QStringLiteral("This build has no Hyperscan engine (libhs was not found, or the CPU "
                           "is not x86-64)"),
            QStringLiteral("Use STELLA_GUARD_ENGINE=pcre2 or leave it unset"));
#endif
    return std::unique_ptr<Matcher>(std::make_unique<KeywordMatcher>(rules));
}

} // namespace stella::guard
