// SPDX-License-Identifier: Apache-2.0
#include "OciAuth.h"

namespace stella {

std::optional<AuthChallenge> AuthChallenge::parse(const QByteArray &header)
{
    const QByteArray text = header.trimmed();
    const qsizetype space = text.indexOf(' ');
    AuthChallenge challenge;
    challenge.scheme = QString::fromLatin1(space < 0 ? text : text.left(space)).toLower();
    if (challenge.scheme.isEmpty())
        return std::nullopt;
    // auth-params: name=token or name="quoted, with commas", separated by commas.
    qsizetype i = space < 0 ? text.size() : space + 1;
    while (i < text.size()) {
        while (i < text.size() && (text[i] == ' ' || text[i] == ','))
            ++i;
        const qsizetype eq = text.indexOf('=', i);
        if (eq < 0)
            break;
        const QString name = QString::fromLatin1(text.mid(i, eq - i).trimmed()).toLower();
        i = eq + 1;
        QByteArray value;
        if (i < text.size() && text[i] == '"') {
            for (++i; i < text.size() && text[i] != '"'; ++i) {
                if (text[i] == '\\' && i + 1 < text.size())
                    ++i;
                value += text[i];
            }
            ++i; // closing quote
        } else {
            const qsizetype comma = text.indexOf(',', i);
            value = text.mid(i, (comma < 0 ? text.size() : comma) - i).trimmed();
            i = comma < 0 ? text.size() : comma;
        }
        challenge.params.insert(name, QString::fromUtf8(value));
    }
    return challenge;
}

} // namespace stella
