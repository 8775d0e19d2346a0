// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"

#include <QJsonObject>
#include <QStringList>

// OSV's API answers as the connector reads them, pure functions of the parsed JSON (so
// tests/fuzz reads them without a server).
namespace stella::osv {

// "the answer is not OSV's (problem)", with what to check.
Error notOsv(const QString &what, const QString &problem);
// What is wrong with one OSV record as a list answer carries it (an id and an RFC 3339
// modified time); empty when nothing is.
QString recordProblem(const QJsonValue &value);
// The ids of a /v1/query answer, {"vulns": [...], "next_page_token": ...} ({} when there are
// none), or what is wrong with it.
Result<QStringList> readVulns(const QJsonObject &answer, const QString &what);

} // namespace stella::osv
