// SPDX-License-Identifier: Apache-2.0
#include "HyperscanMatcher.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>
#include <cstdlib>
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

// Compiling the database takes ~50 ms, longer than scanning a small tree, so a compiled
// database is kept in the user's cache, named by a hash of everything that shapes it
// (Hyperscan version, CPU features, patterns, flags). A missing, stale or unreadable file only
// means compiling again.
QString cachePath(const QList<CompiledRule> &rules, unsigned (*flags)(const GuardRule &))
{
    if (qEnvironmentVariableIsSet("STELLA_GUARD_NO_CACHE"))
        return {};
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation);
    if (dir.isEmpty())
        return {};
    hs_platform_info_t platform{};
    hs_populate_platform(&platform);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QByteArrayView(hs_version()));
    hash.addData(QByteArrayView(reinterpret_cast<const char *>(&platform), sizeof platform));
    for (const CompiledRule &r : rules) {
        hash.addData(r.rule.pattern.toUtf8());
        hash.addData(QByteArray::number(flags(r.rule)));
        hash.addData(QByteArrayView("\0", 1));
    }
    return dir + QStringLiteral("/stella-integrations/guard-hs-%1.db")
                     .arg(QString::fromLatin1(hash.result().toHex().left(32)));
}

hs_database_t *loadCached(const QString &path)
{
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly))
        return nullptr;
    const QByteArray bytes = file.readAll();
    hs_database_t *db = nullptr;
    if (hs_deserialize_database(bytes.constData(), size_t(bytes.size()), &db) != HS_SUCCESS)
        return nullptr;
    return db;
}

void storeCached(const QString &path, const hs_database_t *db)
{
    char *bytes = nullptr;
    size_t length = 0;
    if (path.isEmpty() || hs_serialize_database(db, &bytes, &length) != HS_SUCCESS)
        return;
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path); // written aside and renamed: concurrent runs never see half a file
    if (file.open(QIODevice::WriteOnly) && file.write(bytes, qint64(length)) == qint64(length))
        file.commit();
    std::free(bytes);
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
    // The usual case (every rule compiles as it is) is the one cached.
    const QString cache = cachePath(rules, flagsFor);
    if (hs_database_t *cached = loadCached(cache)) {
        m->m_database = cached;
        return std::unique_ptr<Matcher>(std::move(m));
    }
    if (compileAll(false).isEmpty()) {
        if (m->m_database)
            storeCached(cache, m->m_database);
    } else {
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
