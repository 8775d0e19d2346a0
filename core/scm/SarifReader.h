// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"
#include "core/scm/ScmAnnotation.h"

#include <QByteArray>

namespace stella {

// What a SARIF 2.1.0 log (AI Code Guard's `guard run --format sarif`, or any other tool's)
// says as check-run annotations: one per result with a location, its level from the StellaOps
// severity the guard puts in the result's properties, else from the SARIF level.
struct SarifAnnotations
{
    QString toolName;
    QList<CheckAnnotation> annotations;
    int unlocated = 0; // results without a file location: counted in the summary only
    int failures = 0;
    int warnings = 0;
    int notices = 0;

    // "AI Code Guard: 120 findings (3 failure, 17 warning, 100 notice)" and so on, Markdown.
    QString title() const;
    QString summary() const;
};

class SarifReader
{
public:
    // `source` names the file in errors. Anything but a SARIF 2.1.0 log is an InvalidInput
    // error saying what it is instead and how to get SARIF 2.1.0.
    static Result<SarifAnnotations> read(const QByteArray &bytes, const QString &source);

    // A SARIF artifact URI as the repository-relative path a provider annotates: a relative
    // URI percent-decoded, a file: URI's path with `root` (the checkout) taken off.
    static QString pathFromUri(const QString &uri, const QString &root = {});
};

} // namespace stella
