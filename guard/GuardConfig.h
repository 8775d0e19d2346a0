// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "Finding.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace stella::guard {

// A rule given in the config: a custom secret pattern or an attribution marker.
struct PatternRule
{
    QString id;
    QString pattern; // PCRE2 syntax (QRegularExpression)
    Severity severity = Severity::High;
    QString description;
    int line = 0; // where it was written, for later messages
};

// What `guard run` does (docs/contracts.md §13). The defaults are what an operator
// gets without a config file.
struct GuardConfig
{
    bool secrets = true;     // secrets / enableSecretsScan
    bool attribution = true; // attribution / enableAttributionCheck
    bool license = true;     // license / enableLicenseHygiene
    int maxFindings = 1000;  // findings reported; the total is always counted
    // allowedSpdxLicenses / licenseAllowList: canonical SPDX ids. Empty: no allow list, only
    // presence and validity of the SPDX header are checked.
    QStringList allowedLicenses;
    QList<PatternRule> customSecretPatterns; // customSecretPatterns / secretPatterns
    // Extensions the issue asks for (allow-listing by path, configurable attribution markers,
    // a maximum file size); named like the other keys (docs/contracts.md §13).
    QStringList allowPaths;                // allowPaths / ignorePaths: globs, never scanned
    QList<PatternRule> attributionMarkers; // empty: the built-in markers
    qint64 maxFileSize = 2 * 1024 * 1024;  // maxFileSize (bytes): larger files are skipped
    // allowFindings: finding ids (16 lowercase hex digits) accepted by the operator; the scanner
    // drops them before counting, so they are in no report and no total.
    QStringList allowFindings;
};

} // namespace stella::guard
