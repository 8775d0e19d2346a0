// SPDX-License-Identifier: Apache-2.0
// Jenkins' remote access API as Jenkins documents it: /api/json with tree= honoured, folders
// and multibranch projects by job/NAME/, X-Jenkins on every answer, /whoAmI/api/json, Basic
// user:apiToken, 401 (WWW-Authenticate, HTML) for a wrong token and 403 with
// X-You-Are-Authenticated-As / X-Required-Permission for a user without Overall/Read. Played by
// FakeJenkins (tests/support) under the context path /jenkins, through this scenario's server.
// Jenkins does not paginate: a tree query answers a level of jobs whole.
#include "ConnectorTestSupport.h"
#include "FakeJenkins.h"
#include "conformance/ConnectorScenario.h"

namespace stella::test::conformance {

namespace {
class JenkinsScenario final : public HttpScenario
{
public:
    JenkinsScenario()
        : HttpScenario("STELLA_CONFORMANCE_JENKINS", "stella:11c0nf0rmance22a3b4c5d6e7f8")
    {
        m_jenkins.addUser({QStringLiteral("stella"), "11c0nf0rmance22a3b4c5d6e7f8"});
        m_jenkins.setContextPath(QStringLiteral("/jenkins"));
        m_jenkins.setJobs(
            {FakeJenkins::job(QStringLiteral("nightly"), FakeJenkins::kFreestyle, 12,
                              QStringLiteral("SUCCESS")),
             FakeJenkins::folder(
                 QStringLiteral("platform"),
                 {FakeJenkins::job(QStringLiteral("deploy"), FakeJenkins::kPipeline, 40,
                                   QStringLiteral("FAILURE")),
                  FakeJenkins::folder(
                      QStringLiteral("release"),
                      {FakeJenkins::job(QStringLiteral("package"), FakeJenkins::kFreestyle, 7,
                                        QStringLiteral("UNSTABLE")),
                       FakeJenkins::job(QStringLiteral("promote"), FakeJenkins::kPipeline, 0,
                                        QString())})}),
             FakeJenkins::multibranch(QStringLiteral("web"),
                                      {QStringLiteral("main"), QStringLiteral("develop")})});
    }

    QString start() override
    {
        const QString problem = HttpScenario::start();
        m_jenkins.setBaseUrl(url());
        return problem;
    }

    Integration integration() const override
    {
        Integration i = HttpScenario::integrationFor(QStringLiteral("Jenkins"), {});
        i.endpoint = m_jenkins.url().toString();
        return i;
    }

    QStringList expectedNames(const QString &resourceType) const override
    {
        const QStringList pipelines{QStringLiteral("platform/deploy"),
                                    QStringLiteral("platform/release/promote"),
                                    QStringLiteral("web/main"), QStringLiteral("web/develop")};
        if (resourceType == QLatin1String("pipelines"))
            return pipelines;
        return pipelines +
               QStringList{QStringLiteral("nightly"), QStringLiteral("platform/release/package")};
    }

protected:
    bool isListing(const Request &request) const override
    {
        return request.path() == "/jenkins/api/json" && request.target.contains("lastBuild");
    }

    Response refusal(int status) const override
    {
        return status == 401 ? m_jenkins.unauthorized(QStringLiteral("stella"))
                             : m_jenkins.forbidden(QStringLiteral("stella"));
    }

    Response answer(const Request &request) override { return m_jenkins.answer(request); }

private:
    FakeJenkins m_jenkins;
};
} // namespace

std::unique_ptr<ConnectorScenario> jenkinsScenario()
{
    return std::make_unique<JenkinsScenario>();
}

} // namespace stella::test::conformance
