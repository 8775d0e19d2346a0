// SPDX-License-Identifier: Apache-2.0
#include "GuardReports.h"

#include <QDir>
#include <QMap>
#include <QUrl>
#include <iterator>

namespace stella::guard {

QList<RuleInfo> ruleInfos(const QList<CompiledRule> &rules)
{
    QList<RuleInfo> infos;
    for (const CompiledRule &r : rules)
        infos.append({r.rule.id, r.rule.family, r.rule.severity, r.rule.description});
    infos.append({QStringLiteral("license-missing"), RuleFamily::License, Severity::Low,
                  QStringLiteral("Source file without an SPDX-License-Identifier header")});
    infos.append({QStringLiteral("license-invalid"), RuleFamily::License, Severity::Medium,
                  QStringLiteral("SPDX license expression that does not parse")});
    infos.append({QStringLiteral("license-unknown-id"), RuleFamily::License, Severity::Medium,
                  QStringLiteral("SPDX expression naming an id that is not on the SPDX lists")});
    infos.append({QStringLiteral("license-not-allowed"), RuleFamily::License, Severity::Medium,
                  QStringLiteral("License outside the configured allow list")});
    return infos;
}

namespace {
QString summaryLine(const ScanResult &result)
{
    QStringList counts;
    for (int s = int(Severity::Critical); s >= int(Severity::Info); --s)
        counts.append(QStringLiteral("%1 %2")
                          .arg(severityName(Severity(s)))
                          .arg(result.bySeverity[size_t(s)]));
    return QStringLiteral("%1 finding(s) (%2) in %3 file(s), %4 bytes scanned")
        .arg(result.totalFindings)
        .arg(counts.join(QStringLiteral(", ")))
        .arg(result.stats.filesScanned)
        .arg(result.stats.bytesScanned);
}

QString truncationText(const ScanResult &result)
{
    return QStringLiteral("Showing the first %1 of %2 findings (maxFindings is %3); raise "
                          "maxFindings or --max-findings to see them all")
        .arg(result.findings.size())
        .arg(result.totalFindings)
        .arg(result.maxFindings);
}
} // namespace

QByteArray TextReport::render(const ScanResult &result, const ReportContext &)
{
    QString out;
    for (const Finding &f : result.findings) {
        out += QStringLiteral("%1  %2:%3:%4  %5  %6")
                   .arg(severityName(f.severity).toUpper().leftJustified(8), f.path)
                   .arg(f.line)
                   .arg(f.column)
                   .arg(f.ruleId, f.message);
        if (!f.snippet.isEmpty())
            out += QStringLiteral("  [%1]").arg(f.snippet);
        out += QLatin1Char('\n');
    }
    if (!result.findings.isEmpty())
        out += QLatin1Char('\n');
    out += summaryLine(result) + QLatin1Char('\n');
    const ScanStats &s = result.stats;
    if (s.binarySkipped || s.ignored || s.allowListed || s.tooLarge || s.unreadable)
        out += QStringLiteral("Skipped: %1 binary, %2 by .gitignore, %3 by allowPaths, %4 over "
                              "maxFileSize, %5 unreadable\n")
                   .arg(s.binarySkipped)
                   .arg(s.ignored)
                   .arg(s.allowListed)
                   .arg(s.tooLarge)
                   .arg(s.unreadable);
    if (result.truncated)
        out += truncationText(result) + QLatin1Char('\n');
    return out.toUtf8();
}

namespace {
// The JSON and SARIF reports are written directly rather than through QJsonObject: with
// thousands of findings the object tree cost more time than the scan of a large tree, and twice
// the memory. Keys come in a fixed order, so the bytes stay deterministic.
char hexDigit(unsigned value)
{
    return "0123456789abcdef"[value & 0xf];
}

void appendEscapedUnit(QByteArray &out, char16_t unit)
{
    out += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4)
        out += hexDigit(unsigned(unit) >> shift);
}

// Escapes as QJsonDocument does (so the JSON report keeps the bytes it had when Qt wrote it):
// the two-letter escapes JSON has, a six-character escape for other control characters and for
// a surrogate without its pair (which has no UTF-8), UTF-8 for the rest.
void appendJsonString(QByteArray &out, const QString &text)
{
    out += '"';
    const char16_t *unit = reinterpret_cast<const char16_t *>(text.constData());
    const char16_t *const end = unit + text.size();
    for (; unit != end; ++unit) {
        const char16_t c = *unit;
        if (c >= 0x20 && c < 0x80 && c != u'"' && c != u'\\') {
            out += char(c);
            continue;
        }
        switch (c) {
        case u'"':
            out += "\\\"";
            continue;
        case u'\\':
            out += "\\\\";
            continue;
        case u'\b':
            out += "\\b";
            continue;
        case u'\f':
            out += "\\f";
            continue;
        case u'\n':
            out += "\\n";
            continue;
        case u'\r':
            out += "\\r";
            continue;
        case u'\t':
            out += "\\t";
            continue;
        default:
            break;
        }
        if (c < 0x20) {
            appendEscapedUnit(out, c);
        } else if (c < 0x800) {
            out += char(0xc0 | (c >> 6));
            out += char(0x80 | (c & 0x3f));
        } else if (QChar::isHighSurrogate(c) && unit + 1 != end && QChar::isLowSurrogate(unit[1])) {
            const char32_t code = QChar::surrogateToUcs4(c, unit[1]);
            ++unit;
            out += char(0xf0 | (code >> 18));
            out += char(0x80 | ((code >> 12) & 0x3f));
            out += char(0x80 | ((code >> 6) & 0x3f));
            out += char(0x80 | (code & 0x3f));
        } else if (QChar::isSurrogate(c)) {
            appendEscapedUnit(out, c);
        } else {
            out += char(0xe0 | (c >> 12));
            out += char(0x80 | ((c >> 6) & 0x3f));
            out += char(0x80 | (c & 0x3f));
        }
    }
    out += '"';
}

QByteArray json(const QString &text)
{
    QByteArray out;
    appendJsonString(out, text);
    return out;
}

QByteArray json(qint64 number)
{
    return QByteArray::number(number);
}
} // namespace

