// SPDX-License-Identifier: Apache-2.0
#include "CompactJson.h"

#include "core/common/Clock.h"
#include "core/model/Integration.h"

#include <QJsonDocument>

namespace stella {

void CompactJson::appendString(QByteArray &out, const QString &text)
{
    static const char kHex[] = "0123456789abcdef";
    const QByteArray utf8 = text.toUtf8();
    out.append('"');
    // Copy runs of bytes that need no escape in one go; most strings are one run.
    const char *run = utf8.constData();
    const char *const end = run + utf8.size();
    for (const char *p = run; p != end; ++p) {
        const auto u = static_cast<unsigned char>(*p);
        if (u >= 0x20 && u != '"' && u != '\\')
            continue;
        out.append(run, p - run);
        run = p + 1;
        switch (u) {
        case '"':
            out.append("\\\"", 2);
            break;
        case '\\':
            out.append("\\\\", 2);
            break;
        case '\b':
            out.append("\\b", 2);
            break;
        case '\f':
            out.append("\\f", 2);
            break;
        case '\n':
            out.append("\\n", 2);
            break;
        case '\r':
            out.append("\\r", 2);
            break;
        case '\t':
            out.append("\\t", 2);
            break;
        default: {
            const char escaped[] = {'\\', 'u', '0', '0', kHex[u >> 4], kHex[u & 0xf]};
            out.append(escaped, sizeof escaped);
        }
        }
    }
    out.append(run, end - run);
    out.append('"');
}

namespace {
void appendKey(QByteArray &out, const char *key, bool first = false)
{
    if (!first)
        out.append(',');
    out.append('"').append(key).append("\":");
}

void appendStringOrNull(QByteArray &out, const QString &text)
{
    if (text.isEmpty())
        out.append("null");
    else
        CompactJson::appendString(out, text);
}

void appendTime(QByteArray &out, const QDateTime &t)
{
    if (t.isValid())
        CompactJson::appendString(out, formatUtc(t));
    else
        out.append("null");
}
} // namespace

void CompactJson::appendIntegration(QByteArray &out, const Integration &i)
{
    // Keys in QJsonObject's order (sorted), so the bytes match Integration::toJson().
    out.append('{');
    appendKey(out, "authRefUri", true);
    appendStringOrNull(out, i.authRefUri);
    if (i.certificateExpiresAt.isValid()) { // as Integration::toJson: only when one was read
        appendKey(out, "certificateExpiresAt");
        appendTime(out, i.certificateExpiresAt);
    }
    appendKey(out, "config");
    if (i.config.isEmpty())
        out.append("{}");
    else
        out.append(QJsonDocument(i.config).toJson(QJsonDocument::Compact));
    appendKey(out, "createdAt");
    appendTime(out, i.createdAt);
    appendKey(out, "endpoint");
    appendString(out, i.endpoint);
    appendKey(out, "folder");
    appendString(out, i.folder);
    appendKey(out, "id");
    appendString(out, i.idString());
    appendKey(out, "lastCheckedAt");
    appendTime(out, i.lastCheckedAt);
    appendKey(out, "name");
    appendString(out, i.name);
    appendKey(out, "provider");
    appendString(out, i.provider);
    appendKey(out, "status");
    appendString(out, toString(i.status));
    appendKey(out, "tags");
    out.append('[');
    for (qsizetype n = 0; n < i.tags.size(); ++n) {
        if (n > 0)
            out.append(',');
        appendString(out, i.tags[n]);
    }
    out.append(']');
    appendKey(out, "tenantId");
    appendString(out, i.tenantId);
    appendKey(out, "tier");
    appendStringOrNull(out, toString(i.tier));
    appendKey(out, "type");
    appendString(out, toString(i.type));
    appendKey(out, "updatedAt");
    appendTime(out, i.updatedAt);
    appendKey(out, "version");
    out.append(QByteArray::number(i.version));
    out.append('}');
}

} // namespace stella
