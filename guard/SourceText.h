// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>

namespace stella::guard {

// Turns a file's bytes into what the rules see: UTF-8 with '\n' line ends.
class SourceText
{
public:
    // In place. UTF-8 (a BOM is dropped), UTF-16 LE/BE with a BOM (converted), CRLF becomes LF
    // (line numbers do not change). Returns false for binary content: a NUL byte in the first
    // 8 KiB of a file without a UTF-16 BOM, as git and grep decide.
    static bool decode(QByteArray &bytes);
};

} // namespace stella::guard
