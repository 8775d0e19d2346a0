// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>

namespace stella::guard {

// Reads whole files into one buffer that is reused from file to file (one reader per scanning
// thread): no allocation per file once the buffer has grown to the largest file, and no QFile
// machinery (its engine, its stat) around what is a single open/read/close.
class SourceReader
{
public:
    // Reads at most `limit` bytes of the file into text(); false with errorString() set when
    // the file cannot be opened or read.
    bool read(const QString &path, qint64 limit);
    // The bytes read last. SourceText::decode may change it in place; the next read() reuses
    // its capacity.
    QByteArray &text() { return m_text; }
    QString errorString() const { return m_error; }

private:
    QByteArray m_text;
    QString m_error;
};

} // namespace stella::guard
