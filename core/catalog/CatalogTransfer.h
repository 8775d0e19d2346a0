// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"
#include "core/model/Integration.h"

#include <QByteArray>
#include <QList>

namespace stella {

// The export/import file: a JSON document that carries AuthRefs, never secret values.
//   { "format": "stella-integrations-export", "formatVersion": 1,
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
    static constexpr int kFormatVersion = 1;
};

} // namespace stella