QByteArray JsonReport::render(const ScanResult &result, const ReportContext &context)
{
    // The layout is QJsonDocument::toJson(Indented)'s: keys in QJsonObject's sorted order,
    // four spaces per level (tst_guardreports compares the two byte for byte).
    QByteArray out;
    out.reserve(512 + result.findings.size() * 400);
    out += "{\n    \"findings\": [";
    bool first = true;
    for (const Finding &f : result.findings) {
        out += first ? "\n" : ",\n";
        first = false;
        out += "        {\n            \"column\": " + json(f.column);
        out += ",\n            \"family\": " + json(familyName(f.family));
        out += ",\n            \"id\": " + json(f.id);
        out += ",\n            \"line\": " + json(f.line);
        out += ",\n            \"message\": " + json(f.message);
        out += ",\n            \"path\": " + json(f.path);
        out += ",\n            \"ruleId\": " + json(f.ruleId);
        out += ",\n            \"severity\": " + json(severityName(f.severity));
        out += ",\n            \"snippet\": " + json(f.snippet) + "\n        }";
    }
    out += "\n    ],\n    \"summary\": {";
    const ScanStats &s = result.stats;
    const auto field = [&out](const char *key, const QByteArray &value, bool last = false) {
        out += QByteArray("\n        \"") + key + "\": " + value + (last ? "" : ",");
    };
    field("allowListed", json(s.allowListed));
    field("binarySkipped", json(s.binarySkipped));
    QMap<QString, qint64> bySeverity; // QJsonObject's order: by name
    for (int level = int(Severity::Info); level <= int(Severity::Critical); ++level)
        bySeverity.insert(severityName(Severity(level)), result.bySeverity[size_t(level)]);
    out += "\n        \"bySeverity\": {";
    for (auto it = bySeverity.cbegin(); it != bySeverity.cend(); ++it) {
        out += "\n            " + json(it.key()) + ": " + json(it.value());
        if (std::next(it) != bySeverity.cend())
            out += ',';
    }
    out += "\n        },";
    field("bytesScanned", json(s.bytesScanned));
    field("filesScanned", json(s.filesScanned));
    field("ignored", json(s.ignored));
    field("maxFindings", json(result.maxFindings));
    field("reportedFindings", json(result.findings.size()));
    field("tooLarge", json(s.tooLarge));
    field("totalFindings", json(result.totalFindings));
    field("truncated", result.truncated ? "true" : "false");
    field("unreadable", json(s.unreadable), true);
    out += "\n    },\n    \"tool\": {\n        \"name\": " + json(context.toolName) +
           ",\n        \"version\": " + json(context.toolVersion) + "\n    }\n}\n";
    return out;
}

QString SarifReport::level(Severity severity)
{
    switch (severity) {
    case Severity::Critical:
    case Severity::High:
        return QStringLiteral("error");
    case Severity::Medium:
        return QStringLiteral("warning");
    case Severity::Low:
    case Severity::Info:
        break;
    }
    return QStringLiteral("note");
}

QString SarifReport::securitySeverity(Severity severity)
{
    // GitHub maps > 9.0 critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low.
    switch (severity) {
    case Severity::Critical:
        return QStringLiteral("9.5");
    case Severity::High:
        return QStringLiteral("8.0");
    case Severity::Medium:
        return QStringLiteral("5.5");
    case Severity::Low:
        return QStringLiteral("3.0");
    case Severity::Info:
        break;
    }
    return QStringLiteral("0.5");
}

