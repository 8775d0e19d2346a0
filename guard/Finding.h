// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QString>
#include <QStringView>
#include <algorithm>
#include <optional>

namespace stella::guard {

// Ordered: a higher value is more severe, so "at or above --fail-on" is a comparison.
enum class Severity
{
    Info = 0,
    Low,
    Medium,
    High,
    Critical
};

QString severityName(Severity severity); // "critical", ...
std::optional<Severity> parseSeverity(QStringView text);
QStringList severityNames(); // most severe first, for messages

enum class RuleFamily
{
    Secret,
    Attribution,
    License
};
QString familyName(RuleFamily family);

// One thing the guard reports. Never holds a complete secret: `snippet` is masked.
struct Finding
{
    QString id;     // stable: hash of rule, path, occurrence and the matched text (not the line)
    QString ruleId; // e.g. "github-pat"
    RuleFamily family = RuleFamily::Secret;
    Severity severity = Severity::Info;
    QString path;    // as the operator named it: the scan root joined with the relative path
    int line = 0;    // 1-based
    int endLine = 0; // the span's last line when it is below `line` (a PEM key's body); else 0
    int column = 0;  // 1-based, in UTF-16 code units of the decoded line
    QString message;
    QString snippet; // a secret's first four characters then a mask; a marker or expression as is
    // The matched span's length from `column` (UTF-16 units, 0 when the finding has no span), so
    // a preview can mask the secret where it stands. Not part of any report.
    int length = 0;

    bool operator==(const Finding &) const = default;
    int lastLine() const { return std::max(line, endLine); }
};

// The fixed order (docs/contracts.md §14.1): severity descending, path (ordinal), line, rule id,
// finding id.
bool findingLess(const Finding &a, const Finding &b);
void sortFindings(QList<Finding> &findings);

// A stable id: the first 16 hex digits of SHA-256 over rule, cleaned path, occurrence and match
// (docs/contracts.md §14.1). Hashing the match (not printing it) keeps ids stable across runs
// without revealing the secret. The line is not hashed, so a finding keeps its id when lines
// above it are added or removed (a baseline still holds it); `occurrence` is the 0-based index
// of this rule and match among the file's findings in line order, so two copies differ.
QString findingId(const QString &ruleId, const QString &path, int occurrence, QStringView match);

// The first four characters, then a fixed-length mask: the length of the secret is not leaked.
QString maskSecret(QStringView secret);

} // namespace stella::guard
