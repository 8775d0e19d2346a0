// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>

namespace stella {

struct Integration;

// Streams an integration as compact JSON straight into bytes, with exactly the bytes that
// QJsonDocument(integration.toJson()).toJson(Compact) gives (same keys, same sorted order,
// same escaping), but without building a QJsonObject per row: `list --json` over a large
// catalog spent most of its time in those trees.
class CompactJson
{
public:
    static void appendIntegration(QByteArray &out, const Integration &integration);
    static void appendString(QByteArray &out, const QString &text);
};

} // namespace stella
