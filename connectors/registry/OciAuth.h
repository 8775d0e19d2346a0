// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <optional>

namespace stella {

// A WWW-Authenticate challenge (RFC 9110 §11.6.1): `Bearer realm="…",service="…",scope="…"`
// or `Basic realm="…"`. The OCI distribution token flow starts from the Bearer one.
struct AuthChallenge
{
    QString scheme;                 // lower-case: "bearer", "basic"
    QHash<QString, QString> params; // lower-case names, unquoted values

    static std::optional<AuthChallenge> parse(const QByteArray &header);
};

} // namespace stella
