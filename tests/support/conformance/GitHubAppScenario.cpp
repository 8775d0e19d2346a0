// SPDX-License-Identifier: Apache-2.0
// GitHub's REST API for GitHub Apps as docs.github.com publishes it, played by FakeGitHub: the
// app JWT verified with the public key of a key pair made here, GET /app, GET
// /app/installations/{id}, POST /app/installations/{id}/access_tokens, GET
// /installation/repositories paged by per_page/page with Link (prev, next, last, first), GET
// /rate_limit, {"message","documentation_url"} errors. The listing the faults replace is GET
// /installation/repositories; a wrong token gets GitHub's 401 "Bad credentials", a missing
// permission its 403 "Resource not accessible by integration".
#include "ConnectorTestSupport.h"
#include "FakeGitHub.h"
#include "conformance/ConnectorScenario.h"

namespace stella::test::conformance {

namespace {
constexpr qint64 kAppId = 9001;
constexpr qint64 kInstallation = 44;
constexpr int kRepositories = 230; // three pages of GitHub's largest per_page

class GitHubAppScenario final : public HttpScenario
{
public:
    GitHubAppScenario()
        : HttpScenario("STELLA_CONFORMANCE_GITHUB_APP", GitHubTestKeys::rsaPrivatePem())
    {
        m_github.setNow(fixedNow());
        m_github.setApp({kAppId, QStringLiteral("stella-conformance"),
                         QStringLiteral("Stella conformance"), QStringLiteral("stella-ops"),
                         GitHubTestKeys::publicPemOf(secret())});
        m_github.addInstallation(
            {kInstallation, QStringLiteral("conformance-org"), QStringLiteral("Organization"),
             QJsonObject{{QStringLiteral("checks"), QStringLiteral("write")},
                         {QStringLiteral("pull_requests"), QStringLiteral("write")},
                         {QStringLiteral("statuses"), QStringLiteral("write")},
                         {QStringLiteral("metadata"), QStringLiteral("read")}}});
        QList<FakeGitHub::Repository> repositories;
        for (const QString &name : numbered(QStringLiteral("repo-%1"), kRepositories))
            repositories.append({QStringLiteral("conformance-org"), name});
        m_github.setRepositories(kInstallation, repositories);
        for (const auto &r : std::as_const(repositories))
            m_names.append(r.fullName());
    }

    Integration integration() const override
    {
        Integration i = integrationFor(
            QStringLiteral("GitHubApp"),
            {{QStringLiteral("appId"), kAppId}, {QStringLiteral("installationId"), kInstallation}});
        return i;
    }

    QStringList expectedNames(const QString &resourceType) const override
    {
        return resourceType == QLatin1String("projects")
                   ? QStringList{QStringLiteral("conformance-org")}
                   : m_names;
    }

protected:
    bool isListing(const Request &request) const override
    {
        return request.path() == "/installation/repositories";
    }

    Response refusal(int status) const override
    {
        return status == 401
                   ? m_github.error(401, "Bad credentials")
                   : m_github.error(403, "Resource not accessible by integration",
                                    "https://docs.github.com/rest/apps/installations#list-"
                                    "repositories-accessible-to-the-app-installation");
    }

    Response answer(const Request &request) override
    {
        m_github.setServerUrl(url());
        m_github.setPaginationLoops(paginationLoops());
        return m_github.handle(request);
    }

private:
    FakeGitHub m_github;
    QStringList m_names;
};
} // namespace

std::unique_ptr<ConnectorScenario> gitHubAppScenario()
{
    return std::make_unique<GitHubAppScenario>();
}

} // namespace stella::test::conformance