QString SarifReport::artifactUri(const QString &path)
{
    // A relative path stays relative (GitHub resolves it against the checkout); an absolute
    // one becomes a file: URI. Segments are percent-encoded, '/' kept.
    if (QDir::isAbsolutePath(path))
        return QString::fromUtf8(QUrl::fromLocalFile(path).toEncoded());
    return QString::fromLatin1(QUrl::toPercentEncoding(path, "/"));
}

QByteArray SarifReport::render(const ScanResult &result, const ReportContext &context)
{
    QMap<QString, RuleInfo> known;
    for (const RuleInfo &r : context.rules)
        known.insert(r.id, r);
    QMap<QString, RuleInfo> used; // ordered by id: a fixed rules array
    for (const Finding &f : result.findings)
        used.insert(f.ruleId,
                    known.value(f.ruleId, RuleInfo{f.ruleId, f.family, f.severity, f.message}));
    QHash<QString, int> ruleIndex;
    QByteArray out;
    out.reserve(1024 + result.findings.size() * 700);
    out += "{\n  \"version\": \"2.1.0\",\n"
           "  \"$schema\": \"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
           "sarif-schema-2.1.0.json\",\n"
           "  \"runs\": [\n    {\n      \"tool\": {\n        \"driver\": {\n          \"name\": ";
    out += json(context.toolName);
    if (!context.toolVersion.isEmpty()) {
        out += ",\n          \"version\": " + json(context.toolVersion);
        out += ",\n          \"semanticVersion\": " + json(context.toolVersion);
    }
    out += ",\n          \"informationUri\": "
           "\"https://github.com/stella-ops/integrations-console\",\n          \"rules\": [";
    bool first = true;
    for (const RuleInfo &r : used) {
        ruleIndex.insert(r.id, int(ruleIndex.size()));
        out += first ? "\n" : ",\n";
        first = false;
        out += "            {\n              \"id\": " + json(r.id);
        out += ",\n              \"name\": " + json(r.id);
        out += ",\n              \"shortDescription\": { \"text\": " + json(r.description) + " }";
        out += ",\n              \"fullDescription\": { \"text\": " + json(r.description) + " }";
        out +=
            ",\n              \"defaultConfiguration\": { \"level\": " + json(level(r.severity)) +
            " }";
        out += ",\n              \"properties\": {\n                \"tags\": [" +
               json(familyName(r.family));
        if (r.family == RuleFamily::Secret)
            out += ", \"security\"";
        out += "],\n                \"precision\": \"high\",\n                "
               "\"security-severity\": " +
               json(securitySeverity(r.severity)) + "\n              }\n            }";
    }
    out += first ? "]\n" : "\n          ]\n";
    out += "        }\n      },\n      \"columnKind\": \"utf16CodeUnits\",\n"
           "      \"invocations\": [\n        {\n          \"executionSuccessful\": true";
    if (result.truncated)
        out += ",\n          \"toolExecutionNotifications\": [\n            { \"level\": "
               "\"warning\", \"message\": { \"text\": " +
               json(truncationText(result)) + " } }\n          ]";
    out += "\n        }\n      ],\n      \"results\": [";
    first = true;
    for (const Finding &f : result.findings) {
        QString text = f.message;
        if (!f.snippet.isEmpty())
            text += QStringLiteral(" (%1)").arg(f.snippet);
        out += first ? "\n" : ",\n";
        first = false;
        out += "        {\n          \"ruleId\": " + json(f.ruleId);
        out += ",\n          \"ruleIndex\": " + QByteArray::number(ruleIndex.value(f.ruleId));
        out += ",\n          \"level\": " + json(level(f.severity));
        out += ",\n          \"message\": { \"text\": " + json(text) + " }";
        out += ",\n          \"locations\": [\n            {\n              \"physicalLocation\": "
               "{\n                \"artifactLocation\": { \"uri\": " +
               json(artifactUri(f.path)) +
               " },\n                \"region\": { \"startLine\": " + QByteArray::number(f.line) +
               ", \"startColumn\": " + QByteArray::number(std::max(1, f.column)) +
               " }\n              }\n            }\n          ]";
        out +=
            ",\n          \"partialFingerprints\": { \"stellaGuardFindingId/v1\": " + json(f.id) +
            " }";
        out += ",\n          \"properties\": { \"severity\": " + json(severityName(f.severity)) +
               ", \"findingId\": " + json(f.id) + " }\n        }";
    }
    out += first ? "]" : "\n      ]";
    out += ",\n      \"properties\": {\n        \"totalFindings\": " +
           QByteArray::number(result.totalFindings) +
           ",\n        \"truncated\": " + QByteArray(result.truncated ? "true" : "false") +
           ",\n        \"maxFindings\": " + QByteArray::number(result.maxFindings) +
           "\n      }\n    }\n  ]\n}\n";
    return out;
}

} // namespace stella::guard
