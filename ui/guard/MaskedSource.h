// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "guard/Finding.h"

#include <QList>
#include <QString>

namespace stella::ui {

// A file's text as the guard screen shows it: decoded as the scanner decodes it, each secret
// replaced where it stands by the masked form the reports use (guard::maskSecret), a private
// key's body lines too. Nothing this returns holds a complete secret.
struct MaskedSource
{
    struct Span
    {
        int line = 0;   // 1-based
        int start = 0;  // 0-based, in the masked line
        int length = 0; // 0: the finding marks its whole line
    };

    QString text;
    QList<Span> spans; // one per finding given, in the same order
    bool binary = false;
    bool notUtf8 = false;   // shown with replacement characters
    bool truncated = false; // longer than the preview reads

    static constexpr qint64 kMaxPreviewBytes = 16 * 1024 * 1024;

    static MaskedSource fromFile(const QString &path, const QList<guard::Finding> &findings);
    static MaskedSource fromBytes(QByteArray bytes, const QList<guard::Finding> &findings);
};

} // namespace stella::ui
