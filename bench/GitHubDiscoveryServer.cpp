// SPDX-License-Identifier: Apache-2.0
// The loopback GitHub of bench/github-discovery: FakeGitHub with one app, one installation and
// N repositories. Writes the app's private key (made now) to KEYFILE and prints one line,
// "URL TOKEN": the API base and an installation token for the curl baseline. Runs until killed.
//   stella-bench-github-server N KEYFILE
#include "FakeGitHub.h"

#include <QCoreApplication>
#include <QFile>
#include <QTimer>
#include <cstdio>

using stella::test::FakeGitHub;
using stella::test::GitHubTestKeys;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 3 || args[1].toInt() <= 0) {
        std::fprintf(stderr, "usage: stella-bench-github-server N KEYFILE\n");
        return 2;
    }
    const QByteArray key = GitHubTestKeys::rsaPrivatePem();
    QFile out(args[2]);
    if (!out.open(QIODevice::WriteOnly) ||
        !out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
        out.write(key) != key.size()) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(args[2]));
        return 1;
    }
    out.close();

    FakeGitHub github;
    // The CLI signs its JWTs with the system clock: the server's "now" follows it.
    github.setNow(QDateTime::currentDateTimeUtc());
    QTimer tick;
    QObject::connect(&tick, &QTimer::timeout, &github,
                     [&github] { github.setNow(QDateTime::currentDateTimeUtc()); });
    tick.start(1000);
    github.setRateLimit(1000000, 1000000,
                        QDateTime::currentDateTimeUtc().toSecsSinceEpoch() + 3600);
    github.setApp({1, QStringLiteral("stella-bench"), QStringLiteral("Stella bench"),
                   QStringLiteral("bench-org"), GitHubTestKeys::publicPemOf(key)});
    github.addInstallation({1, QStringLiteral("bench-org"), QStringLiteral("Organization"),
                            QJsonObject{{QStringLiteral("checks"), QStringLiteral("write")},
                                        {QStringLiteral("pull_requests"), QStringLiteral("write")},
                                        {QStringLiteral("statuses"), QStringLiteral("write")}}});
    QList<FakeGitHub::Repository> repositories;
    const int n = args[1].toInt();
    for (int i = 0; i < n; ++i)
        repositories.append({QStringLiteral("bench-org"),
                             QStringLiteral("service-%1").arg(i, 5, 10, QLatin1Char('0'))});
    github.setRepositories(1, repositories);
    if (!github.listen()) {
        std::fprintf(stderr, "cannot listen on 127.0.0.1\n");
        return 1;
    }
    std::printf("%s %s\n", qPrintable(github.apiUrl().toString()),
                github.issueToken(1).constData());
    std::fflush(stdout);
    return app.exec();
}
