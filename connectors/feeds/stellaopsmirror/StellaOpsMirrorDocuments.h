// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"
#include "core/http/HttpTypes.h"

#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>

// The mirror's two JSON documents, read as pure functions of the answer (tests/fuzz reads them
// without a server). `endpoint` names the server and `what` the request in the errors.
namespace stella::mirror {

struct Manifest
{
    QDateTime created;
    qint64 advisories = 0;
};

// /concelier/exports/index.json: its domains, id -> display name, and *schema its schemaVersion.
Result<QList<QPair<QString, QString>>> readIndex(const HttpResponse &response, const QString &what,
                                                 const QString &endpoint, int *schema);

// A domain's manifest.json: its time and size; refused when it is another domain's.
Result<Manifest> readManifest(const HttpResponse &response, const QString &what,
                              const QString &endpoint, const QString &domain);

} // namespace stella::mirror
