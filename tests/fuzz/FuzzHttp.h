// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/http/HttpTypes.h"

namespace stella::fuzz {

// A whole answer from fuzz input, so one input varies status, headers and body together:
//   <status>\n<Name: value>\n...\n\n<body>
// Without a blank line the whole input is the body of a 200.
inline HttpResponse response(const QByteArray &input)
{
    HttpResponse r;
    r.status = 200;
    r.url = QUrl(QStringLiteral("https://api.example.test/v1/items?page=1"));
    const qsizetype blank = input.indexOf("\n\n");
    if (blank < 0) {
        r.body = input;
        return r;
    }
    const QList<QByteArray> lines = input.left(blank).split('\n');
    bool ok = false;
    const int status = lines.first().trimmed().toInt(&ok);
    if (ok)
        r.status = status;
    for (qsizetype i = ok ? 1 : 0; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            r.headers.append({lines[i].left(colon).trimmed(), lines[i].mid(colon + 1).trimmed()});
    }
    r.body = input.mid(blank + 2);
    return r;
}

} // namespace stella::fuzz
