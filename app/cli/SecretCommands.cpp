// SPDX-License-Identifier: Apache-2.0
// `secret set|delete|check AUTHREF`: the secret's value goes in on stdin and never comes out.
#include "Cli.h"
#include "core/catalog/IntegrationCatalog.h"
#include "core/credentials/AuthRef.h"
#include "core/credentials/KeychainSecretStore.h"

#include <QEventLoop>
#include <QJsonObject>
#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace stella::cli {

namespace {
// Runs one asynchronous call of the resolver to completion on a local event loop.
template <typename R> R await(const std::function<void(std::function<void(R)>)> &call)
{
    std::optional<R> answer;
    QEventLoop loop;
    call([&](R r) {
        answer.emplace(std::move(r));
        loop.quit();
    });
    if (!answer)
        loop.exec();
    return std::move(*answer);
}

// The value from stdin: typed without echo on a terminal, or piped. One trailing newline is
// the end of the line, not part of the secret.
Result<SecretValue> readSecretFromStdin(const QString &uri)
{
    const bool terminal = isatty(STDIN_FILENO);
    termios saved{};
    if (terminal) {
        std::fprintf(stderr, "Secret for %s (input hidden): ", qPrintable(uri));
        std::fflush(stderr);
        tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    QByteArray bytes;
    char buffer[4096];
    for (;;) {
        if (terminal) {
            if (!std::fgets(buffer, sizeof buffer, stdin))
                break;
            bytes.append(buffer);
            if (bytes.endsWith('\n'))
                break;
        } else {
            const size_t n = std::fread(buffer, 1, sizeof buffer, stdin);
            if (n == 0)
                break;
            bytes.append(buffer, qsizetype(n));
        }
    }
    if (terminal) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        std::fputc('\n', stderr);
    }
    if (bytes.endsWith('\n'))
        bytes.chop(1);
    if (bytes.endsWith('\r'))
        bytes.chop(1);
    SecretValue value(bytes);
    bytes.fill('\0'); // our copy of the value goes now, not when the heap is reused
    if (value.isEmpty())
        return Error::invalidInput(
            QStringLiteral("No secret given for %1: standard input was empty").arg(uri),
            QStringLiteral(
                "Pipe the value in, e.g. printf %s \"$TOKEN\" | stella-integrations secret set %1")
                .arg(uri));
    return value;
}
} // namespace

CredentialResolver &Cli::credentials()
{
    if (!m_credentials) {
        m_network = std::make_unique<QNetworkAccessManager>();
        auto vaults = [this](std::function<void(Result<QList<Integration>>)> done) {
            if (auto r = openCatalog(); !r)
                return done(r.error());
            IntegrationFilter filter;
            filter.provider = QStringLiteral("Vault");
            done(catalog().list(m_ctx, filter));
        };
        CredentialResolver::Options options;
        options.sandbox = m_sandbox;
        m_credentials = std::make_unique<CredentialResolver>(*m_network, vaults, options);
    }
    return *m_credentials;
}

Result<void> Cli::secret(const Args &args)
{
    const QString action = args.positionals().at(0);
    auto ref = AuthRef::parse(args.positionals().at(1));
    if (!ref)
        return ref.error();
    const QString uri = ref->toUri();
    CredentialResolver &resolver = credentials();

    if (action == QLatin1String("set")) {
        auto value = readSecretFromStdin(uri);
        if (!value)
            return value.error();
        auto stored = await<Result<void>>([&](auto done) { resolver.store(uri, *value, done); });
        if (!stored)
            return stored.error();
        if (m_out->json())
            m_out->document(
                QJsonObject{{QStringLiteral("authRef"), uri}, {QStringLiteral("stored"), true}});
        else
            m_out->line(QStringLiteral("Stored %1 (%2 bytes)").arg(uri).arg(value->size()));
        return {};
    }
    if (action == QLatin1String("delete")) {
        auto removed = await<Result<void>>([&](auto done) { resolver.remove(uri, done); });
        if (!removed)
            return removed.error();
        if (m_out->json())
            m_out->document(
                QJsonObject{{QStringLiteral("authRef"), uri}, {QStringLiteral("deleted"), true}});
        else
            m_out->line(QStringLiteral("Deleted %1").arg(uri));
        return {};
    }
    if (action == QLatin1String("check")) {
        auto value = await<Result<SecretValue>>([&](auto done) { resolver.resolve(uri, done); });
        if (!value)
            return value.error();
        // The length and the shape, never the value.
        const QString shape =
            value->isBasic() ? QStringLiteral("username:password") : QStringLiteral("token");
        if (m_out->json())
            m_out->document(QJsonObject{{QStringLiteral("authRef"), uri},
                                        {QStringLiteral("resolved"), true},
                                        {QStringLiteral("length"), value->size()},
                                        {QStringLiteral("shape"), shape}});
        else
            m_out->line(QStringLiteral("%1 resolved: %2 bytes, a %3")
                            .arg(uri)
                            .arg(value->size())
                            .arg(shape));
        return {};
    }
    return Error::invalidInput(QStringLiteral("unknown secret action '%1'").arg(action),
                               QStringLiteral("Use: secret set|delete|check AUTHREF"));
}

} // namespace stella::cli
