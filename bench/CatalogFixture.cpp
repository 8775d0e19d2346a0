// SPDX-License-Identifier: Apache-2.0
// Writes an export document of N realistic integrations (every provider, plausible names,
// endpoints, configs and AuthRefs), deterministic for a given N: the input of the catalog
// benchmarks (import, list --json, console launch and filter).
//   stella-bench-fixture N FILE
#include "core/catalog/CatalogTransfer.h"
#include "core/model/Integration.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonObject>
#include <cstdio>

using namespace stella;

namespace {
struct Kind
{
    const char *provider;
    IntegrationType type;
    const char *host;
    QJsonObject config;
};

QList<Kind> kinds()
{
    return {
        {"Harbor",
         IntegrationType::Registry,
         "harbor",
         {{QStringLiteral("project"), QStringLiteral("library")}}},
        {"DockerRegistry", IntegrationType::Registry, "registry", {}},
        {"GitLabContainerRegistry", IntegrationType::Registry, "gitlab", {}},
        {"Nexus", IntegrationType::Registry, "nexus", {}},
        {"GitHubApp", IntegrationType::Scm, "github", {{QStringLiteral("appId"), 123456}}},
        {"GitLabServer", IntegrationType::Scm, "gitlab", {}},
        {"Gitea", IntegrationType::Scm, "gitea", {}},
        {"GitLabCi", IntegrationType::CiCd, "gitlab", {}},
        {"Jenkins", IntegrationType::CiCd, "jenkins", {}},
        {"Consul", IntegrationType::RuntimeHost, "consul", {}},
        {"S3Compatible",
         IntegrationType::ObjectStorage,
         "s3",
         {{QStringLiteral("bucket"), QStringLiteral("evidence")}}},
        {"OsvMirror", IntegrationType::FeedMirror, "osv", {}},
    };
}

const char *const kTeams[] = {"payments", "search", "platform", "identity",
                              "data",     "mobile", "edge",     "billing"};
const char *const kRegions[] = {"eu-west", "us-east", "ap-south", "eu-central"};
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    bool ok = false;
    const int count = args.size() == 3 ? args[1].toInt(&ok) : 0;
    if (!ok || count <= 0) {
        std::fputs("usage: stella-bench-fixture N FILE\n", stderr);
        return 2;
    }
    const QList<Kind> all = kinds();
    const QUuid ns(QStringLiteral("0b9d7c1e-5a43-4f1f-9d59-2f5e8e1f6a10"));
    QList<Integration> integrations;
    integrations.reserve(count);
    for (int n = 0; n < count; ++n) {
        const Kind &k = all[n % all.size()];
        const QString team = QLatin1String(kTeams[(n / 7) % std::size(kTeams)]);
        const QString region = QLatin1String(kRegions[(n / 3) % std::size(kRegions)]);
        Integration i;
        i.id = QUuid::createUuidV5(ns, QString::number(n));
        i.type = k.type;
        i.provider = QLatin1String(k.provider);
        i.name = QStringLiteral("%1 %2 %3 #%4")
                     .arg(QLatin1String(k.provider), team, region)
                     .arg(n, 6, 10, QLatin1Char('0'));
        i.endpoint =
            QStringLiteral("https://%1-%2.%3.example.com").arg(QLatin1String(k.host), team, region);
        i.config = k.config;
        if (k.type != IntegrationType::FeedMirror)
            i.authRefUri = QStringLiteral("authref://keychain/%1-%2-%3#token")
                               .arg(QLatin1String(k.host), team)
                               .arg(n);
        integrations.append(i);
    }
    QFile out(args[2]);
    if (!out.open(QIODevice::WriteOnly) ||
        out.write(CatalogTransfer::exportDocument(integrations)) < 0) {
        std::fprintf(stderr, "cannot write %s: %s\n", qPrintable(args[2]),
                     qPrintable(out.errorString()));
        return 1;
    }
    return 0;
}
