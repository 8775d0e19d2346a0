// SPDX-License-Identifier: Apache-2.0
// Case-insensitive lookup over the generated SPDX tables.
#include "SpdxIds.h"

#include <QHash>
#include <QRegularExpression>

namespace stella::guard {

namespace {
using Table = QHash<QString, QString>; // lower-case id -> listed spelling

Table buildTable(const char *const *ids, std::size_t count)
{
    Table table;
    table.reserve(qsizetype(count));
    for (std::size_t i = 0; i < count; ++i) {
        const QString id = QString::fromLatin1(ids[i]);
        table.insert(id.toLower(), id);
    }
    return table;
}

const Table &licenses()
{
    static const Table table = buildTable(kSpdxLicenseIds, kSpdxLicenseIdCount);
    return table;
}

const Table &exceptions()
{
    static const Table table = buildTable(kSpdxExceptionIds, kSpdxExceptionIdCount);
    return table;
}
} // namespace

QString canonicalLicenseId(QStringView id)
{
    // SPDX 2.3 Annex D: LicenseRef-[idstring], idstring = letters, digits, '.', '-'.
    static const QRegularExpression licenseRef(
        QStringLiteral("^(?:DocumentRef-[A-Za-z0-9.\\-]+:)?LicenseRef-[A-Za-z0-9.\\-]+$"));
    if (licenseRef.match(id.toString()).hasMatch())
        return id.toString();
    return licenses().value(id.toString().toLower());
}

QString canonicalExceptionId(QStringView id)
{
    return exceptions().value(id.toString().toLower());
}

} // namespace stella::guard
