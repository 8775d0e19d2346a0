// SPDX-License-Identifier: Apache-2.0
#include "HyperscanMatcher.h"

#include <cstring>
#include <hs/hs.h>
#include <limits>

namespace stella::guard {

namespace {
class HsScratch : public Matcher::Scratch
{
public:
    explicit HsScratch(hs_scratch_t *s) : scratch(s) {}
    ~HsScratch() override { hs_free_scratch(scratch); }
    hs_scratch_t *scratch;
    std::vector<qsizetype> last; // per rule: the last reported offset
};

struct ScanContext
{
    const char *data;
    HsScratch *scratch;
    std::vector<Candidate> *out;
};

int onMatch(unsigned int id, unsigned long long, unsigned long long to, unsigned int, void *ctx)
{
    auto *c = static_cast<ScanContext *>(ctx);
    const qsizetype at = to > 0 ? qsizetype(to - 1) : 0;
    qsizetype &last = c->scratch->last[id];
    // Hyperscan reports every end offset of a match (a value of 8..128 characters gives up to
    // 120); one candidate per line is enough.
    if (last >= 0 && at >= last && !std::memchr(c->data + last, '\n', size_t(at - last)))
        return 0;
    last = at;
    c->out->push_back({int(id), at});
    return 0;
}

unsigned flagsFor(const GuardRule &rule)
{
    return HS_FLAG_MULTILINE | (rule.caseless ? HS_FLAG_CASELESS : 0u);
}

bool compiles(const QByteArray &pattern, unsigned flags)
{
    hs_database_t *db = nullptr;
    hs_compile_error_t *err = nullptr;
    if (hs_compile(pattern.constData(), flags, HS_MODE_BLOCK, nullptr, &db, &err) != HS_SUCCESS) {
        hs_free_compile_error(err);
        return false;
    }
    hs_free_database(db);
    return true;
}
} // namespace

Result<std::unique_ptr<Matcher>> HyperscanMatcher::create(const QList<CompiledRule> &rules)
{
    if (hs_valid_platform() != HS_SUCCESS)
        return Error::failed(QStringLiteral("Hyperscan does not run on this CPU (it needs SSSE3)"),
                             QStringLiteral("Use the PCRE2 engine: STELLA_GUARD_ENGINE=pcre2"));
    std::unique_ptr<HyperscanMatcher> m(new HyperscanMatcher);
    m->m_rules = rules;
    // First all rules at once (the usual case, one compile); only when that fails is each rule
    // tried alone, to find those needing prefilter mode or PCRE2.
    auto compileAll = [&](bool checkEach) -> QString {
        std::vector<QByteArray> patterns;
        std::vector<const char *> expressions;
        std::vector<unsigned> flags, ids;
        m->m_unfiltered.clear();
        for (int i = 0; i < rules.size(); ++i) {
            const QByteArray pattern = rules[i].rule.pattern.toUtf8();
            unsigned f = flagsFor(rules[i].rule);
            if (checkEach && !compiles(pattern, f)) {
                f |= HS_FLAG_PREFILTER; // look-arounds, back-references: a superset is enough
                if (!compiles(pattern, f)) {
                    m->m_unfiltered.push_back(i);
                    continue;
                }
            }
            patterns.push_back(pattern);
            flags.push_back(f);
            ids.push_back(unsigned(i));
        }
        for (const QByteArray &p : patterns)
            expressions.push_back(p.constData());
        if (expressions.empty())
            return {};
        hs_compile_error_t *err = nullptr;
        if (hs_compile_multi(expressions.data(), flags.data(), ids.data(),
                             unsigned(expressions.size()), HS_MODE_BLOCK, nullptr, &m->m_database,
                             &err) != HS_SUCCESS) {
            const QString why = QString::fromUtf8(err && err->message ? err->message : "unknown");
            hs_free_compile_error(err);
            m->m_database = nullptr;
            return why.isEmpty() ? QStringLiteral("unknown") : why;
        }
        return {};
    };
    if (!compileAll(false).isEmpty()) {
        if (const QString why = compileAll(true); !why.isEmpty())
            return Error::failed(
                QStringLiteral("Hyperscan could not compile the rules: %1").arg(why),
                QStringLiteral("Use the PCRE2 engine: STELLA_GUARD_ENGINE=pcre2"));
    }
    return std::unique_ptr<Matcher>(std::move(m));
}

HyperscanMatcher::~HyperscanMatcher()
{
    hs_free_database(m_database);
}

std::unique_ptr<Matcher::Scratch> HyperscanMatcher::makeScratch() const
{
    hs_scratch_t *scratch = nullptr;
    if (m_database)
        hs_alloc_scratch(m_database, &scratch);
    auto s = std::make_unique<HsScratch>(scratch);
    s->last.assign(size_t(m_rules.size()), -1);
    return s;
}

void HyperscanMatcher::find(const QByteArray &text, Scratch &scratch,
                            std::vector<Candidate> &out) const
{
    auto &s = static_cast<HsScratch &>(scratch);
    if (m_database && !text.isEmpty()) {
        std::fill(s.last.begin(), s.last.end(), -1);
        ScanContext ctx{text.constData(), &s, &out};
        // Files are capped far below 4 GiB (maxFileSize), hs_scan's length limit.
        hs_scan(m_database, text.constData(),
                unsigned(std::min<qsizetype>(text.size(), std::numeric_limits<unsigned>::max())), 0,
                s.scratch, onMatch, &ctx);
    }
    if (!m_unfiltered.empty())
        findWithRegex(text, m_rules, m_unfiltered, out);
}

} // namespace stella::guard
