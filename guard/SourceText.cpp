// SPDX-License-Identifier: Apache-2.0
#include "SourceText.h"

#include <QString>
#include <cstring>

namespace stella::guard {

bool SourceText::decode(QByteArray &bytes)
{
    const auto *data = reinterpret_cast<const unsigned char *>(bytes.constData());
    const qsizetype size = bytes.size();
    if (size >= 2 &&
        ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF))) {
        const bool little = data[0] == 0xFF;
        const qsizetype units = (size - 2) / 2;
        QString text(units, Qt::Uninitialized);
        char16_t *out = reinterpret_cast<char16_t *>(text.data());
        for (qsizetype i = 0; i < units; ++i) {
            const unsigned char a = data[2 + 2 * i], b = data[3 + 2 * i];
            out[i] = little ? char16_t(a | (b << 8)) : char16_t((a << 8) | b);
        }
        bytes = text.toUtf8();
    } else {
        if (std::memchr(data, 0, size_t(std::min<qsizetype>(size, 8192))))
            return false;
        if (size >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
            bytes.remove(0, 3);
    }
    if (bytes.contains('\r'))
        bytes.replace("\r\n", "\n");
    return true;
}

} // namespace stella::guard
