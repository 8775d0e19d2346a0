// SPDX-License-Identifier: Apache-2.0
#include "Output.h"

#include "core/common/Clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace stella::cli {

namespace {
constexpr qsizetype kFlushThreshold = 1 << 20;
}

void Output::write(const QByteArray &bytes)
{
    m_buffer += bytes;
    if (m_buffer.size() >= kFlushThreshold)
        flush();
}

void Output::flush()
{
    if (m_buffer.isEmpty())
        return;
    std::fwrite(m_buffer.constData(), 1, size_t(m_buffer.size()), stdout);
    std::fflush(stdout);
    m_buffer.clear();
}

void Output::document(const QJsonValue &value)
{
    QJsonDocument doc =
        value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    write(doc.toJson(QJsonDocument::Indented));
}

void Output::table(const QStringList &headers, const QList<QStringList> &rows)
{
    QList<qsizetype> widths;
    for (const QString &h : headers)
        widths.append(h.size());
    for (const QStringList &row : rows)
        for (qsizetype c = 0; c < row.size() && c < widths.size(); ++c)
            widths[c] = std::max(widths[c], row[c].size());
    auto emitRow = [&](const QStringList &cells) {
        QString text;
        for (qsizetype c = 0; c < cells.size(); ++c) {
            if (c + 1 < cells.size())
                text += cells[c].leftJustified(widths[c] + 2);
            else
                text += cells[c];
        }
        line(text);
    };
    emitRow(headers);
    for (const QStringList &row : rows)
        emitRow(row);
}

void Output::progress(const QString &text)
{
    std::fputs(text.toLocal8Bit().constData(), stderr);
    std::fputc('\n', stderr);
    std::fflush(stderr);
}

void Output::error(const Error &e)
{
    if (e.message.isEmpty())
        return; // already reported by the command, which only needs the exit code
    progress(QStringLiteral("error: ") + e.toText());
    if (m_json) {
        QJsonObject o{{QStringLiteral("kind"), errorKindName(e.kind)},
                      {QStringLiteral("message"), e.message},
                      {QStringLiteral("hint"), e.hint},
                      {QStringLiteral("exitCode"), exitCodeFor(e.kind)}};
        if (!e.details.isEmpty())
            o.insert(QStringLiteral("details"), QJsonArray::fromStringList(e.details));
        m_buffer.clear(); // a partial result must not precede the error document
        document(QJsonObject{{QStringLiteral("error"), o}});
    }
}

QString orDash(const QString &s)
{
    return s.isEmpty() ? QStringLiteral("-") : s;
}

QString timeText(const QDateTime &t)
{
    return t.isValid() ? formatUtc(t) : QStringLiteral("never");
}

} // namespace stella::cli
