// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"
#include "core/model/Integration.h"

#include <QByteArray>
#include <QList>

namespace stella {

// The export/import file: a JSON document that carries AuthRefs, never secret values.
//   { "format": "stella-integrations-export", "formatVersion": 2,
//     "integrations": [ { id, type, provider, name, endpoint, config, authRefUri, ... } ] }
// Export is deterministic: integrations ordered by name then id, keys sorted, no timestamp of
// its own, so exporting the same catalog twice gives the same bytes.
class CatalogTransfer
{
public:
    static QByteArray exportDocument(const QList<Integration> &integrations);

    // Structural checks of a whole file: JSON syntax, format marker, known keys only, value
    // types. Every problem is collected, with its entry index. Schema validation against the
    // providers and duplicate checks happen in IntegrationCatalog::addAll.
    static Result<QList<IntegrationDraft>> parseImport(const QByteArray &document);

    static const QString kFormat;
    // 2 since entries carry folder, tags and tier (catalog schema 5), so a build that reads 1
    // only refuses a newer file by its version rather than by the first field it does not
    // know. Version 1 files are still read: those written before had no organisation fields,
    // those written after schema 5 but before the bump carry them, and both read the same way.
    static constexpr int kFormatVersion = 2;
    static constexpr int kOldestReadableVersion = 1;
};

} // namespace stella
