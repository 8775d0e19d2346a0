// SPDX-License-Identifier: Apache-2.0
// GitLab as an SCM, as documented (docs.gitlab.com/api/rest: authentication, pagination;
// api/projects, api/users, api/personal_access_tokens), played by FakeGitLab: PRIVATE-TOKEN,
// /api/v4/version (401 to anonymous callers), /user, /personal_access_tokens/self, and the
// token's memberships from /projects?membership=true by keyset pagination (order_by=id,
// id_after in an absolute Link rel="next" while a page is full), bodies {"message": "..."}.
#include "ConnectorTestSupport.h"
#include "FakeGitLab.h"
#include "conformance/ConnectorScenario.h"

namespace stella::test::conformance {

namespace {
constexpr int kPageSize = 3;

class GitLabServerScenario final : public HttpScenario
{
public:
    GitLabServerScenario() : HttpScenario("STELLA_CONFORMANCE_GITLABSERVER", "glpat-C0nformanceScm")
    {
        const int member = m_gitlab.addUser(QStringLiteral("conformance")).id;
        const int other = m_gitlab.addUser(QStringLiteral("other")).id;
        m_gitlab.addGroup(QStringLiteral("platform"));
        for (const QString &path : numbered(QStringLiteral("platform/svc-%1"), 7))
            m_gitlab.addProject(path, {member});
        m_gitlab.addProject(QStringLiteral("platform/docs"), {member}).repositoryEnabled = false;
        m_gitlab.addProject(QStringLiteral("platform/private"), {other});
        m_gitlab.addToken(secret(), member, {QStringLiteral("api")});
    }

    Integration integration() const override
    {
        Integration i = integrationFor(QStringLiteral("GitLabServer"),
                                       {{QStringLiteral("pageSize"), kPageSize}});
        return i;
    }

    QStringList expectedNames(const QString &resourceType) const override
    {
        QStringList names = numbered(QStringLiteral("platform/svc-%1"), 7);
        if (resourceType == QLatin1String("projects"))
            names.append(QStringLiteral("platform/docs")); // a project without a repository
        return names;
    }

protected:
    bool isListing(const Request &request) const override
    {
        return request.path() == "/api/v4/projects";
    }

    Response refusal(int status) const override
    {
        return FakeGitLab::message(status, status == 401 ? QStringLiteral("401 Unauthorized")
                                                         : QStringLiteral("403 Forbidden"));
    }

    Response answer(const Request &request) override
    {
        m_gitlab.loopPagination = paginationLoops();
        return m_gitlab.answer(request, url());
    }

private:
    FakeGitLab m_gitlab;
};
} // namespace

std::unique_ptr<ConnectorScenario> gitLabServerScenario()
{
    return std::make_unique<GitLabServerScenario>();
}

} // namespace stella::test::conformance
