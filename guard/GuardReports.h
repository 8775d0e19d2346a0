// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "GuardScanner.h"

#include <QByteArray>

namespace stella::guard {

// What a report says about a rule (SARIF lists the rules its results use).
struct RuleInfo
{
    QString id;
    RuleFamily family = RuleFamily::Secret;
    Severity severity = Severity::Info;
    QString description;
};
// The rules of a compiled set plus the license rules, by id.
QList<RuleInfo> ruleInfos(const QList<CompiledRule> &rules);

struct ReportContext
{
    QString toolName = QStringLiteral("stella-guard");
    QString toolVersion;
    QList<RuleInfo> rules;
};

// The three output formats. Each depends only on the ScanResult (no times, no host names, no
// engine name), so the same scan gives the same bytes. None contains a complete secret: only
// masked snippets leave the scanner.
class TextReport
{
public:
    static QByteArray render(const ScanResult &result, const ReportContext &context);
};

class JsonReport
{
public:
    static QByteArray render(const ScanResult &result, const ReportContext &context);
};

// SARIF 2.1.0 as GitHub code scanning takes it: rules with security-severity, results with
// ruleId/ruleIndex/level/message/locations and a partial fingerprint (the finding id).
class SarifReport
{
public:
    static QByteArray render(const ScanResult &result, const ReportContext &context);
    static QString level(Severity severity);            // error, warning, note
    static QString securitySeverity(Severity severity); // GitHub's 0.0-10.0 scale
    static QString artifactUri(const QString &path);
};

} // namespace stella::guard
