// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/common/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonValue>
#include <QList>
#include <QStringList>
#include <cstdio>

namespace stella::cli {

// stdout carries results (one JSON document with --json); stderr carries progress and errors.
class Output
{
public:
    explicit Output(bool json) : m_json(json) {}
    ~Output() { flush(); }

    bool json() const { return m_json; }

    void write(const QByteArray &bytes);
    void line(const QString &text) { write(text.toUtf8() + '\n'); }
    void document(const QJsonValue &value); // pretty JSON, then a newline
    void table(const QStringList &headers, const QList<QStringList> &rows);
    void flush();

    static void progress(const QString &text); // stderr, unbuffered
    // Text to stderr; with --json also {"error": {...}} on stdout, so stdout stays one document.
    void error(const Error &error);

private:
    bool m_json;
    QByteArray m_buffer;
};

// Cell text of the tables: "-" for nothing, "never" for a time that has not happened.
QString orDash(const QString &s);
QString timeText(const QDateTime &t);

} // namespace stella::cli
