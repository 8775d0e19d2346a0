// SPDX-License-Identifier: Apache-2.0
#include "LinkHeader.h"

#include <cstring>

namespace stella {

namespace {
class Reader
{
public:
    explicit Reader(const QByteArray &text) : m_text(text) {}
    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_pos]; }
    void skipSpace()
    {
        while (!atEnd() && (peek() == ' ' || peek() == '\t'))
            ++m_pos;
    }
    // Everything up to (not including) one of the stop characters. A NUL in the header is an
    // ordinary character here: strchr would find it as the end of `stops` and never move on.
    QByteArray until(const char *stops)
    {
        const qsizetype start = m_pos;
        while (!atEnd() && (peek() == '\0' || !std::strchr(stops, peek())))
            ++m_pos;
        return m_text.mid(start, m_pos - start);
    }
    QByteArray quoted() // after the opening quote; backslash escapes one character
    {
        QByteArray out;
        while (!atEnd()) {
            const char c = m_text[m_pos++];
            if (c == '"')
                break;
            if (c == '\\' && !atEnd())
                out += m_text[m_pos++];
            else
                out += c;
        }
        return out;
    }
    void advance() { ++m_pos; }

private:
    const QByteArray &m_text;
    qsizetype m_pos = 0;
};
} // namespace

QList<WebLink> LinkHeader::parse(const QByteArray &value, const QUrl &base)
{
    QList<WebLink> links;
    Reader r(value);
    while (!r.atEnd()) {
        r.skipSpace();
        if (r.peek() == ',') {
            r.advance();
            continue;
        }
        if (r.peek() != '<') { // not a link: skip to the next one
            r.until(",");
            continue;
        }
        r.advance();
        WebLink link;
        link.target = base.resolved(QUrl::fromEncoded(r.until(">").trimmed()));
        if (r.peek() == '>')
            r.advance();
        for (;;) {
            r.skipSpace();
            if (r.peek() != ';')
                break;
            r.advance();
            r.skipSpace();
            const QString name = QString::fromLatin1(r.until("=;,").trimmed()).toLower();
            QString paramValue;
            r.skipSpace();
            if (r.peek() == '=') {
                r.advance();
                r.skipSpace();
                if (r.peek() == '"') {
                    r.advance();
                    paramValue = QString::fromUtf8(r.quoted());
                } else {
                    paramValue = QString::fromUtf8(r.until(";,").trimmed());
                }
            }
            if (!name.isEmpty() &&
                !link.params.contains(name)) // RFC 8288: the first occurrence counts
                link.params.insert(name, paramValue);
        }
        for (const QString &rel :
             link.params.value(QStringLiteral("rel")).split(QLatin1Char(' '), Qt::SkipEmptyParts))
            link.rels.append(rel.toLower());
        if (link.target.isValid())
            links.append(link);
        r.until(",");
    }
    return links;
}

QList<WebLink> LinkHeader::parse(const HttpHeaders &headers, const QUrl &base)
{
    QList<WebLink> all;
    for (const auto &[name, value] : headers)
        if (name.compare("Link", Qt::CaseInsensitive) == 0)
            all += parse(value, base);
    return all;
}

std::optional<QUrl> LinkHeader::find(const HttpHeaders &headers, const QUrl &base,
                                     const QString &rel)
{
    for (const WebLink &link : parse(headers, base))
        if (link.rels.contains(rel))
            return link.target;
    return std::nullopt;
}

} // namespace stella
