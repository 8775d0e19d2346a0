// SPDX-License-Identifier: Apache-2.0
#include "GitLabCiConnector.h"

#include "connectors/gitlab/GitLabRest.h"
#include "core/connectors/StepIds.h"
#include "core/model/ResourceTypes.h"

#include <QCoreApplication>

namespace stella {

namespace {
struct GitLabCiText
{
    Q_DECLARE_TR_FUNCTIONS(stella::GitLabCiConnector)
};
} // namespace

namespace {
using Http = gitlab::Http;

struct ProjectRef
{
    qint64 id;
    QString path; // path_with_namespace
};

DiscoveredResource pipelineResource(const QString &project, const QJsonObject &p)
{
    return {ResourceType::Pipelines,
            QStringLiteral("%1/-/pipelines/%2")
                .arg(project)
                .arg(p.value(QStringLiteral("id")).toInteger()),
            {{QStringLiteral("id"), p.value(QStringLiteral("id"))},
             {QStringLiteral("iid"), p.value(QStringLiteral("iid"))},
             {QStringLiteral("project"), project},
             {QStringLiteral("status"), p.value(QStringLiteral("status"))},
             {QStringLiteral("ref"), p.value(QStringLiteral("ref"))},
             {QStringLiteral("sha"), p.value(QStringLiteral("sha"))},
             {QStringLiteral("source"), p.value(QStringLiteral("source"))},
             {QStringLiteral("createdAt"), p.value(QStringLiteral("created_at"))},
             {QStringLiteral("updatedAt"), p.value(QStringLiteral("updated_at"))},
             {QStringLiteral("webUrl"), p.value(QStringLiteral("web_url"))}}};
}

DiscoveredResource jobResource(const QString &project, const QJsonObject &j)
{
    return {
        ResourceType::Jobs,
        QStringLiteral("%1/-/jobs/%2").arg(project).arg(j.value(QStringLiteral("id")).toInteger()),
        {{QStringLiteral("id"), j.value(QStringLiteral("id"))},
         {QStringLiteral("name"), j.value(QStringLiteral("name"))},
         {QStringLiteral("stage"), j.value(QStringLiteral("stage"))},
         {QStringLiteral("status"), j.value(QStringLiteral("status"))},
         {QStringLiteral("ref"), j.value(QStringLiteral("ref"))},
         {QStringLiteral("project"), project},
         {QStringLiteral("pipelineId"),
          j.value(QStringLiteral("pipeline")).toObject().value(QStringLiteral("id"))},
         {QStringLiteral("createdAt"), j.value(QStringLiteral("created_at"))},
         {QStringLiteral("finishedAt"), j.value(QStringLiteral("finished_at"))},
         {QStringLiteral("webUrl"), j.value(QStringLiteral("web_url"))}}};
}

// One project's pipelines (offset: GitLab offers no keyset pagination for them) or jobs
// (keyset, the only order GitLab keysets them in: id descending).
void listProject(const Http &http, const Discovery &discovery, const ProjectRef &project,
                 int perPage, std::function<void()> onEnd)
{
    const bool jobs = discovery.resourceType() == ResourceType::Jobs;
    const QString query =
        jobs ? QStringLiteral(
                   "/projects/%1/jobs?pagination=keyset&order_by=id&sort=desc&per_page=%2")
             : QStringLiteral("/projects/%1/pipelines?per_page=%2&page=1");
    const QString path = project.path;
    http->walkPages(
        gitlab::api(http->session(), query.arg(project.id).arg(perPage)),
        gitlab::pages(http,
                      GitLabCiText::tr("Listing the %1 of %2")
                          .arg(jobs ? QStringLiteral("jobs") : QStringLiteral("pipelines"), path),
                      [discovery, jobs, path](const QJsonArray &items) {
                          QList<DiscoveredResource> page;
                          for (const QJsonValue &v : items)
                              page.append(jobs ? jobResource(path, v.toObject())
                                               : pipelineResource(path, v.toObject()));
                          discovery.reportMatching(page);
                      }),
        std::move(onEnd));
}

// The projects of a group, one after the other.
void listProjects(const Http &http, const Discovery &discovery,
                  const std::shared_ptr<const QList<ProjectRef>> &projects, int index, int perPage)
{
    if (index >= projects->size())
        return discovery.done();
    listProject(http, discovery, projects->at(index), perPage,
                [http, discovery, projects, index, perPage] {
                    listProjects(http, discovery, projects, index + 1, perPage);
                });
}

void listGroup(const Http &http, const Discovery &discovery, const gitlab::Located &group,
               int perPage)
{
    auto projects = std::make_shared<QList<ProjectRef>>();
    http->walkPages(
        gitlab::api(http->session(),
                    QStringLiteral("%1/projects?include_subgroups=true&order_by=id&sort=asc&"
                                   "per_page=%2&page=1")
                        .arg(group.apiPath)
                        .arg(perPage)),
        gitlab::pages(http,
                      GitLabCiText::tr("Listing the projects of group %1")
                          .arg(group.object.value(QStringLiteral("full_path")).toString()),
                      [projects](const QJsonArray &items) {
                          for (const QJsonValue &v : items) {
                              const QJsonObject p = v.toObject();
                              // A project with CI/CD disabled has no pipelines to list.
                              if (p.value(QStringLiteral("builds_access_level")).toString() ==
                                  QLatin1String("disabled"))
                                  continue;
                              projects->append(
                                  {p.value(QStringLiteral("id")).toInteger(),
                                   p.value(QStringLiteral("path_with_namespace")).toString()});
                          }
                      }),
        [http, discovery, projects, perPage] {
            listProjects(http, discovery, projects, 0, perPage);
        });
}

// "latest pipeline on main: success, 3 h ago" for a project; a group's project count.
void describeScope(const Http &http, const Step &step, const gitlab::Located &located,
                   const QString &scopes)
{
    const auto done = [step, scopes](const QString &detail) {
        step.operation()->reportHealth(HealthStatus::Healthy);
        step.pass(scopes + QStringLiteral("; ") + detail);
    };
    if (!located.isProject) {
        const QString group = located.object.value(QStringLiteral("full_path")).toString();
        return http->get(
            gitlab::api(http->session(),
                        located.apiPath + QStringLiteral("/projects?include_subgroups=true&"
                                                         "per_page=1&page=1")),
            [http, step, group, done](const HttpResponse &r) {
                auto items = gitlab::pageItems(
                    *http, r, GitLabCiText::tr("Listing the projects of group %1").arg(group));
                if (!items)
                    return step.fail(items.error());
                const QByteArray total = r.header("X-Total");
                done(GitLabCiText::tr("group %1 with %2 projects (with subgroups)")
                         .arg(group, total.isEmpty() ? GitLabCiText::tr("more than 10,000")
                                                     : QString::fromLatin1(total)));
            });
    }
    const QString project = located.object.value(QStringLiteral("path_with_namespace")).toString();
    const QString branch = located.object.value(QStringLiteral("default_branch")).toString();
    if (branch.isEmpty())
        return done(GitLabCiText::tr("project %1 has no default branch yet (an empty repository)")
                        .arg(project));
    http->get(
        gitlab::api(http->session(),
                    QStringLiteral("/projects/%1/pipelines?ref=%2&per_page=1&page=1")
                        .arg(located.object.value(QStringLiteral("id")).toInteger())
                        .arg(gitlab::pathId(branch))),
        [http, step, project, branch, done](const HttpResponse &r) {
            auto items = gitlab::pageItems(
                *http, r, GitLabCiText::tr("Listing the pipelines of %1").arg(project));
            if (!items)
                return step.fail(items.error());
            if (items->isEmpty())
                return done(
                    GitLabCiText::tr("project %1: no pipeline on %2 yet").arg(project, branch));
            const QJsonObject latest = items->first().toObject();
            const QString when = latest.value(QStringLiteral("updated_at")).toString();
            done(GitLabCiText::tr("project %1: latest pipeline on %2: %3, %4")
                     .arg(project, branch, latest.value(QStringLiteral("status")).toString(),
                          gitlab::ago(http->session(), when)));
        });
}
} // namespace

GitLabCiConnector::GitLabCiConnector(const Integration &integration,
                                     const ConnectorContext &context)
    : GitLabApiConnector(
          integration, context,
          GitLabCiText::tr("Give the token behind %1 the read_api scope and at least "
                           "the Reporter role on the project or group")),
      m_projectPath(gitlab::configuredPath(session().configString(QStringLiteral("projectPath")),
                                           QStringLiteral("projectPath"))),
      m_pageSize(std::min(session().configInt(QStringLiteral("pageSize"), kDefaultPageSize), 100))
{}

ConnectorOperation *GitLabCiConnector::testConnection(QObject *parent)
{
    Run run = beginTestConnection(parent);
    const Http http = run.http;
    const Result<QString> projectPath = m_projectPath;
    run.steps->add(
        StepId::Permission, GitLabCiText::tr("Check the token's scopes and the latest pipeline"),
        [http, projectPath](const Step &step) {
            if (!projectPath)
                return step.fail(projectPath.error());
            gitlab::checkScopes(
                http, step,
                {{QStringLiteral("read_api"), QStringLiteral("to list pipelines and jobs"), true}},
                [http, step, path = *projectPath](const QString &scopes, const QStringList &) {
                    if (path.isEmpty()) {
                        step.operation()->reportHealth(HealthStatus::Healthy);
                        return step.warn(scopes +
                                         GitLabCiText::tr("; no projectPath: set a project or "
                                                          "group path to discover pipelines"));
                    }
                    gitlab::locate(http, path, QStringLiteral("projectPath"),
                                   [http, step, scopes](const gitlab::Located &located) {
                                       describeScope(http, step, located, scopes);
                                   });
                });
        });
    run.steps->start();
    return run.operation;
}

ConnectorOperation *GitLabCiConnector::checkHealth(QObject *parent)
{
    Run run = begin(ConnectorOperation::Kind::HealthCheck, parent);
    run.steps->add(StepId::Health, QStringLiteral("GET /api/v4/version"),
                   [http = run.http](const Step &step) {
                       http->get(gitlab::api(http->session(), QStringLiteral("/version")),
                                 [step](const HttpResponse &response) {
                                     http::finishWithStatusHealth(step, response);
                                 });
                   });
    run.steps->start();
    return run.operation;
}

HttpConnector::DiscoveryBody GitLabCiConnector::discovery(const QString &) const
{
    const Result<QString> projectPath = m_projectPath;
    const int perPage = m_pageSize;
    return [projectPath, perPage](const Http &http, const Discovery &discovery) {
        if (!projectPath)
            return http->fail(projectPath.error());
        if (projectPath->isEmpty())
            return http->fail(Error::invalidInput(
                GitLabCiText::tr("GitLab has no instance-wide list of pipelines or jobs"),
                GitLabCiText::tr(
                    "Set projectPath in the integration's config to a project or group "
                    "path, e.g. platform/api")));
        gitlab::locate(
            http, *projectPath, QStringLiteral("projectPath"),
            [http, discovery, perPage](const gitlab::Located &located) {
                if (!located.isProject)
                    return listGroup(http, discovery, located, perPage);
                listProject(
                    http, discovery,
                    {located.object.value(QStringLiteral("id")).toInteger(),
                     located.object.value(QStringLiteral("path_with_namespace")).toString()},
                    perPage, [discovery] { discovery.done(); });
            });
    };
}

} // namespace stella
