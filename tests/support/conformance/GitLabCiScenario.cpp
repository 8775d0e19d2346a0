// SPDX-License-Identifier: Apache-2.0
// GitLab CI/CD as documented (docs.gitlab.com/api/rest pagination, api/pipelines, api/jobs,
// api/projects), played by FakeGitLab: PRIVATE-TOKEN, /api/v4/version (401 to anonymous
// callers), the project by its URL-encoded path, its pipelines paged by page/per_page with
// X-Next-Page and an absolute Link, its jobs by keyset pagination (order_by=id, sort=desc, a
// cursor in Link rel="next"), bodies {"message": "..."}.
#include "ConnectorTestSupport.h"
#include "FakeGitLab.h"
#include "conformance/ConnectorScenario.h"

namespace stella::test::conformance {

namespace {
constexpr int kPageSize = 3;
constexpr int kCount = 7;
const QString kProject = QStringLiteral("platform/api");

class GitLabCiScenario final : public HttpScenario
{
public:
    GitLabCiScenario() : HttpScenario("STELLA_CONFORMANCE_GITLABCI", "glpat-C0nformanceCi")
    {
        const int member = m_gitlab.addUser(QStringLiteral("conformance")).id;
        m_gitlab.addGroup(QStringLiteral("platform"));
        const int project = m_gitlab.addProject(kProject, {member}).id;
        for (int n = 0; n < kCount; ++n) {
            const int pipeline =
                m_gitlab
                    .addPipeline(
                        project, QStringLiteral("success"), QStringLiteral("main"),
                        fixedNow().addSecs(-3600 * (kCount - n)).toString(Qt::ISODateWithMs))
                    .id;
            m_gitlab.addJob(project, pipeline, QStringLiteral("build"));
        }
        m_gitlab.addToken(secret(), member, {QStringLiteral("read_api")});
    }

    Integration integration() const override
    {
        Integration i =
            integrationFor(QStringLiteral("GitLabCi"), {{QStringLiteral("projectPath"), kProject},
                                                        {QStringLiteral("pageSize"), kPageSize}});
        return i;
    }

    QStringList expectedNames(const QString &resourceType) const override
    {
        QStringList names;
        if (resourceType == QLatin1String("jobs"))
            for (const FakeGitLab::Job &j : m_gitlab.jobs)
                names.append(QStringLiteral("%1/-/jobs/%2").arg(kProject).arg(j.id));
        else
            for (const FakeGitLab::Pipeline &p : m_gitlab.pipelines)
                names.append(QStringLiteral("%1/-/pipelines/%2").arg(kProject).arg(p.id));
        return names;
    }

protected:
    bool isListing(const Request &request) const override
    {
        return request.path().startsWith("/api/v4/projects/") && request.path().endsWith("/jobs");
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

std::unique_ptr<ConnectorScenario> gitLabCiScenario()
{
    return std::make_unique<GitLabCiScenario>();
}

} // namespace stella::test::conformance
