// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"
#include "core/http/HttpTypes.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace stella::nvd {

// A CVE API 2.0 answer, checked to be one: its format, version, totalResults and records.
struct CvePage
{
    QString format;
    QString version;
    qint64 totalResults = 0;
    QList<QDateTime> modified; // each record's cve.lastModified
    QString firstId;
};

// The answer to `what` from the server at `endpoint` (named in the error), read as a CVE page,
// or why it is not one. A pure function of the answer, so tests/fuzz reads it without a server.
Result<CvePage> readCvePage(const QString &endpoint, const HttpResponse &response,
                            const QString &what);

} // namespace stella::nvd
