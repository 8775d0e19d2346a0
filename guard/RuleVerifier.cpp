// SPDX-License-Identifier: Apache-2.0
#include "RuleVerifier.h"

#include "RuleChecks.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <algorithm>
#include <cstring>

namespace stella::guard {

namespace {
struct Line
{
    int number = 0;
    qsizetype start = 0;
    qsizetype end = 0; // exclusive, before '\n'
};

QString lineText(const QByteArray &text, const Line &line)
{
    return QString::fromUtf8(text.constData() + line.start, line.end - line.start);
}

// The line before `line`, or an empty string.
QString previousLine(const QByteArray &text, const Line &line)
{
    if (line.start == 0)
        return {};
    const qsizetype end = line.start - 1;
    const qsizetype start = text.lastIndexOf('\n', end - 1) + 1;
    return QString::fromUtf8(text.constData() + start, end - start);
}

// The key material after a PEM header: on the same line (a string with "\n" escapes) or on
// the next non-empty lines. Empty when there is none (documentation, "...", a placeholder).
// `bodyLine` is how many lines below the header the body starts (0: on the header's line), so
// a diff that adds only the body still reports the key.
QString pemBody(const QByteArray &text, const Line &line, const QString &rest, int &bodyLine)
{
    static const QRegularExpression base64(QStringLiteral("[A-Za-z0-9+/=]{40,}"));
    bodyLine = 0;
    if (const auto m = base64.match(rest); m.hasMatch())
        return m.captured(0);
    qsizetype pos = line.end + 1;
    for (int lines = 0; lines < 4 && pos < text.size(); ++lines) {
        bodyLine = lines + 1;
        qsizetype next = text.indexOf('\n', pos);
        if (next < 0)
            next = text.size();
        const QString candidate = QString::fromUtf8(text.constData() + pos, next - pos).trimmed();
        pos = next + 1;
        if (candidate.isEmpty() || candidate.contains(QLatin1Char(':')))
            continue; // blank, or an RFC 1421 header such as Proc-Type:
        const auto m = base64.match(candidate);
        return m.hasMatch() && m.capturedLength() >= candidate.size() - 4 ? m.captured(0)
                                                                          : QString();
    }
    return {};
}

bool passesCheck(RuleCheck check, const QString &secret, const QString &line, qsizetype secretStart,
                 qsizetype secretEnd, bool codeFile)
{
    switch (check) {
    case RuleCheck::None:
    case RuleCheck::PrivateKey: // judged by its body, before this
        return true;
    case RuleCheck::Token:
        return !RuleChecks::isWellKnownExample(secret) && !RuleChecks::isPlaceholder(secret);
    case RuleCheck::BasicAuthUrl: {
        static const QSet<QString> words{
            QStringLiteral("password"), QStringLiteral("pass"),   QStringLiteral("passwd"),
            QStringLiteral("pwd"),      QStringLiteral("secret"), QStringLiteral("token"),
            QStringLiteral("pw"),       QStringLiteral("user"),   QStringLiteral("username")};
        // "user[:password]@host" in documentation: brackets mark optional parts.
        QString bare = secret.toLower();
        bare.remove(QLatin1Char('[')).remove(QLatin1Char(']'));
        if (words.contains(bare) || RuleChecks::isPlaceholder(secret) ||
            secret.startsWith(QLatin1Char('$')) || secret.startsWith(QLatin1Char('%')))
            return false;
        const QString host = line.mid(secretEnd + 1).section(QLatin1Char('/'), 0, 0).toLower();
        static const QRegularExpression docHost(QStringLiteral(
            R"(example\.(?:com|org|net)(?::\d+)?$|\.example(?::\d+)?$|\.invalid(?::\d+)?$)"));
        return !docHost.match(host).hasMatch();
    }
    case RuleCheck::EnvFallback:
        // The line reads the environment by construction, so that is no reason to stay quiet.
        return !RuleChecks::isWellKnownExample(secret) && !RuleChecks::isPlaceholder(secret) &&
               RuleChecks::shannonEntropy(secret) >= RuleChecks::kGenericEntropyThreshold;
    case RuleCheck::GenericAssignment: {
        if (RuleChecks::isWellKnownExample(secret) || RuleChecks::isPlaceholder(secret) ||
            RuleChecks::readsEnvironment(line))
            return false;
        const QChar before = secretStart > 0 ? line.at(secretStart - 1) : QChar();
        const bool quoted = before == QLatin1Char('"') || before == QLatin1Char('\'');
        // In code an unquoted value is an expression (a variable, a call), not a literal;
        // inside a string literal it is text ("Server=db;Password=…;"), unless it runs into an
        // escape: then the literal is a config or source text the code writes ("secrets:
        // true\n…"), not one value.
        if (codeFile && !quoted &&
            (!RuleChecks::insideStringLiteral(line, secretStart) ||
             secret.contains(QLatin1Char('\\'))))
            return false;
        // SCREAMING_CASE names are placeholders naming the values: ACCESS_KEY_ID:SESSION_TOKEN.
        static const QRegularExpression constantName(
            QStringLiteral("^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?::[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)*$"));
        if (constantName.match(secret).hasMatch())
            return false;
        if (secretEnd < line.size() && line.at(secretEnd) == QLatin1Char('('))
            return false;
        // A variable ($X, ${X}, %X%), a file system path or a URL is not a secret, nor the
        // message of a shell `${X:?message}`.
        if (secret.startsWith(QLatin1Char('$')) || secret.startsWith(QLatin1Char('%')) ||
            secret.startsWith(QLatin1Char('?')) || secret.startsWith(QLatin1Char('/')) ||
            secret.startsWith(QLatin1String("./")) || secret.startsWith(QLatin1String("../")) ||
            secret.startsWith(QLatin1String("~/")) || secret.contains(QLatin1String("://")))
            return false;
        return RuleChecks::shannonEntropy(secret) >= RuleChecks::kGenericEntropyThreshold;
    }
    }
    return true;
}

struct Hit
{
    Finding finding;
    qsizetype start = 0, end = 0; // span on the line
    bool generic = false;
    bool allowed = false; // by stella-guard:allow
    QString secret;       // hashed into the id once the occurrence is known, never kept
};
} // namespace

void RuleVerifier::verify(const QByteArray &text, const QString &displayPath,
                          std::vector<Candidate> &candidates, QList<Finding> &out) const
{
    if (candidates.empty())
        return;
    std::sort(candidates.begin(), candidates.end(), [](const Candidate &a, const Candidate &b) {
        return a.offset < b.offset || (a.offset == b.offset && a.rule < b.rule);
    });
    // Map offsets to lines in one forward pass; group the rules per line.
    struct LineRules
    {
        Line line;
        std::vector<int> rules;
    };
    std::vector<LineRules> lines;
    Line current{1, 0, 0};
    {
        const qsizetype nl = text.indexOf('\n');
        current.end = nl < 0 ? text.size() : nl;
    }
    const char *data = text.constData();
    for (const Candidate &c : candidates) {
        if (c.offset > current.end && current.end < text.size()) {
            // Jump to the candidate's line (its start follows the last '\n' before it) and
            // count the lines passed over in one go, rather than a search per line.
            const auto *nl = static_cast<const char *>(
                memrchr(data + current.end, '\n', size_t(c.offset - current.end)));
            const qsizetype start = nl - data + 1; // current.end is a '\n', so nl is found
            current.number += int(std::count(data + current.end, data + start, '\n'));
            current.start = start;
            const qsizetype next = text.indexOf('\n', start);
            current.end = next < 0 ? text.size() : next;
        }
        if (lines.empty() || lines.back().line.number != current.number)
            lines.push_back({current, {}});
        if (std::find(lines.back().rules.begin(), lines.back().rules.end(), c.rule) ==
            lines.back().rules.end())
            lines.back().rules.push_back(c.rule);
    }

    const bool codeFile = RuleChecks::unquotedIsExpression(displayPath);
    QHash<QString, int> occurrences; // rule NUL secret -> findings so far in this file
    for (LineRules &entry : lines) {
        std::sort(entry.rules.begin(), entry.rules.end());
        const QString line = lineText(text, entry.line);
        std::vector<Hit> hits;
        QString previous;
        bool previousRead = false;
        for (const int r : entry.rules) {
            const CompiledRule &compiled = m_rules[r];
            const GuardRule &rule = compiled.rule;
            auto it = compiled.regex.globalMatch(line);
            while (it.hasNext()) {
                const auto m = it.next();
                const int group = m.lastCapturedIndex() >= rule.secretGroup ? rule.secretGroup : 0;
                QString secret = m.captured(group);
                const qsizetype start = m.capturedStart(group), end = m.capturedEnd(group);
                if (secret.isEmpty())
                    continue;
                int bodyLine = 0;
                if (rule.check == RuleCheck::PrivateKey) {
                    secret = pemBody(text, entry.line, line.mid(m.capturedEnd(0)), bodyLine);
                    if (secret.isEmpty())
                        continue;
                }
                if (rule.family == RuleFamily::Secret &&
                    !passesCheck(rule.check, secret, line, start, end, codeFile))
                    continue;
                Hit hit;
                // An allowed match still hides a generic match of the same secret below.
                if (RuleChecks::allowsRule(line, rule.id)) {
                    hit.allowed = true;
                } else {
                    if (!previousRead) {
                        previous = previousLine(text, entry.line);
                        previousRead = true;
                    }
                    hit.allowed = RuleChecks::allowsRule(previous, rule.id);
                }
                Finding &f = hit.finding;
                f.ruleId = rule.id;
                f.family = rule.family;
                f.severity = rule.severity;
                f.path = displayPath;
                f.line = entry.line.number;
                f.endLine = bodyLine > 0 ? f.line + bodyLine : 0;
                f.column = int(start + 1);
                f.length = int(end - start);
                f.message = rule.description;
                f.snippet = rule.family == RuleFamily::Secret ? maskSecret(secret)
                                                              : m.captured(0).simplified().left(80);
                hit.secret = std::move(secret);
                hit.start = start;
                hit.end = end;
                hit.generic = rule.check == RuleCheck::GenericAssignment;
                hits.push_back(std::move(hit));
            }
        }
        // A generic match overlapping a specific secret is the same secret; an attribution
        // line is one finding.
        bool attributed = false;
        QSet<QString> seenOnLine;
        for (const Hit &hit : hits) {
            if (hit.allowed)
                continue;
            if (hit.generic) {
                const bool overlaps = std::any_of(hits.begin(), hits.end(), [&](const Hit &o) {
                    return !o.generic && o.finding.family == RuleFamily::Secret &&
                           o.start < hit.end && hit.start < o.end;
                });
                if (overlaps)
                    continue;
            }
            if (hit.finding.family == RuleFamily::Attribution) {
                if (attributed)
                    continue;
                attributed = true;
            }
            const QString key = hit.finding.ruleId + QChar(0) + hit.secret;
            if (seenOnLine.contains(key))
                continue; // the same secret twice on a line: one finding
            seenOnLine.insert(key);
            int &occurrence = occurrences[key];
            Finding finding = hit.finding;
            finding.id = findingId(finding.ruleId, displayPath, occurrence++, hit.secret);
            out.append(std::move(finding));
        }
    }
}

} // namespace stella::guard
