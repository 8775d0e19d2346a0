// SPDX-License-Identifier: Apache-2.0
#include "LogRedaction.h"

#include <QRegularExpression>
#include <QStringList>
#include <atomic>
#include <cstdio>

namespace stella {

namespace {

// Header names whose whole value is a credential. Case-insensitive, as HTTP header names are.
const char *const kHeaderPattern =
    R"((?<![\w-])(authorization|proxy-authorization|private-token|job-token|x-vault-token|)"
    R"(x-consul-token|x-api-key|x-auth-token|x-registry-auth|set-cookie|cookie))"
    // The separator: "Name: v", "Name=v", QDebug's ("Name", "v"), JSON's "Name": "v".
    R"((["']?\s*[:=,]\s*))"
    // The value: up to its closing quote when quoted (so the next header on the line is
    // matched too), else to the end of the line (a Cookie value holds ';' and spaces).
    R"(("[^"\r\n]*|'[^'\r\n]*|[^\r\n]*))";

// Query-string and key=value parameters whose value is a credential.
const char *const kParameterPattern =
    R"((?<![\w-])(access_token|refresh_token|id_token|auth_token|private_token|job_token|)"
    R"(token|password|passwd|secret|client_secret|api_key|apikey|sig|signature|)"
    R"(x-amz-signature|x-amz-credential|x-amz-security-token|x-goog-signature|)"
    R"(x-goog-credential)=([^&#\s"'<>]+))";

// The same names as JSON members: "password": "value".
const char *const kJsonMemberPattern =
    R"re("(access_token|refresh_token|id_token|private_token|token|password|secret|)re"
    R"re(client_secret|api_key|apiKey|secretKey|secret_key)"\s*:\s*"((?:[^"\\]|\\.)*)")re";

// An authentication scheme followed by its credential, anywhere in the line.
const char *const kSchemePattern = R"(\b(bearer|basic)(\s+)([A-Za-z0-9\-._~+/]+=*))";

// userinfo with a password in a URL: scheme://user:password@host.
// Greedy up to the last '@' before the path, so a password holding '@' is masked whole.
const char *const kUserinfoPattern = R"(\b([a-z][a-z0-9+.-]*://[^/\s:@]*):([^/\s]+)@)";

// Authentication schemes kept in front of a masked header value.
const QRegularExpression &schemePrefix()
{
    static const auto *re = new QRegularExpression( // never destroyed: see redactSecrets()
        QStringLiteral(R"(^(bearer|basic|token|negotiate|digest|aws4-hmac-sha256)\s+)"),
        QRegularExpression::CaseInsensitiveOption);
    return *re;
}

// Never destroyed: Qt logs from its own static destructors at exit (plugin loader debug
// output), after function-local statics of ours would be gone.
const QRegularExpression &compile(const char *pattern)
{
    return *new QRegularExpression(QString::fromLatin1(pattern),
                                   QRegularExpression::CaseInsensitiveOption);
}

// Words that follow "Basic"/"Bearer" in prose ("Basic auth failed"), not credentials.
bool isProse(const QString &word)
{
    // Never destroyed, as the patterns below.
    static const QStringList &words = *new QStringList{QStringLiteral("auth"),
                                                       QStringLiteral("authentication"),
                                                       QStringLiteral("authorization"),
                                                       QStringLiteral("credential"),
                                                       QStringLiteral("credentials"),
                                                       QStringLiteral("token"),
                                                       QStringLiteral("tokens"),
                                                       QStringLiteral("scheme"),
                                                       QStringLiteral("realm"),
                                                       QStringLiteral("slot"),
                                                       QStringLiteral("and"),
                                                       QStringLiteral("or"),
                                                       QStringLiteral("is"),
                                                       QStringLiteral("for")};
    QString w = word;
    while (w.endsWith(QLatin1Char('=')))
        w.chop(1);
    return words.contains(w.toLower());
}

// Replaces capture group `group` of every match with what `mask` returns for the match.
template <typename Mask>
void replaceGroup(QString &text, const QRegularExpression &re, int group, Mask mask)
{
    QString out;
    qsizetype copied = 0;
    auto it = re.globalMatch(text);
    bool changed = false;
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        if (m.capturedLength(group) == 0)
            continue;
        const QString replacement = mask(m);
        if (replacement.isNull())
            continue;
        out += QStringView(text).mid(copied, m.capturedStart(group) - copied);
        out += replacement;
        copied = m.capturedEnd(group);
        changed = true;
    }
    if (!changed)
        return;
    out += QStringView(text).mid(copied);
    text = out;
}

std::atomic<QtMessageHandler> g_previousHandler{nullptr}; // the handler installed before ours

void redactingHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QString safe = redactSecrets(message);
    const QtMessageHandler previous = g_previousHandler.load(std::memory_order_acquire);
    if (previous) {
        previous(type, context, safe);
        return;
    }
    // No handler to hand over to: write what Qt's default would, to stderr.
    std::fprintf(stderr, "%s\n", qPrintable(qFormatLogMessage(type, context, safe)));
    std::fflush(stderr);
}

} // namespace

QString redactSecrets(const QString &line)
{
    // References to objects that live until the process ends: the handler runs during exit.
    static const QRegularExpression &header = compile(kHeaderPattern);
    static const QRegularExpression &parameter = compile(kParameterPattern);
    static const QRegularExpression &jsonMember = compile(kJsonMemberPattern);
    static const QRegularExpression &scheme = compile(kSchemePattern);
    static const QRegularExpression &userinfo = compile(kUserinfoPattern);

    QString text = line;
    // Headers first: a whole header value is masked at once, keeping only its scheme, so
    // the later rules find nothing left to do in it.
    replaceGroup(text, header, 3, [](const QRegularExpressionMatch &m) {
        const QString value = m.captured(3);
        const bool quoted =
            value.startsWith(QLatin1Char('"')) || value.startsWith(QLatin1Char('\''));
        const QString quote = quoted ? value.left(1) : QString();
        const QString body = value.mid(quote.size());
        if (body.trimmed().isEmpty() || body == kRedactedMarker)
            return QString();
        const auto keep = schemePrefix().match(body);
        return quote + (keep.hasMatch() ? keep.captured(0) : QString()) + kRedactedMarker;
    });
    replaceGroup(text, parameter, 2,
                 [](const QRegularExpressionMatch &) { return QString(kRedactedMarker); });
    replaceGroup(text, jsonMember, 2,
                 [](const QRegularExpressionMatch &) { return QString(kRedactedMarker); });
    replaceGroup(text, scheme, 3, [](const QRegularExpressionMatch &m) {
        return isProse(m.captured(3)) ? QString() : QString(kRedactedMarker);
    });
    replaceGroup(text, userinfo, 2,
                 [](const QRegularExpressionMatch &) { return QString(kRedactedMarker); });
    return text;
}

void installRedactingMessageHandler()
{
    static const bool installed = [] {
        g_previousHandler.store(qInstallMessageHandler(redactingHandler),
                                std::memory_order_release);
        return true;
    }();
    Q_UNUSED(installed);
}

} // namespace stella
