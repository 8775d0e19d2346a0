// SPDX-License-Identifier: Apache-2.0
// Gitea as its API v1 is published (its swagger, /api/swagger): /api/healthz, /api/v1/version,
// /api/v1/user, /api/v1/repos/search paged by page/limit with X-Total-Count and a Link header
// of absolute links joined by "," without a space, errors {"message","url"}, `Authorization:
// token …`. Played by FakeGitea (tests/support), answering through this scenario's server.
#include "ConnectorTestSupport.h"
#include "FakeGitea.h"
#include "conformance/ConnectorScenario.h"

namespace stella::test::conformance {

namespace {
constexpr int kPageSize = 3;

class GiteaScenario final : public HttpScenario
{
public:
    GiteaScenario()
        : HttpScenario("STELLA_CONFORMANCE_GITEA", "c0nf0rmance9a1b2c3d4e5f60718293a4b5c6d7e8")
    {
        m_gitea.addUser({QStringLiteral("stella"), secret()});
        QList<FakeGitea::Repository> repositories;
        for (const QString &name : m_platform)
            repositories.append({QStringLiteral("platform"), name});
        repositories.append({QStringLiteral("stella"), QStringLiteral("notes"), true});
        m_gitea.setRepositories(repositories);
    }

    QString start() override
    {
        const QString problem = HttpScenario::start();
        m_gitea.setBaseUrl(url());
        return problem;
    }

    Integration integration() const override
    {
        Integration i =
            integrationFor(QStringLiteral("Gitea"), {{QStringLiteral("pageSize"), kPageSize}});
        return i;
    }

    QStringList expectedNames(const QString &resourceType) const override
    {
        if (resourceType == QLatin1String("projects"))
            return {QStringLiteral("platform"), QStringLiteral("stella")};
        QStringList names;
        for (const QString &name : m_platform)
            names.append(QStringLiteral("platform/") + name);
        names.append(QStringLiteral("stella/notes"));
        return names;
    }

protected:
    bool isListing(const Request &request) const override
    {
        return request.path() == "/api/v1/repos/search" &&
               queryValue(request, QStringLiteral("limit")) != QLatin1String("1");
    }

    Response refusal(int status) const override
    {
        return status == 401
                   ? m_gitea.error(401, QStringLiteral("token is required"))
                   : m_gitea.error(403, QStringLiteral("token does not have at least one of "
                                                       "required scope(s): [read:repository]"));
    }

    Response answer(const Request &request) override
    {
        m_gitea.setPaginationLoop(paginationLoops());
        return m_gitea.answer(request);
    }

private:
    const QStringList m_platform = numbered(QStringLiteral("service-%1"), 8);
    FakeGitea m_gitea;
};
} // namespace

std::unique_ptr<ConnectorScenario> giteaScenario()
{
    return std::make_unique<GiteaScenario>();
}

} // namespace stella::test::conformance
